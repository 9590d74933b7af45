package io.hptransfer.cli;

import io.hptransfer.data.Datasets;
import io.hptransfer.report.SweepReport;
import io.hptransfer.sweep.ResultStore;
import io.hptransfer.transfer.Transfer;
import io.hptransfer.transfer.Transfers;
import io.hptransfer.train.Progress;
import io.hptransfer.train.TrainConfig;
import io.hptransfer.train.TrainOutcome;
import io.hptransfer.train.Trainer;
import io.hptransfer.tune.TuneResult;
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
    @Option(names = "--from", required = true, description = "sweep folder (sweeps/<name>: its base shape is the proxy) or `hpt tune` folder (holding " + ResultStore.TUNE + ")")
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
    @Option(names = "--seed", defaultValue = "0", description = "seed of the target run")
    long seed;
    @Option(names = "--write", description = "where to write the target config (default: <sweep>/transfer-<param>-<opt>-w<W>-d<L>.yaml)")
    Path write;
    @Option(names = "--train", description = "train the target config into --checkpoints/<name>")
    boolean train;
    @Option(names = {"--out", "--checkpoints"}, defaultValue = "checkpoints", description = "output folder of --train's run")
    Path checkpoints;

    @Override
    public Integer call() throws Exception {
        Path tuneFile = ResultStore.at(from).tuneFile();
        Transfer t;
        if (Files.exists(tuneFile)) {
            t = Transfers.fromTune(Json.read(tuneFile, TuneResult.class), width, depth, steps, seed);
        } else {
            SweepReport r = SweepReport.of(from, null);
            t = Transfers.fromSweep(r, from.toString(), param, opt, width, depth, steps, seed, Datasets.load(r.spec().data()).train().size());
        }
        Path file = written(t);
        var target = t.target().model(); // its base shape is the proxy's
        if (t.tuned()) {
            System.out.printf(Locale.ROOT, "proxy %s: eta* = 2^%.2f (± %.2f octaves)%n", t.proxy(), t.log2Lr(), t.uncertainty());
            System.out.printf(Locale.ROOT, "target W%d L%d: base LR %.3g, each tensor's LR scaled by the rule table relative to base W%d L%d%n",
                    width, depth, t.target().optimizer().lr(), target.baseWidth(), target.baseDepth());
        } else {
            System.out.printf(Locale.ROOT, "proxy %s: eta* = 2^%.2f = %.3g (%s%s)%n", t.proxy(), t.log2Lr(), Math.pow(2, t.log2Lr()),
                    Double.isNaN(t.uncertainty()) ? "± unknown: one seed" : String.format(Locale.ROOT, "± %.2f octaves", t.uncertainty()),
                    t.atEdge() ? ", at the grid's edge" : "");
            System.out.printf(Locale.ROOT, "target W%d L%d under %s: base LR %.3g, each tensor's LR scaled by the rule table "
                    + "relative to base W%d L%d%n", width, depth, t.target().parameterization(), t.target().optimizer().lr(),
                    target.baseWidth(), target.baseDepth());
        }
        if (!Double.isNaN(t.targetOwnLog2Lr())) {
            System.out.printf(Locale.ROOT, "the sweep also measured the target: its own eta* = 2^%.2f, %+.2f octaves from the transferred LR%n",
                    t.targetOwnLog2Lr(), t.missOctaves());
        }
        return finish(t.target(), t.name(), file);
    }

    /** Writes the target config (to --write, or beside the sweep) and returns where. */
    private Path written(Transfer t) throws java.io.IOException {
        Path file = write != null ? write : from.resolve(t.name() + ".yaml");
        Json.writeAtomic(file, t.target());
        return file;
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
}
