package io.hptransfer.optim;

import io.hptransfer.param.LayerRule;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;

import java.util.List;

/** Turns a tensor's {@link LayerRule} into the DL4J updater and regularization that realise it. */
public final class UpdaterFactory {
    private final OptimizerConfig opt;
    private final ScheduleConfig schedule;
    private final int totalSteps;
    private final boolean frozen;

    public UpdaterFactory(OptimizerConfig opt, ScheduleConfig schedule, int totalSteps) {
        this(opt, schedule, totalSteps, false);
    }

    private UpdaterFactory(OptimizerConfig opt, ScheduleConfig schedule, int totalSteps, boolean frozen) {
        this.opt = opt;
        this.schedule = schedule;
        this.totalSteps = totalSteps;
        this.frozen = frozen;
    }

    /** NoOp updaters everywhere: what DL4J's finite-difference gradient check requires. */
    public static UpdaterFactory frozen() {
        return new UpdaterFactory(OptimizerConfig.sgd(1), ScheduleConfig.constant(), 1, true);
    }

    public IUpdater updater(LayerRule rule) {
        if (frozen) return new org.nd4j.linalg.learning.config.NoOp();
        ScaledSchedule lr = new ScaledSchedule(opt.lr() * rule.lrMult(), schedule, totalSteps);
        // PyTorch's Adam and Nesterov momentum, not DL4J's: `hpt parity` measures the two runs as one computation
        return switch (opt.kind()) {
            case SGD -> opt.momentum() == 0 ? new Sgd(lr) : new PyTorchNesterov(lr, opt.momentum());
            case ADAM -> new PyTorchAdam(lr, opt.beta1(), opt.beta2(), opt.epsilon() * rule.adamEpsMult());
        };
    }

    /** Weight decay for a weight tensor (biases and norm parameters get none). */
    public List<Regularization> weightDecay(LayerRule rule) {
        if (opt.weightDecay() == 0) return List.of();
        double c = opt.weightDecay() * rule.weightDecayMult();
        return List.of(opt.decoupledWeightDecay() ? new WeightDecay(c, true) : new L2Regularization(c));
    }
}
