package io.hptransfer.train;

import io.hptransfer.data.ImageDataset;
import io.hptransfer.model.Readout;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.List;

/** Test loss (mean cross-entropy from the logits, no regularisation term) and accuracy over a whole split. */
public final class Evaluator {
    private static final int CHUNK = 500;

    private Evaluator() {
    }

    public record Score(double loss, double accuracy) {
    }

    public static Score evaluate(ComputationGraph graph, ImageDataset d) {
        double lossSum = 0;
        long correct = 0;
        for (int start = 0; start < d.size(); start += CHUNK) {
            int end = Math.min(d.size(), start + CHUNK);
            INDArray x = d.images().get(NDArrayIndex.interval(start, end), NDArrayIndex.all())
                    .reshape('c', end - start, d.channels(), d.height(), d.width()).castTo(graph.params().dataType());
            // the readout's input, then x W + b: the softmax output would underflow for a confidently wrong net
            INDArray features = graph.output(List.of(Readout.inputOf(graph)), false, new INDArray[]{x}, null)[0];
            INDArray logits = Readout.logits(graph, features);
            double[] z = logits.castTo(DataType.DOUBLE).dup('c').data().asDouble();
            int classes = (int) logits.size(1);
            int[] labels = java.util.Arrays.copyOfRange(d.labels(), start, end);
            lossSum += CrossEntropy.sum(z, classes, labels);
            for (int i = 0; i < labels.length; i++) {
                int best = 0;
                for (int k = 1; k < classes; k++) if (z[i * classes + k] > z[i * classes + best]) best = k;
                if (best == labels[i]) correct++;
            }
            Nd4j.getMemoryManager().invokeGcOccasionally();
        }
        return new Score(lossSum / d.size(), (double) correct / d.size());
    }
}
