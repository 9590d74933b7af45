package io.hptransfer.limit;

import java.util.SplittableRandom;

/**
 * Model A in plain Java double precision: the reference the limit checks measure. Weights
 * U_l, V_l (D x M) start with iid N(0, D) entries from the seed; W_E, W_U are the problem's and
 * never train. One {@link #step()} is one full-batch GD step on every U and V at once.
 */
public final class ModelANetwork {
    private final ModelA cfg;
    private final LimitProblem prob;
    private final int d, m, l;
    final double[][][] u, v; // [layer][D][M]

    public ModelANetwork(ModelA cfg, LimitProblem prob, long seed) {
        this.cfg = cfg;
        this.prob = prob;
        this.d = prob.dim();
        this.m = cfg.hidden();
        this.l = cfg.depth();
        SplittableRandom r = new SplittableRandom(Gaussian.mix(seed));
        double std = Math.sqrt(d);
        u = new double[l][][];
        v = new double[l][][];
        for (int k = 0; k < l; k++) {
            u[k] = LimitProblem.gaussian(r, d, m, std);
            v[k] = LimitProblem.gaussian(r, d, m, std);
        }
    }

    /** The stream h_0..h_L and pre-activations p_0..p_{L-1} of every sample. */
    record Pass(double[][][] h, double[][][] p) {
    }

    Pass forward() {
        double[][][] h = new double[l + 1][][];
        double[][][] p = new double[l][][];
        h[0] = prob.embed();
        double c = cfg.branch();
        int n = prob.n();
        for (int k = 0; k < l; k++) {
            p[k] = new double[n][m];
            h[k + 1] = new double[n][d];
            for (int i = 0; i < n; i++) {
                double[] hi = h[k][i], pi = p[k][i], next = h[k + 1][i];
                for (int a = 0; a < d; a++) {
                    double ha = hi[a] / d;
                    double[] ua = u[k][a];
                    for (int j = 0; j < m; j++) pi[j] += ua[j] * ha;
                }
                double[] s = new double[m];
                for (int j = 0; j < m; j++) s[j] = cfg.act(pi[j]);
                for (int a = 0; a < d; a++) {
                    double[] va = v[k][a];
                    double acc = 0;
                    for (int j = 0; j < m; j++) acc += va[j] * s[j];
                    next[a] = hi[a] + c * acc;
                }
            }
        }
        return new Pass(h, p);
    }

    /** Gradients of the loss with respect to every U and V (same layout as the weights). */
    record Grads(double[][][] gu, double[][][] gv, double loss) {
    }

    Grads gradients() {
        Pass fw = forward();
        double[][] f = prob.readout(fw.h()[l]);
        double[][] b = prob.outputGradient(f);
        double c = cfg.branch();
        int n = prob.n();
        double[][][] gu = new double[l][d][m], gv = new double[l][d][m];
        for (int k = l - 1; k >= 0; k--) {
            double[][] bPrev = new double[n][d];
            for (int i = 0; i < n; i++) {
                double[] bi = b[i], hi = fw.h()[k][i], pi = fw.p()[k][i];
                double[] gp = new double[m], s = new double[m];
                for (int j = 0; j < m; j++) s[j] = cfg.act(pi[j]); // once per unit, not once per (unit, coordinate)
                for (int a = 0; a < d; a++) {
                    double[] va = v[k][a], gva = gv[k][a];
                    double ba = c * bi[a];
                    for (int j = 0; j < m; j++) {
                        gva[j] += ba * s[j];
                        gp[j] += va[j] * ba;
                    }
                }
                for (int j = 0; j < m; j++) gp[j] *= cfg.actGrad(pi[j]) / d;
                for (int a = 0; a < d; a++) {
                    double[] ua = u[k][a], gua = gu[k][a];
                    double ha = hi[a], acc = 0;
                    for (int j = 0; j < m; j++) {
                        gua[j] += ha * gp[j];
                        acc += ua[j] * gp[j];
                    }
                    bPrev[i][a] = bi[a] + acc;
                }
            }
            b = bPrev;
        }
        return new Grads(gu, gv, prob.loss(f));
    }

    /** One full-batch GD step on all U, V (from the same weights); returns the loss before it. */
    public double step() {
        Grads g = gradients();
        double lr = cfg.rawLr(d);
        for (int k = 0; k < l; k++)
            for (int a = 0; a < d; a++)
                for (int j = 0; j < m; j++) {
                    u[k][a][j] -= lr * g.gu()[k][a][j];
                    v[k][a][j] -= lr * g.gv()[k][a][j];
                }
        return g.loss();
    }

    /** The stream h_0..h_L of every sample: [layer][N][D]. */
    public double[][][] streams() {
        return forward().h();
    }

    /** h_L of every sample: N x D. */
    public double[][] finalStream() {
        return forward().h()[l];
    }

    /** f of every sample: N x d_out. */
    public double[][] output() {
        return prob.readout(finalStream());
    }

    public double loss() {
        return prob.loss(output());
    }
}
