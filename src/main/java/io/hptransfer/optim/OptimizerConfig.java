package io.hptransfer.optim;

import io.hptransfer.param.Optimizer;

/**
 * Base optimizer hyperparameters (the values at the base shape; the rule table scales them per tensor).
 *
 * @param momentum       SGD only: 0 = plain SGD, else DL4J's Nesterov momentum (its only momentum form)
 * @param weightDecay    coefficient on weights (not biases or norm params)
 * @param decoupledWeightDecay true: AdamW-style w -= lr*wd*w after the update; false: L2 added to the gradient
 */
public record OptimizerConfig(Optimizer kind, double lr, double momentum, double beta1, double beta2,
                              double epsilon, double weightDecay, boolean decoupledWeightDecay) {

    // Every optimizer default is here: the CLI, sweep specs and the factories below read them.
    public static final double MOMENTUM = 0;
    public static final double BETA1 = 0.9;
    public static final double BETA2 = 0.999;
    public static final double EPSILON = 1e-8;
    public static final double WEIGHT_DECAY = 0;
    public static final boolean DECOUPLED_WEIGHT_DECAY = true;

    public OptimizerConfig {
        if (kind == null) throw new IllegalArgumentException("optimizer is missing: use sgd or adam");
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("learning rate must be a finite number > 0, got " + lr);
        }
        if (!(momentum >= 0 && momentum < 1)) throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("Adam betas must be in [0, 1), got " + beta1 + ", " + beta2);
        }
        if (!(epsilon > 0)) throw new IllegalArgumentException("Adam epsilon must be > 0, got " + epsilon);
        if (!(weightDecay >= 0)) throw new IllegalArgumentException("weight decay must be >= 0, got " + weightDecay);
    }

    public static OptimizerConfig sgd(double lr) {
        return new OptimizerConfig(Optimizer.SGD, lr, MOMENTUM, BETA1, BETA2, EPSILON, WEIGHT_DECAY, DECOUPLED_WEIGHT_DECAY);
    }

    public static OptimizerConfig adam(double lr) {
        return new OptimizerConfig(Optimizer.ADAM, lr, MOMENTUM, BETA1, BETA2, EPSILON, WEIGHT_DECAY, DECOUPLED_WEIGHT_DECAY);
    }
}
