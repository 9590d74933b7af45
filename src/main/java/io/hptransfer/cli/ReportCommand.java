package io.hptransfer.cli;

import io.hptransfer.report.ReportWriter;
import io.hptransfer.report.SweepReport;
import io.hptransfer.sweep.Metric;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Analyse a sweep's stored trials: optimal LR per width/depth with uncertainty, its shift in octaves, "
                + "transfer regret, bigger-is-better; writes <sweep>/report/index.html + PNG + CSV and prints the summary.",
                "Works on a partial sweep (what is finished so far)."})
public final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "sweep folder (sweeps/<name>) or sweep name")
    String sweep;
    @Option(names = {"--sweeps", "--out"}, defaultValue = "sweeps", description = "input: the folder holding sweep folders, for a bare sweep name")
    Path out;
    @Option(names = "--metric", description = "trainLoss or testLoss (default: the spec's metric)")
    String metric;
    @Option(names = "--fit-window", defaultValue = "0", paramLabel = "OCTAVES",
            description = "fit eta*'s parabola to the seed-mean curve within this many octaves of its best grid LR "
                    + "(default 0: that LR and its two neighbours; README: the measured comparison)")
    double fitWindow;

    @Override
    public Integer call() throws Exception {
        return run(StudyOptions.folder(sweep, out), metric == null ? null : Metric.parse(metric));
    }

    int run(Path dir, Metric metricOverride) throws Exception {
        SweepReport r = SweepReport.of(dir, metricOverride, fitWindow);
        Path html = ReportWriter.write(r, io.hptransfer.sweep.ResultStore.at(dir).reportDir());
        System.out.print(r.summaryText());
        System.out.println("\nreport: " + html);
        return 0;
    }
}
