package io.hptransfer.spark;

import io.hptransfer.sweep.RemoteTrial;
import io.hptransfer.sweep.ResultStore;
import io.hptransfer.sweep.SweepProgress;
import io.hptransfer.sweep.SweepRunner;
import io.hptransfer.sweep.SweepSpec;
import io.hptransfer.sweep.Trial;
import io.hptransfer.sweep.TrialRecord;
import io.hptransfer.sweep.Trials;
import io.hptransfer.util.Json;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

/**
 * Runs a sweep's pending trials as Spark tasks: one job of one task per trial, all submitted at
 * once, so the cluster runs as many trials at a time as it has task slots. The executor side is
 * {@link RemoteTrial} (the same trial runner as local mode); this driver is the only writer of
 * the store, and records a trial when its job succeeds: a task retried after a lost executor, or
 * a speculative copy, still ends in one job result, and a trial already in the store is never
 * written again. Trials are claimed in the store while their jobs run, so a local `hpt sweep` on
 * the same folder leaves them alone.
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
        SweepProgress progress = new SweepProgress(err, trials.size(), trials.stream().mapToDouble(Trial::cost).sum());
        Map<String, Trial> pending = new LinkedHashMap<>();
        Map<String, ResultStore.Claim> claims = new LinkedHashMap<>();
        int skipped = 0, busy = 0, ran = 0, diverged = 0;
        for (Trial t : trials) {
            Optional<TrialRecord> done = store.recorded(t);
            if (done.isPresent()) {
                skipped++;
                progress.skipped(done.get(), t.cost(), spec.metric());
            } else if (pending.size() < maxTrials) {
                Optional<ResultStore.Claim> c = store.tryClaim(t.id());
                if (c.isEmpty()) {
                    busy++;
                } else {
                    claims.put(t.id(), c.get());
                    pending.put(t.id(), t);
                }
            }
        }
        if (pending.isEmpty()) return new Summary(new SweepRunner.Summary(trials.size(), 0, skipped, busy, 0), Map.of(), List.of());

        Path cwd = Path.of("").toAbsolutePath();
        List<String> failed = new ArrayList<>();
        TaskAttempts attempts = new TaskAttempts();
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            sc.sc().addSparkListener(attempts);
            err.println("spark: " + pending.size() + " trials on " + conf.get("spark.master") + " (app " + sc.sc().applicationId() + ")");
            Map<String, JavaFutureAction<List<RemoteTrial.Result>>> jobs = new LinkedHashMap<>();
            for (Trial t : pending.values()) {
                sc.setJobDescription(t.id()); // names the job in the UI and maps task failures to trials
                RemoteTrial task = RemoteTrial.of(t, spec.divergeAbove(), cwd, opt.scratch());
                jobs.put(t.id(), sc.parallelize(List.of(task), 1).map(RemoteTrial::run).collectAsync());
            }
            while (!jobs.isEmpty()) {
                String doneId = null;
                for (Map.Entry<String, JavaFutureAction<List<RemoteTrial.Result>>> e : jobs.entrySet()) {
                    if (e.getValue().isDone()) {
                        doneId = e.getKey();
                        break;
                    }
                }
                if (doneId == null) {
                    sleep();
                    continue;
                }
                JavaFutureAction<List<RemoteTrial.Result>> job = jobs.remove(doneId);
                Trial t = pending.get(doneId);
                try {
                    TrialRecord r = record(t, job.get().get(0));
                    ran++;
                    if (r.diverged()) diverged++;
                    progress.finished(r, t.cost(), spec.metric());
                } catch (ExecutionException e) {
                    failed.add(doneId);
                    err.println("spark: trial " + doneId + " failed after Spark's retries: " + rootMessage(e));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted; finished trials are recorded, rerun to continue", e);
                } finally {
                    claims.remove(doneId).close();
                }
            }
        } finally {
            for (ResultStore.Claim c : claims.values()) c.close();
        }
        return new Summary(new SweepRunner.Summary(trials.size(), ran, skipped, busy, diverged), attempts.failedByTrial(), failed);
    }

    /** Stores one returned result unless the trial is already recorded: the store gets each trial once. */
    private TrialRecord record(Trial t, RemoteTrial.Result res) throws IOException {
        TrialRecord r = res.record();
        if (!r.id().equals(t.id()) || !r.config().equals(t.config()))
            throw new IllegalStateException("an executor returned " + r.id() + " for trial " + t.id() + ": mixed-up results, nothing recorded");
        Optional<TrialRecord> existing = store.get(t.id());
        if (existing.isPresent()) return existing.get();
        Path run = store.runDir(t.id());
        Files.createDirectories(run);
        Json.writeAtomic(run.resolve(io.hptransfer.train.Trainer.METRICS), res.metricsCsv().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Files.writeString(run.resolve(io.hptransfer.train.Trainer.LOG), res.trainLog());
        store.put(r);
        return r;
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted; finished trials are recorded, rerun to continue", e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable c = e;
        while (c.getCause() != null) c = c.getCause();
        String m = String.valueOf(c.getMessage());
        return m.lines().findFirst().orElse(c.getClass().getSimpleName());
    }
}
