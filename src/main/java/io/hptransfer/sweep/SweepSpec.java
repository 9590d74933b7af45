package io.hptransfer.sweep;

import io.hptransfer.data.DataConfig;
import io.hptransfer.model.Arch;
import io.hptransfer.optim.ScheduleConfig;
import io.hptransfer.param.Parameterization;
import io.hptransfer.train.TrainConfig;
import io.hptransfer.util.Json;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;

/**
 * A sweep as written in sweeps/&lt;name&gt;.yaml: which models (widths x depths x parameterizations x
 * optimizers), which LRs (a log2 grid per optimizer), which seeds, and the fixed training budget.
 * Unset keys take the defaults below; unknown keys, empty grids and impossible values are errors.
 *
 * @param grid   "cross": the width axis at baseDepth plus the depth axis at baseWidth (the cheap
 *               design of the transfer papers); "full": every width x depth
 * @param metric what the report calls "the loss": trainLoss (mean over the last 10% of steps) or testLoss
 */
public record SweepSpec(String name, String dataset, String dataDir, Integer resolution, Boolean augment, Arch arch,
                        ModelSpec model, Integer baseWidth, Integer baseDepth, List<Integer> widths, List<Integer> depths,
                        String grid, List<Parameterization> parameterizations, List<OptimizerGrid> optimizers, List<Long> seeds,
                        Integer steps, Double epochs, Integer batch, String schedule, Integer warmup,
                        Double finalLrFraction, Integer checkpointEvery, Double divergeAbove, Metric metric) {
    public static final List<String> GRIDS = List.of("cross", "full");

    public SweepSpec {
        if (name != null) io.hptransfer.util.FolderName.check("sweep name", name); // it names a folder under --out
        if (dataset == null) dataset = "fashion-mnist";
        if (resolution == null) resolution = 32;
        if (augment == null) augment = false;
        if (arch == null) arch = Arch.RESNET;
        if (model == null) model = ModelSpec.defaults();
        nonEmpty("widths", widths, "widths: [16, 32, 64]");
        nonEmpty("depths", depths, "depths: [2, 4, 8]");
        positiveDistinct("widths", widths);
        positiveDistinct("depths", depths);
        for (int d : depths) {
            if (arch == Arch.RESNET && d % model.stages() != 0) {
                throw new IllegalArgumentException("depth " + d + " is not a multiple of model.stages " + model.stages()
                        + ": every stage needs the same number of blocks");
            }
        }
        if (baseWidth == null) baseWidth = widths.stream().min(Integer::compare).orElseThrow();
        if (baseDepth == null) baseDepth = depths.stream().min(Integer::compare).orElseThrow();
        if (arch == Arch.VIT) {
            for (int w : widths) model.vit(w, baseDepth, baseWidth, baseDepth); // width/head checks with the key's name
        }
        if (arch == Arch.USER) model.user(baseWidth, baseDepth, baseWidth, baseDepth).load(); // the class is there, now
        if (arch != Arch.USER && model.family() != null) {
            throw new IllegalArgumentException("model.family names a user model class, but arch is " + arch + ": set arch: user");
        }
        if (grid == null) grid = "cross";
        if (!GRIDS.contains(grid)) throw new IllegalArgumentException("unknown grid '" + grid + "': use " + GRIDS);
        if (grid.equals("cross") && (!widths.contains(baseWidth) || !depths.contains(baseDepth))) {
            throw new IllegalArgumentException("grid cross sweeps widths at baseDepth and depths at baseWidth, so widths must contain "
                    + "baseWidth " + baseWidth + " and depths must contain baseDepth " + baseDepth);
        }
        nonEmpty("parameterizations", parameterizations, "parameterizations: [sp, mup-depth]");
        if (new HashSet<>(parameterizations).size() != parameterizations.size()) {
            throw new IllegalArgumentException("parameterizations lists one twice: " + parameterizations);
        }
        nonEmpty("optimizers", optimizers, "optimizers: [{kind: adam, log2Lr: {from: -12, to: -6}}]");
        if (optimizers.stream().map(OptimizerGrid::label).distinct().count() != optimizers.size()) {
            throw new IllegalArgumentException("optimizers lists one kind twice; give each kind one log2Lr grid");
        }
        if (seeds == null || seeds.isEmpty()) seeds = List.of(0L);
        if (new HashSet<>(seeds).size() != seeds.size()) throw new IllegalArgumentException("seeds lists one twice: " + seeds);
        if (steps != null && epochs != null) throw new IllegalArgumentException("give steps or epochs, not both");
        if (steps == null && epochs == null) throw new IllegalArgumentException("the budget is missing: give steps (e.g. steps: 200) or epochs");
        if (steps != null && steps < 1) throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        if (epochs != null && !(epochs > 0)) throw new IllegalArgumentException("epochs must be > 0, got " + epochs);
        if (batch == null) batch = TrainConfig.BATCH;
        if (batch < 1) throw new IllegalArgumentException("batch must be >= 1, got " + batch);
        if (schedule == null) schedule = "constant";
        if (warmup == null) warmup = 0;
        if (finalLrFraction == null) finalLrFraction = 0.0;
        new ScheduleConfig(ScheduleConfig.Kind.parse(schedule), warmup, finalLrFraction); // validate now (fields unassigned here)
        if (steps != null && warmup >= steps) {
            throw new IllegalArgumentException("warmup " + warmup + " is not shorter than the " + steps + " steps: the LR would never "
                    + "reach its value; use a warmup below steps");
        }
        if (checkpointEvery == null) checkpointEvery = TrainConfig.CHECKPOINT_EVERY;
        if (checkpointEvery < 0) throw new IllegalArgumentException("checkpointEvery must be >= 0, got " + checkpointEvery);
        if (divergeAbove == null) divergeAbove = 20.0;
        if (!(divergeAbove > 0)) throw new IllegalArgumentException("divergeAbove (loss ceiling) must be > 0, got " + divergeAbove);
        if (metric == null) metric = Metric.TRAIN_LOSS;
        new DataConfig(dataset, dataDir, resolution, augment);
    }

    private static void nonEmpty(String key, List<?> list, String example) {
        if (list == null || list.isEmpty()) throw new IllegalArgumentException(key + " is empty: list at least one, e.g. " + example);
        for (Object o : list) if (o == null) throw new IllegalArgumentException(key + " holds an empty entry");
    }

    private static void positiveDistinct(String key, List<Integer> list) {
        for (int v : list) if (v < 1) throw new IllegalArgumentException(key + " must be >= 1, got " + v);
        if (new HashSet<>(list).size() != list.size()) throw new IllegalArgumentException(key + " lists a value twice: " + list);
    }

    public static SweepSpec read(Path file) throws IOException {
        SweepSpec s = Json.read(file, SweepSpec.class);
        if (s.name() != null) return s;
        String base = file.getFileName().toString().replaceFirst("\\.(ya?ml|json)$", "");
        return s.withName(base);
    }

    public SweepSpec withName(String n) {
        io.hptransfer.util.FolderName.check("sweep name", n);
        return new SweepSpec(n, dataset, dataDir, resolution, augment, arch, model, baseWidth, baseDepth, widths, depths, grid,
                parameterizations, optimizers, seeds, steps, epochs, batch, schedule, warmup, finalLrFraction, checkpointEvery,
                divergeAbove, metric);
    }

    /** The model at one (width, depth) of the sweep, its rules relative to the sweep's base shape. */
    public io.hptransfer.model.ArchConfig architecture(int width, int depth) {
        return switch (arch) {
            case RESNET -> model.resnet(width, depth, baseWidth, baseDepth);
            case VIT -> model.vit(width, depth, baseWidth, baseDepth);
            case USER -> model.user(width, depth, baseWidth, baseDepth);
        };
    }

    public DataConfig data() {
        return new DataConfig(dataset, dataDir, resolution, augment);
    }

    public ScheduleConfig scheduleConfig() {
        return new ScheduleConfig(ScheduleConfig.Kind.parse(schedule), warmup, finalLrFraction);
    }

    public OptimizerGrid optimizer(String label) {
        return optimizers.stream().filter(o -> o.label().equals(label.toLowerCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("sweep " + name + " has no optimizer " + label));
    }

    /** The optimizer steps of one trial (epochs are converted with the train split's size). */
    public int stepsFor(int trainSize) {
        return steps != null ? steps : (int) Math.max(1, Math.round(epochs * (trainSize / (double) batch)));
    }
}
