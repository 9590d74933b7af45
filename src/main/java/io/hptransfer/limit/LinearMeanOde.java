package io.hptransfer.limit;

/**
 * The exact L, M -> infinity limit of linear Model A (sigma = identity) at fixed D: the Neural
 * Mean ODE closes on the second moments Sigma(s) = E[z z^T] of a unit z = (u, v) in R^2D.
 * Forward dh/ds = (alpha/D) C(s) h with C = E[v u^T]; backward db/ds = -(alpha/D) C^T b,
 * b(1) = W_U (f - y)/(D N); a GD step with a = eta/alpha and P(s) = sum_n h_n b_n^T updates
 * each Sigma(s) in closed form. Integrated by midpoint Magnus steps (second order) on a uniform s-grid.
 */
public final class LinearMeanOde {
    private final LimitProblem prob;
    private final double alpha, eta;
    private final int d, grid;
    // per grid point k = 0..grid: the D x D blocks of Sigma(s_k)
    private final double[][][] suu, suv, svv;

    public LinearMeanOde(LimitProblem prob, double alpha, double eta, int grid) {
        if (grid < 2) throw new IllegalArgumentException("the s-grid needs at least 2 intervals");
        this.prob = prob;
        this.alpha = alpha;
        this.eta = eta;
        this.d = prob.dim();
        this.grid = grid;
        suu = new double[grid + 1][][];
        suv = new double[grid + 1][][];
        svv = new double[grid + 1][][];
        for (int k = 0; k <= grid; k++) {
            suu[k] = Mat.scaledIdentity(d, d);
            suv[k] = new double[d][d];
            svv[k] = Mat.scaledIdentity(d, d);
        }
    }

    /** h_n(s_k) for every grid point: [k][n][D]. Midpoint Magnus steps: exact where C is constant in s. */
    double[][][] forward() {
        double[][][] h = new double[grid + 1][][];
        h[0] = prob.embed();
        double g = alpha / d / grid / 2;
        for (int k = 0; k < grid; k++) {
            double[][] e = Mat.expm(Mat.mul(Mat.transpose(Mat.sum(suv[k], suv[k + 1])), g)); // C = E[v u^T] = Suv^T
            h[k + 1] = new double[prob.n()][];
            for (int i = 0; i < prob.n(); i++) h[k + 1][i] = Mat.mul(e, h[k][i]);
        }
        return h;
    }

    /** b_n(s_k), integrated from s = 1 down (db/ds = -(alpha/D) C^T b): [k][n][D]. */
    double[][][] backward(double[][] f) {
        double[][][] b = new double[grid + 1][][];
        b[grid] = prob.outputGradient(f);
        double g = alpha / d / grid / 2;
        for (int k = grid; k > 0; k--) {
            double[][] e = Mat.expm(Mat.mul(Mat.sum(suv[k], suv[k - 1]), g)); // C^T = Suv
            b[k - 1] = new double[prob.n()][];
            for (int i = 0; i < prob.n(); i++) b[k - 1][i] = Mat.mul(e, b[k][i]);
        }
        return b;
    }

    /** One GD step of the limit; returns the loss before it. */
    public double step() {
        double[][][] h = forward();
        double[][] f = prob.readout(h[grid]);
        double[][][] b = backward(f);
        double a = eta / alpha;
        for (int k = 0; k <= grid; k++) {
            double[][] p = new double[d][d];
            for (int i = 0; i < prob.n(); i++) Mat.addOuter(p, h[k][i], b[k][i]);
            double[][] pt = Mat.transpose(p), uu = suu[k], uv = suv[k], vv = svv[k], vu = Mat.transpose(uv);
            double[][] nuu = Mat.sum(uu, Mat.mul(Mat.mul(p, vu), -a), Mat.mul(Mat.mul(uv, pt), -a),
                    Mat.mul(Mat.mul(Mat.mul(p, vv), pt), a * a));
            double[][] nuv = Mat.sum(uv, Mat.mul(Mat.mul(uu, p), -a), Mat.mul(Mat.mul(p, vv), -a),
                    Mat.mul(Mat.mul(Mat.mul(p, vu), p), a * a));
            double[][] nvv = Mat.sum(vv, Mat.mul(Mat.mul(pt, uv), -a), Mat.mul(Mat.mul(vu, p), -a),
                    Mat.mul(Mat.mul(Mat.mul(pt, uu), p), a * a));
            suu[k] = nuu;
            suv[k] = nuv;
            svv[k] = nvv;
        }
        return prob.loss(f);
    }

    /** f of every sample after the steps taken so far: N x d_out. */
    public double[][] output() {
        return prob.readout(forward()[grid]);
    }
}
