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

    /** One shape's curve and its oscillation edge: the smallest log2 eta whose loss stopped falling every step (+inf: none). */
    record Shape(LrCurve curve, double edge) {
    }

    public static CheckResult run(int seeds) {
        int s = Math.max(2, seeds / 4); // the loss is averaged over steps and 64 samples: 4 seeds at the default 16
        List<Series> series = new ArrayList<>();
        List<Double> optima = new ArrayList<>();
        List<List<LrCurve>> byD = new ArrayList<>();
        double[] edgeAtD = new double[DIMS.length];
        double worstSpreadAtD = 0;
        for (int di = 0; di < DIMS.length; di++) {
            int d = DIMS[di];
            List<LrCurve> curves = new ArrayList<>();
            edgeAtD[di] = Double.POSITIVE_INFINITY;
            double[] x = new double[SHAPES.length], y = new double[SHAPES.length];
            for (int i = 0; i < SHAPES.length; i++) {
                Shape sh = curve(SHAPES[i][0], SHAPES[i][1], d, s, false);
                curves.add(sh.curve());
                edgeAtD[di] = Math.min(edgeAtD[di], sh.edge());
                Optimum o = OptimumFinder.find(curves.get(i), OptimumFinder.NEIGHBOURS);
                optima.add(o.log2Lr());
                x[i] = (double) SHAPES[i][0] * SHAPES[i][1];
                y[i] = Math.pow(2, o.log2Lr());
            }
            byD.add(curves);
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
        // the spec's window: below the unstable edge, the smallest over all (L, M, D) shapes
        double edge = java.util.Arrays.stream(edgeAtD).min().orElse(Double.NaN);
        List<Verdict> perD = new ArrayList<>();
        double worstCollapse = 0, worstUpToOptimum = 0;
        for (int di = 0; di < DIMS.length; di++) {
            List<LrCurve> curves = byD.get(di);
            Gap below = collapse(curves, edge);
            worstCollapse = Math.max(worstCollapse, below.rms());
            worstUpToOptimum = Math.max(worstUpToOptimum, collapse(curves, gridOptimum(curves) + LOG2_STEP / 2).rms());
            perD.add(Verdict.info(String.format(Locale.ROOT, "D=%d: collapse, worst %s (own edge 2^%.1f)", DIMS[di], below.shape(),
                    edgeAtD[di]), below.rms()));
            // why a collapse misses: the gap the seeds' own scatter would give if the curves were the same
            perD.add(Verdict.info("  of which seed noise alone would give", below.noise()));
        }
        int[] depths = {4, 16, 64};
        double[] lx = new double[depths.length], ly = new double[depths.length];
        for (int i = 0; i < depths.length; i++) {
            lx[i] = depths[i];
            ly[i] = Math.pow(2, OptimumFinder.find(curve(depths[i], 64, DIMS[0], s, true).curve(), OptimumFinder.NEIGHBOURS).log2Lr());
        }
        series.add(new Series("control: LR without the L factor (M=64, D=8)", "L", "eta*", lx, ly, 1.0));
        double spread = optima.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN)
                - optima.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        List<Verdict> v = new ArrayList<>(List.of(
                Verdict.atMost(String.format(Locale.ROOT, "eta* spread over %d (L, M, D) shapes (octaves)", optima.size()), spread, 0.6),
                Verdict.atMost("eta* spread over (L, M) at fixed D, worst D (octaves)", worstSpreadAtD, 0.6),
                Verdict.atMost(String.format(Locale.ROOT, "curve collapse below the edge 2^%.1f (%d LRs), worst D", edge,
                        lrsBelow(byD.get(0).get(0), edge)), worstCollapse, 0.05)));
        v.addAll(perD);
        v.add(Verdict.info("curve collapse up to the optimum, worst D (near the edge)", worstUpToOptimum));
        v.add(Verdict.slope("control: log2 eta* vs log2 L", series.get(series.size() - 1).slope(), 1.0, 0.3));
        return new CheckResult("c9", "Model A (MLU): loss-vs-LR curves collapse and eta* transfers across (L, M, D); "
                + "without the L factor it moves as L", series, v);
    }

    /**
     * Loss vs log2 eta for one shape: per eta and seed, the mean GD loss over the last STEPS/2 steps (+inf if it blew up);
     * and its oscillation edge, the smallest eta at which some seed's loss did not fall at every one of the STEPS steps.
     */
    static Shape curve(int depth, int hidden, int dim, int seeds, boolean dropDepthFactor) {
        LimitProblem prob = LimitProblem.synthetic(dim, D_IN, D_OUT, SAMPLES, 1);
        // the control's optimum sits log2(L) octaves higher: extend its grid by that much
        double to = LOG2_TO + (dropDepthFactor ? Math.log(depth) / Math.log(2) : 0);
        int n = (int) Math.round((to - LOG2_FROM) / LOG2_STEP) + 1;
        double[] x = new double[n];
        double[][] loss = new double[n][seeds];
        boolean[][] monotone = new boolean[n][seeds];
        for (int i = 0; i < n; i++) x[i] = LOG2_FROM + i * LOG2_STEP;
        // every (eta, seed) run is independent: spread them over the cores
        java.util.stream.IntStream.range(0, n * seeds).parallel().forEach(job -> {
            int i = job / seeds, s = job % seeds;
            double eta = Math.pow(2, x[i]) / (dropDepthFactor ? depth : 1);
            Run run = trainedLoss(new ModelANetwork(new ModelA(depth, hidden, ALPHA, eta, true), prob, s));
            loss[i][s] = run.loss();
            monotone[i][s] = run.monotone();
        });
        long[] seedIds = new long[seeds];
        for (int s = 0; s < seeds; s++) seedIds[s] = s;
        double edge = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n && edge == Double.POSITIVE_INFINITY; i++) {
            for (int s = 0; s < seeds; s++) if (!monotone[i][s]) edge = x[i];
        }
        return new Shape(new LrCurve(new CurveKey(dropDepthFactor ? "control" : "mlu", "gd", hidden, depth), x, seedIds, loss), edge);
    }

    /** One GD run: the mean loss over its last STEPS/2 steps (+inf if it blew up), and whether it fell at every step. */
    record Run(double loss, boolean monotone) {
    }

    static Run trainedLoss(ModelANetwork net) {
        double sum = 0, prev = Double.POSITIVE_INFINITY;
        boolean monotone = true;
        for (int k = 0; k < STEPS; k++) {
            double l = net.step();
            if (!Double.isFinite(l) || l > DIVERGED) return new Run(Double.POSITIVE_INFINITY, false);
            if (!(l < prev)) monotone = false;
            prev = l;
            if (k >= STEPS / 2) sum += l;
        }
        return new Run(sum / (STEPS - STEPS / 2), monotone);
    }

    /** The smallest grid optimum of the curves (the old, informational upper end of the collapse window). */
    static double gridOptimum(List<LrCurve> curves) {
        return curves.stream().mapToDouble(c -> OptimumFinder.find(c, OptimumFinder.NEIGHBOURS).gridLog2Lr()).min().orElse(Double.NaN);
    }

    static int lrsBelow(LrCurve c, double edge) {
        int n = 0;
        for (double x : c.log2Lr()) if (x < edge - 1e-9) n++;
        return n;
    }

    /**
     * The worst curve's RMS ln-loss gap to the reference, which shape it is, and the RMS gap seed noise alone gives
     * over the same LRs (each seed mean's standard error in ln loss, the two curves' in quadrature).
     */
    record Gap(double rms, String shape, double noise) {
    }

    /** Variance of ln(mean loss) over the seeds at grid point i: (sd / mean)^2 / seeds. */
    static double lnMeanVariance(LrCurve c, int i) {
        double[] l = c.lossBySeed()[i];
        double m = c.mean(i), v = 0;
        for (double x : l) v += (x - m) * (x - m) / (l.length - 1);
        return v / (m * m) / l.length;
    }

    /**
     * Worst RMS gap in ln loss between each curve and the third shape's (L=64, M=64, the largest L*M), over the LRs
     * strictly below {@code below} where both are finite. NaN when no LR qualifies.
     */
    static Gap collapse(List<LrCurve> curves, double below) {
        LrCurve ref = curves.get(2);
        Gap worst = new Gap(Double.NaN, "none", Double.NaN);
        for (int k = 0; k < curves.size(); k++) {
            LrCurve c = curves.get(k);
            double sq = 0, noise = 0;
            int n = 0;
            for (int i = 0; i < c.log2Lr().length && c.log2Lr()[i] < below - 1e-9; i++) {
                double a = c.mean(i), b = ref.mean(i);
                if (!Double.isFinite(a) || !Double.isFinite(b)) continue;
                sq += Math.pow(Math.log(a) - Math.log(b), 2);
                noise += k == 2 ? 0 : lnMeanVariance(c, i) + lnMeanVariance(ref, i);
                n++;
            }
            double rms = n > 0 ? Math.sqrt(sq / n) : Double.NaN;
            if (n > 0 && !(rms <= worst.rms())) worst = new Gap(rms, "L=" + SHAPES[k][0] + " M=" + SHAPES[k][1], Math.sqrt(noise / n));
        }
        return worst;
    }
}
