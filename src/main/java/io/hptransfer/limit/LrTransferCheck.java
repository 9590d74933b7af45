package io.hptransfer.limit;

import io.hptransfer.analysis.LrCurve;
import io.hptransfer.analysis.Optimum;
import io.hptransfer.analysis.OptimumFinder;
import io.hptransfer.sweep.CurveKey;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * C9: in the maximal-local-update parameterization of Model A (raw LR eta L M D / alpha^2) the
 * loss-vs-eta curves of different (L, M) collapse and the optimal eta stays put across (L, M, D).
 * Control: the same model with the L factor dropped from the LR (raw LR eta M D / alpha^2), whose
 * dynamics at eta equal MLU's at eta/L, so its optimum moves as L. Each point: full-batch GD,
 * loss averaged over the last half of the steps (near eta* the last loss alone is bumpy in eta).
 */
public final class LrTransferCheck {
    static final int D_IN = 8, D_OUT = 1, SAMPLES = 64, STEPS = 10;
    static final double ALPHA = 1.0, DIVERGED = 1e3;
    static final int[][] SHAPES = {{4, 64}, {16, 64}, {64, 64}, {16, 16}, {16, 256}}; // {L, M}
    static final int[] DIMS = {8, 16, 32};
    /** log2 eta grid in half-octave (sqrt 2) steps. */
    static final double LOG2_FROM = -1, LOG2_TO = 5, LOG2_STEP = 0.5;

    private LrTransferCheck() {
    }

    public static CheckResult run(int seeds) {
        int s = Math.max(2, seeds / 4); // the loss is averaged over steps and 64 samples: 4 seeds at the default 16
        List<Series> series = new ArrayList<>();
        List<Double> optima = new ArrayList<>();
        double worstCollapse = 0, worstSpreadAtD = 0;
        for (int d : DIMS) {
            List<LrCurve> curves = new ArrayList<>();
            double[] x = new double[SHAPES.length], y = new double[SHAPES.length];
            for (int i = 0; i < SHAPES.length; i++) {
                curves.add(curve(SHAPES[i][0], SHAPES[i][1], d, s, false));
                Optimum o = OptimumFinder.find(curves.get(i), OptimumFinder.NEIGHBOURS);
                optima.add(o.log2Lr());
                x[i] = (double) SHAPES[i][0] * SHAPES[i][1];
                y[i] = Math.pow(2, o.log2Lr());
            }
            worstCollapse = Math.max(worstCollapse, collapse(curves));
            List<Double> atD = optima.subList(optima.size() - SHAPES.length, optima.size());
            worstSpreadAtD = Math.max(worstSpreadAtD, atD.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN)
                    - atD.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN));
            // by L*M (two shapes share 256 and two 4096): the line then runs left to right
            Integer[] order = java.util.stream.IntStream.range(0, x.length).boxed()
                    .sorted((p, q) -> x[p] != x[q] ? Double.compare(x[p], x[q]) : Double.compare(y[p], y[q])).toArray(Integer[]::new);
            series.add(new Series("eta* vs L*M, D=" + d, "L*M", "eta*",
                    java.util.Arrays.stream(order).mapToDouble(k -> x[k]).toArray(),
                    java.util.Arrays.stream(order).mapToDouble(k -> y[k]).toArray(), 0.0));
        }
        int[] depths = {4, 16, 64};
        double[] lx = new double[depths.length], ly = new double[depths.length];
        for (int i = 0; i < depths.length; i++) {
            lx[i] = depths[i];
            ly[i] = Math.pow(2, OptimumFinder.find(curve(depths[i], 64, DIMS[0], s, true), OptimumFinder.NEIGHBOURS).log2Lr());
        }
        series.add(new Series("control: LR without the L factor (M=64, D=8)", "L", "eta*", lx, ly, 1.0));
        double spread = optima.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN)
                - optima.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        List<Verdict> v = List.of(
                Verdict.atMost(String.format(Locale.ROOT, "eta* spread over %d (L, M, D) shapes (octaves)", optima.size()), spread, 0.6),
                Verdict.atMost("eta* spread over (L, M) at fixed D, worst D (octaves)", worstSpreadAtD, 0.6),
                Verdict.atMost("curve collapse: worst RMS ln-loss gap up to the optimum", worstCollapse, 0.05),
                Verdict.slope("control: log2 eta* vs log2 L", series.get(series.size() - 1).slope(), 1.0, 0.3));
        return new CheckResult("c9", "Model A (MLU): loss-vs-LR curves collapse and eta* transfers across (L, M, D); "
                + "without the L factor it moves as L", series, v);
    }

    /** Loss vs log2 eta for one shape: per eta and seed, the mean GD loss over the last STEPS/2 steps (+inf if it blew up). */
    static LrCurve curve(int depth, int hidden, int dim, int seeds, boolean dropDepthFactor) {
        LimitProblem prob = LimitProblem.synthetic(dim, D_IN, D_OUT, SAMPLES, 1);
        // the control's optimum sits log2(L) octaves higher: extend its grid by that much
        double to = LOG2_TO + (dropDepthFactor ? Math.log(depth) / Math.log(2) : 0);
        int n = (int) Math.round((to - LOG2_FROM) / LOG2_STEP) + 1;
        double[] x = new double[n];
        double[][] loss = new double[n][seeds];
        for (int i = 0; i < n; i++) x[i] = LOG2_FROM + i * LOG2_STEP;
        // every (eta, seed) run is independent: spread them over the cores
        java.util.stream.IntStream.range(0, n * seeds).parallel().forEach(job -> {
            int i = job / seeds, s = job % seeds;
            double eta = Math.pow(2, x[i]) / (dropDepthFactor ? depth : 1);
            loss[i][s] = trainedLoss(new ModelANetwork(new ModelA(depth, hidden, ALPHA, eta, true), prob, s));
        });
        long[] seedIds = new long[seeds];
        for (int s = 0; s < seeds; s++) seedIds[s] = s;
        return new LrCurve(new CurveKey(dropDepthFactor ? "control" : "mlu", "gd", hidden, depth), x, seedIds, loss);
    }

    static double trainedLoss(ModelANetwork net) {
        double sum = 0;
        for (int k = 0; k < STEPS; k++) {
            double l = net.step();
            if (!Double.isFinite(l) || l > DIVERGED) return Double.POSITIVE_INFINITY;
            if (k >= STEPS / 2) sum += l;
        }
        return sum / (STEPS - STEPS / 2);
    }

    /**
     * Worst RMS gap in ln loss between each curve and the third shape's (L=64, M=64, the
     * largest L*M), over the LRs up to the smallest grid optimum where every curve is finite:
     * "below the unstable edge".
     */
    static double collapse(List<LrCurve> curves) {
        LrCurve ref = curves.get(2);
        double edge = curves.stream().mapToDouble(c -> OptimumFinder.find(c, OptimumFinder.NEIGHBOURS).gridLog2Lr()).min().orElse(Double.NaN);
        double worst = 0;
        for (LrCurve c : curves) {
            double sq = 0;
            int n = 0;
            for (int i = 0; i < c.log2Lr().length && c.log2Lr()[i] <= edge + 1e-9; i++) {
                double a = c.mean(i), b = ref.mean(i);
                if (!Double.isFinite(a) || !Double.isFinite(b)) continue;
                sq += Math.pow(Math.log(a) - Math.log(b), 2);
                n++;
            }
            if (n > 0) worst = Math.max(worst, Math.sqrt(sq / n));
        }
        return worst;
    }
}
