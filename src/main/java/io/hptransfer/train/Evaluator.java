package io.hptransfer.train;

import io.hptransfer.data.ImageDataset;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Test loss (mean cross-entropy, no regularisation term) and accuracy over a whole split. */
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
                    .reshape('c', end - start, d.channels(), d.height(), d.width());
            INDArray p = graph.output(false, x)[0];
            int[] pred = p.argMax(1).toIntVector();
            for (int i = 0; i < end - start; i++) {
                int y = d.labels()[start + i];
                lossSum -= Math.log(Math.max(p.getDouble(i, y), 1e-30));
                if (pred[i] == y) correct++;
            }
            Nd4j.getMemoryManager().invokeGcOccasionally();
        }
        return new Score(lossSum / d.size(), (double) correct / d.size());
    }
}
