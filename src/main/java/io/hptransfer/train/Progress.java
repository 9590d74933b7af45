package io.hptransfer.train;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress bar on stderr: redrawn in place on a terminal, a line per 10% otherwise (logs, CI). Inside a sweep each
 * trial's bar carries the trial's id, and off a terminal it stays quiet for the first seconds (a short trial's ten
 * lines would bury the sweep's own).
 */
public final class Progress {
    private final PrintStream err;
    private final boolean tty;
    private final int total;
    private final String prefix;
    private final double quietSeconds;
    private final long t0 = System.nanoTime();
    private int startStep = -1;
    private int lastDecile = -1;
    private int drawn; // characters of the bar on the terminal's line, 0 when none is open

    public Progress(PrintStream err, int total) {
        this(err, total, "", 0, System.console() != null);
    }

    /**
     * @param prefix       what the line starts with (e.g. the trial's id)
     * @param quietSeconds off a terminal, no line before this much time has passed
     */
    public Progress(PrintStream err, int total, String prefix, double quietSeconds, boolean tty) {
        this.err = err;
        this.total = total;
        this.prefix = prefix;
        this.quietSeconds = quietSeconds;
        this.tty = tty;
    }

    /** Off a terminal a study's trial reports its steps only once it has run this long (the quickstart's take 3-31 s). */
    public static final double IN_STUDY_QUIET_SECONDS = 30;

    /** The bar of one trial inside a study (sweep, tune): its id, its steps, its ETA; the study prints its own ETA between trials. */
    public static Progress inStudy(PrintStream err, int steps, String id) {
        return new Progress(err, steps, "  " + id + " ", IN_STUDY_QUIET_SECONDS, System.console() != null);
    }

    public static Progress silent() {
        // never a terminal, never past its quiet time: update() returns before formatting anything
        return new Progress(new PrintStream(java.io.OutputStream.nullOutputStream()), Integer.MAX_VALUE, "", Double.POSITIVE_INFINITY, false);
    }

    /** After step `step` of `total` (loss and accuracy of that step's batch; accuracy NaN when not measured). */
    public void update(int step, double loss, double acc, int batch) {
        if (startStep < 0) startStep = step - 1;
        double sec = (System.nanoTime() - t0) / 1e9;
        boolean newDecile = step * 10 / total != lastDecile;
        if (!tty && !(sec >= quietSeconds && newDecile)) return; // called every training step: format only what is printed
        int done = step - startStep;
        double ips = done * (double) batch / Math.max(sec, 1e-9);
        double eta = (total - step) * sec / Math.max(done, 1);
        int width = 30, filled = (int) Math.min(width, Math.max(0, Math.round(width * (double) step / total)));
        String accuracy = Double.isNaN(acc) ? "" : String.format(Locale.ROOT, " acc %.3f", acc); // NaN: not measured
        String msg = prefix + String.format(Locale.ROOT, "[%s%s] %d/%d loss %.4f%s %.0f img/s ETA %s",
                "#".repeat(filled), ".".repeat(width - filled), step, total, loss, accuracy, ips, io.hptransfer.util.WorkClock.clock(eta));
        if (tty) {
            err.print("\r" + msg + " ".repeat(Math.max(0, drawn - msg.length()))); // a shorter line covers the longer
            drawn = Math.max(drawn, msg.length());
            if (step == total) end();
        } else {
            lastDecile = step * 10 / total;
            err.println(msg);
        }
        err.flush();
    }

    /**
     * The run stopped (at its end, diverged, paused at a rung): on a terminal the bar is closed. Inside a study it is
     * wiped, so the study's line for the trial takes its place; {@code hpt train}'s own bar ends with a new line.
     */
    public void end() {
        if (drawn == 0) return;
        err.print(prefix.isEmpty() ? "\n" : "\r" + " ".repeat(drawn) + "\r");
        err.flush();
        drawn = 0;
    }
}
