package io.hptransfer.analysis;

import io.hptransfer.sweep.CurveKey;
import io.hptransfer.sweep.TrialRecord;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Loss against log2 LR for one model shape: per LR the loss of each seed (+inf = diverged) and
 * their mean (+inf if any seed diverged: an LR that sometimes blows up is not a safe optimum).
 */
public record LrCurve(CurveKey key, double[] log2Lr, long[] seeds, double[][] lossBySeed) {

    public double mean(int i) {
        double s = 0;
        int n = 0;
        for (double v : lossBySeed[i]) {
            if (Double.isNaN(v)) continue; // seed not run at this LR
            s += v;
            n++;
        }
        return n == 0 ? Double.NaN : s / n;
    }

    public double[] means() {
        double[] m = new double[log2Lr.length];
        for (int i = 0; i < m.length; i++) m[i] = mean(i);
        return m;
    }

    public int diverged(int i) {
        return (int) Arrays.stream(lossBySeed[i]).filter(v -> v == Double.POSITIVE_INFINITY).count();
    }

    /** The mean loss at a grid LR (within 1e-6 octaves), or NaN if that LR was not run. */
    public double meanAt(double log2) {
        for (int i = 0; i < log2Lr.length; i++) if (Math.abs(log2Lr[i] - log2) < 1e-6) return mean(i);
        return Double.NaN;
    }

    /** Groups trial records into curves, each sorted by LR; seeds missing at an LR are NaN. */
    public static Map<CurveKey, LrCurve> from(List<TrialRecord> records, io.hptransfer.sweep.Metric metric) {
        Map<CurveKey, List<TrialRecord>> groups = new TreeMap<>(CurveOrder.INSTANCE);
        for (TrialRecord r : records) groups.computeIfAbsent(r.key().curve(), k -> new ArrayList<>()).add(r);
        Map<CurveKey, LrCurve> out = new TreeMap<>(CurveOrder.INSTANCE);
        for (var e : groups.entrySet()) {
            TreeSet<Double> lrs = new TreeSet<>();
            TreeSet<Long> seeds = new TreeSet<>();
            for (TrialRecord r : e.getValue()) {
                lrs.add(r.key().log2Lr());
                seeds.add(r.key().seed());
            }
            double[] x = lrs.stream().mapToDouble(Double::doubleValue).toArray();
            long[] s = seeds.stream().mapToLong(Long::longValue).toArray();
            double[][] loss = new double[x.length][s.length];
            for (double[] row : loss) Arrays.fill(row, Double.NaN);
            for (TrialRecord r : e.getValue()) {
                loss[Arrays.binarySearch(x, r.key().log2Lr())][Arrays.binarySearch(s, r.key().seed())] = r.loss(metric);
            }
            out.put(e.getKey(), new LrCurve(e.getKey(), x, s, loss));
        }
        return out;
    }
}
