package io.hptransfer.train;

import io.hptransfer.data.DataConfig;
import io.hptransfer.model.ArchConfig;
import io.hptransfer.model.ResNetConfig;
import io.hptransfer.model.VitConfig;
import io.hptransfer.optim.OptimizerConfig;
import io.hptransfer.optim.ScheduleConfig;
import io.hptransfer.param.Parameterization;

/**
 * Everything that defines one training run; serialised to checkpoints/&lt;run&gt;/config.json.
 *
 * @param arch             resnet (uses {@code resnet}) or vit (uses {@code vit}); the other is null
 * @param parameterization sp, mup, mup-depth, completep or mup-alpha&lt;x&gt;
 * @param steps            optimizer steps (the CLI converts --epochs to steps)
 * @param evalEvery        evaluate on the test split every this many steps (and at the end); 0 = end only
 * @param checkpointEvery  save a resumable checkpoint every this many steps (and at the end)
 */
public record TrainConfig(DataConfig data, String arch, ResNetConfig resnet, VitConfig vit, String parameterization,
                          OptimizerConfig optimizer, ScheduleConfig schedule, int steps, int batch, long seed,
                          int evalEvery, int checkpointEvery) {
    public TrainConfig {
        switch (arch == null ? "" : arch) {
            case "resnet" -> {
                if (resnet == null) throw new IllegalArgumentException("arch resnet needs its resnet settings");
                vit = null;
            }
            case "vit" -> {
                if (vit == null) throw new IllegalArgumentException("arch vit needs its vit settings");
                resnet = null;
            }
            default -> throw new IllegalArgumentException("unknown arch '" + arch + "': use resnet or vit");
        }
        Parameterization.parse(parameterization);
        if (steps < 1) throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        if (batch < 1) throw new IllegalArgumentException("batch must be >= 1, got " + batch);
        if (evalEvery < 0 || checkpointEvery < 0) throw new IllegalArgumentException("eval/checkpoint intervals must be >= 0");
    }

    /** One of the two architectures' configs, as the common view the trainer and sweeps use. */
    public static TrainConfig of(DataConfig data, ArchConfig model, String parameterization, OptimizerConfig optimizer,
                                 ScheduleConfig schedule, int steps, int batch, long seed, int evalEvery, int checkpointEvery) {
        return new TrainConfig(data, model instanceof VitConfig ? "vit" : "resnet",
                model instanceof ResNetConfig r ? r : null, model instanceof VitConfig v ? v : null, parameterization,
                optimizer, schedule, steps, batch, seed, evalEvery, checkpointEvery);
    }

    public ArchConfig model() {
        return "vit".equals(arch) ? vit : resnet;
    }

    /** The same training with checkpoints at another interval: resuming is exact, so the results are the same. */
    public TrainConfig withCheckpointEvery(int n) {
        return new TrainConfig(data, arch, resnet, vit, parameterization, optimizer, schedule, steps, batch, seed, evalEvery, n);
    }

    /** Whether two configs train to the same results (everything but the checkpoint interval). */
    public boolean sameResultsAs(TrainConfig o) {
        return o != null && withCheckpointEvery(0).equals(o.withCheckpointEvery(0));
    }

    public TrainConfig withSteps(int n) {
        return new TrainConfig(data, arch, resnet, vit, parameterization, optimizer, schedule, n, batch, seed, evalEvery,
                checkpointEvery);
    }

    public Parameterization param() {
        return Parameterization.parse(parameterization);
    }
}
