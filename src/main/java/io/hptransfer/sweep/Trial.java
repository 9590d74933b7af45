package io.hptransfer.sweep;

import io.hptransfer.train.TrainConfig;

/** One training run of a sweep: its key and the complete config it trains. */
public record Trial(TrialKey key, TrainConfig config) {
    public String id() {
        return key.id();
    }

    /**
     * Rough seconds on a 2-core CPU, for the ETA and for running cheap trials first: forward+backward
     * FLOPs at ~170 GFLOP/s plus ~12 ms per residual block per step (DL4J's per-layer overhead,
     * which dominates narrow deep nets; measured on the bundled data).
     */
    public double cost() {
        double flops = 3 * config.model().forwardFlops(1, 28) * config.batch();
        if (Double.isNaN(flops)) flops = 3 * config.model().forwardFlops(1, 32) * config.batch();
        return config.steps() * (flops / 1.7e11 + 0.012 * config.model().depth() + 0.01);
    }
}
