package io.hptransfer.tune;

import io.hptransfer.testutil.HptProcess;
import io.hptransfer.train.Trainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two `hpt tune` processes on one folder share its claims: every point is trained once, and both report the same optimum. */
class TwoTunesTest {
    @Test
    void twoTunesOnOneFolderTrainEveryPointOnce(@TempDir Path tmp) throws Exception {
        String[] args = {"tune", "--name", "t", "--out", tmp.toString(), "--width", "4", "--depth", "1", "--steps", "40",
                "--batch", "16", "--opt", "adam", "--log2-lr=-9:-5:1", "--refine", "1",
                "--data-dir", Path.of("datasets/fashion-mnist").toAbsolutePath().toString()};
        Process a = HptProcess.start(tmp.resolve("a.log"), args), b = HptProcess.start(tmp.resolve("b.log"), args);
        assertTrue(a.waitFor(10, TimeUnit.MINUTES) && b.waitFor(10, TimeUnit.MINUTES), "both tunes ended");
        assertEquals(0, a.exitValue(), () -> read(tmp.resolve("a.log")));
        assertEquals(0, b.exitValue(), () -> read(tmp.resolve("b.log")));

        List<Path> runs;
        try (Stream<Path> s = Files.list(tmp.resolve("t").resolve("runs"))) {
            runs = s.toList();
        }
        assertEquals(6, runs.size(), "5 grid points and 1 refinement: " + runs);
        for (Path run : runs) {
            long sessions = read(run.resolve(Trainer.LOG)).lines().filter(l -> l.startsWith("oneDNN helpers")).count();
            assertEquals(1, sessions, run.getFileName() + " trained once, not by both processes");
        }
        String optimum = "eta* = ";
        assertEquals(line(read(tmp.resolve("a.log")), optimum), line(read(tmp.resolve("b.log")), optimum), "the same answer in both");
    }

    private static String line(String log, String prefix) {
        return log.lines().filter(l -> l.startsWith(prefix)).findFirst().orElse("(no '" + prefix + "' line)");
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (Exception e) {
            return "(unreadable " + p + ")";
        }
    }
}
