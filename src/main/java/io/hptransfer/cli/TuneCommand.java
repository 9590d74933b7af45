package io.hptransfer.cli;

import io.hptransfer.data.Datasets;
import io.hptransfer.data.TrainTest;
import io.hptransfer.sweep.ResultStore;
import io.hptransfer.train.TrainConfig;
import io.hptransfer.tune.TuneResult;
import io.hptransfer.tune.Tuner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "tune", mixinStandardHelpOptions = true,
        description = {"Find the optimal LR of one config (the proxy): coarse log2 grid, optional successive halving, then "
                + "Gaussian-process refinement (an exact GP of its own: tune/GpSurrogate). Optionally tunes --output-mult and --init-scale jointly with LR.",
                "Results: <out>/<name>/" + ResultStore.TUNE + " (+ one record per trial; rerun to resume). Feed it to `hpt transfer --from`."})
public final class TuneCommand implements Callable<Integer> {
    @Mixin
    TrainOptions train;
    @Option(names = "--name", required = true, description = "names the result folder <out>/<name>")
    String name;
    @Option(names = "--out", defaultValue = "sweeps", description = "output folder; the tune goes to <out>/<name>")
    Path out;
    @Option(names = "--log2-lr", defaultValue = "-12:-4:1", description = "coarse LR grid from:to:step in log2")
    String lrGrid;
    @Option(names = "--log2-output-mult", defaultValue = "0", description = "also tune the output multiplier over this log2 grid, e.g. -2:2:1")
    String omGrid;
    @Option(names = "--log2-init-scale", defaultValue = "0", description = "also tune the init scale over this log2 grid, e.g. -1:1:1")
    String isGrid;
    @Option(names = "--refine", defaultValue = "3", description = "Gaussian-process refinement rounds")
    int refine;
    @Option(names = "--seeds", defaultValue = "1", description = "seeds per point (the loss is their mean)")
    int seeds;
    @Option(names = "--halving", description = "successive halving: train all grid points to 1/9 of the budget, the best third to 1/3, the best third of those to the end")
    boolean halving;
    @Option(names = "--diverge-above", defaultValue = "20", description = "a loss above this counts as diverged")
    double divergeAbove;

    @Override
    public Integer call() throws Exception {
        io.hptransfer.util.FolderName.check("--name", name); // a folder under --out, never a path
        if (refine < 0 || seeds < 1) throw new IllegalArgumentException("--refine must be >= 0 and --seeds >= 1");
        List<List<Double>> grids = List.of(grid("--log2-lr", lrGrid), grid("--log2-output-mult", omGrid), grid("--log2-init-scale", isGrid));
        TrainConfig probe = train.fromOptions(1);
        TrainTest data = Datasets.load(probe.data());
        TrainConfig base = train.fromOptions(train.stepsFor(data));
        List<Long> seedList = new ArrayList<>();
        for (long s = 0; s < seeds; s++) seedList.add(base.seed() + s);
        Path dir = out.resolve(name);
        TuneResult r = new Tuner(ResultStore.open(dir), System.err).run(base, new Tuner.Settings(grids, seedList, refine, halving, divergeAbove), data);
        System.out.printf(Locale.ROOT, "eta* = 2^%.2f = %.3g, likely within log2 [%.2f, %.2f] (± %.2f octaves); predicted loss %.4f%n",
                r.star().log2Lr(), Math.pow(2, r.star().log2Lr()), r.lrLow(), r.lrHigh(), r.uncertaintyOctaves(), r.predictedLoss());
        if (grids.get(1).size() > 1 || grids.get(2).size() > 1) {
            System.out.printf(Locale.ROOT, "jointly: output mult 2^%.2f, init scale 2^%.2f%n", r.star().log2OutputMult(), r.star().log2InitScale());
        }
        edgeWarnings(grids, r.star()).forEach(w -> System.out.println("warning: " + w));
        System.out.printf(Locale.ROOT, "best measured: %s, loss %.4f (%d points trained)%n", r.bestMeasured(), r.bestMeasuredLoss(), r.evaluated().size());
        System.out.println("result: " + ResultStore.existing(dir).tuneFile() + "  (next: hpt transfer --from " + dir + " --width W --depth L)");
        return 0;
    }

    /** An optimum on the border of its coarse grid may lie beyond it: say so, with the fix. */
    static List<String> edgeWarnings(List<List<Double>> grids, io.hptransfer.tune.TunePoint star) {
        String[] flags = {"--log2-lr", "--log2-output-mult", "--log2-init-scale"};
        double[] v = {star.log2Lr(), star.log2OutputMult(), star.log2InitScale()};
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            List<Double> g = grids.get(i);
            if (g.size() < 2) continue;
            double lo = java.util.Collections.min(g), hi = java.util.Collections.max(g);
            if (v[i] <= lo + 1e-9 || v[i] >= hi - 1e-9) {
                out.add(String.format(Locale.ROOT, "the optimum %s %.2f is at the %s edge of its grid [%.2f, %.2f]: it may lie beyond; extend %s",
                        flags[i].substring(2), v[i], v[i] <= lo + 1e-9 ? "lower" : "upper", lo, hi, flags[i]));
            }
        }
        return out;
    }

    static List<Double> grid(String flag, String spec) {
        String[] f = spec.split(":");
        try {
            if (f.length == 1) return List.of(Double.parseDouble(f[0]));
            if (f.length != 3) throw new NumberFormatException();
            return new io.hptransfer.sweep.Log2Grid(Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])).values();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " '" + spec + "' is not from:to:step in log2 units (e.g. -12:-4:1) or a single value");
        }
    }
}
