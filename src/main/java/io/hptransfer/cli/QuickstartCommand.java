package io.hptransfer.cli;

import io.hptransfer.param.Axis;
import io.hptransfer.analysis.ShiftVerdict;
import io.hptransfer.analysis.SizeSeries;
import io.hptransfer.data.Datasets;
import io.hptransfer.data.TrainTest;
import io.hptransfer.report.ReportWriter;
import io.hptransfer.report.SweepReport;
import io.hptransfer.sweep.SweepRunner;
import io.hptransfer.sweep.SweepSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "quickstart", mixinStandardHelpOptions = true,
        description = {"The small complete transfer study on the bundled real data: SP vs muP+1/sqrt(L) over widths and depths "
                + "and an LR grid (sweeps/quickstart.yaml, ~10 minutes on 2 cores), then the report.",
                "Interrupted? Run it again: finished trials are kept. Exit 0 done, 5 trials still held by another process, 1 error."})
public final class QuickstartCommand implements Callable<Integer> {
    @Option(names = "--spec", defaultValue = "sweeps/quickstart.yaml", description = "the study")
    Path spec;
    @Option(names = "--out", defaultValue = "sweeps", description = "folder of sweep result folders")
    Path out;
    @Option(names = "--jobs", defaultValue = "auto", description = "trials at once, each in its own worker process with cores/jobs native threads: a count, "
            + "or auto (two threads per trial: one trial at a time on 2 cores)")
    String jobs;
    @Option(names = "--resolving-spec", defaultValue = "sweeps/quickstart-resolved.yaml",
            description = "the study to name when a verdict is not resolved")
    Path resolving;

    @Override
    public Integer call() throws Exception {
        if (!Files.exists(spec)) {
            throw new IllegalArgumentException(spec + " not found: run hpt from the repository root, or pass --spec");
        }
        SweepSpec s = SweepSpec.read(spec);
        TrainTest data = Datasets.load(s.data());
        Path dir = out.resolve(s.name());
        long t0 = System.nanoTime();
        SweepRunner.Summary sum = LocalSweep.run(s, spec, out, data, jobs, Integer.MAX_VALUE);
        if (!sum.complete()) {
            System.out.println("quickstart: " + sum.busyElsewhere() + " trials are running in another process; rerun when it ends");
            return Hpt.EXIT_INCOMPLETE;
        }
        SweepReport r = SweepReport.of(dir, null);
        Path html = ReportWriter.write(r, io.hptransfer.sweep.ResultStore.at(dir).reportDir());
        System.out.print(r.summaryText());
        System.out.printf(Locale.ROOT, "%nheadline (measured in this run, %d trials, %.1f min):%n", sum.total(), (System.nanoTime() - t0) / 6e10);
        for (Axis axis : Axis.values()) {
            for (SizeSeries x : r.headline(axis)) {
                System.out.printf(Locale.ROOT, "  %-10s %s %d->%d: optimum moved %+.2f %s octaves, transfer regret %s%n", x.param(), axis,
                        x.sizes().get(0), x.sizes().get(x.sizes().size() - 1), x.shift(), Double.isNaN(x.shiftUncertainty())
                                ? "± ? (one seed)" : String.format(Locale.ROOT, "± %.2f", x.shiftUncertainty()), regret(x.regret()));
            }
        }
        System.out.println();
        System.out.print(verdicts(r, spec.normalize().equals(resolving.normalize()) ? null : resolving));
        System.out.println("report: " + html);
        return 0;
    }

    /** The SP-vs-muP verdict per axis, said plainly; an unresolved one names the study that resolves it. */
    static String verdicts(SweepReport r, Path resolvingSpec) {
        StringBuilder b = new StringBuilder();
        for (Axis axis : Axis.values()) {
            List<SizeSeries> h = r.headline(axis);
            if (h.isEmpty()) continue;
            for (ShiftVerdict v : ShiftVerdict.of(h)) {
                b.append(String.format(Locale.ROOT, "verdict, %s %d -> %d (%s): %s%n", axis, h.get(0).sizes().get(0),
                        h.get(0).sizes().get(h.get(0).sizes().size() - 1), v.optimizer(), v.describe()));
                if (v.status() != ShiftVerdict.Status.RESOLVED && resolvingSpec != null) {
                    b.append(String.format(Locale.ROOT, "  too few seeds to resolve it here; %s is this study with more seeds "
                            + "(its run time and verdict are in README.md): ./hpt sweep %s && ./hpt report sweeps/%s%n",
                            resolvingSpec, resolvingSpec, stem(resolvingSpec)));
                }
            }
        }
        return b.toString();
    }

    private static String stem(Path p) {
        String f = p.getFileName().toString();
        return f.endsWith(".yaml") ? f.substring(0, f.length() - 5) : f;
    }

    static String regret(double r) {
        if (Double.isNaN(r)) return "n/a (the proxy's LR was not run on the largest model)";
        if (Double.isInfinite(r)) return "infinite (the proxy's LR diverges on the largest model)";
        return String.format(Locale.ROOT, "%.1f%% higher loss than the largest model's own optimum", 100 * r);
    }
}
