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
        series.add(Series.measure("vs M (L=32)", "M", "std(h_L)", new int[]{16, 32, 64, 128, 256, 512}, -0.5,
                m -> fluctuation(32, m, D, seeds)));
        series.add(Series.measure("vs L (M=64)", "L", "std(h_L)", new int[]{8, 16, 32, 64, 128, 256}, -0.5,
                l -> fluctuation(l, 64, D, seeds)));
        series.add(Series.measure("vs D (L=32, M=256)", "D", "std(h_L)", new int[]{4, 8, 16, 32, 64}, 0.5,
                d -> fluctuation(32, 256, d, seeds)));
        series.add(Series.measure("L*M = 4096, vs L", "L", "std(h_L)", new int[]{16, 32, 64, 128}, 0.0,
                l -> fluctuation(l, 4096 / l, D, seeds)));
        List<Verdict> v = new ArrayList<>();
        v.add(Verdict.slope("std(h_L) vs M: slope", series.get(0).slope(), -0.5, 0.12));
        v.add(Verdict.slope("std(h_L) vs L: slope", series.get(1).slope(), -0.5, 0.12));
        v.add(Verdict.slope("std(h_L) vs D: slope", series.get(2).slope(), 0.5, 0.15));
        double[] y = series.get(3).y();
        double max = java.util.Arrays.stream(y).max().orElse(Double.NaN), min = java.util.Arrays.stream(y).min().orElse(Double.NaN);
        v.add(Verdict.atMost("std(h_L) at L*M = 4096, four splits: max/min", max / min, 1.3));
        return new CheckResult("c1", "fluctuations scale as sqrt(D/(L M)): depth and width enter only through L*M", series, v);
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
