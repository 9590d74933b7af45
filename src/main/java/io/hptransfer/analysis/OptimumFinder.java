package io.hptransfer.analysis;

import java.util.SplittableRandom;

/**
 * Finds a curve's optimal LR: the vertex of a least-squares parabola in log2 LR through the finite
 * points of the seed-mean curve near its best grid point, and its uncertainty by resampling the seeds.
 * The default window is the best point and its two neighbours. Wider windows were measured and not
 * adopted: on the quickstart's question (README, "Which estimator") a 5-point fit scattered less on
 * seeds 0-7 but not on fresh seeds 8-11, and it moves the optimum itself (up to 0.5 octave; the
 * curves are asymmetric: a flat under-trained side, a cliff where training dies). {@link #find(LrCurve,
 * double)} keeps the window for such comparisons (`hpt report --fit-window`).
 */
public final class OptimumFinder {
    /** Window = one grid step each side: the best point and its neighbours (sweeps and limit checks). */
    public static final double NEIGHBOURS = 0;
    private static final int BOOTSTRAP = 200;

    private OptimumFinder() {
    }

    public static Optimum find(LrCurve c) {
        return find(c, NEIGHBOURS);
    }

    public static Optimum find(LrCurve c, double window) {
        double[] x = c.log2Lr();
        double[] y = c.means();
        int i = argmin(y);
        if (i < 0) return Optimum.NONE;
        boolean edge = i == 0 || i == x.length - 1;
        double refined = vertex(x, y, i, window);
        double[] perSeed = perSeed(c, window);
        int n = 0;
        for (double v : perSeed) if (!Double.isNaN(v)) n++;
        if (c.seeds().length < 2) return new Optimum(refined, Double.NaN, "one seed", n, Double.NaN, x[i], y[i], edge);
        return new Optimum(refined, bootstrap(c, window), "bootstrap", n, sd(perSeed), x[i], y[i], edge);
    }

    static int argmin(double[] y) {
        int best = -1;
        for (int i = 0; i < y.length; i++) {
            if (Double.isFinite(y[i]) && (best < 0 || y[i] < y[best])) best = i;
        }
        return best;
    }

    /**
     * Vertex of the least-squares parabola through the finite points within window octaves of x[i],
     * clamped to those points' range. The grid point itself when the minimum is at the grid's end,
     * when either side of it has no finite point in the window (e.g. the next LR diverged), or when
     * the fit has no upward curvature.
     */
    static double vertex(double[] x, double[] y, int i, double window) {
        if (i == 0 || i == x.length - 1) return x[i];
        if (window <= NEIGHBOURS) window = Math.max(x[i] - x[i - 1], x[i + 1] - x[i]);
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, t0 = 0, t1 = 0, t2 = 0, lo = x[i], hi = x[i];
        boolean left = false, right = false;
        for (int k = 0; k < x.length; k++) {
            if (!Double.isFinite(y[k]) || Math.abs(x[k] - x[i]) > window + 1e-9) continue;
            double u = x[k] - x[i]; // centred: better conditioned
            s0++;
            s1 += u;
            s2 += u * u;
            s3 += u * u * u;
            s4 += u * u * u * u;
            t0 += y[k];
            t1 += u * y[k];
            t2 += u * u * y[k];
            lo = Math.min(lo, x[k]);
            hi = Math.max(hi, x[k]);
            left |= k < i;
            right |= k > i;
        }
        if (!left || !right || s0 < 3) return x[i];
        // normal equations for y = a u^2 + b u + c
        double[][] m = {{s4, s3, s2}, {s3, s2, s1}, {s2, s1, s0}};
        double[] r = {t2, t1, t0};
        double det = det3(m);
        if (det == 0) return x[i];
        double a = det3(replace(m, 0, r)) / det, b = det3(replace(m, 1, r)) / det;
        if (!(a > 0)) return x[i]; // flat or concave: no vertex to locate
        return Math.max(lo, Math.min(hi, x[i] - b / (2 * a)));
    }

    private static double det3(double[][] m) {
        return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    }

    private static double[][] replace(double[][] m, int col, double[] r) {
        double[][] c = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) c[i][j] = j == col ? r[i] : m[i][j];
        }
        return c;
    }

    /** Each seed's own optimum (NaN for a seed with no finite loss). */
    public static double[] perSeed(LrCurve c, double window) {
        double[] x = c.log2Lr();
        double[] out = new double[c.seeds().length];
        for (int k = 0; k < out.length; k++) {
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) y[i] = c.lossBySeed()[i][k];
            int i = argmin(y);
            out[k] = i < 0 ? Double.NaN : vertex(x, y, i, window);
        }
        return out;
    }

    /** Sample standard deviation of the finite entries; NaN below two. */
    static double sd(double[] v) {
        double s = 0, s2 = 0;
        int n = 0;
        for (double x : v) {
            if (!Double.isFinite(x)) continue;
            s += x;
            s2 += x * x;
            n++;
        }
        if (n < 2) return Double.NaN;
        double m = s / n;
        return Math.sqrt(Math.max(0, (s2 - n * m * m) / (n - 1)));
    }

    /**
     * Standard error of the refined optimum: the population sd of the bootstrap estimates, times
     * sqrt(seeds/(seeds-1)) (a plain bootstrap underestimates by that factor; at 2 seeds, by 1.41).
     */
    static double bootstrap(LrCurve c, double window) {
        double[] x = c.log2Lr();
        int ns = c.seeds().length;
        SplittableRandom rnd = new SplittableRandom(12345);
        double[] est = new double[BOOTSTRAP];
        int n = 0;
        for (int b = 0; b < BOOTSTRAP; b++) {
            int[] pick = new int[ns];
            for (int k = 0; k < ns; k++) pick[k] = rnd.nextInt(ns);
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                double sum = 0;
                int cnt = 0;
                boolean inf = false;
                for (int k : pick) {
                    double v = c.lossBySeed()[i][k];
                    if (Double.isNaN(v)) continue;
                    inf |= v == Double.POSITIVE_INFINITY;
                    sum += v;
                    cnt++;
                }
                y[i] = cnt == 0 ? Double.NaN : inf ? Double.POSITIVE_INFINITY : sum / cnt;
            }
            int i = argmin(y);
            if (i < 0) continue;
            est[n++] = vertex(x, y, i, window);
        }
        if (n < 2) return Double.NaN;
        double populationSd = sd(java.util.Arrays.copyOf(est, n)) * Math.sqrt((n - 1.0) / n);
        return populationSd * Math.sqrt(ns / (ns - 1.0));
    }
}
