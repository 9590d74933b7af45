package io.hptransfer.train;

import io.hptransfer.data.DataConfig;
import io.hptransfer.model.ResNetConfig;
import io.hptransfer.optim.OptimizerConfig;
import io.hptransfer.optim.ScheduleConfig;
import io.hptransfer.param.Parameterization;

/**
 * Everything that defines one training run; serialised to checkpoints/&lt;run&gt;/config.json.
 *
 * @param parameterization sp, mup, mup-depth, completep or mup-alpha&lt;x&gt;
 * @param steps            optimizer steps (the CLI converts --epochs to steps)
 * @param evalEvery        evaluate on the test split every this many steps (and at the end); 0 = end only
 * @param checkpointEvery  save a resumable checkpoint every this many steps (and at the end)
 */
public record TrainConfig(DataConfig data, String arch, ResNetConfig resnet, String parameterization,
                          OptimizerConfig optimizer, ScheduleConfig schedule, int steps, int batch, long seed,
                          int evalEvery, int checkpointEvery) {
    public TrainConfig {
        if (!"resnet".equals(arch)) throw new IllegalArgumentException("unknown arch '" + arch + "': use resnet");
        Parameterization.parse(parameterization);
        if (steps < 1) throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        if (batch < 1) throw new IllegalArgumentException("batch must be >= 1, got " + batch);
        if (evalEvery < 0 || checkpointEvery < 0) throw new IllegalArgumentException("eval/checkpoint intervals must be >= 0");
    }

    public Parameterization param() {
        return Parameterization.parse(parameterization);
    }
}
