package io.hptransfer.sweep;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one trial loop with a stand-in executor (no training): what it hands over, skips, waits for and records. */
class StudyEngineTest {
    /** Records a made-up loss per trial and remembers what it was given. */
    private static class FakeExecutor implements StudyEngine.Executor {
        final int batch;
        final List<List<String>> batches = new ArrayList<>();

        FakeExecutor(int batch) {
            this.batch = batch;
        }

        @Override
        public int batch() {
            return batch;
        }

        @Override
        public void execute(List<StudyEngine.Claimed> claimed, int pauseAt, StudyEngine.Sink sink) throws IOException {
            batches.add(claimed.stream().map(StudyEngine.Claimed::id).toList());
            for (StudyEngine.Claimed c : claimed) {
                if (pauseAt > 0) sink.paused(c, false);
                else sink.ended(c, record(c.planned()));
            }
        }
    }

    static TrialRecord record(StudyEngine.Planned p) {
        return new TrialRecord(p.id(), p.trial().key(), false, 3, 1.0, 1.0, 0.5, 1.1, 0.4, 1.1, 0.4, 0.1, 100,
                Instant.now().toString(), p.trial().config());
    }

    private static List<StudyEngine.Planned> plan(int n) throws Exception {
        List<Trial> trials = Trials.expand(SweepRunnerTest.spec(3), 1000);
        return trials.subList(0, n).stream().map(StudyEngine.Planned::of).toList();
    }

    @Test
    void eachPendingTrialIsHandedOverOnceAndRecordedOnce(@TempDir Path tmp) throws Exception {
        ResultStore store = ResultStore.open(tmp);
        List<StudyEngine.Planned> plan = plan(4);
        store.put(record(plan.get(1))); // finished by an earlier run
        FakeExecutor one = new FakeExecutor(1);
        SweepRunner.Summary s = new StudyEngine(store).run(plan, StudyEngine.Options.sweep(Integer.MAX_VALUE), one, StudyEngine.Listener.NONE);
        assertEquals(List.of(List.of(plan.get(0).id()), List.of(plan.get(2).id()), List.of(plan.get(3).id())), one.batches,
                "batch 1: claimed and trained one at a time, the recorded trial skipped");
        assertEquals(new SweepRunner.Summary(4, 3, 1, 0, 0), s);
        assertEquals(4, store.all().size());
        for (StudyEngine.Planned p : plan) assertTrue(store.tryClaim(p.id()).isPresent(), "every claim released: " + p.id());

        FakeExecutor all = new FakeExecutor(Integer.MAX_VALUE);
        SweepRunner.Summary again = new StudyEngine(store).run(plan, StudyEngine.Options.sweep(Integer.MAX_VALUE), all, StudyEngine.Listener.NONE);
        assertTrue(all.batches.isEmpty(), "nothing left to train");
        assertEquals(new SweepRunner.Summary(4, 0, 4, 0, 0), again);
    }

    @Test
    void aBatchExecutorGetsEveryPendingTrialAtOnceUpToMaxTrials(@TempDir Path tmp) throws Exception {
        ResultStore store = ResultStore.open(tmp);
        List<StudyEngine.Planned> plan = plan(4);
        FakeExecutor spark = new FakeExecutor(Integer.MAX_VALUE);
        SweepRunner.Summary s = new StudyEngine(store).run(plan, StudyEngine.Options.sweep(3), spark, StudyEngine.Listener.NONE);
        assertEquals(1, spark.batches.size());
        assertEquals(3, spark.batches.get(0).size());
        assertEquals(new SweepRunner.Summary(4, 3, 0, 0, 0), s);
        assertFalse(s.complete());
    }

    @Test
    void aTrialHeldElsewhereIsLeftBySweepsAndWaitedForByTunes(@TempDir Path tmp) throws Exception {
        ResultStore store = ResultStore.open(tmp);
        List<StudyEngine.Planned> plan = plan(2);
        StudyEngine.Planned held = plan.get(0);
        ResultStore.Claim other = ResultStore.open(tmp).tryClaim(held.id()).orElseThrow(); // another holder in this JVM's terms
        FakeExecutor ex = new FakeExecutor(1);
        SweepRunner.Summary s = new StudyEngine(store).run(plan, StudyEngine.Options.sweep(Integer.MAX_VALUE), ex, StudyEngine.Listener.NONE);
        assertEquals(new SweepRunner.Summary(2, 1, 0, 1, 0), s, "LEAVE: the held trial is counted busy, not trained");
        assertTrue(store.get(held.id()).isEmpty());

        // WAIT: the holder records it and lets go a moment later; the engine takes that record instead of training
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> {
            try {
                Thread.sleep(700);
                store.put(record(held).withId(held.id()));
                other.close();
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        FakeExecutor waiting = new FakeExecutor(1);
        SweepRunner.Summary w = new StudyEngine(store).run(plan, StudyEngine.Options.everyTrial(), waiting, StudyEngine.Listener.NONE);
        holder.get(10, TimeUnit.SECONDS);
        assertTrue(waiting.batches.isEmpty(), "the waited-for trial came from its holder, the other was recorded already");
        assertEquals(new SweepRunner.Summary(2, 0, 2, 0, 0), w);
    }

    @Test
    void aResultWhoseClaimWasTakenIsNotRecorded(@TempDir Path tmp) throws Exception {
        ResultStore store = ResultStore.open(tmp);
        List<StudyEngine.Planned> plan = plan(1);
        StudyEngine.Executor stolen = new FakeExecutor(1) {
            @Override
            public void execute(List<StudyEngine.Claimed> claimed, int pauseAt, StudyEngine.Sink sink) throws IOException {
                Files.delete(tmp.resolve("claims").resolve(claimed.get(0).id() + ".lock")); // someone deleted the claim file
                sink.ended(claimed.get(0), record(claimed.get(0).planned()));
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new StudyEngine(store)
                .run(plan, StudyEngine.Options.sweep(Integer.MAX_VALUE), stolen, StudyEngine.Listener.NONE));
        assertTrue(e.getMessage().contains("was deleted or replaced"), e.getMessage());
        assertTrue(store.get(plan.get(0).id()).isEmpty());
    }
}
