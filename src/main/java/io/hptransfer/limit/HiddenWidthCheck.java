package io.hptransfer.limit;

import java.util.ArrayList;
import java.util.List;

/**
 * C1: the finite-size fluctuation of Model A (tanh, alpha = 1, a few GD steps) is
 * O(sqrt(D / (L M))): depth and block width enter only through L*M, the "hidden width".
 * Measured as the across-seed standard deviation of h_L, against M, against L, against D, and
 * at fixed L*M over four L/M splits.
 */
public final class HiddenWidthCheck {
    static final int D = 8, D_IN = 4, D_OUT = 1, SAMPLES = 4, STEPS = 5;
    static final double ALPHA = 1.0, ETA = 0.5;

    private HiddenWidthCheck() {
    }

    public static CheckResult run(int seeds) {
        List<Series> series = new ArrayList<>();
        series.add(sweep("vs M (L=32)", "M", new int[]{16, 32, 64, 128, 256, 512}, -0.5, seeds, x -> new int[]{32, x, D}));
        series.add(sweep("vs L (M=64)", "L", new int[]{8, 16, 32, 64, 128, 256}, -0.5, seeds, x -> new int[]{x, 64, D}));
        series.add(sweep("vs D (L=32, M=256)", "D", new int[]{4, 8, 16, 32, 64}, 0.5, seeds, x -> new int[]{32, 256, x}));
        int[] splitL = {16, 32, 64, 128};
        series.add(sweep("L*M = 4096, vs L", "L", splitL, 0.0, seeds, x -> new int[]{x, 4096 / x, D}));
        List<Verdict> v = new ArrayList<>();
        v.add(Verdict.slope("std(h_L) vs M: slope", series.get(0).slope(), -0.5, 0.12));
        v.add(Verdict.slope("std(h_L) vs L: slope", series.get(1).slope(), -0.5, 0.12));
        v.add(Verdict.slope("std(h_L) vs D: slope", series.get(2).slope(), 0.5, 0.15));
        double[] y = series.get(3).y();
        double max = java.util.Arrays.stream(y).max().orElse(Double.NaN), min = java.util.Arrays.stream(y).min().orElse(Double.NaN);
        v.add(Verdict.atMost("std(h_L) at L*M = 4096, four splits: max/min", max / min, 1.3));
        return new CheckResult("c1", "fluctuations scale as sqrt(D/(L M)): depth and width enter only through L*M", series, v);
    }

    private static Series sweep(String name, String xName, int[] xs, double expected, int seeds, java.util.function.IntFunction<int[]> shape) {
        double[] x = new double[xs.length], y = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            int[] s = shape.apply(xs[i]);
            x[i] = xs[i];
            y[i] = fluctuation(s[0], s[1], s[2], seeds);
        }
        return new Series(name, xName, "std(h_L)", x, y, expected);
    }

    /** RMS over samples and coordinates of the across-seed std of h_L after STEPS GD steps. */
    static double fluctuation(int depth, int hidden, int dim, int seeds) {
        LimitProblem prob = LimitProblem.synthetic(dim, D_IN, D_OUT, SAMPLES, 1);
        ModelA cfg = new ModelA(depth, hidden, ALPHA, ETA, true);
        List<double[][]> h = new ArrayList<>();
        for (int s = 0; s < seeds; s++) {
            ModelANetwork net = new ModelANetwork(cfg, prob, s);
            for (int k = 0; k < STEPS; k++) net.step();
            h.add(net.finalStream());
        }
        return SeedStats.of(h, null).fluctuation();
    }
}
