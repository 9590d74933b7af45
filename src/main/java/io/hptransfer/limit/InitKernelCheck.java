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
        double[] ld = new double[depths.length], depthErr = new double[depths.length], control = new double[depths.length];
        for (int i = 0; i < depths.length; i++) {
            ld[i] = depths[i];
            depthErr[i] = ModelBKernel.distance(ModelBKernel.recursion(k1, depths[i], BETA0, true), limit);
            control[i] = ModelBKernel.recursion(k1, depths[i], BETA0, false)[0][0];
        }
        int[] widths = {64, 128, 256, 512, 1024};
        double[][] rec = ModelBKernel.recursion(k1, DEPTH_FOR_WIDTH, BETA0, true);
        double[] lw = new double[widths.length], widthErr = new double[widths.length];
        for (int i = 0; i < widths.length; i++) {
            lw[i] = widths[i];
            double sq = 0;
            for (int s = 0; s < seeds; s++) {
                double e = ModelBKernel.distance(ModelBKernel.empirical(x, widths[i], DEPTH_FOR_WIDTH, BETA0, s), rec);
                sq += e * e;
            }
            widthErr[i] = Math.sqrt(sq / seeds);
        }
        List<Series> series = new ArrayList<>();
        series.add(new Series("recursion vs depth ODE", "L", "|K_L - K_ode|", ld, depthErr, -1.0));
        series.add(new Series("empirical vs recursion (L=8)", "N", "rms |K_N - K_L|", lw, widthErr, -0.5));
        series.add(new Series("control: no 1/sqrt(L) scale", "L", "K_L[0][0]", ld, control, 1.0));
        List<Verdict> v = List.of(
                Verdict.slope("kernel recursion to depth ODE vs L: slope", series.get(0).slope(), -1.0, 0.05),
                Verdict.slope("empirical kernel to recursion vs N: slope", series.get(1).slope(), -0.5, 0.1),
                Verdict.atLeast("control: K_L(L=128) / K_L(L=2) (grows at least as L)", control[control.length - 1] / control[0], 64));
        return new CheckResult("c7", "Model B at init: kernels converge to the depth ODE as 1/L and 1/sqrt(N)", series, v);
    }
}
