package io.hptransfer.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a run's metrics.csv (step,lr,train_loss,train_acc,test_loss,test_acc) as numbers; empty cells are NaN. */
public final class MetricsTable {
    private MetricsTable() {
    }

    public static List<double[]> read(Path csv) throws IOException {
        List<double[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(csv)) {
            if (line.isBlank() || line.startsWith("step")) continue;
            String[] f = line.split(",", -1);
            double[] r = new double[6];
            for (int i = 0; i < 6; i++) r[i] = i < f.length && !f[i].isEmpty() ? Double.parseDouble(f[i]) : Double.NaN;
            rows.add(r);
        }
        if (rows.isEmpty()) throw new IllegalStateException(csv + " has no rows: the run recorded no step");
        return rows;
    }

    /** Mean train loss over the `window` steps ending at `step`; +inf if the run has not reached it (diverged). */
    public static double trainLossAt(List<double[]> rows, int step, int window) {
        if (rows.size() < step) return Double.POSITIVE_INFINITY;
        double m = windowMeans(rows.subList(0, step), 2, window)[step - 1];
        return Double.isFinite(m) ? m : Double.POSITIVE_INFINITY;
    }

    /** Mean of column col over each trailing window of the given length (ends at every row). */
    static double[] windowMeans(List<double[]> rows, int col, int window) {
        double[] out = new double[rows.size()];
        double sum = 0;
        for (int i = 0; i < rows.size(); i++) {
            sum += rows.get(i)[col];
            if (i >= window) sum -= rows.get(i - window)[col];
            out[i] = sum / Math.min(i + 1, window);
        }
        return out;
    }
}
