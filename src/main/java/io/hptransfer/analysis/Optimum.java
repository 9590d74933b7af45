package io.hptransfer.analysis;

/**
 * The best LR of one curve.
 *
 * @param log2Lr      refined optimum: vertex of the parabola through the grid minimum and its two neighbours
 * @param uncertainty one standard deviation in octaves: seed bootstrap with >= 2 seeds, else half the local grid step
 * @param method      "bootstrap" or "grid" (how the uncertainty was obtained)
 * @param gridLog2Lr  the grid LR with the lowest mean loss (what transfer regret uses: measured, not interpolated)
 * @param atEdge      the minimum is at the end of the grid: the true optimum may lie outside it
 */
public record Optimum(double log2Lr, double uncertainty, String method, double gridLog2Lr, double gridLoss, boolean atEdge) {
    public static final Optimum NONE = new Optimum(Double.NaN, Double.NaN, "none", Double.NaN, Double.POSITIVE_INFINITY, false);

    public boolean exists() {
        return !Double.isNaN(log2Lr);
    }
}
