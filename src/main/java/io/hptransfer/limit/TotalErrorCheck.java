package io.hptransfer.limit;

import java.util.ArrayList;
import java.util.List;

/**
 * C3: the total error of one linear Model A network to the exact Mean ODE limit, over an (L, M)
 * grid, follows err^2 = (a/L)^2 + b^2 D/(L M): the depth (Euler) bias plus the hidden-width
 * fluctuation. Fitted in log space; the check asserts the fit explains the grid (R^2 >= 0.95) with
 * both terms present (a > 0, b > 0).
 */
public final class TotalErrorCheck {
    static final int D = 8, D_IN = 4, D_OUT = 1, SAMPLES = 4, STEPS = 5, GRID = 1000;
    static final double ALPHA = 1.0, ETA = 0.5;
    static final int[] DEPTHS = {2, 4, 8, 16, 32, 64}, WIDTHS = {16, 64, 256, 1024};

    private TotalErrorCheck() {
    }

    /** The fitted model err = sqrt((a/L)^2 + b^2 D/(L M)) and its log-space R^2. */
    public record Fit(double a, double b, double r2) {
        double predict(int l, int m) {
            return Math.sqrt(a * a / ((double) l * l) + b * b * D / ((double) l * m));
        }
    }

    public static CheckResult run(int seeds) {
        LimitProblem prob = LimitProblem.synthetic(D, D_IN, D_OUT, SAMPLES, 1);
        LinearMeanOde ode = new LinearMeanOde(prob, ALPHA, ETA, GRID);
        for (int k = 0; k < STEPS; k++) ode.step();
        double[][] limit = ode.output();
        double[][] err = new double[DEPTHS.length][WIDTHS.length];
        for (int i = 0; i < DEPTHS.length; i++)
            for (int j = 0; j < WIDTHS.length; j++) err[i][j] = totalError(DEPTHS[i], WIDTHS[j], seeds, prob, limit);
        Fit fit = fit(err);
        List<Series> series = new ArrayList<>();
        for (int j = 0; j < WIDTHS.length; j++) {
            final int col = j;
            double[] x = new double[DEPTHS.length], y = new double[DEPTHS.length];
            for (int i = 0; i < DEPTHS.length; i++) {
                x[i] = DEPTHS[i];
                y[i] = err[i][col];
            }
            // the expected slope drawn is the fit's local slope between the ends of this row
            double local = Math.log(fit.predict(DEPTHS[DEPTHS.length - 1], WIDTHS[col]) / fit.predict(DEPTHS[0], WIDTHS[col]))
                    / Math.log((double) DEPTHS[DEPTHS.length - 1] / DEPTHS[0]);
            series.add(new Series("M=" + WIDTHS[col], "L", "RMS |f - f_limit|", x, y, local));
        }
        List<Verdict> v = List.of(
                Verdict.atLeast("fit sqrt((a/L)^2 + b^2 D/(LM)): R^2 in log space", fit.r2(), 0.95),
                Verdict.atLeast(String.format(java.util.Locale.ROOT, "depth-bias coefficient a (= %.3g) > 0", fit.a()), fit.a(), 1e-12),
                Verdict.atLeast(String.format(java.util.Locale.ROOT, "fluctuation coefficient b (= %.3g) > 0", fit.b()), fit.b(), 1e-12));
        return new CheckResult("c3", "total error to the exact linear limit = depth bias (a/L) + hidden-width noise (b sqrt(D/(LM)))",
                series, v);
    }

    /** RMS over seeds and entries of f - f_limit: one network's whole error (bias and fluctuation). */
    static double totalError(int depth, int hidden, int seeds, LimitProblem prob, double[][] limit) {
        ModelA cfg = new ModelA(depth, hidden, ALPHA, ETA, false);
        double s = 0;
        long count = 0;
        for (int seed = 0; seed < seeds; seed++) {
            ModelANetwork net = new ModelANetwork(cfg, prob, seed);
            for (int k = 0; k < STEPS; k++) net.step();
            double[][] f = net.output();
            for (int i = 0; i < f.length; i++)
                for (int k = 0; k < f[i].length; k++) {
                    s += (f[i][k] - limit[i][k]) * (f[i][k] - limit[i][k]);
                    count++;
                }
        }
        return Math.sqrt(s / count);
    }

    /**
     * Least squares in log space over (log a, log b): a coarse grid then successive refinement.
     * Two parameters and a smooth objective: a search is simpler and more robust than Gauss-Newton here.
     */
    static Fit fit(double[][] err) {
        double bestA = 0, bestB = 0, best = Double.POSITIVE_INFINITY;
        double ca = 0, cb = 0, span = 12; // log-space centre and half-width (natural log)
        for (int round = 0; round < 30; round++) {
            for (int i = -10; i <= 10; i++)
                for (int j = -10; j <= 10; j++) {
                    double la = ca + span * i / 10, lb = cb + span * j / 10;
                    double r = residual(err, Math.exp(la), Math.exp(lb));
                    if (r < best) {
                        best = r;
                        bestA = la;
                        bestB = lb;
                    }
                }
            ca = bestA;
            cb = bestB;
            span /= 3;
        }
        double mean = 0;
        int n = 0;
        for (double[] row : err) for (double e : row) {
            mean += Math.log(e);
            n++;
        }
        mean /= n;
        double tot = 0;
        for (double[] row : err) for (double e : row) tot += (Math.log(e) - mean) * (Math.log(e) - mean);
        return new Fit(Math.exp(bestA), Math.exp(bestB), 1 - best / tot);
    }

    private static double residual(double[][] err, double a, double b) {
        Fit f = new Fit(a, b, 0);
        double s = 0;
        for (int i = 0; i < DEPTHS.length; i++)
            for (int j = 0; j < WIDTHS.length; j++) {
                double d = Math.log(err[i][j]) - Math.log(f.predict(DEPTHS[i], WIDTHS[j]));
                s += d * d;
            }
        return s;
    }
}
