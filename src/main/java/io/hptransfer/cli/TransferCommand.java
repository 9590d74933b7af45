package io.hptransfer.cli;

import io.hptransfer.analysis.LrCurve;
import io.hptransfer.analysis.Optimum;
import io.hptransfer.data.Datasets;
import io.hptransfer.report.SweepReport;
import io.hptransfer.sweep.CurveKey;
import io.hptransfer.sweep.SweepSpec;
import io.hptransfer.sweep.TrialKey;
import io.hptransfer.sweep.Trials;
import io.hptransfer.train.Progress;
import io.hptransfer.train.TrainConfig;
import io.hptransfer.train.TrainOutcome;
import io.hptransfer.train.Trainer;
import io.hptransfer.util.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "transfer", mixinStandardHelpOptions = true,
        description = {"Take the optimal LR measured on a sweep's proxy (its base width and depth) and write the config of a larger "
                + "target: same base LR, scaled per tensor by the parameterization's rules (for SP: simply the same LR).",
                "With --train, train the target there."})
public final class TransferCommand implements Callable<Integer> {
    @Option(names = "--from", required = true, description = "sweep folder (sweeps/<name>: its base shape is the proxy) or `hpt tune` folder (holding tune.json)")
    Path from;
    @Option(names = "--param", description = "parameterization (default: the sweep's only one)")
    String param;
    @Option(names = "--opt", description = "optimizer (default: the sweep's only one)")
    String opt;
    @Option(names = "--width", required = true, description = "target width")
    int width;
    @Option(names = "--depth", required = true, description = "target depth")
    int depth;
    @Option(names = "--steps", description = "target steps (default: the sweep's budget)")
    Integer steps;
    @Option(names = "--seed", defaultValue = "0")
    long seed;
    @Option(names = "--write", description = "where to write the target config (default: <sweep>/transfer-<param>-<opt>-w<W>-d<L>.yaml)")
    Path write;
    @Option(names = "--train", description = "train the target config into --checkpoints/<name>")
    boolean train;
    @Option(names = "--checkpoints", defaultValue = "checkpoints")
    Path checkpoints;

    @Override
    public Integer call() throws Exception {
        if (Files.exists(io.hptransfer.sweep.ResultStore.at(from).tuneFile())) return fromTune();
        SweepReport r = SweepReport.of(from, null);
        SweepSpec spec = r.spec();
        String p = pick(param, spec.parameterizations(), "--param");
        String o = pick(opt, spec.optimizers().stream().map(x -> x.label()).toList(), "--opt");
        CurveKey proxyKey = new CurveKey(p, o, spec.baseWidth(), spec.baseDepth());
        LrCurve proxy = r.curves().get(proxyKey);
        if (proxy == null) throw new IllegalArgumentException("sweep " + from + " has no finished trial of the proxy " + proxyKey.label());
        Optimum star = r.optima().get(proxyKey);
        if (!star.exists()) throw new IllegalArgumentException("every LR of the proxy " + proxyKey.label() + " diverged: nothing to transfer");
        TrialKey k = new TrialKey(p, o, width, depth, star.log2Lr(), seed);
        TrainConfig t = Trials.of(spec, k, Datasets.load(spec.data()).train().size()).config();
        if (steps != null) {
            t = t.withSteps(steps);
        }
        String name = String.format(Locale.ROOT, "transfer-%s-%s-w%d-d%d", p, o, width, depth);
        Path file = write != null ? write : from.resolve(name + ".yaml");
        Json.writeAtomic(file, t);
        System.out.printf(Locale.ROOT, "proxy %s: eta* = 2^%.2f = %.3g (%s%s)%n", proxyKey.label(), star.log2Lr(),
                Math.pow(2, star.log2Lr()), star.uncertaintyKnown() ? String.format(Locale.ROOT, "± %.2f octaves", star.uncertainty())
                        : "± unknown: one seed", star.atEdge() ? ", at the grid's edge" : "");
        System.out.printf(Locale.ROOT, "target W%d L%d under %s: base LR %.3g, each tensor's LR scaled by the rule table "
                + "relative to base W%d L%d%n", width, depth, p, t.optimizer().lr(), spec.baseWidth(), spec.baseDepth());
        Optimum o2 = r.optima().get(new CurveKey(p, o, width, depth));
        if (o2 != null && o2.exists()) {
            System.out.printf(Locale.ROOT, "the sweep also measured the target: its own eta* = 2^%.2f, %+.2f octaves from the transferred LR%n",
                    o2.log2Lr(), o2.log2Lr() - star.log2Lr());
        }
        return finish(t, name, file);
    }

    /** From `hpt tune`: the proxy's config at its optimum, re-shaped to the target (base shape = the proxy's). */
    private int fromTune() throws Exception {
        io.hptransfer.tune.TuneResult tr = Json.read(io.hptransfer.sweep.ResultStore.at(from).tuneFile(), io.hptransfer.tune.TuneResult.class);
        TrainConfig p = tr.config();
        var r = p.model();
        TrainConfig t = TrainConfig.of(p.data(), r.reshaped(width, depth, r.baseWidth(), r.baseDepth()), p.parameterization(),
                p.optimizer(), p.schedule(), steps != null ? steps : p.steps(), p.batch(), seed, p.evalEvery(), p.checkpointEvery());
        System.out.printf(Locale.ROOT, "proxy W%d L%d (%s, tuned): eta* = 2^%.2f (± %.2f octaves)%n", r.width(), r.depth(),
                p.parameterization(), tr.star().log2Lr(), tr.uncertaintyOctaves());
        System.out.printf(Locale.ROOT, "target W%d L%d: base LR %.3g, each tensor's LR scaled by the rule table relative to base W%d L%d%n",
                width, depth, t.optimizer().lr(), r.baseWidth(), r.baseDepth());
        String name = String.format(Locale.ROOT, "transfer-%s-w%d-d%d", p.parameterization(), width, depth);
        Path file = write != null ? write : from.resolve(name + ".yaml");
        Json.writeAtomic(file, t);
        return finish(t, name, file);
    }

    private int finish(TrainConfig t, String name, Path file) throws Exception {
        System.out.println("config: " + file + "  (train it: hpt train --config " + file + ")");
        if (!train) return 0;
        Path run = checkpoints.resolve(name);
        if (Files.exists(run.resolve(Trainer.CONFIG))) throw new IllegalStateException(run + " already holds a run: delete it or use hpt train --resume --run " + name);
        TrainOutcome out = new Trainer(System.err, new Progress(System.err, t.steps())).start(t, run, Datasets.load(t.data()));
        System.out.printf(Locale.ROOT, "%s after %d steps: train loss %.4f%s%n", out.status(), out.steps(), out.finalTrainLoss(),
                out.test() == null ? "" : String.format(Locale.ROOT, ", test loss %.4f, test acc %.4f", out.test().loss(), out.test().accuracy()));
        return out.diverged() ? Hpt.EXIT_DIVERGED : 0;
    }

    static String pick(String given, java.util.List<String> options, String flag) {
        if (given != null) {
            if (!options.contains(given.toLowerCase(Locale.ROOT))) throw new IllegalArgumentException(flag + " " + given + " is not in the sweep: " + options);
            return given.toLowerCase(Locale.ROOT);
        }
        if (options.size() != 1) throw new IllegalArgumentException("the sweep has " + options + ": choose one with " + flag);
        return options.get(0);
    }
}
