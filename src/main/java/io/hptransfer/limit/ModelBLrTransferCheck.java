package io.hptransfer.limit;

import io.hptransfer.analysis.LrCurve;
import io.hptransfer.analysis.Optimum;
import io.hptransfer.analysis.OptimumFinder;
import io.hptransfer.sweep.CurveKey;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * C8: Bordelon et al.'s claim in their own model. Under muP + 1/sqrt(L) (Model B, one LR eta0
 * for every depth) the optimal eta0 is the same across width N and depth L; the control, muP
 * without the depth factor, needs a smaller LR as it gets deeper (its stream grows with L).
 * Each point: full-batch GD on 64 samples, loss averaged over the last half of the steps.
 */
public final class ModelBLrTransferCheck {
    static final int D_IN = 8, SAMPLES = 64, STEPS = 20;
    static final double BETA0 = 1.0, GAMMA0 = 1.0;
    static final int[] WIDTHS = {64, 128}, DEPTHS = {2, 8, 32};
    /** log2 eta0: 11 LRs at sqrt(2) steps for muP + 1/sqrt(L); the control's optimum falls far below, so its grid is wide. */
    static final double FROM = -2.5, TO = 2.5, CONTROL_FROM = -24, CONTROL_TO = 2, STEP = 0.5;

    private ModelBLrTransferCheck() {
    }

    public static CheckResult run(int seeds) {
        int s = Math.max(2, seeds / 4);
        LimitProblem prob = LimitProblem.synthetic(1, D_IN, 1, SAMPLES, 5);
        List<Series> series = new ArrayList<>();
        List<Double> optima = new ArrayList<>();
        for (int n : WIDTHS) {
            double[] x = new double[DEPTHS.length], y = new double[DEPTHS.length];
            for (int i = 0; i < DEPTHS.length; i++) {
                double o = OptimumFinder.find(curve(prob, n, DEPTHS[i], s, true, FROM, TO), OptimumFinder.NEIGHBOURS).log2Lr();
                optima.add(o);
                x[i] = DEPTHS[i];
                y[i] = Math.pow(2, o);
            }
            series.add(new Series("muP + 1/sqrt(L), N=" + n, "L", "eta0*", x, y, 0.0));
        }
        double[] cx = new double[DEPTHS.length], cy = new double[DEPTHS.length];
        for (int i = 0; i < DEPTHS.length; i++) {
            Optimum o = OptimumFinder.find(curve(prob, WIDTHS[0], DEPTHS[i], s, false, CONTROL_FROM, CONTROL_TO), OptimumFinder.NEIGHBOURS);
            cx[i] = DEPTHS[i];
            cy[i] = Math.pow(2, o.log2Lr());
        }
        series.add(new Series("control: muP without 1/sqrt(L), N=" + WIDTHS[0], "L", "eta0*", cx, cy, Double.NaN));
        double spread = optima.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN)
                - optima.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        double drift = Math.abs(Math.log(cy[cy.length - 1] / cy[0]) / Math.log(2));
        List<Verdict> v = List.of(
                Verdict.atMost("eta0* spread over N x L (octaves)", spread, 0.5),
                Verdict.atLeast("control: |log2 eta0*(L=32) - log2 eta0*(L=2)| (octaves)", drift, 0.7));
        return new CheckResult("c8", "Model B: under muP + 1/sqrt(L) the optimal LR transfers across width and depth; "
                + "without the depth factor it drifts", series, v);
    }

    /** Loss vs log2 eta0: per LR and seed, the mean loss over the last STEPS/2 steps; +inf once it exceeds 100x its start. */
    static LrCurve curve(LimitProblem prob, int width, int depth, int seeds, boolean depthScaled, double from, double to) {
        int n = (int) Math.round((to - from) / STEP) + 1;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = from + i * STEP;
        double[][] loss = new double[n][seeds];
        IntStream.range(0, n * seeds).parallel().forEach(job -> {
            int i = job / seeds, s = job % seeds;
            loss[i][s] = trainedLoss(new ModelBNetwork(prob, width, depth, BETA0, GAMMA0, Math.pow(2, x[i]), depthScaled, s));
        });
        long[] ids = java.util.stream.LongStream.range(0, seeds).toArray();
        return new LrCurve(new CurveKey(depthScaled ? "mup-depth" : "mup", "gd", width, depth), x, ids, loss);
    }

    /**
     * Relative divergence test: the control starts with a loss in the thousands at L = 32 (its
     * stream grows with depth), so an absolute threshold would call every LR diverged.
     */
    static double trainedLoss(ModelBNetwork net) {
        double sum = 0, first = Double.NaN;
        for (int k = 0; k < STEPS; k++) {
            double l = net.step();
            if (k == 0) first = l;
            if (!Double.isFinite(l) || l > 100 * first) return Double.POSITIVE_INFINITY;
            if (k >= STEPS / 2) sum += l;
        }
        return sum / (STEPS - STEPS / 2);
    }
}
