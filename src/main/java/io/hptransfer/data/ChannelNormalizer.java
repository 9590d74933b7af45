package io.hptransfer.data;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Per-channel standardisation with statistics of the training split only (no test leakage). */
public record ChannelNormalizer(double[] mean, double[] std) {

    public static ChannelNormalizer fit(ImageDataset train) {
        int c = train.channels(), hw = train.height() * train.width();
        double[] mean = new double[c], std = new double[c];
        for (int ch = 0; ch < c; ch++) {
            INDArray plane = plane(train.images(), ch, hw);
            mean[ch] = plane.meanNumber().doubleValue();
            std[ch] = Math.max(1e-6, plane.stdNumber().doubleValue());
        }
        return new ChannelNormalizer(mean, std);
    }

    public TrainTest applyTo(TrainTest tt) {
        return new TrainTest(apply(tt.train()), apply(tt.test()));
    }

    private ImageDataset apply(ImageDataset d) {
        int hw = d.height() * d.width();
        INDArray x = d.images().dup();
        for (int ch = 0; ch < d.channels(); ch++) {
            plane(x, ch, hw).subi(mean[ch]).divi(std[ch]);
        }
        return new ImageDataset(d.name(), x, d.labels(), d.channels(), d.height(), d.width(), d.numClasses());
    }

    /** Channel ch of [N, C*H*W] rows, as a view. */
    private static INDArray plane(INDArray images, int ch, int hw) {
        return images.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval((long) ch * hw, (long) (ch + 1) * hw));
    }
}
