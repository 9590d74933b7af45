package io.hptransfer.sweep;

import io.hptransfer.data.TrainTest;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/**
 * Runs a sweep's pending trials into its {@link ResultStore}: finished trials are skipped, a trial
 * another process holds is left to it, an interrupted one resumes from its checkpoint. A
 * diverged trial is recorded like any other; only errors stop the sweep, and every trial
 * finished before them stays recorded.
 */
public final class SweepRunner {
    private final ResultStore store;
    private final PrintStream err;
    private boolean largestFirst;

    public SweepRunner(ResultStore store, PrintStream err) {
        this.store = store;
        this.err = err;
    }

    /** What a run of the sweep did. */
    public record Summary(int total, int ran, int skipped, int busyElsewhere, int diverged) {
        public boolean complete() {
            return busyElsewhere == 0 && ran + skipped == total;
        }
    }

    /**
     * Take the costliest pending trial first (`--jobs` workers: the last trial to start is a short one, so
     * no worker idles long at the end while another finishes a big one). Order never changes a result.
     */
    public SweepRunner largestFirst() {
        this.largestFirst = true;
        return this;
    }

    public Summary run(SweepSpec spec, TrainTest data, int maxTrials) throws IOException {
        List<Trial> trials = Trials.expand(spec, data.train().size());
        Trials.refuseOversized(trials, data.train());
        store.accept(spec, trials);
        if (largestFirst) trials = trials.stream().sorted(java.util.Comparator.comparingDouble(Trial::cost).reversed()).toList();
        double totalCost = trials.stream().mapToDouble(Trial::cost).sum();
        SweepProgress progress = new SweepProgress(err, trials.size(), totalCost);
        TrialRunner runner = new TrialRunner(spec.divergeAbove());
        int ran = 0, skipped = 0, busy = 0, diverged = 0;
        for (Trial t : trials) {
            Optional<TrialRecord> done = finished(t);
            if (done.isPresent()) {
                skipped++;
                progress.skipped(done.get(), t.cost(), spec.metric());
                continue;
            }
            if (ran >= maxTrials) continue;
            Optional<ResultStore.Claim> claim = store.tryClaim(t.id());
            if (claim.isEmpty()) {
                busy++;
                continue;
            }
            try (ResultStore.Claim c = claim.get()) {
                done = finished(t); // another process may have finished it between our check and our claim
                if (done.isPresent()) {
                    skipped++;
                    progress.skipped(done.get(), t.cost(), spec.metric());
                    continue;
                }
                TrialRecord r = runner.runAndRecord(store, c, t, t.id(), data);
                ran++;
                if (r.diverged()) diverged++;
                progress.finished(r, t.cost(), spec.metric());
            } catch (RuntimeException e) {
                throw new IllegalStateException("trial " + t.id() + " failed: " + e.getMessage()
                        + " (finished trials are kept; rerun the same command to continue)", e);
            }
        }
        return new Summary(trials.size(), ran, skipped, busy, diverged);
    }

    private Optional<TrialRecord> finished(Trial t) {
        return store.recorded(t);
    }
}
