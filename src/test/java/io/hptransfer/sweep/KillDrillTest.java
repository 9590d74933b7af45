package io.hptransfer.sweep;

import io.hptransfer.train.Trainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kill -9 drill, kept in the suite: a 30-trial sweep in a subprocess is killed with SIGKILL at 30 random
 * moments (while it loads, trains, checkpoints or writes records), then run to the end. Nothing may be lost or
 * recorded twice, and every record and every step's loss must equal an uninterrupted run's.
 */
class KillDrillTest {
    private static final int KILLS = 30;

    @Test
    void thirtyKillsLoseNothingAndRecordNothingTwice(@TempDir Path tmp) throws Exception {
        Path spec = tmp.resolve("drill.yaml");
        Files.writeString(spec, """
                name: drill
                dataDir: %s
                widths: [8]
                depths: [1]
                parameterizations: [mup]
                optimizers: [{kind: adam, log2Lr: {from: -10, to: 4.5, step: 0.5}}]
                batch: 32
                steps: 150
                checkpointEvery: 20
                """.formatted(Path.of("datasets/fashion-mnist").toAbsolutePath()));
        assertEquals(0, io.hptransfer.testutil.HptProcess.sweep(spec, tmp.resolve("clean"), tmp.resolve("clean.log")).waitFor(), "the uninterrupted run");

        Random rng = new Random(42);
        int kills = 0, finishedEarly = 0;
        while (kills < KILLS) {
            Process p = io.hptransfer.testutil.HptProcess.sweep(spec, tmp.resolve("drill"), tmp.resolve("drill.log"));
            // 1.5-4.5 s: JVM start and data loading take ~1.5 s here, a trial ~2 s (at one thread)
            if (p.waitFor(1500 + rng.nextInt(3000), TimeUnit.MILLISECONDS)) {
                finishedEarly++; // the sweep finished before this kill: start again (it skips everything) and go on
                if (finishedEarly > 3) break;
                continue;
            }
            p.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no finally blocks
            p.waitFor();
            kills++;
        }
        assertEquals(KILLS, kills, "the drill killed mid-run " + kills + " times");
        Process last = io.hptransfer.testutil.HptProcess.sweep(spec, tmp.resolve("drill"), tmp.resolve("drill.log"));
        assertTrue(last.waitFor(10, TimeUnit.MINUTES));
        assertEquals(0, last.exitValue(), () -> "the final run: " + tail(tmp.resolve("drill.log")));

        ResultStore clean = ResultStore.existing(tmp.resolve("clean").resolve("drill"));
        ResultStore drill = ResultStore.existing(tmp.resolve("drill").resolve("drill"));
        List<TrialRecord> a = clean.all(), b = drill.all();
        assertEquals(30, a.size());
        assertEquals(a.size(), b.size(), "no record lost");
        try (Stream<Path> files = Files.list(tmp.resolve("drill").resolve("drill").resolve("trials"))) {
            assertEquals(30, files.filter(f -> f.toString().endsWith(".json")).count(), "no record twice, no stray files");
        }
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).withoutTiming(), b.get(i).withoutTiming(), a.get(i).id());
            assertArrayEquals(Files.readAllBytes(clean.runDir(a.get(i).id()).resolve(Trainer.METRICS)),
                    Files.readAllBytes(drill.runDir(b.get(i).id()).resolve(Trainer.METRICS)), a.get(i).id() + ": every step's loss");
        }
        System.out.println("kill drill: " + kills + " kills, 30 trials, every record and metrics line as in the uninterrupted run");
    }



    private static String tail(Path log) {
        try {
            List<String> l = Files.readAllLines(log);
            return String.join("\n", l.subList(Math.max(0, l.size() - 5), l.size()));
        } catch (Exception e) {
            return "(no log)";
        }
    }
}
