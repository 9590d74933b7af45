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

    public static Progress silent() {
        return new Progress(new PrintStream(java.io.OutputStream.nullOutputStream()), Integer.MAX_VALUE);
    }

    void update(int step, double loss, double acc, int batch) {
        if (startStep < 0) startStep = step - 1;
        double sec = (System.nanoTime() - t0) / 1e9;
        int done = step - startStep;
        double ips = done * (double) batch / Math.max(sec, 1e-9);
        double eta = (total - step) * sec / Math.max(done, 1);
        int width = 30, filled = (int) Math.min(width, Math.max(0, Math.round(width * (double) step / total)));
        String msg = prefix + String.format(Locale.ROOT, "[%s%s] %d/%d loss %.4f acc %.3f %.0f img/s ETA %s",
                "#".repeat(filled), ".".repeat(width - filled), step, total, loss, acc, ips, clock(eta));
        if (tty) {
            // inside a sweep the bar is wiped at the end: the sweep's line for the finished trial takes its place
            err.print("\r" + msg + (step == total ? (prefix.isEmpty() ? "\n" : "\r" + " ".repeat(msg.length()) + "\r") : ""));
        } else if (sec >= quietSeconds && step * 10 / total != lastDecile) {
            lastDecile = step * 10 / total;
            err.println(msg);
        }
        err.flush();
    }

    /** 1m05s / 2h03m: for progress lines. */
    public static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%dh%02dm", s / 3600, s % 3600 / 60) : String.format("%dm%02ds", s / 60, s % 60);
    }
}
