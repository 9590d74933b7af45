package io.hptransfer.train;

import java.io.PrintStream;
import java.util.Locale;

/** Progress bar on stderr: redrawn in place on a terminal, a line per 10% otherwise (logs, CI). */
public final class Progress {
    private final PrintStream err;
    private final boolean tty;
    private final int total;
    private final long t0 = System.nanoTime();
    private int startStep = -1;
    private int lastDecile = -1;

    public Progress(PrintStream err, int total) {
        this.err = err;
        this.total = total;
        this.tty = System.console() != null;
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
        String msg = String.format(Locale.ROOT, "[%s%s] %d/%d loss %.4f acc %.3f %.0f img/s ETA %s",
                "#".repeat(filled), ".".repeat(width - filled), step, total, loss, acc, ips, clock(eta));
        if (tty) {
            err.print("\r" + msg + (step == total ? "\n" : ""));
        } else if (step * 10 / total != lastDecile) {
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
