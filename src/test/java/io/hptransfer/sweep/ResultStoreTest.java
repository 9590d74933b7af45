package io.hptransfer.sweep;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResultStoreTest {

    static Process child(String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                StoreWriterMain.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String first = new BufferedReader(new InputStreamReader(p.getInputStream())).readLine();
        assertTrue(first != null && (first.equals("writing") || first.equals("held")), "child said: " + first);
        return p;
    }

    static void awaitFirstRecord(Path trials) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(trials)) {
                try (Stream<Path> files = Files.list(trials)) {
                    if (files.anyMatch(f -> f.toString().endsWith(".json"))) return;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the child wrote no record in 60 s");
    }

    @Test
    void aRecordWrittenWhileTheProcessIsKilledIsWholeOrAbsent(@TempDir Path tmp) throws Exception {
        for (int round = 0; round < 3; round++) {
            Path dir = tmp.resolve("s" + round);
            Process p = child("write", dir.toString());
            awaitFirstRecord(dir.resolve("trials")); // a loaded machine may take a while to start the child
            Thread.sleep(50 + 150L * round); // then kill at a different moment each round
            p.destroyForcibly(); // SIGKILL: no shutdown hooks, no flush
            assertTrue(p.waitFor(10, TimeUnit.SECONDS));
            ResultStore store = ResultStore.open(dir);
            List<TrialRecord> all = store.all(); // throws if any record file were torn
            assertFalse(all.isEmpty(), "the child wrote records before it was killed");
            for (TrialRecord r : all) {
                assertEquals(r.key().id(), r.id());
                assertEquals(1.0 + r.key().seed(), r.finalTrainLoss(), 0, "content intact");
            }
            try (Stream<Path> files = Files.list(dir.resolve("trials"))) {
                long partial = files.filter(f -> f.toString().endsWith(".tmp")).count();
                assertTrue(partial <= 1, "at most the one record in flight is left as a temp file, never as a record");
            }
        }
    }

    @Test
    void aClaimIsExclusiveAcrossProcessesAndFreedWhenItsHolderDies(@TempDir Path tmp) throws Exception {
        ResultStore store = ResultStore.open(tmp);
        Process holder = child("hold", tmp.toString(), "t1");
        assertTrue(store.tryClaim("t1").isEmpty(), "another process holds t1");
        Optional<ResultStore.Claim> other = store.tryClaim("t2");
        assertTrue(other.isPresent(), "other trials stay free");
        other.get().close();
        holder.destroyForcibly();
        holder.waitFor(10, TimeUnit.SECONDS);
        Optional<ResultStore.Claim> c = store.tryClaim("t1");
        assertTrue(c.isPresent(), "kill -9 of the holder releases its claim");
        assertTrue(store.tryClaim("t1").isEmpty(), "and within one process a held claim is exclusive too");
        c.get().close();
        assertTrue(store.tryClaim("t1").isPresent());
    }

    @Test
    void divergedRecordsRoundTripWithInfiniteLoss(@TempDir Path tmp) throws Exception {
        ResultStore store = ResultStore.open(tmp);
        TrialRecord r = SyntheticRecords.record("mup", 16, 4, -3, 0, Double.POSITIVE_INFINITY);
        store.put(r);
        TrialRecord back = store.get(r.id()).orElseThrow();
        assertEquals(r, back);
        assertTrue(back.diverged());
        assertEquals(Double.POSITIVE_INFINITY, back.loss(Metric.TRAIN_LOSS));
        assertEquals(Double.POSITIVE_INFINITY, back.loss(Metric.TEST_LOSS));
    }

    @Test
    void anUnreadableRecordIsReportedWithItsFix(@TempDir Path tmp) throws Exception {
        ResultStore store = ResultStore.open(tmp);
        Files.writeString(tmp.resolve("trials/x.json"), "{\"id\": ");
        IllegalStateException e = assertThrows(IllegalStateException.class, store::all);
        assertTrue(e.getMessage().contains("x.json") && e.getMessage().contains("delete it"), e.getMessage());
    }

    /** A sweep writes only inside its own folder: a symlinked trials/ or runs/<id> is refused, not followed. */
    @Test
    void symbolicLinksOutOfTheStoreAreRefused(@TempDir Path tmp) throws Exception {
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Path root = Files.createDirectories(tmp.resolve("s"));
        Files.createSymbolicLink(root.resolve("trials"), elsewhere);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ResultStore.open(root));
        assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());

        ResultStore ok = ResultStore.open(tmp.resolve("t"));
        Files.createSymbolicLink(ok.root().resolve("runs").resolve("x"), elsewhere);
        e = assertThrows(IllegalArgumentException.class, () -> ok.runDir("x"));
        assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
        try (var s = Files.list(elsewhere)) {
            assertEquals(0, s.count(), "nothing written where the links point");
        }
    }

    /** A deleted claim file cannot be taken over silently: its first holder sees the claim is no longer its own. */
    @Test
    void aHolderLearnsWhenItsClaimFileIsDeletedAndTakenOver(@TempDir Path tmp) throws Exception {
        ResultStore store = ResultStore.open(tmp.resolve("s"));
        ResultStore.Claim first = store.tryClaim("t").orElseThrow();
        assertTrue(first.held());
        assertTrue(store.tryClaim("t").isEmpty(), "held: nobody else gets it");
        Files.delete(tmp.resolve("s").resolve("claims").resolve("t.lock"));
        assertFalse(first.held(), "its file is gone");
        ResultStore.Claim second = store.tryClaim("t").orElseThrow(); // what a second process could now do
        assertTrue(second.held());
        assertFalse(first.held(), "a new claim file is not the first holder's");
        assertTrue(first.taken().getMessage().contains("t.lock"), first.taken().getMessage());
        second.close();
        first.close();
    }

    /** A record whose loss is not a number is a diverged trial's and nothing else's. */
    @Test
    void aNonFiniteLossOutsideADivergedTrialCannotBeRecorded() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new TrialRecord("x", null, false, 10, Double.NaN, 1.0,
                0.5, 1.0, 0.5, 1.0, 0.5, 1.0, 1.0, "", null));
        assertTrue(e.getMessage().contains("not marked diverged"), e.getMessage());
        double inf = Double.POSITIVE_INFINITY;
        assertTrue(new TrialRecord("y", null, true, 3, inf, inf, 0, inf, 0, inf, 0, 1.0, 1.0, "", null).diverged());
    }
}
