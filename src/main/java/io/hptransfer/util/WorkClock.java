package io.hptransfer.util;

import java.util.function.LongSupplier;

/**
 * A study's ETA: the work still to do over the rate measured on the work done in this run. Work done before the run
 * (stored trials a rerun skips) counts as done but not towards the rate. Work is in whatever unit the caller sums
 * consistently: estimated seconds for a sweep's trials, trial-steps for a tune, model cost for a coordinate check.
 */
public final class WorkClock {
    private final double total;
    private final LongSupplier nanos;
    private final long t0;
    private double done;
    private double before;

    public WorkClock(double total) {
        this(total, System::nanoTime);
    }

    /** @param nanos the clock (tests pass their own) */
    public WorkClock(double total, LongSupplier nanos) {
        this.total = total;
        this.nanos = nanos;
        this.t0 = nanos.getAsLong();
    }

    /** Work finished before this run: done, but not part of the rate. */
    public void skipped(double work) {
        done += work;
        before += work;
    }

    public void done(double work) {
        done += work;
    }

    /** Seconds still to go; NaN until some work was done in this run. */
    public double etaSeconds() {
        double sec = (nanos.getAsLong() - t0) / 1e9;
        double rate = (done - before) / Math.max(sec, 1e-9);
        return rate > 0 ? Math.max(0, total - done) / rate : Double.NaN;
    }

    /** "ETA 1m05s", or "ETA ?" before there is a rate. */
    public String eta() {
        double e = etaSeconds();
        return "ETA " + (Double.isNaN(e) ? "?" : clock(e));
    }

    /** 1m05s / 2h03m: for progress lines. */
    public static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%dh%02dm", s / 3600, s % 3600 / 60) : String.format("%dm%02ds", s / 60, s % 60);
    }
}
