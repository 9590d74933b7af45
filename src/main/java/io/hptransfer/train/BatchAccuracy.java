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
    private final String outputLayer;
    private final String readoutInput;
    private int[] labels;
    private double accuracy = Double.NaN;

    BatchAccuracy(String outputLayer, String readoutInput) {
        this.outputLayer = outputLayer;
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
        org.deeplearning4j.nn.api.Layer out = ((org.deeplearning4j.nn.graph.ComputationGraph) model).getLayer(outputLayer);
        INDArray pred = x.mmul(out.getParam("W")).addiRowVector(out.getParam("b")).argMax(1);
        int correct = 0;
        for (int i = 0; i < labels.length; i++) if (pred.getInt(i) == labels[i]) correct++;
        accuracy = (double) correct / labels.length;
    }
}
