package io.hptransfer.limit;

import java.util.SplittableRandom;

/**
 * The fixed part of a limit check, shared by every network size and seed: N inputs x (d_in),
 * targets y (d_out), the untrained embedding W_E (D x d_in, entries N(0, 1/d_in)) and unembedding
 * W_U (D x d_out, entries N(0, 1)). Only the blocks' U, V vary with the seed: across-seed spread
 * is then the network's own fluctuation, not the embedding's.
 */
public record LimitProblem(double[][] x, double[][] y, double[][] wE, double[][] wU) {

    public int n() {
        return x.length;
    }

    public int dim() {
        return wE.length;
    }

    public int dOut() {
        return wU[0].length;
    }

    /** A deterministic synthetic regression: y = tanh(x . w*_k) per output, with x ~ N(0, I). */
    public static LimitProblem synthetic(int d, int dIn, int dOut, int n, long seed) {
        if (d < 1 || dIn < 1 || dOut < 1 || n < 1) throw new IllegalArgumentException("limit problem sizes must be >= 1");
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = gaussian(r, n, dIn, 1.0);
        double[][] wStar = gaussian(r, dIn, dOut, 1.0 / Math.sqrt(dIn));
        double[][] y = new double[n][dOut];
        for (int i = 0; i < n; i++)
            for (int k = 0; k < dOut; k++) {
                double s = 0;
                for (int j = 0; j < dIn; j++) s += x[i][j] * wStar[j][k];
                y[i][k] = Math.tanh(s);
            }
        return new LimitProblem(x, y, gaussian(r, d, dIn, 1.0 / Math.sqrt(dIn)), gaussian(r, d, dOut, 1.0));
    }

    /** The same inputs and targets with a fresh embedding and readout of width d (another draw of W_E, W_U). */
    public LimitProblem withEmbedding(int d, long seed) {
        SplittableRandom r = new SplittableRandom(Gaussian.mix(seed));
        int dIn = x[0].length;
        return new LimitProblem(x, y, gaussian(r, d, dIn, 1.0 / Math.sqrt(dIn)), gaussian(r, d, dOut(), 1.0));
    }

    /** h_0 = W_E x for every sample: N x D. */
    public double[][] embed() {
        double[][] h = new double[n()][dim()];
        for (int i = 0; i < n(); i++)
            for (int a = 0; a < dim(); a++) {
                double s = 0;
                for (int j = 0; j < x[i].length; j++) s += wE[a][j] * x[i][j];
                h[i][a] = s;
            }
        return h;
    }

    /** f = W_U^T h / D for every sample: N x d_out. */
    public double[][] readout(double[][] h) {
        double[][] f = new double[n()][dOut()];
        for (int i = 0; i < n(); i++)
            for (int k = 0; k < dOut(); k++) {
                double s = 0;
                for (int a = 0; a < dim(); a++) s += wU[a][k] * h[i][a];
                f[i][k] = s / dim();
            }
        return f;
    }

    /** Loss (1/N) * 1/2 * sum_n ||f_n - y_n||^2. */
    public double loss(double[][] f) {
        double s = 0;
        for (int i = 0; i < n(); i++)
            for (int k = 0; k < dOut(); k++) s += (f[i][k] - y[i][k]) * (f[i][k] - y[i][k]);
        return 0.5 * s / n();
    }

    /** dLoss/dh_L = W_U (f - y) / (D N) per sample: N x D. */
    public double[][] outputGradient(double[][] f) {
        double[][] b = new double[n()][dim()];
        for (int i = 0; i < n(); i++)
            for (int a = 0; a < dim(); a++) {
                double s = 0;
                for (int k = 0; k < dOut(); k++) s += wU[a][k] * (f[i][k] - y[i][k]);
                b[i][a] = s / (dim() * (double) n());
            }
        return b;
    }

    static double[][] gaussian(SplittableRandom r, int rows, int cols, double std) {
        double[][] m = new double[rows][cols];
        for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) m[i][j] = std * Gaussian.next(r);
        return m;
    }
}
