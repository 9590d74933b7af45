package io.hptransfer.limit;

/**
 * The linear Mean ODE only ever sees the embedded inputs h_0(x_n) = W_E x_n and the readout
 * columns of W_U through their Gram matrix divided by D: every update of Sigma = D I + (low rank)
 * stays in their span, and the dynamics are invariant when all vectors scale with sqrt(D). So the
 * exact fixed-D limit is the same ODE in r = N + d_out dimensions on vectors with the same Gram/D
 * ({@link #reduce}), and the large-D (DMFT) limit is that ODE on the Gram's D -> infinity value
 * ({@link #largeD}): x_n . x_m / d_in between inputs (W_E entries N(0, 1/d_in)), identity between
 * readout columns (N(0, 1)), zero across. Checked against the full ODE and the spec's first-step
 * identity f_1 = 2 eta ||x||^2 / d_in * y (LimitReferenceTest).
 */
public final class LargeDLimit {
    private LargeDLimit() {
    }

    /** The exact fixed-D Mean ODE problem of prob, in N + d_out dimensions. */
    public static LimitProblem reduce(LimitProblem prob) {
        double[][] h = prob.embed();
        int n = prob.n(), k = prob.dOut(), r = n + k;
        double[][] vecs = new double[r][];
        for (int i = 0; i < n; i++) vecs[i] = h[i];
        for (int j = 0; j < k; j++) {
            vecs[n + j] = new double[prob.dim()];
            for (int a = 0; a < prob.dim(); a++) vecs[n + j][a] = prob.wU()[a][j];
        }
        double[][] gram = new double[r][r];
        for (int i = 0; i < r; i++)
            for (int j = 0; j < r; j++) {
                double s = 0;
                for (int a = 0; a < prob.dim(); a++) s += vecs[i][a] * vecs[j][a];
                gram[i][j] = s / prob.dim();
            }
        return fromGram(prob, gram);
    }

    /** The D -> infinity (DMFT) problem of prob's inputs and targets. */
    public static LimitProblem largeD(LimitProblem prob) {
        int n = prob.n(), k = prob.dOut(), r = n + k, dIn = prob.x()[0].length;
        double[][] gram = new double[r][r];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int c = 0; c < dIn; c++) s += prob.x()[i][c] * prob.x()[j][c];
                gram[i][j] = s / dIn;
            }
        for (int j = 0; j < k; j++) gram[n + j][n + j] = 1;
        return fromGram(prob, gram);
    }

    /**
     * Vectors in R^r with Gram / r = gramOverD (Cholesky rows scaled by sqrt(r)), written as a
     * problem whose inputs are the unit vectors e_n (so W_E' e_n is the n-th vector).
     */
    static LimitProblem fromGram(LimitProblem prob, double[][] gramOverD) {
        int n = prob.n(), k = prob.dOut(), r = n + k;
        double[][] chol = cholesky(gramOverD);
        double scale = Math.sqrt(r);
        double[][] wE = new double[r][n], wU = new double[r][k], x = new double[n][n];
        for (int i = 0; i < n; i++) {
            x[i][i] = 1;
            for (int a = 0; a < r; a++) wE[a][i] = scale * chol[i][a];
        }
        for (int j = 0; j < k; j++) for (int a = 0; a < r; a++) wU[a][j] = scale * chol[n + j][a];
        return new LimitProblem(x, prob.y(), wE, wU);
    }

    /** Lower-triangular L with L L^T = g; g must be positive definite (independent vectors). */
    static double[][] cholesky(double[][] g) {
        int r = g.length;
        double[][] l = new double[r][r];
        for (int i = 0; i < r; i++)
            for (int j = 0; j <= i; j++) {
                double s = g[i][j];
                for (int c = 0; c < j; c++) s -= l[i][c] * l[j][c];
                if (i == j) {
                    if (!(s > 0)) throw new IllegalArgumentException("Gram matrix is singular: the embedded inputs and readout are not independent");
                    l[i][i] = Math.sqrt(s);
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        return l;
    }
}
