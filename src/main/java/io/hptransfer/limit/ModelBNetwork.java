package io.hptransfer.limit;

import java.util.SplittableRandom;

/**
 * Model B (Bordelon et al. 2024: muP + 1/sqrt(L), one-layer blocks) in plain Java double
 * precision, multiplier form, ReLU: h^1 = W^0 x / sqrt(d_in), h^{l+1} = h^l + beta0/sqrt(L N) W^l
 * relu(h^l), f = w . relu(h^L) / (gamma0 N); all weights N(0, 1); full-batch GD with the same LR
 * eta0 gamma0^2 N for every parameter, independent of L. depthScaled = false is the control:
 * branch beta0/sqrt(N), muP without the depth factor. Uses the problem's x and first target only.
 */
public final class ModelBNetwork {
    private final LimitProblem prob;
    private final int n, depth;
    private final double branch, gamma0, lr;
    final double[][] w0; // N x d_in
    final double[][][] w; // L x N x N
    final double[] wOut; // N

    public ModelBNetwork(LimitProblem prob, int width, int depth, double beta0, double gamma0, double eta0,
                         boolean depthScaled, long seed) {
        if (width < 1 || depth < 1) throw new IllegalArgumentException("Model B needs width N >= 1 and depth L >= 1");
        this.prob = prob;
        this.n = width;
        this.depth = depth;
        this.branch = beta0 / Math.sqrt((depthScaled ? depth : 1) * (double) width);
        this.gamma0 = gamma0;
        this.lr = eta0 * gamma0 * gamma0 * width;
        SplittableRandom r = new SplittableRandom(Gaussian.mix(seed));
        w0 = LimitProblem.gaussian(r, width, prob.x()[0].length, 1.0);
        w = new double[depth][][];
        for (int l = 0; l < depth; l++) w[l] = LimitProblem.gaussian(r, width, width, 1.0);
        wOut = LimitProblem.gaussian(r, 1, width, 1.0)[0];
    }

    /** The stream h^1..h^{L+1} of every sample: [L+1][samples][N]. */
    double[][][] forward() {
        int samples = prob.n(), d = prob.x()[0].length;
        double[][][] h = new double[depth + 1][samples][n];
        for (int i = 0; i < samples; i++)
            for (int a = 0; a < n; a++) {
                double s = 0;
                for (int j = 0; j < d; j++) s += w0[a][j] * prob.x()[i][j];
                h[0][i][a] = s / Math.sqrt(d);
            }
        for (int l = 0; l < depth; l++)
            for (int i = 0; i < samples; i++) {
                double[] act = relu(h[l][i]), next = h[l + 1][i];
                for (int a = 0; a < n; a++) {
                    double s = 0;
                    double[] row = w[l][a];
                    for (int b = 0; b < n; b++) s += row[b] * act[b];
                    next[a] = h[l][i][a] + branch * s;
                }
            }
        return h;
    }

    /** f of every sample. */
    public double[] output() {
        return output(forward()[depth]);
    }

    private double[] output(double[][] hL) {
        double[] f = new double[hL.length];
        for (int i = 0; i < hL.length; i++) {
            double[] act = relu(hL[i]);
            double s = 0;
            for (int a = 0; a < n; a++) s += wOut[a] * act[a];
            f[i] = s / (gamma0 * n);
        }
        return f;
    }

    /** (1/N_samples) * 1/2 * sum (f - y)^2 on the first target. */
    public double loss() {
        double[] f = output();
        double s = 0;
        for (int i = 0; i < f.length; i++) s += (f[i] - prob.y()[i][0]) * (f[i] - prob.y()[i][0]);
        return 0.5 * s / f.length;
    }

    /** One full-batch GD step on every weight; returns the loss before it (+inf once it is not finite). */
    public double step() {
        int samples = prob.n(), d = prob.x()[0].length;
        double[][][] h = forward();
        double[] f = output(h[depth]);
        double loss = 0, outScale = 1 / (gamma0 * n);
        double[][] gh = new double[samples][n];
        double[] gOut = new double[n];
        for (int i = 0; i < samples; i++) {
            double[] act = relu(h[depth][i]);
            double err = f[i] - prob.y()[i][0];
            loss += 0.5 * err * err / samples;
            double gf = err / samples;
            for (int a = 0; a < n; a++) {
                gOut[a] += gf * act[a] * outScale;
                gh[i][a] = h[depth][i][a] > 0 ? gf * wOut[a] * outScale : 0;
            }
        }
        if (!Double.isFinite(loss)) return Double.POSITIVE_INFINITY;
        for (int l = depth - 1; l >= 0; l--) {
            double[][] gw = new double[n][n];
            double[][] prev = new double[samples][];
            for (int i = 0; i < samples; i++) {
                double[] act = relu(h[l][i]), g = gh[i];
                double[] ga = new double[n];
                for (int a = 0; a < n; a++) {
                    double ca = branch * g[a];
                    if (ca == 0) continue;
                    double[] gwa = gw[a], row = w[l][a];
                    for (int b = 0; b < n; b++) {
                        gwa[b] += ca * act[b];
                        ga[b] += ca * row[b];
                    }
                }
                prev[i] = new double[n];
                for (int b = 0; b < n; b++) prev[i][b] = g[b] + (h[l][i][b] > 0 ? ga[b] : 0);
            }
            // W^l's gradient is complete and W^l is no longer needed below: update in place
            for (int a = 0; a < n; a++) for (int b = 0; b < n; b++) w[l][a][b] -= lr * gw[a][b];
            gh = prev;
        }
        for (int a = 0; a < n; a++) {
            for (int j = 0; j < d; j++) {
                double s = 0;
                for (int i = 0; i < samples; i++) s += gh[i][a] * prob.x()[i][j];
                w0[a][j] -= lr * s / Math.sqrt(d);
            }
            wOut[a] -= lr * gOut[a];
        }
        return loss;
    }

    private static double[] relu(double[] h) {
        double[] a = new double[h.length];
        for (int i = 0; i < h.length; i++) a[i] = Math.max(0, h[i]);
        return a;
    }
}
