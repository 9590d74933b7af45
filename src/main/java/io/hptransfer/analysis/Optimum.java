package io.hptransfer.analysis;

/**
 * The best LR of one curve.
 *
 * @param log2Lr      refined optimum of the seed-mean curve (see {@link OptimumFinder})
 * @param uncertainty one standard deviation of log2Lr in octaves, from a seed bootstrap; NaN with one
 *                    seed, where the scatter across seeds is simply unknown (a half grid step is not it:
 *                    the quickstart's one-seed optima scattered 2x more than that)
 * @param method      "bootstrap" or "one seed"
 * @param seeds       seeds with a finite loss at some LR
 * @param seedScatter standard deviation across seeds of each single seed's optimum (octaves; NaN below 2
 *                    seeds): how far one seed's answer can be trusted at this size
 * @param gridLog2Lr  the grid LR with the lowest mean loss (what transfer regret uses: measured, not interpolated)
 * @param atEdge      the minimum is at the end of the grid: the true optimum may lie outside it
 */
public record Optimum(double log2Lr, double uncertainty, String method, int seeds, double seedScatter, double gridLog2Lr,
                      double gridLoss, boolean atEdge) {
    public static final Optimum NONE = new Optimum(Double.NaN, Double.NaN, "none", 0, Double.NaN, Double.NaN,
            Double.POSITIVE_INFINITY, false);

    public boolean exists() {
        return !Double.isNaN(log2Lr);
    }

    public boolean uncertaintyKnown() {
        return Double.isFinite(uncertainty);
    }
}
