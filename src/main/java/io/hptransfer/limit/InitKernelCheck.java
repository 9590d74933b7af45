package io.hptransfer.limit;

import java.util.ArrayList;
import java.util.List;

/**
 * C7: Model B at initialisation (ReLU, beta0 = 1, three inputs). The finite-depth kernel
 * recursion approaches the depth ODE as 1/L; a finite-width network's empirical kernel
 * approaches the recursion as 1/sqrt(N). Without the 1/sqrt(L) branch scale the kernel does not
 * converge: it grows with L (reported, the control).
 */
public final class InitKernelCheck {
    static final int D = 16, INPUTS = 3, DEPTH_FOR_WIDTH = 8;
    static final double BETA0 = 1.0;

    private InitKernelCheck() {
    }

    public static CheckResult run(int seeds) {
        double[][] x = LimitProblem.synthetic(1, D, 1, INPUTS, 5).x();
        double[][] k1 = ModelBKernel.input(x);
        double[][] limit = ModelBKernel.ode(k1, BETA0, 4000);
        int[] depths = {2, 4, 8, 16, 32, 64, 128};
        double[][] rec = ModelBKernel.recursion(k1, DEPTH_FOR_WIDTH, BETA0, true);
        List<Series> series = new ArrayList<>();
        series.add(Series.measure("recursion vs depth ODE", "L", "|K_L - K_ode|", depths, -1.0,
                l -> ModelBKernel.distance(ModelBKernel.recursion(k1, l, BETA0, true), limit)));
        series.add(Series.measure("empirical vs recursion (L=8)", "N", "rms |K_N - K_L|", new int[]{64, 128, 256, 512, 1024}, -0.5, n -> {
            double sq = 0;
            for (int s = 0; s < seeds; s++) {
                double e = ModelBKernel.distance(ModelBKernel.empirical(x, n, DEPTH_FOR_WIDTH, BETA0, s), rec);
                sq += e * e;
            }
            return Math.sqrt(sq / seeds);
        }));
        series.add(Series.measure("control: no 1/sqrt(L) scale", "L", "K_L[0][0]", depths, 1.0,
                l -> ModelBKernel.recursion(k1, l, BETA0, false)[0][0]));
        double[] control = series.get(2).y();
        List<Verdict> v = List.of(
                Verdict.slope("kernel recursion to depth ODE vs L: slope", series.get(0).slope(), -1.0, 0.05),
                Verdict.slope("empirical kernel to recursion vs N: slope", series.get(1).slope(), -0.5, 0.1),
                Verdict.atLeast("control: K_L(L=128) / K_L(L=2) (grows at least as L)", control[control.length - 1] / control[0], 64));
        return new CheckResult("c7", "Model B at init: kernels converge to the depth ODE as 1/L and 1/sqrt(N)", series, v);
    }
}
