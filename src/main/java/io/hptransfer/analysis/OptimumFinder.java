package io.hptransfer.analysis;

import java.util.SplittableRandom;

/** Finds a curve's optimal LR on the log2 grid, refines it by a local parabola and estimates its uncertainty. */
public final class OptimumFinder {
    private static final int BOOTSTRAP = 200;

    private OptimumFinder() {
    }

    public static Optimum find(LrCurve c) {
        double[] x = c.log2Lr();
        double[] y = c.means();
        int i = argmin(y);
        if (i < 0) return Optimum.NONE;
        boolean edge = i == 0 || i == x.length - 1;
        double refined = refine(x, y, i);
        double u;
        String method;
        if (c.seeds().length >= 2) {
            method = "bootstrap";
            u = bootstrap(c);
        } else {
            method = "grid";
            double left = i > 0 ? x[i] - x[i - 1] : x[i + 1 < x.length ? i + 1 : i] - x[i];
            double right = i + 1 < x.length ? x[i + 1] - x[i] : left;
            u = Math.max(left, right) / 2;
        }
        return new Optimum(refined, u, method, x[i], y[i], edge);
    }

    static int argmin(double[] y) {
        int best = -1;
        for (int i = 0; i < y.length; i++) {
            if (Double.isFinite(y[i]) && (best < 0 || y[i] < y[best])) best = i;
        }
        return best;
    }

    /** Vertex of the parabola through (x[i-1..i+1], y); the grid point itself at an edge or next to a diverged LR. */
    static double refine(double[] x, double[] y, int i) {
        if (i == 0 || i == x.length - 1 || !Double.isFinite(y[i - 1]) || !Double.isFinite(y[i + 1])) return x[i];
        double x0 = x[i - 1], x1 = x[i], x2 = x[i + 1], y0 = y[i - 1], y1 = y[i], y2 = y[i + 1];
        double den = (x0 - x1) * (x0 - x2) * (x1 - x2);
        double a = (x2 * (y1 - y0) + x1 * (y0 - y2) + x0 * (y2 - y1)) / den;
        double b = (x2 * x2 * (y0 - y1) + x1 * x1 * (y2 - y0) + x0 * x0 * (y1 - y2)) / den;
        if (!(a > 0)) return x1; // flat: no curvature to locate a vertex with
        return Math.max(x0, Math.min(x2, -b / (2 * a)));
    }

    /** Standard deviation of the refined optimum when the seeds are resampled with replacement. */
    static double bootstrap(LrCurve c) {
        double[] x = c.log2Lr();
        int ns = c.seeds().length;
        SplittableRandom rnd = new SplittableRandom(12345);
        double s = 0, s2 = 0;
        int n = 0;
        for (int b = 0; b < BOOTSTRAP; b++) {
            int[] pick = new int[ns];
            for (int k = 0; k < ns; k++) pick[k] = rnd.nextInt(ns);
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                double sum = 0;
                int cnt = 0;
                for (int k : pick) {
                    double v = c.lossBySeed()[i][k];
                    if (Double.isNaN(v)) continue;
                    sum += v;
                    cnt++;
                }
                y[i] = cnt == 0 ? Double.NaN : sum / cnt;
            }
            int i = argmin(y);
            if (i < 0) continue;
            double v = refine(x, y, i);
            s += v;
            s2 += v * v;
            n++;
        }
        if (n < 2) return Double.NaN;
        double m = s / n;
        return Math.sqrt(Math.max(0, s2 / n - m * m));
    }
}
