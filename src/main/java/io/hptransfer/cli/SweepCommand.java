package io.hptransfer.cli;

import io.hptransfer.data.Datasets;
import io.hptransfer.data.TrainTest;
import io.hptransfer.sweep.ResultStore;
import io.hptransfer.sweep.SweepRunner;
import io.hptransfer.sweep.SweepSpec;
import io.hptransfer.sweep.Trial;
import io.hptransfer.sweep.Trials;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Run (or continue) the LR sweep a YAML spec describes; results go to <out>/<name>/.",
                "Rerunning skips finished trials and resumes an interrupted one; several processes may run one sweep at once.",
                "Diverged trials are results (loss +inf). Exit 0 when every trial is recorded, 5 when some are not yet "
                        + "(other processes hold them, or --max-trials was reached: rerun to continue), 1 on an error."})
public final class SweepCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "sweep spec (YAML/JSON), e.g. sweeps/quickstart.yaml")
    Path specFile;
    @Option(names = "--out", defaultValue = "sweeps", description = "folder of sweep result folders")
    Path out;
    @Option(names = "--max-trials", defaultValue = "2147483647", description = "run at most this many trials now")
    int maxTrials;
    @Option(names = "--dry-run", description = "list the trials and their count, train nothing")
    boolean dryRun;
    @Option(names = "--report", description = "write the report when the sweep is complete (as `hpt report`)")
    boolean report;
    @Option(names = "--executor", defaultValue = "local", description = "local (this process) or spark (each trial one Spark task; "
            + "this process records the results)")
    String executor;
    @Option(names = "--master", description = "Spark master: local[N], spark://host:7077 (default under spark-submit: its --master)")
    String master;
    @Option(names = "--conf", description = "extra Spark setting key=value (repeatable), e.g. spark.executorEnv.OMP_NUM_THREADS=4")
    java.util.Map<String, String> sparkConf = new java.util.LinkedHashMap<>();
    @Option(names = "--jobs", defaultValue = "auto", description = "trials at once on this machine, each in its own worker process with cores/jobs native threads: "
            + "a count, or auto (two threads per trial: one trial at a time on 2 cores)")
    String jobs;
    @Option(names = "--worker", hidden = true, description = "run as one of --jobs' worker processes (costliest trial first)")
    boolean worker;
    @Option(names = "--scratch", description = "Spark only: run folders on the executors' machines (default: their java.io.tmpdir/hpt-trials)")
    Path scratch;

    @Override
    public Integer call() throws Exception {
        SweepSpec spec = SweepSpec.read(specFile);
        if (dryRun) {
            List<Trial> trials = Trials.expand(spec, 10_000);
            trials.forEach(t -> System.out.println(t.id()));
            System.out.println(trials.size() + " trials (steps shown for a 10k-image train split if the budget is in epochs)");
            return 0;
        }
        if (!executor.equals("local") && !executor.equals("spark"))
            throw new IllegalArgumentException("unknown --executor '" + executor + "': use local or spark");
        if (executor.equals("local") && (master != null || !sparkConf.isEmpty() || scratch != null))
            throw new IllegalArgumentException("--master, --conf and --scratch are Spark settings: add --executor spark");
        TrainTest data = Datasets.load(spec.data());
        Path dir = out.resolve(spec.name());
        System.err.println("sweep " + spec.name() + " -> " + dir + " (" + Trials.expand(spec, data.train().size()).size() + " trials)");
        SweepRunner.Summary s;
        if (executor.equals("spark")) {
            s = SparkLauncherBridge.run(ResultStore.open(dir), spec, data.train().size(), maxTrials, master, sparkConf, scratch);
        } else {
            s = worker ? new SweepRunner(ResultStore.open(dir), System.err).largestFirst().run(spec, data, maxTrials)
                    : LocalSweep.run(spec, specFile, out, data, jobs, maxTrials);
        }
        System.out.printf("sweep %s: %d trials, %d run now, %d done before, %d diverged now, %d running in other processes%n",
                spec.name(), s.total(), s.ran(), s.skipped(), s.diverged(), s.busyElsewhere());
        if (worker) return 0; // trials the other workers hold are theirs: the parent judges completeness
        if (!s.complete()) {
            System.out.println("not complete yet: rerun the same command to continue");
            return Hpt.EXIT_INCOMPLETE;
        } else if (report) {
            return new ReportCommand().run(dir, spec.metric());
        }
        return 0;
    }
}
