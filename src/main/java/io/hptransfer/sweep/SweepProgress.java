package io.hptransfer.sweep;

import java.io.PrintStream;
import java.util.Locale;

/** One line per finished trial: trials done/total, ETA from the cost still to run, and the best so far. */
public final class SweepProgress {
    private final PrintStream err;
    private final int total;
    private final double totalCost;
    private final long t0 = System.nanoTime();
    private double costDone;
    private double runCostBase; // cost of trials finished before this run: not part of the measured rate
    private int done;
    private String best = "-";
    private double bestLoss = Double.POSITIVE_INFINITY;

    public SweepProgress(PrintStream err, int total, double totalCost) {
        this.err = err;
        this.total = total;
        this.totalCost = totalCost;
    }

    /** Off a terminal a trial reports its steps only once it has run this long (the quickstart's take 3-30 s). */
    public static final double IN_TRIAL_QUIET_SECONDS = 30;

    /** The progress bar inside one trial: its id, its steps, its ETA (the sweep's ETA is on the lines between trials). */
    public io.hptransfer.train.Progress forTrial(Trial t) {
        return new io.hptransfer.train.Progress(err, t.config().steps(), "  " + t.id() + " ", IN_TRIAL_QUIET_SECONDS,
                System.console() != null);
    }

    /** A trial finished earlier (its cost is not in the ETA's rate). */
    public void skipped(TrialRecord r, double cost, Metric metric) {
        done++;
        costDone += cost;
        note(r, metric);
        runCostBase += cost;
    }

    public void finished(TrialRecord r, double cost, Metric metric) {
        done++;
        costDone += cost;
        note(r, metric);
        double sec = (System.nanoTime() - t0) / 1e9;
        double rate = (costDone - runCostBase) / Math.max(sec, 1e-9);
        double eta = rate > 0 ? (totalCost - costDone) / rate : Double.NaN;
        int width = 24, filled = (int) Math.round(width * (double) done / Math.max(total, 1));
        err.printf(Locale.ROOT, "[%s%s] %d/%d trials  ETA %s  %s %s  best: %s%n", "#".repeat(filled), ".".repeat(width - filled),
                done, total, Double.isNaN(eta) ? "?" : io.hptransfer.train.Progress.clock(eta), r.id(),
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
