package io.hptransfer.spark;

import io.hptransfer.data.DataConfig;
import io.hptransfer.data.Datasets;
import io.hptransfer.data.TrainTest;
import io.hptransfer.sweep.ResultStore;
import io.hptransfer.sweep.SweepRunner;
import io.hptransfer.sweep.SweepSpec;
import io.hptransfer.sweep.TrialRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real Spark standalone cluster on loopback (local-cluster mode: a Master and a Worker in this
 * JVM, the Worker launching executors as separate JVMs), a small sweep through it, the executor
 * killed with kill -9 in the middle of a trial (the Worker starts a new one and Spark retries the
 * task there), and the results compared with local mode. One worker: two executors with two
 * native threads each would oversubscribe the two cores this suite runs on (measured: 2m16s, against 37 s with one thread each).
 */
class SparkSweepTest {
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    /** 4 trials long enough (~100 steps) for an executor to be killed inside one. */
    static SweepSpec spec(Path dir) throws Exception {
        Path yaml = dir.resolve("s.yaml");
        Files.writeString(yaml, """
                name: s
                widths: [8]
                depths: [2]
                parameterizations: [mup-depth]
                optimizers: [{kind: adam, log2Lr: {from: -8, to: -5}}]
                batch: 32
                checkpointEvery: 20
                steps: 100
                """);
        return SweepSpec.read(yaml);
    }

    @Test
    void aSweepOnAStandaloneClusterSurvivesAKilledExecutorAndMatchesLocalMode(@TempDir Path tmp) throws Exception {
        SweepSpec spec = spec(tmp);
        TrainTest data = Datasets.load(DataConfig.bundled());
        ResultStore local = ResultStore.open(tmp.resolve("local"));
        assertTrue(new SweepRunner(local, QUIET).run(spec, data, Integer.MAX_VALUE).complete());

        // a Spark home for the Worker: it starts executors with `java -cp <extraClassPath>:<home>/jars/*`
        Path home = Files.createDirectories(tmp.resolve("spark-home"));
        Files.createDirectories(home.resolve("jars"));
        Path scratch = tmp.resolve("scratch");
        System.setProperty("spark.testing", "true");
        System.setProperty("spark.test.home", home.toString());
        SparkSweepRunner.Summary s;
        try {
            Map<String, String> conf = Map.of(
                    "spark.executor.extraClassPath", System.getProperty("java.class.path"),
                    "spark.executorEnv.SPARK_SCALA_VERSION", "2.12",
                    // the executor uses as many native threads as this JVM did (Spark's default is spark.task.cpus = 1):
                    // with another thread count float sums add up in another order and the last digit moves
                    "spark.executorEnv.OMP_NUM_THREADS", Integer.toString(org.nd4j.linalg.factory.Nd4j.getEnvironment().maxThreads()),
                    "spark.executor.memory", "1g",
                    "spark.ui.enabled", "false",
                    "spark.extraListeners", KillOneExecutorListener.class.getName() + "," + ExecutorHostsListener.class.getName(),
                    "spark.hpt.test.watch", scratch.toString());
            ResultStore store = ResultStore.open(tmp.resolve("spark"));
            s = new SparkSweepRunner(store, QUIET).run(spec, data.train().size(), Integer.MAX_VALUE,
                    new SparkSweepRunner.Options("local-cluster[1,1,1536]", conf, scratch));
        } finally {
            System.clearProperty("spark.testing");
            System.clearProperty("spark.test.home");
        }

        assertFalse(ExecutorHostsListener.HOSTS.isEmpty());
        assertTrue(ExecutorHostsListener.HOSTS.stream().allMatch("127.0.0.1"::equals),
                "local-cluster executors registered on loopback only: " + ExecutorHostsListener.HOSTS);
        String killed = KillOneExecutorListener.killedTrial;
        assertNotNull(killed, "the fault injection found a trial to interrupt");
        assertTrue(s.failedAttempts().getOrDefault(killed, 0) >= 1, "the killed trial's task failed and was retried: " + s.failedAttempts());
        assertTrue(s.failedTrials().isEmpty(), "every trial finished: " + s.failedTrials());
        assertTrue(s.sweep().complete());
        assertEquals(4, s.sweep().ran());

        Path trials = tmp.resolve("spark").resolve("trials");
        try (Stream<Path> files = Files.list(trials)) {
            assertEquals(4, files.filter(f -> f.toString().endsWith(".json")).count(), "one record per trial, none twice");
        }
        List<TrialRecord> a = local.all(), b = ResultStore.existing(tmp.resolve("spark")).all();
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).withoutTiming(), b.get(i).withoutTiming(), "same result as local mode for " + a.get(i).id());
            assertTrue(Files.exists(tmp.resolve("spark").resolve("runs").resolve(b.get(i).id()).resolve("metrics.csv")));
        }
    }


    @Test
    void embeddedLocalMasterRunsTheSweepAndARerunSkipsWhatIsRecorded(@TempDir Path tmp) throws Exception {
        Path yaml = tmp.resolve("e.yaml");
        Files.writeString(yaml, """
                name: e
                widths: [4, 8]
                depths: [1]
                parameterizations: [mup]
                optimizers: [{kind: sgd, log2Lr: {from: -4, to: -4}}]
                batch: 16
                steps: 6
                """);
        SweepSpec spec = SweepSpec.read(yaml);
        TrainTest data = Datasets.load(DataConfig.bundled());
        ResultStore local = ResultStore.open(tmp.resolve("local"));
        assertTrue(new SweepRunner(local, QUIET).run(spec, data, Integer.MAX_VALUE).complete());
        ResultStore store = ResultStore.open(tmp.resolve("spark"));
        SparkSweepRunner.Options opt = new SparkSweepRunner.Options("local[2]", Map.of("spark.ui.enabled", "false"), tmp.resolve("scratch"));
        SparkSweepRunner.Summary first = new SparkSweepRunner(store, QUIET).run(spec, data.train().size(), Integer.MAX_VALUE, opt);
        assertEquals(2, first.sweep().ran());
        List<TrialRecord> a = local.all(), b = store.all();
        assertEquals(2, b.size());
        for (int i = 0; i < a.size(); i++) assertEquals(a.get(i).withoutTiming(), b.get(i).withoutTiming());
        SparkSweepRunner.Summary again = new SparkSweepRunner(store, QUIET).run(spec, data.train().size(), Integer.MAX_VALUE, opt);
        assertEquals(0, again.sweep().ran());
        assertEquals(2, again.sweep().skipped());
    }

    @Test
    void withoutAMasterTheErrorSaysHowToGiveOne(@TempDir Path tmp) throws Exception {
        SweepSpec spec = spec(tmp);
        ResultStore store = ResultStore.open(tmp.resolve("x"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SparkSweepRunner(store, QUIET)
                .run(spec, 1000, Integer.MAX_VALUE, new SparkSweepRunner.Options(null, Map.of(), null)));
        assertTrue(e.getMessage().contains("--master"), e.getMessage());
        String first = io.hptransfer.sweep.Trials.expand(spec, 1000).get(0).id();
        assertTrue(store.tryClaim(first).isPresent(), "no claim left behind on " + first);
    }
}
