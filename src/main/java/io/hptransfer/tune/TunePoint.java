package io.hptransfer.tune;

import io.hptransfer.optim.OptimizerConfig;
import io.hptransfer.sweep.TrialKey;
import io.hptransfer.train.TrainConfig;

import java.util.Locale;

/** One point of the tuned space, all in log2 units: LR, and optionally output multiplier and init scale. */
public record TunePoint(double log2Lr, double log2OutputMult, double log2InitScale) {

    public double[] x(boolean[] active) {
        double[] all = {log2Lr, log2OutputMult, log2InitScale};
        int n = 0;
        for (boolean a : active) if (a) n++;
        double[] out = new double[n];
        for (int i = 0, j = 0; i < 3; i++) if (active[i]) out[j++] = all[i];
        return out;
    }

    public String id(long seed) {
        return String.format(Locale.ROOT, "lr%+.3f_om%+.3f_is%+.3f_s%d", log2Lr, log2OutputMult, log2InitScale, seed);
    }

    /** The base config with this point's LR, output multiplier and init scale. */
    public TrainConfig apply(TrainConfig base, long seed) {
        OptimizerConfig o = base.optimizer();
        OptimizerConfig oo = new OptimizerConfig(o.kind(), Math.pow(2, log2Lr), o.momentum(), o.beta1(), o.beta2(), o.epsilon(),
                o.weightDecay(), o.decoupledWeightDecay());
        return TrainConfig.of(base.data(), base.model().withMultipliers(Math.pow(2, log2OutputMult), Math.pow(2, log2InitScale)),
                base.parameterization(), oo, base.schedule(), base.steps(), base.batch(), seed, base.evalEvery(),
                base.checkpointEvery());
    }

    public TrialKey key(TrainConfig base, long seed) {
        return new TrialKey(base.parameterization(), base.optimizer().kind().key(), base.model().width(),
                base.model().depth(), log2Lr, seed);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "log2 lr %+.2f, log2 output mult %+.2f, log2 init scale %+.2f", log2Lr, log2OutputMult, log2InitScale);
    }
}
