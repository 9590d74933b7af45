package io.hptransfer.spark;

import io.hptransfer.sweep.ResultStore;
import io.hptransfer.sweep.StudyEngine;
import io.hptransfer.sweep.SweepRunner;
import io.hptransfer.sweep.SweepSpec;
import io.hptransfer.sweep.Trial;
import io.hptransfer.sweep.TrialRecord;
import io.hptransfer.sweep.Trials;
import org.apache.spark.SparkConf;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a sweep's pending trials on Spark: the Spark settings are made here, the trial loop is the
 * {@link StudyEngine}'s and the training is {@link SparkExecutor}'s. This driver is the only writer of
 * the store; trials are claimed while their jobs run, so a local `hpt sweep` on the same folder leaves
 * them alone.
 */
public final class SparkSweepRunner {
    private final ResultStore store;
    private final PrintStream err;

    public SparkSweepRunner(ResultStore store, PrintStream err) {
        this.store = store;
        this.err = err;
    }

    /**
     * @param master  Spark master URL; null = the one spark-submit set (spark.master)
     * @param conf    extra Spark settings (key=value)
     * @param scratch run folders on the executors' machines; null = their java.io.tmpdir/hpt-trials
     */
    public record Options(String master, Map<String, String> conf, Path scratch) {
    }

    /** What a Spark run of the sweep did: the local summary plus the task attempts that failed (and were retried). */
    public record Summary(SweepRunner.Summary sweep, Map<String, Integer> failedAttempts, List<String> failedTrials) {
    }

    /**
     * local, local[N] and local-cluster[...] run on this machine only: the driver, the embedded Master and
     * Worker and their executors talk over 127.0.0.1, not the machine's interface address (which Spark picks
     * by default). A real cluster's addresses come only from the user's settings.
     */
    static void onLoopback(SparkConf conf) {
        conf.setIfMissing("spark.driver.host", "127.0.0.1");
        conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        conf.setIfMissing("spark.executorEnv.SPARK_LOCAL_IP", "127.0.0.1");
    }

    public Summary run(SweepSpec spec, int trainSize, int maxTrials, Options opt) throws IOException {
        String master = opt.master() != null ? opt.master() : System.getProperty("spark.master");
        // before any Spark object: the embedded Master and Worker advertise this name (else the interface address)
        if (master != null && master.startsWith("local")) org.apache.spark.util.Utils.setCustomHostname("127.0.0.1");
        SparkConf conf = new SparkConf().setAppName("hpt sweep " + spec.name()); // also reads spark-submit's settings
        if (opt.master() != null) conf.setMaster(opt.master());
        if (!conf.contains("spark.master")) {
            throw new IllegalArgumentException("no Spark master: pass --master (local[2], spark://host:7077) or run under spark-submit");
        }
        opt.conf().forEach(conf::set);
        if (conf.get("spark.master").startsWith("local")) onLoopback(conf);
        // a cluster's executors need this project's classes and libraries: unless spark-submit shipped them
        // (spark.jars) or the user said where they are, use the launcher's own runtime classpath (same paths on every worker)
        String runtime = System.getProperty("hpt.runtime.classpath");
        if (runtime != null && !conf.contains("spark.jars") && !conf.contains("spark.executor.extraClassPath")
                && !conf.get("spark.master").startsWith("local"))
            conf.set("spark.executor.extraClassPath", runtime);
        List<Trial> trials = Trials.expand(spec, trainSize);
        store.accept(spec, trials);
        List<String> failed = new ArrayList<>();
        StudyEngine.Listener progress = SweepRunner.progress(err, spec, trials);
        SparkExecutor executor = new SparkExecutor(store, conf, spec.divergeAbove(), opt.scratch(), err);
        SweepRunner.Summary sum = new StudyEngine(store).run(trials.stream().map(StudyEngine.Planned::of).toList(),
                StudyEngine.Options.sweep(maxTrials), executor, new StudyEngine.Listener() {
                    @Override
                    public void skipped(StudyEngine.Planned p, TrialRecord r) {
                        progress.skipped(p, r);
                    }

                    @Override
                    public void finished(StudyEngine.Planned p, TrialRecord r) {
                        progress.finished(p, r);
                    }

                    @Override
                    public void failed(StudyEngine.Planned p, String why) {
                        failed.add(p.id());
                        err.println("spark: trial " + p.id() + " failed after Spark's retries: " + why);
                    }
                });
        return new Summary(sum, executor.failedAttempts(), failed);
    }
}
