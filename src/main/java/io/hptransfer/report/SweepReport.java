package io.hptransfer.report;

import io.hptransfer.param.Axis;
import io.hptransfer.analysis.LrCurve;
import io.hptransfer.analysis.Optimum;
import io.hptransfer.analysis.OptimumFinder;
import io.hptransfer.analysis.ShiftVerdict;
import io.hptransfer.analysis.SizeSeries;
import io.hptransfer.analysis.TransferAnalysis;
import io.hptransfer.sweep.CurveKey;
import io.hptransfer.sweep.ResultStore;
import io.hptransfer.sweep.Metric;
import io.hptransfer.sweep.SweepSpec;
import io.hptransfer.sweep.TrialRecord;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything the report says about a sweep, computed from its stored trial records: the curves,
 * each curve's optimum, and per parameterization the headline width and depth series (widths at
 * the base depth, depths at the base width) with their shift, slope, regret and "bigger is better".
 */
public record SweepReport(SweepSpec spec, Metric metric, List<TrialRecord> records, Map<CurveKey, LrCurve> curves,
                          Map<CurveKey, Optimum> optima, List<SizeSeries> series, double fitWindow) {

    public static SweepReport of(Path sweepDir, Metric metricOverride) throws IOException {
        return of(sweepDir, metricOverride, OptimumFinder.NEIGHBOURS);
    }

    /** fitWindow: octaves each side of the best grid LR that eta*'s parabola is fitted over; 0 = its two neighbours. */
    public static SweepReport of(Path sweepDir, Metric metricOverride, double fitWindow) throws IOException {
        SweepSpec spec = ResultStore.existing(sweepDir).spec();
        List<TrialRecord> records = ResultStore.existing(sweepDir).all();
        if (records.isEmpty()) throw new IllegalArgumentException("sweep " + sweepDir + " has no finished trial yet: run `hpt sweep` on its spec");
        return of(spec, records, metricOverride == null ? spec.metric() : metricOverride, fitWindow);
    }

    public static SweepReport of(SweepSpec spec, List<TrialRecord> records, Metric metric) {
        return of(spec, records, metric, OptimumFinder.NEIGHBOURS);
    }

    public static SweepReport of(SweepSpec spec, List<TrialRecord> records, Metric metric, double fitWindow) {
        if (!(fitWindow >= 0) || Double.isInfinite(fitWindow)) {
            throw new IllegalArgumentException("fit window " + fitWindow + " must be >= 0 octaves (0 = the best grid LR and its two neighbours)");
        }
        Map<CurveKey, LrCurve> curves = LrCurve.from(records, metric);
        Map<CurveKey, Optimum> optima = TransferAnalysis.optima(curves, fitWindow);
        return new SweepReport(spec, metric, records, curves, optima, TransferAnalysis.series(curves, optima), fitWindow);
    }

    /** Which points of the seed-mean curve eta*'s parabola is fitted to (summary and HTML say it the same way). */
    public String fitPoints() {
        return fitWindow <= OptimumFinder.NEIGHBOURS ? "through its best grid LR and the two neighbours"
                : "within " + java.math.BigDecimal.valueOf(fitWindow).stripTrailingZeros().toPlainString()
                + " octaves of its best grid LR (--fit-window)";
    }

    /** The headline series: widths at the base depth and depths at the base width, one per parameterization x optimizer. */
    public List<SizeSeries> headline(Axis axis) {
        int fixed = axis == Axis.WIDTH ? spec.baseDepth() : spec.baseWidth();
        return series.stream().filter(s -> s.axis().equals(axis) && s.fixed() == fixed).toList();
    }

    /** Series of one axis grouped into figure rows (one row per fixed size, one entry per parameterization). */
    public Map<String, List<List<SizeSeries>>> figureRows(Axis axis) {
        Map<String, Map<Integer, List<SizeSeries>>> byOpt = new LinkedHashMap<>();
        for (SizeSeries s : series) {
            if (!s.axis().equals(axis)) continue;
            byOpt.computeIfAbsent(s.optimizer(), k -> new java.util.TreeMap<>()).computeIfAbsent(s.fixed(), k -> new ArrayList<>()).add(s);
        }
        Map<String, List<List<SizeSeries>>> out = new LinkedHashMap<>();
        byOpt.forEach((opt, rows) -> out.put(opt, new ArrayList<>(rows.values())));
        return out;
    }

    public String summaryText() {
        StringBuilder b = new StringBuilder();
        long div = records.stream().filter(TrialRecord::diverged).count();
        int planned = io.hptransfer.sweep.Trials.keys(spec).size();
        // a partial sweep says how far it is, so "24 trials" is not read as the whole study
        String count = records.size() < planned ? records.size() + " of " + planned + " trials, " + (planned - records.size()) + " pending"
                : records.size() + " trials";
        b.append(String.format(Locale.ROOT, "sweep %s: %s (%d diverged), loss = %s, %s, seeds %s%s%n", spec.name(), count, div,
                metric, spec.dataset(), spec.seeds(), fitWindow <= OptimumFinder.NEIGHBOURS ? "" : ", eta* = least-squares parabola " + fitPoints()));
        boolean unknown = false;
        for (Axis axis : Axis.values()) {
            List<SizeSeries> h = headline(axis);
            if (h.isEmpty()) continue;
            SizeSeries f = h.get(0);
            b.append(String.format(Locale.ROOT, "%n%s transfer: %s %s -> %s at %s%n", axis, axis, f.sizes().get(0),
                    f.sizes().get(f.sizes().size() - 1), axis == Axis.WIDTH ? "depth " + f.fixed() : "width " + f.fixed()));
            b.append(String.format(Locale.ROOT, "  %-11s %-5s %-16s %-14s %-10s %s%n", "param", "opt", "shift (octaves)",
                    "oct/doubling", "regret", "bigger is better"));
            for (SizeSeries s : h) {
                unknown |= Double.isNaN(s.shiftUncertainty());
                b.append(String.format(Locale.ROOT, "  %-11s %-5s %-16s %-14s %-10s %s%n", s.param(), s.optimizer(),
                        fmtPm(s.shift(), s.shiftUncertainty()), fmt(s.slopePerDoubling(), "%+.2f"), pct(s.regret()),
                        pct(s.biggerIsBetter()).replace("+", "")));
            }
            b.append(verdict(h));
            b.append(scatter(h));
            b.append(convergence(h));
        }
        if (unknown) {
            b.append("\n± ?: one seed per size, so nothing measures how far the optimum moves between seeds; the tool will not\n"
                    + "   guess it (one seed's optimum at a small proxy can be off by octaves). Add seeds: seeds: [0, 1, 2, 3].\n");
        }
        List<String> w = warnings();
        if (!w.isEmpty()) {
            b.append("\nwarnings:\n");
            w.forEach(x -> b.append("  ").append(x).append('\n'));
        }
        return b.toString();
    }

    /** Optima at a grid edge or missing, and proxies whose optimum scatters too much across seeds. */
    public List<String> warnings() {
        List<String> w = new ArrayList<>();
        for (LrCurve c : curves.values()) {
            Optimum o = optima.get(c.key());
            if (!o.exists()) w.add(c.key().label() + ": every LR diverged; lower the log2Lr grid");
            else if (o.atEdge()) {
                List<Double> grid = spec.optimizer(c.key().optimizer()).log2Lr().values();
                boolean specEdge = Math.abs(o.gridLog2Lr() - grid.get(0)) < 1e-9 || Math.abs(o.gridLog2Lr() - grid.get(grid.size() - 1)) < 1e-9;
                // the edge of the LRs run so far is not the grid's: those beyond it are pending, not missing from the spec
                if (specEdge) {
                    w.add(c.key().label() + ": best LR is at the grid's edge (log2 " + fmt(o.gridLog2Lr())
                            + "); extend log2Lr to bracket the optimum");
                } else {
                    w.add(c.key().label() + ": best LR so far is at the edge of the LRs run (log2 " + fmt(o.gridLog2Lr()) + "); "
                            + "the grid's other LRs have not run yet: continue the sweep");
                }
            }
        }
        for (Axis axis : Axis.values()) {
            for (SizeSeries s : headline(axis)) {
                String pw = io.hptransfer.analysis.ProxyQuality.warning(s);
                if (pw != null) w.add(pw);
            }
        }
        return w;
    }

    /** Per optimizer: the shift verdict ({@link ShiftVerdict}) and which parameterization's transfer cost least. */
    public static String verdict(List<SizeSeries> h) {
        StringBuilder b = new StringBuilder();
        for (ShiftVerdict v : ShiftVerdict.of(h)) {
            b.append("  -> ").append(v.optimizer()).append(": ").append(v.describe());
            SizeSeries cheapest = h.stream().filter(s -> s.optimizer().equals(v.optimizer()) && !Double.isNaN(s.regret()))
                    .min((a, c) -> Double.compare(a.regret(), c.regret())).orElse(null);
            if (cheapest != null) b.append(String.format(Locale.ROOT, "; lowest transfer regret %s (%s)", cheapest.param(), pct(cheapest.regret())));
            b.append('\n');
        }
        return b.toString();
    }

    /** Per series: how far one seed's optimum scatters across seeds at each size (the proxy's trustworthiness). */
    static String scatter(List<SizeSeries> h) {
        StringBuilder b = new StringBuilder();
        for (SizeSeries s : h) {
            double[] sc = s.seedScatter();
            if (Arrays.stream(sc).allMatch(Double::isNaN)) continue;
            StringBuilder c = new StringBuilder();
            for (int i = 0; i < sc.length; i++) {
                c.append(i > 0 ? ", " : "").append(s.axis().letter()).append(s.sizes().get(i)).append(' ')
                        .append(fmt(sc[i], "%.2f"));
            }
            b.append(String.format(Locale.ROOT, "  one seed's optimum scatters (sd, octaves, %d seeds) %s %s: %s%n",
                    s.optima().get(0).seeds(), s.param(), s.optimizer(), c));
        }
        return b.toString();
    }

    /** Per series: the LR-curve and optimum gaps of each size to the largest, smallest size first, and whether they shrink. */
    static String convergence(List<SizeSeries> h) {
        StringBuilder b = new StringBuilder();
        for (SizeSeries s : h) {
            double[] cd = s.curveDistanceToLargest(), od = s.optimumDistanceToLargest();
            if (cd.length < 1) continue;
            StringBuilder c = new StringBuilder(), o = new StringBuilder();
            for (int i = 0; i < cd.length; i++) {
                c.append(i > 0 ? " -> " : "").append(fmt(cd[i], "%.3f"));
                o.append(i > 0 ? " -> " : "").append(fmt(od[i], "%.2f"));
            }
            b.append(String.format(Locale.ROOT, "  gap to %s %d (%s %s): curve %s (RMS ln loss), optimum %s octaves%s%n",
                    s.axis(), s.sizes().get(s.sizes().size() - 1), s.param(), s.optimizer(), c, o,
                    cd.length < 2 ? "" : s.curvesConverge() ? ", curves converging" : ", curves NOT converging"));
        }
        return b.toString();
    }

    static String fmtPm(double v, double u) {
        if (Double.isNaN(v)) return "n/a";
        return String.format(Locale.ROOT, "%+.2f", v) + (Double.isFinite(u) ? String.format(Locale.ROOT, " ± %.2f", u) : " ± ?");
    }

    static String fmt(double v, String f) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, f, v);
    }

    static String pct(double v) {
        if (Double.isNaN(v)) return "n/a";
        if (v == Double.POSITIVE_INFINITY) return "inf (diverges)";
        return String.format(Locale.ROOT, "%+.1f%%", 100 * v);
    }

    /** An integer as it is, else one or two decimals (log2 LRs in warnings). */
    private static String fmt(double v) {
        if (Math.abs(v - Math.rint(v)) < 1e-9) return String.valueOf((long) Math.rint(v));
        return String.format(Locale.ROOT, Math.abs(v) < 1 ? "%.2f" : "%.1f", v);
    }
}
