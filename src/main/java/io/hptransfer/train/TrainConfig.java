package io.hptransfer.train;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.hptransfer.data.DataConfig;
import io.hptransfer.model.Arch;
import io.hptransfer.model.ArchConfig;
import io.hptransfer.model.ResNetConfig;
import io.hptransfer.model.VitConfig;
import io.hptransfer.mup.UserModelConfig;
import io.hptransfer.optim.OptimizerConfig;
import io.hptransfer.optim.ScheduleConfig;
import io.hptransfer.param.Parameterization;

/**
 * Everything that defines one training run; serialised to checkpoints/&lt;run&gt;/config.json.
 * The model is one of the families' configs ({@link #model()}); on disk it stays the arch key plus one
 * settings object per family (the other null), the layout every existing config.json has.
 *
 * @param arch             which of {@code resnet}, {@code vit} and {@code user} holds the model ({@code user} is
 *                         left out of config.json when null, so configs of the two built-in families read as before)
 * @param parameterization sp, mup, mup-depth, completep or mup-alpha&lt;x&gt;
 * @param steps            optimizer steps (the CLI converts --epochs to steps)
 * @param evalEvery        evaluate on the test split every this many steps (and at the end); 0 = end only
 * @param checkpointEvery  save a resumable checkpoint every this many steps (and at the end)
 */
public record TrainConfig(DataConfig data, Arch arch, ResNetConfig resnet, VitConfig vit,
                          @JsonInclude(JsonInclude.Include.NON_NULL) UserModelConfig user, Parameterization parameterization,
                          OptimizerConfig optimizer, ScheduleConfig schedule, int steps, int batch, long seed,
                          int evalEvery, int checkpointEvery) {
    // Training defaults shared by `hpt train` and sweep specs (the model's are in its family's config).
    public static final int BATCH = 128;
    public static final int CHECKPOINT_EVERY = 100;

    public TrainConfig {
        if (arch == null) throw new IllegalArgumentException("arch is missing: use resnet or vit");
        switch (arch) {
            case RESNET -> {
                if (resnet == null) throw new IllegalArgumentException("arch resnet needs its resnet settings");
                vit = null;
                user = null;
            }
            case VIT -> {
                if (vit == null) throw new IllegalArgumentException("arch vit needs its vit settings");
                resnet = null;
                user = null;
            }
            case USER -> {
                if (user == null) throw new IllegalArgumentException("arch user needs its user settings (the model family class)");
                resnet = null;
                vit = null;
            }
        }
        if (parameterization == null) throw new IllegalArgumentException("parameterization is missing: use sp, mup, mup-depth or completep");
        if (steps < 1) throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        if (batch < 1) throw new IllegalArgumentException("batch must be >= 1, got " + batch);
        if (evalEvery < 0 || checkpointEvery < 0) throw new IllegalArgumentException("eval/checkpoint intervals must be >= 0");
    }

    /** The config of a model of either family. */
    public static TrainConfig of(DataConfig data, ArchConfig model, Parameterization parameterization, OptimizerConfig optimizer,
                                 ScheduleConfig schedule, int steps, int batch, long seed, int evalEvery, int checkpointEvery) {
        return new TrainConfig(data, model.arch(), model instanceof ResNetConfig r ? r : null,
                model instanceof VitConfig v ? v : null, model instanceof UserModelConfig u ? u : null, parameterization, optimizer, schedule, steps, batch, seed,
                evalEvery, checkpointEvery);
    }

    public ArchConfig model() {
        return switch (arch) {
            case RESNET -> resnet;
            case VIT -> vit;
            case USER -> user;
        };
    }

    /** The same training with checkpoints at another interval: resuming is exact, so the results are the same. */
    public TrainConfig withCheckpointEvery(int n) {
        return new TrainConfig(data, arch, resnet, vit, user, parameterization, optimizer, schedule, steps, batch, seed, evalEvery, n);
    }

    /** Whether two configs train to the same results (everything but the checkpoint interval). */
    public boolean sameResultsAs(TrainConfig o) {
        return o != null && withCheckpointEvery(0).equals(o.withCheckpointEvery(0));
    }

    public TrainConfig withSteps(int n) {
        return new TrainConfig(data, arch, resnet, vit, user, parameterization, optimizer, schedule, n, batch, seed, evalEvery,
                checkpointEvery);
    }

    /** The same training with other data (e.g. its folder resolved to an absolute path). */
    public TrainConfig withData(DataConfig d) {
        return new TrainConfig(d, arch, resnet, vit, user, parameterization, optimizer, schedule, steps, batch, seed, evalEvery,
                checkpointEvery);
    }
}
