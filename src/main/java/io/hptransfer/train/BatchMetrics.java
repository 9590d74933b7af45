package io.hptransfer.train;

import io.hptransfer.model.Readout;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * The training batch's loss and accuracy, read off the forward pass DL4J already does (no extra
 * forward). DL4J leaves the output layer out of that pass, so the logits are rebuilt from the
 * readout's input (x W + b, a [batch, classes] product); the loss is {@link CrossEntropy} of
 * those logits, not DL4J's clipped score.
 */
public final class BatchMetrics extends BaseTrainingListener {
    private int[] labels;
    private double loss = Double.NaN;
    private double accuracy = Double.NaN;

    /** Call before each fit with that batch's labels. */
    public void expect(int[] batchLabels) {
        this.labels = batchLabels;
        this.loss = Double.NaN;
        this.accuracy = Double.NaN;
    }

    /** Mean cross-entropy of the last batch, on the weights before its update. */
    public double loss() {
        return loss;
    }

    public double accuracy() {
        return accuracy;
    }

    @Override
    public void onForwardPass(Model model, Map<String, INDArray> activations) {
        INDArray x = activations.get(Readout.inputOf((ComputationGraph) model));
        if (x == null || labels == null) return;
        INDArray logits = Readout.logits((ComputationGraph) model, x);
        double[] z = logits.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        int classes = (int) logits.size(1);
        loss = CrossEntropy.mean(z, classes, labels);
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            int best = 0;
            for (int k = 1; k < classes; k++) if (z[i * classes + k] > z[i * classes + best]) best = k;
            if (best == labels[i]) correct++;
        }
        accuracy = (double) correct / labels.length;
    }
}
