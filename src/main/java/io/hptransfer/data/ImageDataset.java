package io.hptransfer.data;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Images held in memory as one NDArray [N, C*H*W] (float, NCHW order per row) plus int labels,
 * so training never waits on decoding.
 */
public record ImageDataset(String name, INDArray images, int[] labels, int channels, int height, int width,
                           int numClasses) {
    public ImageDataset {
        if (images.rows() != labels.length) {
            throw new DataException(name + ": " + images.rows() + " images but " + labels.length + " labels");
        }
        for (int l : labels) {
            if (l < 0 || l >= numClasses) {
                throw new DataException(name + ": label " + l + " outside 0.." + (numClasses - 1) + " (corrupt file?)");
            }
        }
    }

    public int size() {
        return labels.length;
    }

    public int pixelsPerImage() {
        return channels * height * width;
    }
}
