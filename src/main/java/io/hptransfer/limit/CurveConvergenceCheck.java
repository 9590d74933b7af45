package io.hptransfer.limit;

import io.hptransfer.param.Axis;
import io.hptransfer.analysis.LrCurve;
import io.hptransfer.analysis.Optimum;
import io.hptransfer.analysis.OptimumFinder;
import io.hptransfer.analysis.SizeSeries;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * C10: "the limit predicts the optimum". Along a width axis (M at fixed L) and a depth axis (L at
 * fixed M) of Model A in the MLU parameterization, each size's loss-vs-LR curve approaches the
 * largest size's (the stand-in for the limit curve), and the second-largest size's optimal LR
 * is within 0.5 octave of the largest's. Uses C9's curves ({@link LrTransferCheck#curve}) and the
 * report's distance measures ({@link SizeSeries}), so a sweep's `hpt report` and this check agree.
 */
public final class CurveConvergenceCheck {
    static final int D = 16, FIXED_L = 16, FIXED_M = 64;
    static final int[] WIDTHS = {16, 64, 256}, DEPTHS = {4, 16, 64};

    private CurveConvergenceCheck() {
    }

    public static CheckResult run(int seeds) {
        int s = Math.max(2, seeds / 4);
        SizeSeries width = series(Axis.WIDTH, FIXED_L, WIDTHS, s);
        SizeSeries depth = series(Axis.DEPTH, FIXED_M, DEPTHS, s);
        List<Series> plots = new ArrayList<>();
        List<Verdict> v = new ArrayList<>();
        for (SizeSeries ss : List.of(width, depth)) {
            double[] gap = ss.curveDistanceToLargest(), opt = ss.optimumDistanceToLargest();
            double[] x = new double[gap.length];
            for (int i = 0; i < x.length; i++) x[i] = ss.sizes().get(i);
            String label = ss.axis() == Axis.WIDTH ? "M (L=" + FIXED_L + ", D=" + D + ")" : "L (M=" + FIXED_M + ", D=" + D + ")";
            plots.add(new Series("LR-curve gap to the largest, vs " + label, ss.axis() == Axis.WIDTH ? "M" : "L",
                    "RMS ln-loss gap", x, gap, Double.NaN));
            double growth = Double.NEGATIVE_INFINITY;
            for (int i = 1; i < gap.length; i++) growth = Math.max(growth, gap[i] - gap[i - 1]);
            v.add(Verdict.atMost(String.format(Locale.ROOT, "%s axis: largest growth of the curve gap with size", ss.axis()), growth, 0.0));
            v.add(Verdict.atMost(String.format(Locale.ROOT, "%s axis: |log2 eta*| gap, second-largest to largest", ss.axis()),
                    opt[opt.length - 1], 0.5));
        }
        return new CheckResult("c10", "loss-vs-LR curves converge to the largest size's and its optimum predicts theirs", plots, v);
    }

    private static SizeSeries series(Axis axis, int fixed, int[] sizes, int seeds) {
        List<LrCurve> curves = new ArrayList<>();
        List<Optimum> optima = new ArrayList<>();
        List<Integer> sz = new ArrayList<>();
        for (int size : sizes) {
            int l = axis == Axis.WIDTH ? fixed : size, m = axis == Axis.WIDTH ? size : fixed;
            LrCurve c = LrTransferCheck.curve(l, m, D, seeds, false).curve();
            curves.add(c);
            optima.add(OptimumFinder.find(c, OptimumFinder.NEIGHBOURS));
            sz.add(size);
        }
        return new SizeSeries("mlu", "gd", axis, fixed, sz, curves, optima);
    }
}
