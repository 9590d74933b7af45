package io.hptransfer.sweep;

import io.hptransfer.optim.OptimizerConfig;
import io.hptransfer.param.Optimizer;

/**
 * One optimizer of a sweep and its LR grid (SGD and Adam optima are octaves apart, so each has
 * its own). Unset fields take the defaults of `hpt train`.
 */
public record OptimizerGrid(String kind, Log2Grid log2Lr, Double momentum, Double beta1, Double beta2, Double eps,
                            Double weightDecay, String wdMode) {
    public OptimizerGrid {
        if (kind == null) throw new IllegalArgumentException("optimizer kind is missing: use sgd or adam");
        Optimizer.parse(kind);
        if (log2Lr == null) throw new IllegalArgumentException("optimizer " + kind + " has no log2Lr grid, e.g. log2Lr: {from: -12, to: -6, step: 1}");
        if (momentum == null) momentum = OptimizerConfig.MOMENTUM;
        if (beta1 == null) beta1 = OptimizerConfig.BETA1;
        if (beta2 == null) beta2 = OptimizerConfig.BETA2;
        if (eps == null) eps = OptimizerConfig.EPSILON;
        if (weightDecay == null) weightDecay = OptimizerConfig.WEIGHT_DECAY;
        if (wdMode == null) wdMode = OptimizerConfig.DECOUPLED_WEIGHT_DECAY ? "decoupled" : "coupled";
        if (!wdMode.equals("decoupled") && !wdMode.equals("coupled")) {
            throw new IllegalArgumentException("unknown wdMode '" + wdMode + "': use decoupled or coupled");
        }
        // validates momentum, betas, eps and weight decay now, not mid-sweep (fields are not assigned yet: use parameters)
        new OptimizerConfig(Optimizer.parse(kind), Math.pow(2, log2Lr.from()), momentum, beta1, beta2, eps, weightDecay, true);
    }

    public Optimizer optimizer() {
        return Optimizer.parse(kind);
    }

    public String label() {
        return optimizer().key();
    }

    public OptimizerConfig config(double lr) {
        return new OptimizerConfig(optimizer(), lr, momentum, beta1, beta2, eps, weightDecay, wdMode.equals("decoupled"));
    }
}
