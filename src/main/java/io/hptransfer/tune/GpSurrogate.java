package io.hptransfer.tune;

import java.util.ArrayList;
import java.util.List;

/**
 * A Gaussian-process model of loss over the tuned log2 coordinates (squared-exponential kernel,
 * length 1.5 octaves, fixed noise), exact posterior mean and sd by Cholesky. Losses are
 * standardised before fitting; a diverged point enters as a loss above the worst finite one, so
 * the model learns that the cliff is there without an infinite target.
 *
 * Why not smile's GaussianProcessRegression: in smile 2.6.0 its posterior sd (predict and query)
 * exceeds the prior sd at the data points (measured), which no posterior can; the mean agrees.
 */
final class GpSurrogate {
    /** Length scale in octaves: LR curves change over about an octave or two. */
    static final double LENGTH = 1.5;
    /** Noise variance relative to the standardised losses' variance. */
    static final double NOISE = 1e-3;
    private final List<double[]> xs;
    private final double[][] chol;
    private final double[] alpha;
    private final double mean, sd;

    private GpSurrogate(List<double[]> xs, double[][] chol, double[] alpha, double mean, double sd) {
        this.xs = xs;
        this.chol = chol;
        this.alpha = alpha;
        this.mean = mean;
        this.sd = sd;
    }

    static GpSurrogate fit(List<double[]> xs, List<Double> losses) {
        double lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE;
        for (double l : losses) {
            if (Double.isFinite(l)) {
                lo = Math.min(lo, l);
                hi = Math.max(hi, l);
            }
        }
        if (lo > hi) throw new IllegalStateException("every tuned point diverged: lower the LR grid");
        double cliff = hi + Math.max(hi - lo, 0.1);
        int n = xs.size();
        double[] y = new double[n];
        double m = 0;
        for (int i = 0; i < n; i++) {
            y[i] = Double.isFinite(losses.get(i)) ? losses.get(i) : cliff;
            m += y[i];
        }
        m /= n;
        double v = 0;
        for (double t : y) v += (t - m) * (t - m);
        double s = Math.sqrt(v / n);
        if (!(s > 0)) s = 1;
        for (int i = 0; i < n; i++) y[i] = (y[i] - m) / s;
        double[][] k = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) k[i][j] = kernel(xs.get(i), xs.get(j));
            k[i][i] += NOISE;
        }
        double[][] l = cholesky(k);
        return new GpSurrogate(List.copyOf(xs), l, backward(l, forward(l, y)), m, s);
    }

    /** {mean, sd} of the loss at x, in loss units. */
    double[] predict(double[] x) {
        int n = xs.size();
        double[] ks = new double[n];
        double mu = 0;
        for (int i = 0; i < n; i++) {
            ks[i] = kernel(x, xs.get(i));
            mu += ks[i] * alpha[i];
        }
        double[] w = forward(chol, ks);
        double var = 1;
        for (double t : w) var -= t * t;
        return new double[]{mean + sd * mu, sd * Math.sqrt(Math.max(var, 0))};
    }

    static double kernel(double[] a, double[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) d += (a[i] - b[i]) * (a[i] - b[i]);
        return Math.exp(-d / (2 * LENGTH * LENGTH));
    }

    /** Lower-triangular L with L L^T = a (a is symmetric positive definite: kernel + noise). */
    static double[][] cholesky(double[][] a) {
        int n = a.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) s -= l[i][k] * l[j][k];
                l[i][j] = i == j ? Math.sqrt(s) : s / l[j][j];
            }
        }
        return l;
    }

    /** Solves L z = b. */
    static double[] forward(double[][] l, double[] b) {
        double[] z = new double[b.length];
        for (int i = 0; i < b.length; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) s -= l[i][k] * z[k];
            z[i] = s / l[i][i];
        }
        return z;
    }

    /** Solves L^T x = z. */
    static double[] backward(double[][] l, double[] z) {
        int n = z.length;
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = z[i];
            for (int k = i + 1; k < n; k++) s -= l[k][i] * x[k];
            x[i] = s / l[i][i];
        }
        return x;
    }

    /** Every point of a lattice over the box [lo, hi] with the given step per dimension. */
    static List<double[]> lattice(double[] lo, double[] hi, double step) {
        List<double[]> out = new ArrayList<>();
        int d = lo.length;
        int[] n = new int[d];
        for (int i = 0; i < d; i++) n[i] = (int) Math.floor((hi[i] - lo[i]) / step + 1e-9) + 1;
        int[] idx = new int[d];
        while (true) {
            double[] x = new double[d];
            for (int i = 0; i < d; i++) x[i] = lo[i] + idx[i] * step;
            out.add(x);
            int k = 0;
            while (k < d && ++idx[k] == n[k]) idx[k++] = 0;
            if (k == d) return out;
        }
    }
}
