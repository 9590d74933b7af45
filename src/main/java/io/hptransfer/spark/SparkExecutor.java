package io.hptransfer.spark;

import io.hptransfer.sweep.RemoteTrial;
import io.hptransfer.sweep.ResultStore;
import io.hptransfer.sweep.StudyEngine;
import io.hptransfer.sweep.TrialRecord;
import io.hptransfer.train.Trainer;
import io.hptransfer.util.Json;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

/**
 * Trains claimed trials as Spark tasks: one job of one task per trial, all submitted at once, so the cluster
 * runs as many trials at a time as it has task slots. The task is {@link RemoteTrial} (the same trial runner
 * as local mode); as each job succeeds, its metrics.csv and train.log are written to runs/&lt;id&gt;/ here and
 * its record goes to the engine, which stores it once: a task retried after a lost executor, or a
 * speculative copy, still ends in one job result.
 */
final class SparkExecutor implements StudyEngine.Executor {
    private final ResultStore store;
    private final SparkConf conf;
    private final double divergeAbove;
    private final Path scratch;
    private final PrintStream err;
    private final TaskAttempts attempts = new TaskAttempts();

    SparkExecutor(ResultStore store, SparkConf conf, double divergeAbove, Path scratch, PrintStream err) {
        this.store = store;
        this.conf = conf;
        this.divergeAbove = divergeAbove;
        this.scratch = scratch;
        this.err = err;
    }

    @Override
    public int batch() {
        return Integer.MAX_VALUE; // every pending trial at once: Spark schedules them over its slots
    }

    /** Task attempts that failed (and were retried), by trial id. */
    Map<String, Integer> failedAttempts() {
        return attempts.failedByTrial();
    }

    @Override
    public void execute(List<StudyEngine.Claimed> batch, int pauseAt, StudyEngine.Sink sink) throws IOException {
        if (pauseAt > 0) throw new UnsupportedOperationException("Spark trials run to their end (no halving rungs)");
        Path cwd = Path.of("").toAbsolutePath();
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            sc.sc().addSparkListener(attempts);
            err.println("spark: " + batch.size() + " trials on " + conf.get("spark.master") + " (app " + sc.sc().applicationId() + ")");
            Map<StudyEngine.Claimed, JavaFutureAction<List<RemoteTrial.Result>>> jobs = new LinkedHashMap<>();
            for (StudyEngine.Claimed c : batch) {
                sc.setJobDescription(c.id()); // names the job in the UI and maps task failures to trials
                RemoteTrial task = RemoteTrial.of(c.trial(), divergeAbove, cwd, scratch);
                jobs.put(c, sc.parallelize(List.of(task), 1).map(RemoteTrial::run).collectAsync());
            }
            while (!jobs.isEmpty()) {
                StudyEngine.Claimed done = jobs.entrySet().stream().filter(e -> e.getValue().isDone()).map(Map.Entry::getKey)
                        .findFirst().orElse(null);
                if (done == null) {
                    sleep();
                    continue;
                }
                JavaFutureAction<List<RemoteTrial.Result>> job = jobs.remove(done);
                try {
                    RemoteTrial.Result res = job.get().get(0);
                    writeRunFolder(done.id(), res);
                    sink.ended(done, res.record());
                } catch (ExecutionException e) {
                    sink.failed(done, rootMessage(e));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted; finished trials are recorded, rerun to continue", e);
                }
            }
        }
    }

    /** The executor's metrics.csv and train.log, kept beside the record (unless the trial is recorded already). */
    private void writeRunFolder(String id, RemoteTrial.Result res) throws IOException {
        Optional<TrialRecord> existing = store.get(id);
        if (existing.isPresent()) return;
        Path run = store.runDir(id);
        Files.createDirectories(run);
        Json.writeAtomic(run.resolve(Trainer.METRICS), res.metricsCsv().getBytes(StandardCharsets.UTF_8));
        Files.writeString(run.resolve(Trainer.LOG), res.trainLog());
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
