package io.hptransfer.sweep;

import io.hptransfer.util.WorkClock;

import java.io.PrintStream;
import java.util.Locale;

/** One line per finished trial: trials done/total, ETA from the cost still to run, and the best so far. */
public final class SweepProgress {
    private final PrintStream err;
    private final int total;
    private final WorkClock clock;
    private int done;
    private String best = "-";
    private double bestLoss = Double.POSITIVE_INFINITY;

    public SweepProgress(PrintStream err, int total, double totalCost) {
        this.err = err;
        this.total = total;
        this.clock = new WorkClock(totalCost);
    }

    /** The progress bar inside one trial: its id, its steps, its ETA (the sweep's ETA is on the lines between trials). */
    public io.hptransfer.train.Progress forTrial(Trial t) {
        return io.hptransfer.train.Progress.inStudy(err, t.config().steps(), t.id());
    }

    /** A trial finished earlier (its cost is not in the ETA's rate). */
    public void skipped(TrialRecord r, double cost, Metric metric) {
        done++;
        clock.skipped(cost);
        note(r, metric);
    }

    public void finished(TrialRecord r, double cost, Metric metric) {
        done++;
        clock.done(cost);
        note(r, metric);
        int width = 24, filled = (int) Math.round(width * (double) done / Math.max(total, 1));
        err.printf(Locale.ROOT, "[%s%s] %d/%d trials  %s  %s %s  best: %s%n", "#".repeat(filled), ".".repeat(width - filled),
                done, total, clock.eta(), r.id(),
                r.diverged() ? "diverged" : String.format(Locale.ROOT, "%.4f (%.0fs)", r.loss(metric), r.wallSeconds()), best);
        err.flush();
    }

    private void note(TrialRecord r, Metric metric) {
        double l = r.loss(metric);
        if (l < bestLoss) {
            bestLoss = l;
            best = String.format(Locale.ROOT, "%s %.4f", r.id(), l);
        }
    }
}
