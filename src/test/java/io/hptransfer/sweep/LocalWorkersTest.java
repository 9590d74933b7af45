package io.hptransfer.sweep;

import io.hptransfer.data.DataConfig;
import io.hptransfer.data.Datasets;
import io.hptransfer.data.TrainTest;
import io.hptransfer.train.Trainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `--jobs`: worker processes give the records a serial run at the same thread count gives, byte for byte. */
class LocalWorkersTest {
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @Test
    void twoWorkersRecordWhatOneSerialProcessRecords(@TempDir Path tmp) throws Exception {
        Path specFile = tmp.resolve("w.yaml");
        // 2 widths x 3 LRs (2^-8, 2^1, 2^10); the large ones diverge: a diverged trial is a record like any other
        Files.writeString(specFile, """
                name: w
                dataDir: %s
                widths: [4, 8]
                depths: [2]
                parameterizations: [mup-depth]
                optimizers: [{kind: adam, log2Lr: {from: -8, to: 10, step: 9}}]
                batch: 16
                checkpointEvery: 4
                steps: 8
                """.formatted(Path.of("datasets/fashion-mnist").toAbsolutePath()));
        SweepSpec spec = SweepSpec.read(specFile);
        TrainTest data = Datasets.load(DataConfig.bundled());
        List<Trial> trials = Trials.expand(spec, data.train().size());
        assertEquals(6, trials.size());

        // the reference: one process, one native thread, trials in spec order
        Process serial = io.hptransfer.testutil.HptProcess.sweep(specFile, tmp.resolve("serial"), tmp.resolve("serial.log"));
        assertTrue(serial.waitFor(5, TimeUnit.MINUTES), "serial sweep timed out");
        assertEquals(0, serial.exitValue(), () -> "serial sweep failed: " + read(tmp.resolve("serial.log")));

        ResultStore par = ResultStore.open(tmp.resolve("par").resolve("w"));
        SweepRunner.Summary s = LocalWorkers.run(spec, specFile, tmp.resolve("par"), par, trials, new Jobs(2, 1), QUIET);
        assertEquals(6, s.ran());
        assertTrue(s.complete());
        for (int i = 0; i < 2; i++) {
            assertTrue(read(par.workerLog(i)).contains("sweep w -> "), "worker " + i + " started and read the spec");
        }
        ResultStore ser = ResultStore.existing(tmp.resolve("serial").resolve("w"));
        long diverged = ser.all().stream().filter(TrialRecord::diverged).count();
        assertTrue(diverged > 0 && diverged < 6, "Adam at 2^10 diverges, at 2^-8 it does not: " + diverged);
        assertEquals(diverged, s.diverged());
        for (Trial t : trials) {
            TrialRecord a = ser.get(t.id()).orElseThrow(), b = par.get(t.id()).orElseThrow();
            assertEquals(a.withoutTiming(), b.withoutTiming(), t.id() + ": the record's results");
            assertArrayEquals(Files.readAllBytes(ser.runDir(t.id()).resolve(Trainer.METRICS)),
                    Files.readAllBytes(par.runDir(t.id()).resolve(Trainer.METRICS)), t.id() + ": every step's loss");
        }

        SweepRunner.Summary again = LocalWorkers.run(spec, specFile, tmp.resolve("par"), par, trials, new Jobs(2, 1), QUIET);
        assertEquals(0, again.ran(), "a finished sweep runs nothing again");
        assertEquals(6, again.skipped());
    }


    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "(missing " + p + ")";
        } catch (java.io.IOException e) {
            return "(unreadable " + p + ": " + e.getMessage() + ")";
        }
    }

    @Test
    void jobsNeverOversubscribeTheCores() {
        assertEquals(new Jobs(1, 2), Jobs.parse("auto", 2, 70), "2 cores: one two-thread trial at a time");
        assertEquals(new Jobs(4, 2), Jobs.parse("auto", 8, 70), "two threads per trial");
        assertEquals(new Jobs(1, 8), Jobs.parse("auto", 8, 1), "one pending trial: one job with every core");
        assertEquals(new Jobs(1, 1), Jobs.parse("auto", 1, 70));
        assertEquals(new Jobs(2, 1), Jobs.parse("2", 2, 70));
        assertEquals(new Jobs(4, 2), Jobs.parse("4", 8, 70));
        assertEquals(new Jobs(1, 8), Jobs.parse("1", 8, 70));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Jobs.parse("3", 2, 70));
        assertTrue(e.getMessage().contains("--jobs 2 or auto"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Jobs.parse("two", 2, 70));
        assertThrows(IllegalArgumentException.class, () -> Jobs.parse("0", 2, 70));
    }
}
