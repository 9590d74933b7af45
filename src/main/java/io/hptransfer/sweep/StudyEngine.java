package io.hptransfer.sweep;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one trial loop of sweeps, tunes and Spark sweeps (Optuna's split: this loop, the store, and an
 * {@link Executor} that trains). Pending = planned minus recorded minus claimed: a recorded trial is
 * skipped, one another process holds is left to it or waited for ({@link Busy}), the rest are claimed,
 * handed to the executor, and each result is recorded once, by this process, while its claim is held.
 */
public final class StudyEngine {
    /** A trial to run under the id its record gets (a sweep's ids name the sweep key, a tune's its tuned point). */
    public record Planned(String id, Trial trial) {
        public static Planned of(Trial t) {
            return new Planned(t.id(), t);
        }
    }

    /** A planned trial this process has claimed; the engine releases the claim after the executor is done. */
    public record Claimed(Planned planned, ResultStore.Claim claim) {
        public String id() {
            return planned.id();
        }

        public Trial trial() {
            return planned.trial();
        }
    }

    /** What to do with a trial another process holds. */
    public enum Busy {
        /** leave it to the holder (a sweep: the holder records it, a rerun picks up what it left) */
        LEAVE,
        /** wait until the holder releases it, then take its record or, if it stopped early, claim it (a tune needs every point) */
        WAIT
    }

    /**
     * @param maxTrials at most this many trials handed to the executor in this run
     * @param pauseAt   train only to this step and record nothing (a successive-halving rung); 0 = to the end
     */
    public record Options(int maxTrials, Busy busy, int pauseAt) {
        public static Options sweep(int maxTrials) {
            return new Options(maxTrials, Busy.LEAVE, 0);
        }

        public static Options everyTrial() {
            return new Options(Integer.MAX_VALUE, Busy.WAIT, 0);
        }

        public static Options toRung(int step) {
            return new Options(Integer.MAX_VALUE, Busy.WAIT, step);
        }
    }

    /** Trains claimed trials: in this process ({@link LocalExecutor}) or elsewhere (the Spark executor). */
    public interface Executor {
        /** How many claimed trials it takes at once: 1 trains each as soon as it is claimed. */
        int batch();

        /** Trains the batch and reports each trial as it ends through the sink; pauseAt as in {@link Options}. */
        void execute(List<Claimed> batch, int pauseAt, Sink sink) throws IOException;
    }

    /** Where an executor reports. */
    public interface Sink {
        /** Trained to its end (finished or diverged): the engine records it. */
        void ended(Claimed c, TrialRecord r) throws IOException;

        /** Stopped at the rung (or diverged before it); nothing recorded. */
        void paused(Claimed c, boolean diverged) throws IOException;

        /** Could not be trained (Spark: after its retries); the sweep goes on, a rerun tries again. */
        void failed(Claimed c, String why) throws IOException;
    }

    /** What the caller hears about each trial; every method optional. */
    public interface Listener {
        /** Hears nothing (the caller reads the store afterwards). */
        Listener NONE = new Listener() {
        };

        default void skipped(Planned p, TrialRecord r) {
        }

        default void finished(Planned p, TrialRecord r) {
        }

        default void paused(Planned p, boolean diverged) {
        }

        default void failed(Planned p, String why) {
        }
    }

    private static final long WAIT_MS = 500;

    private final ResultStore store;

    public StudyEngine(ResultStore store) {
        this.store = store;
    }

    public SweepRunner.Summary run(List<Planned> plan, Options opt, Executor executor, Listener listener) throws IOException {
        Counts n = new Counts();
        List<Claimed> batch = new ArrayList<>();
        try {
            int handed = 0;
            for (Planned p : plan) {
                while (true) {
                    if (skipIfRecorded(p, n, listener)) break;
                    if (handed >= opt.maxTrials()) break;
                    Optional<ResultStore.Claim> claim = store.tryClaim(p.id());
                    if (claim.isEmpty()) {
                        if (opt.busy() == Busy.LEAVE) {
                            n.busy++;
                            break;
                        }
                        awaitRelease(p.id());
                        continue; // its record, or (the holder stopped) ours to claim
                    }
                    Claimed c = new Claimed(p, claim.get());
                    batch.add(c);
                    // another process may have finished it between our look and our claim
                    if (skipIfRecorded(p, n, listener)) {
                        release(batch, c);
                        break;
                    }
                    handed++;
                    if (batch.size() >= executor.batch()) executeAndRelease(batch, opt, executor, listener, n);
                    break;
                }
            }
            if (!batch.isEmpty()) executeAndRelease(batch, opt, executor, listener, n);
        } finally {
            for (Claimed c : List.copyOf(batch)) release(batch, c);
        }
        return new SweepRunner.Summary(plan.size(), n.ran, n.skipped, n.busy, n.diverged);
    }

    private static final class Counts {
        int ran, skipped, busy, diverged;
    }

    private boolean skipIfRecorded(Planned p, Counts n, Listener listener) {
        Optional<TrialRecord> done = store.recorded(p.id(), p.trial().config());
        if (done.isEmpty()) return false;
        n.skipped++;
        listener.skipped(p, done.get());
        return true;
    }

    private void executeAndRelease(List<Claimed> batch, Options opt, Executor executor, Listener listener, Counts n) throws IOException {
        try {
            executor.execute(List.copyOf(batch), opt.pauseAt(), new Sink() {
                @Override
                public void ended(Claimed c, TrialRecord r) throws IOException {
                    TrialRecord kept = record(c, r);
                    release(batch, c); // a local sweep on the same folder now sees it recorded
                    n.ran++;
                    if (kept.diverged()) n.diverged++;
                    listener.finished(c.planned(), kept);
                }

                @Override
                public void paused(Claimed c, boolean diverged) throws IOException {
                    release(batch, c);
                    listener.paused(c.planned(), diverged);
                }

                @Override
                public void failed(Claimed c, String why) throws IOException {
                    release(batch, c);
                    listener.failed(c.planned(), why);
                }
            });
        } finally {
            for (Claimed c : List.copyOf(batch)) release(batch, c);
        }
    }

    /**
     * Stores the record once: not after the claim was taken (the new holder's record is the one to keep), and
     * never over a record already there (a retried Spark task, a speculative copy).
     */
    private TrialRecord record(Claimed c, TrialRecord r) throws IOException {
        if (!r.id().equals(c.id()) || !r.config().equals(c.trial().config())) {
            throw new IllegalStateException("trial " + c.id() + " came back as " + r.id() + " with another config: mixed-up results, nothing recorded");
        }
        if (!c.claim().held()) throw c.claim().taken();
        Optional<TrialRecord> existing = store.get(c.id());
        if (existing.isPresent()) return existing.get();
        store.put(r);
        return r;
    }

    /** Closes the claim once (batch holds the claims not yet released). */
    private static void release(List<Claimed> batch, Claimed c) throws IOException {
        if (batch.remove(c)) c.claim().close();
    }

    private void awaitRelease(String id) throws IOException {
        while (true) {
            Optional<ResultStore.Claim> probe = store.tryClaim(id);
            if (probe.isPresent()) {
                probe.get().close();
                return;
            }
            try {
                Thread.sleep(WAIT_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while another process trained " + id + "; finished trials are recorded, rerun to continue");
            }
        }
    }
}
