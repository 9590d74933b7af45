package io.hptransfer.coord;

import io.hptransfer.param.Axis;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Turns coordinate-check rows into exponents and a verdict, judged at steps 1..T.
 * Width: the change since init (delta_l1) of every tracked layer must be Theta(1) (absolute
 * sizes are reported, not judged: muP's logits start at O(1/sqrt(m_N)) by design).
 * Depth: per-block quantities legitimately shrink with depth under branch scaling; the final
 * residual stream (size and change) and the logits' change must be Theta(1).
 */
public final class CoordAnalysis {
    /** mup's own criterion: ratio within [1/1.2, 1.2] between sizes 4x apart, as an exponent (0.13). */
    public static final double MUP_TOLERANCE = Math.log(1.2) / Math.log(4);
    /** Default: ratio within 1.41 between sizes 4x apart; SP's exponents at a large LR are 1-2 at step 1. */
    public static final double DEFAULT_TOLERANCE = 0.25;

    private CoordAnalysis() {
    }

    /** Seed-averaged value of one statistic per size, keyed (layer, statistic, step). */
    public static Map<String, TreeMap<Integer, Double>> means(List<CoordRow> rows) {
        Map<String, TreeMap<Integer, Double>> sums = new TreeMap<>();
        Map<String, TreeMap<Integer, Integer>> counts = new TreeMap<>();
        for (CoordRow r : rows) {
            add(sums, counts, key(r.layer(), "l1", r.step()), r.size(), r.l1());
            add(sums, counts, key(r.layer(), "delta_l1", r.step()), r.size(), r.deltaL1());
        }
        sums.forEach((k, m) -> m.replaceAll((size, s) -> s / counts.get(k).get(size)));
        return sums;
    }

    public static CoordVerdict judge(List<CoordRow> rows, double tolerance) {
        List<CoordVerdict.Entry> entries = new ArrayList<>();
        for (var e : means(rows).entrySet()) {
            String[] k = e.getKey().split("\\|");
            int step = Integer.parseInt(k[2]);
            if (step == 0) continue; // at init the change is 0 and sizes follow the init rules alone
            double[] x = e.getValue().keySet().stream().mapToDouble(Integer::doubleValue).toArray();
            double[] y = e.getValue().values().stream().mapToDouble(Double::doubleValue).toArray();
            double s = SlopeFit.logLogSlope(x, y);
            entries.add(new CoordVerdict.Entry(k[0], k[1], step, s, judged(axis(rows), k[0], k[1]), Math.abs(s) <= tolerance));
        }
        return new CoordVerdict(entries, tolerance);
    }

    static boolean judged(Axis axis, String layer, String statistic) {
        if (axis == Axis.WIDTH) return statistic.equals("delta_l1");
        return layer.equals("stream_last") || (layer.equals("logits") && statistic.equals("delta_l1"));
    }

    private static Axis axis(List<CoordRow> rows) {
        return rows.isEmpty() ? Axis.WIDTH : rows.get(0).axis();
    }

    /** Slope of one statistic (e.g. the last residual stream's change at the last step). */
    public static double slope(List<CoordRow> rows, String layer, String statistic, int step) {
        TreeMap<Integer, Double> m = means(rows).get(key(layer, statistic, step));
        if (m == null) throw new IllegalArgumentException("no rows for " + layer + " " + statistic + " step " + step);
        return SlopeFit.logLogSlope(m.keySet().stream().mapToDouble(Integer::doubleValue).toArray(),
                m.values().stream().mapToDouble(Double::doubleValue).toArray());
    }

    static String key(String layer, String stat, int step) {
        return layer + "|" + stat + "|" + step;
    }

    private static void add(Map<String, TreeMap<Integer, Double>> sums, Map<String, TreeMap<Integer, Integer>> counts,
                            String k, int size, double v) {
        sums.computeIfAbsent(k, z -> new TreeMap<>()).merge(size, v, Double::sum);
        counts.computeIfAbsent(k, z -> new TreeMap<>()).merge(size, 1, Integer::sum);
    }

    public static String summary(CoordCheckSpec spec, CoordVerdict v) {
        StringBuilder sb = new StringBuilder();
        String readout = spec.param().muP() ? (spec.zeroReadout() ? ", zero readout" : ", random readout") : "";
        sb.append(String.format("coord check %s%s %s lr %s over %s %s, beta %.3f%s, %d steps, %d seeds: %s (worst |slope| %.3f, tolerance %.3f)%n",
                spec.vit() != null ? "vit " : "", spec.param(), spec.optimizer().kind(), spec.optimizer().lr(), spec.axis().name().toLowerCase(), spec.grid(),
                spec.branchBeta(), readout, spec.steps(), spec.seeds(), v.pass() ? "PASS" : "FAIL", v.worstSlope(), v.tolerance()));
        Map<String, List<CoordVerdict.Entry>> byLayer = v.entries().stream()
                .collect(Collectors.groupingBy(e -> e.layer() + " " + e.statistic(), TreeMap::new, Collectors.toList()));
        byLayer.forEach((name, es) -> {
            sb.append(String.format("  %-24s", name));
            for (var e : es) sb.append(String.format(" t%d %+.2f%s", e.step(), e.slope(), !e.judged() || e.pass() ? " " : "!"));
            sb.append(es.get(0).judged() ? "\n" : " (reported, not judged)\n");
        });
        return sb.toString();
    }
}
