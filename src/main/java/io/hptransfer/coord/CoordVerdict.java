package io.hptransfer.coord;

import java.util.List;

/**
 * The outcome of a coordinate check: one fitted exponent per (layer, statistic, step), and
 * PASS when every exponent is within the tolerance of 0 (the statistic is Theta(1) in size).
 */
public record CoordVerdict(List<Entry> entries, double tolerance) {

    /**
     * @param slope  exponent of the statistic against width (or depth) across the grid
     * @param judged whether this statistic counts for the verdict (others are reported only)
     */
    public record Entry(String layer, String statistic, int step, double slope, boolean judged, boolean pass) {
    }

    public boolean pass() {
        return entries.stream().filter(Entry::judged).allMatch(Entry::pass);
    }

    /** Largest judged |slope|: how far the worst judged statistic is from being size-independent. */
    public double worstSlope() {
        return entries.stream().filter(Entry::judged)
                .mapToDouble(e -> Double.isNaN(e.slope()) ? Double.POSITIVE_INFINITY : Math.abs(e.slope())).max().orElse(0);
    }

    public List<Entry> failures() {
        return entries.stream().filter(e -> e.judged() && !e.pass()).toList();
    }
}
