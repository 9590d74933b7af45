package io.hptransfer.coord;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The per-layer quantities a coordinate check tracks, read off one forward pass: for each
 * tracked layer, mean |activation| (l1), RMS, and mean |a_t - a_0| (change since init).
 * Which layers are tracked is the model's {@link io.hptransfer.model.ActivationProbe}: stem output,
 * first/last residual-branch outputs, residual stream after the first/last block, readout logits.
 */
public final class CoordStats {
    private CoordStats() {
    }

    public static double l1(INDArray a) {
        return a.norm1Number().doubleValue() / a.length();
    }

    public static double rms(INDArray a) {
        return a.norm2Number().doubleValue() / Math.sqrt(a.length());
    }

    public static double deltaL1(INDArray a, INDArray a0) {
        return a.sub(a0).norm1Number().doubleValue() / a.length();
    }
}
