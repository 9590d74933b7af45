package io.hptransfer.limit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * C4: alpha interpolates between maximal local update (alpha = Theta(1)) and the lazy regime.
 * For Model A (tanh) after a few GD steps: the block-local movement RMS((U_K - U_0)^T h / D) and
 * the relative weight change fall as 1/alpha, the across-seed spread of the output grows as alpha,
 * and at alpha = 1 the movement does not depend on depth, while a 1/sqrt(L) branch scale
 * (Model A with alpha = sqrt(L), i.e. multiplier 1/(sqrt(L) M)) makes it fall as L^-1/2: lazy in
 * the blocks' first layer even though the loss looks the same.
 */
public final class AlphaSweepCheck {
    static final int D = 8, D_IN = 4, D_OUT = 1, SAMPLES = 4, STEPS = 5;
    static final double ETA = 0.5;

    private AlphaSweepCheck() {
    }

    /** Seed-averaged block movement and relative weight change, and the across-seed spread of f. */
    record Movement(double movement, double relativeChange, double outputSpread) {
    }

    public static CheckResult run(int seeds) {
        int[] alphas = {1, 2, 4, 8, 16, 32};
        Movement[] atAlpha = new Movement[alphas.length];
        for (int i = 0; i < alphas.length; i++) atAlpha[i] = measure(32, 256, alphas[i], seeds);
        List<Series> series = new ArrayList<>();
        // the 1/alpha law is asymptotic: fit from alpha = 2, as the theory states it
        int[] lazy = Arrays.copyOfRange(alphas, 1, alphas.length);
        series.add(series("block movement vs alpha (L=32, M=256)", "alpha", "RMS((U_K-U_0)^T h / D)", lazy, -1.0,
                Arrays.stream(atAlpha, 1, alphas.length).mapToDouble(Movement::movement).toArray()));
        series.add(series("relative change of U vs alpha", "alpha", "|U_K-U_0|/|U_0|", lazy, -1.0,
                Arrays.stream(atAlpha, 1, alphas.length).mapToDouble(Movement::relativeChange).toArray()));
        series.add(series("output spread vs alpha", "alpha", "std(f) across seeds", lazy, 1.0,
                Arrays.stream(atAlpha, 1, alphas.length).mapToDouble(Movement::outputSpread).toArray()));
        int[] depths = {8, 16, 32, 64, 128};
        series.add(Series.measure("movement vs L, alpha = 1 (1/L branch)", "L", "RMS((U_K-U_0)^T h / D)", depths, 0.0,
                l -> measure(l, 64, 1.0, seeds).movement()));
        series.add(Series.measure("movement vs L, 1/sqrt(L) branch", "L", "RMS((U_K-U_0)^T h / D)", depths, -0.5,
                l -> measure(l, 64, Math.sqrt(l), seeds).movement()));
        List<Verdict> v = List.of(
                Verdict.slope("block movement vs alpha (alpha >= 2): slope", series.get(0).slope(), -1.0, 0.15),
                Verdict.slope("relative weight change vs alpha: slope", series.get(1).slope(), -1.0, 0.15),
                Verdict.slope("across-seed std of f vs alpha: slope", series.get(2).slope(), 1.0, 0.15),
                Verdict.slope("movement vs L at alpha = 1: slope", series.get(3).slope(), 0.0, 0.15),
                Verdict.slope("movement vs L, 1/sqrt(L) branch: slope", series.get(4).slope(), -0.5, 0.15));
        return new CheckResult("c4", "alpha sweep: movement ~ 1/alpha (lazy as alpha grows), output spread ~ alpha, "
                + "movement flat in L only with the 1/L branch", series, v);
    }

    private static Series series(String name, String xLabel, String yLabel, int[] xs, double slope, double[] y) {
        return new Series(name, xLabel, yLabel, Arrays.stream(xs).asDoubleStream().toArray(), y, slope);
    }

    static Movement measure(int depth, int hidden, double alpha, int seeds) {
        LimitProblem prob = LimitProblem.synthetic(D, D_IN, D_OUT, SAMPLES, 1);
        ModelA cfg = new ModelA(depth, hidden, alpha, ETA, true);
        double move = 0, rel = 0;
        List<double[][]> f = new ArrayList<>();
        for (int s = 0; s < seeds; s++) {
            ModelANetwork net = new ModelANetwork(cfg, prob, s);
            double[][][] u0 = copy(net.u);
            for (int k = 0; k < STEPS; k++) net.step();
            ModelANetwork.Pass fw = net.forward();
            move += movement(net.u, u0, fw.h(), prob.dim());
            rel += Math.sqrt(sqDiff(net.u, u0) / sq(u0));
            f.add(prob.readout(fw.h()[depth]));
        }
        return new Movement(move / seeds, rel / seeds, SeedStats.of(f, null).fluctuation());
    }

    /** RMS over blocks, samples and units of (U_K - U_0)^T h_l / D at the trained network's own stream. */
    static double movement(double[][][] u, double[][][] u0, double[][][] h, int d) {
        double s = 0;
        long count = 0;
        for (int l = 0; l < u.length; l++)
            for (double[] hi : h[l]) {
                int m = u[l][0].length;
                for (int j = 0; j < m; j++) {
                    double p = 0;
                    for (int a = 0; a < d; a++) p += (u[l][a][j] - u0[l][a][j]) * hi[a];
                    p /= d;
                    s += p * p;
                    count++;
                }
            }
        return Math.sqrt(s / count);
    }

    private static double[][][] copy(double[][][] w) {
        double[][][] c = new double[w.length][][];
        for (int l = 0; l < w.length; l++) {
            c[l] = new double[w[l].length][];
            for (int a = 0; a < w[l].length; a++) c[l][a] = w[l][a].clone();
        }
        return c;
    }

    private static double sqDiff(double[][][] a, double[][][] b) {
        double s = 0;
        for (int l = 0; l < a.length; l++)
            for (int i = 0; i < a[l].length; i++)
                for (int j = 0; j < a[l][i].length; j++) s += (a[l][i][j] - b[l][i][j]) * (a[l][i][j] - b[l][i][j]);
        return s;
    }

    private static double sq(double[][][] a) {
        double s = 0;
        for (double[][] m : a) for (double[] r : m) for (double x : r) s += x * x;
        return s;
    }
}
