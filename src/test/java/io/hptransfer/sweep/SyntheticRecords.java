package io.hptransfer.sweep;

import io.hptransfer.data.DataConfig;
import io.hptransfer.model.ResNetConfig;
import io.hptransfer.optim.OptimizerConfig;
import io.hptransfer.optim.ScheduleConfig;
import io.hptransfer.train.TrainConfig;

/** Trial records with losses given by the test, for analysis tests that need no training. */
public final class SyntheticRecords {
    private SyntheticRecords() {
    }

    public static TrialRecord record(String param, int width, int depth, double log2Lr, long seed, double loss) {
        TrialKey k = new TrialKey(io.hptransfer.param.Parameterization.parse(param), "adam", width, depth, log2Lr, seed);
        boolean diverged = loss == Double.POSITIVE_INFINITY;
        TrainConfig cfg = new TrainConfig(DataConfig.bundled(), io.hptransfer.model.Arch.RESNET, ResNetConfig.of(width, depth), null, null, k.param(),
                OptimizerConfig.adam(k.lr()), ScheduleConfig.constant(), 10, 8, seed, 0, 0);
        return new TrialRecord(k.id(), k, diverged, 10, loss, loss, diverged ? 0 : 0.5, loss + 0.1, diverged ? 0 : 0.5, loss + 0.1,
                0.5, 1.0, 100.0, "2026-01-01T00:00:00Z", cfg);
    }
}
