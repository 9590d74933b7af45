package io.hptransfer.limit;

/**
 * The embedding-space limit of linear Model A: the trajectory of every coordinate of the stream h_l, not only the
 * output. The Mean ODE keeps each h_n(s) in the span of the embedded inputs g_j = W_E x_j and the readout columns
 * g_{N+k} = W_U e_k, with coefficients c_nj(s) that depend on those vectors only through their Gram / D
 * ({@link LargeDLimit}). So coordinate a of h_n(s) is sum_j c_nj(s) g_j^a: a deterministic linear function of that
 * coordinate's own Gaussian fields. With the Gram's D -> infinity value the coefficients are the DMFT ones, and a
 * network's layer l at width D is compared with sum_j c_nj(l/L) g_j^a built from its own W_E and W_U draw; the gap
 * holds the 1/L, sqrt(D/(LM)) and 1/sqrt(D) terms of the theory's embedding-space error.
 */
final class DmftCoordinates {
    private final double[][][] coef; // [grid point k][sample n][basis vector j]
    private final int grid;

    private DmftCoordinates(double[][][] coef, int grid) {
        this.coef = coef;
        this.grid = grid;
    }

    /**
     * The coefficients from a Gram-form problem ({@link LargeDLimit#largeD} for the DMFT limit, {@link LargeDLimit#reduce}
     * for the exact fixed-D limit of one draw) after `steps` GD steps of the Mean ODE on a grid of `grid` depth intervals.
     */
    static DmftCoordinates of(LimitProblem gramForm, double alpha, double eta, int steps, int grid) {
        LinearMeanOde ode = new LinearMeanOde(gramForm, alpha, eta, grid);
        for (int k = 0; k < steps; k++) ode.step();
        double[][][] h = ode.forward();
        double[][] basis = basis(gramForm); // [j][component]
        int r = basis.length;
        double[][] cols = new double[r][r]; // cols[component][j]: the g_j as columns
        for (int j = 0; j < r; j++) for (int c = 0; c < r; c++) cols[c][j] = basis[j][c];
        double[][][] coef = new double[grid + 1][gramForm.n()][];
        for (int k = 0; k <= grid; k++) for (int n = 0; n < gramForm.n(); n++) coef[k][n] = Mat.solve(cols, h[k][n]);
        return new DmftCoordinates(coef, grid);
    }

    /** g_j: the embedded inputs, then the readout columns (rows of the result, in the problem's D dimensions). */
    static double[][] basis(LimitProblem prob) {
        double[][] h0 = prob.embed();
        int n = prob.n(), k = prob.dOut();
        double[][] g = new double[n + k][];
        System.arraycopy(h0, 0, g, 0, n);
        for (int j = 0; j < k; j++) {
            g[n + j] = new double[prob.dim()];
            for (int a = 0; a < prob.dim(); a++) g[n + j][a] = prob.wU()[a][j];
        }
        return g;
    }

    /** The limit's stream at depth s = layer / depth for one draw's W_E and W_U: [sample][D]. */
    double[][] stream(LimitProblem draw, int layer, int depth) {
        return stream(basis(draw), draw, layer, depth);
    }

    /** As {@link #stream(LimitProblem, int, int)}, with the draw's basis computed once by the caller. */
    private double[][] stream(double[][] g, LimitProblem draw, int layer, int depth) {
        if ((long) layer * grid % depth != 0) throw new IllegalArgumentException("depth " + depth + " does not divide the grid " + grid);
        double[][] c = coef[layer * grid / depth];
        double[][] h = new double[draw.n()][draw.dim()];
        for (int n = 0; n < draw.n(); n++)
            for (int j = 0; j < g.length; j++) {
                double cj = c[n][j];
                for (int a = 0; a < draw.dim(); a++) h[n][a] += cj * g[j][a];
            }
        return h;
    }

    /** Mean over layers 1..L, samples and coordinates of (h_l - limit)^2, for a stream h[0..L][n][D] of this draw. */
    double meanSquare(double[][][] h, LimitProblem draw) {
        int depth = h.length - 1;
        double[][] g = basis(draw); // the same W_E x and W_U at every layer
        double s = 0;
        long count = 0;
        for (int l = 1; l <= depth; l++) {
            double[][] lim = stream(g, draw, l, depth);
            for (int n = 0; n < lim.length; n++)
                for (int a = 0; a < lim[n].length; a++) {
                    double e = h[l][n][a] - lim[n][a];
                    s += e * e;
                    count++;
                }
        }
        return s / count;
    }
}
