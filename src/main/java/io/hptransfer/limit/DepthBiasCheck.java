package io.hptransfer.limit;

import java.util.ArrayList;
import java.util.List;

/**
 * C2: the depth bias of linear Model A against the exact Neural Mean ODE limit is O(1/L), the
 * Euler error of the depth ODE, and does not depend on the block width M. Bias = distance of the
 * seed-mean output after a few GD steps to the limit's, with the seed noise removed.
 */
public final class DepthBiasCheck {
    static final int D = 8, D_IN = 4, D_OUT = 1, SAMPLES = 4, STEPS = 5, GRID = 1000;
    static final double ALPHA = 1.0, ETA = 0.5;

    private DepthBiasCheck() {
    }

    public static CheckResult run(int seeds) {
        LimitProblem prob = LimitProblem.synthetic(D, D_IN, D_OUT, SAMPLES, 1);
        LinearMeanOde ode = new LinearMeanOde(prob, ALPHA, ETA, GRID);
        for (int k = 0; k < STEPS; k++) ode.step();
        double[][] limit = ode.output();
        List<Series> series = new ArrayList<>();
        series.add(Series.measure("vs L (M=2048)", "L", "bias(f)", new int[]{2, 4, 8, 16}, -1.0, l -> bias(l, 2048, seeds, prob, limit)));
        series.add(Series.measure("vs M (L=4)", "M", "bias(f)", new int[]{128, 256, 512, 1024, 2048}, 0.0, m -> bias(4, m, seeds, prob, limit)));
        List<Verdict> v = List.of(
                Verdict.slope("bias of f vs L: slope", series.get(0).slope(), -1.0, 0.2),
                Verdict.slope("bias of f vs M: slope", series.get(1).slope(), 0.0, 0.25));
        return new CheckResult("c2", "depth bias to the exact linear Mean ODE is O(1/L), flat in M", series, v);
    }

    /** Distance of the seed-mean output after STEPS GD steps to the limit's, seed noise removed. */
    private static double bias(int depth, int hidden, int seeds, LimitProblem prob, double[][] limit) {
        ModelA cfg = new ModelA(depth, hidden, ALPHA, ETA, false);
        List<double[][]> f = new ArrayList<>();
        for (int seed = 0; seed < seeds; seed++) {
            ModelANetwork net = new ModelANetwork(cfg, prob, seed);
            for (int k = 0; k < STEPS; k++) net.step();
            f.add(net.output());
        }
        return SeedStats.of(f, limit).bias();
    }
}
