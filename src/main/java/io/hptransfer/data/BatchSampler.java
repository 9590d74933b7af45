package io.hptransfer.data;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.SplittableRandom;

/**
 * Minibatch of a given step, as a pure function of (seed, step): epoch-wise shuffling and
 * augmentation draw from RNGs seeded by the step, so a resumed run sees exactly the batches
 * an uninterrupted run would have.
 */
public final class BatchSampler {
    private final ImageDataset data;
    private final int batch;
    private final long seed;
    private final boolean augment;
    private final int batchesPerEpoch;
    private int cachedEpoch = -1;
    private int[] order;

    public BatchSampler(ImageDataset data, int batch, long seed, boolean augment) {
        if (batch < 1) throw new IllegalArgumentException("batch size must be >= 1, got " + batch);
        if (batch > data.size()) {
            throw new IllegalArgumentException("batch size " + batch + " exceeds the " + data.size()
                    + " training images: use a smaller --batch");
        }
        this.data = data;
        this.batch = batch;
        this.seed = seed;
        this.augment = augment;
        this.batchesPerEpoch = data.size() / batch; // drop the ragged last batch: fixed batch size
    }

    public int batchesPerEpoch() {
        return batchesPerEpoch;
    }

    /** Example indices of the batch at this global step. */
    public int[] indices(long step) {
        int epoch = (int) (step / batchesPerEpoch);
        if (epoch != cachedEpoch) {
            order = permutation(data.size(), new SplittableRandom(seed * 1_000_003L + epoch));
            cachedEpoch = epoch;
        }
        int[] idx = new int[batch];
        System.arraycopy(order, (int) (step % batchesPerEpoch) * batch, idx, 0, batch);
        return idx;
    }

    /** A step's minibatch and its integer labels (for accuracy without re-deriving the indices). */
    public record Batch(DataSet data, int[] labels) {
    }

    public Batch batch(long step) {
        int[] idx = indices(step);
        INDArray x = Nd4j.pullRows(data.images(), 1, idx);
        if (augment) x = Augmentation.cropAndFlip(x, data.channels(), data.height(), data.width(),
                new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (step + 1))));
        x = x.reshape('c', batch, data.channels(), data.height(), data.width());
        int[] labels = new int[batch];
        for (int i = 0; i < batch; i++) labels[i] = data.labels()[idx[i]];
        return new Batch(new DataSet(x, oneHot(labels)), labels);
    }

    /** Built in Java and copied once, not one native putScalar per row. */
    private INDArray oneHot(int[] labels) {
        float[] y = new float[labels.length * data.numClasses()];
        for (int i = 0; i < labels.length; i++) y[i * data.numClasses() + labels[i]] = 1f;
        return Nd4j.create(y, new long[]{labels.length, data.numClasses()}, 'c').castTo(data.images().dataType());
    }

    static int[] permutation(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
