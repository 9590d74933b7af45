package io.hptransfer.train;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * Reads training-batch accuracy off the forward pass DL4J already does (no extra forward). DL4J
 * leaves the output layer out of that pass, so the logits are rebuilt from the readout's input
 * (argmax of softmax = argmax of x W + b).
 */
final class BatchAccuracy extends BaseTrainingListener {
    private final String readoutInput;
    private int[] labels;
    private double accuracy = Double.NaN;

    BatchAccuracy(String readoutInput) {
        this.readoutInput = readoutInput;
    }

    void expect(int[] batchLabels) {
        this.labels = batchLabels;
        this.accuracy = Double.NaN;
    }

    double accuracy() {
        return accuracy;
    }

    @Override
    public void onForwardPass(Model model, Map<String, INDArray> activations) {
        INDArray x = activations.get(readoutInput);
        if (x == null || labels == null) return;
        int[] pred = io.hptransfer.model.ResNetBuilder.logits((org.deeplearning4j.nn.graph.ComputationGraph) model, x)
                .argMax(1).toIntVector();
        int correct = 0;
        for (int i = 0; i < labels.length; i++) if (pred[i] == labels[i]) correct++;
        accuracy = (double) correct / labels.length;
    }
}
