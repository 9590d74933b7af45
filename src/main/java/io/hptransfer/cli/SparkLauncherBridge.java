package io.hptransfer.cli;

import io.hptransfer.spark.SparkSweepRunner;
import io.hptransfer.sweep.ResultStore;
import io.hptransfer.sweep.SweepRunner;
import io.hptransfer.sweep.SweepSpec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The only place the CLI touches Spark. Spark is not on the plain CLI's classpath (the launcher
 * adds it for --executor spark; spark-submit brings its own), so a missing Spark is a clear error
 * here instead of a NoClassDefFoundError.
 */
final class SparkLauncherBridge {
    private SparkLauncherBridge() {
    }

    static SweepRunner.Summary run(ResultStore store, SweepSpec spec, int trainSize, int maxTrials, String master,
                                   Map<String, String> conf, Path scratch) throws IOException {
        try {
            Class.forName("org.apache.spark.SparkConf");
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("Spark is not on the classpath: run `./hpt sweep ... --executor spark` "
                    + "(the launcher adds it) or submit the job with spark-submit (see README, Sweeps on Spark)");
        }
        SparkSweepRunner.Summary s = new SparkSweepRunner(store, System.err)
                .run(spec, trainSize, maxTrials, new SparkSweepRunner.Options(master, conf, scratch));
        if (!s.failedAttempts().isEmpty())
            System.err.println("spark: failed task attempts (retried by Spark): " + s.failedAttempts());
        if (!s.failedTrials().isEmpty())
            throw new IllegalStateException(s.failedTrials().size() + " trial(s) failed on every Spark attempt: " + s.failedTrials()
                    + " (the other trials are recorded; see the executors' logs, fix, and rerun the same command)");
        return s.sweep();
    }
}
