package io.hptransfer.report;

import io.hptransfer.analysis.LrCurve;
import io.hptransfer.analysis.Optimum;
import io.hptransfer.analysis.SizeSeries;
import io.hptransfer.param.Axis;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Loss against LR (log2 axis labelled 2^k) as in the transfer papers: one panel per parameterization (side by
 * side), one row per fixed other size, one curve per size (light = small, dark = large) named in the legend, each
 * curve's best grid LR marked with a filled dot and diverged LRs with an x on the top edge. Panels of a row share
 * their axes. PNG and SVG.
 */
public final class LrCurvePlot {
    private LrCurvePlot() {
    }

    /** @param rows one list of series (one per parameterization, same axis and fixed size) per figure row */
    public static void write(List<List<SizeSeries>> rows, String yLabel, Path png) throws IOException {
        int cols = rows.stream().mapToInt(List::size).max().orElse(1);
        List<XYChart> panels = new ArrayList<>();
        for (List<SizeSeries> row : rows) {
            double[] yr = yRange(row);
            double lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE;
            for (SizeSeries s : row) {
                for (LrCurve c : s.curves()) {
                    lo = Math.min(lo, c.log2Lr()[0]);
                    hi = Math.max(hi, c.log2Lr()[c.log2Lr().length - 1]);
                }
            }
            for (SizeSeries s : row) panels.add(panel(s, yLabel, lo - 0.3, hi + 0.3, yr));
        }
        Figures.save(panels, cols, png);
    }

    private static XYChart panel(SizeSeries s, String yLabel, double xmin, double xmax, double[] yr) {
        String other = s.axis() == Axis.WIDTH ? "depth " + s.fixed() : "width " + s.fixed();
        XYChart c = Figures.panel(s.param() + " " + s.optimizer() + " (" + s.axis() + "s, " + other + ")", "learning rate", yLabel);
        var st = c.getStyler();
        st.setXAxisMin(xmin).setXAxisMax(xmax).setYAxisMin(yr[0]).setYAxisMax(yr[1]);
        st.setxAxisTickLabelsFormattingFunction(Figures::pow2);
        st.setXAxisTickMarkSpacingHint(xmax - xmin > 12 ? 70 : 45);
        int n = s.curves().size();
        for (int i = 0; i < n; i++) { // the curves first, so the legend lists the sizes in order
            LrCurve curve = s.curves().get(i);
            var color = Figures.shade(i, n);
            double[] y = Arrays.stream(curve.means()).map(v -> Double.isFinite(v) ? Math.min(v, yr[1]) : Double.NaN).toArray();
            XYSeries line = c.addSeries(s.axis().letter() + s.sizes().get(i), curve.log2Lr(), y);
            line.setLineColor(color);
            line.setMarkerColor(color);
            line.setMarker(SeriesMarkers.CIRCLE);
            line.setLineStyle(new BasicStroke(2f));
        }
        boolean bestNamed = false, divergedNamed = false; // then the marks, one legend entry for each kind
        for (int i = 0; i < n; i++) {
            LrCurve curve = s.curves().get(i);
            Optimum o = s.optima().get(i);
            if (o.exists()) {
                XYSeries best = c.addSeries(bestNamed ? s.axis().letter() + s.sizes().get(i) + " best" : "best LR",
                        new double[]{o.gridLog2Lr()}, new double[]{Math.min(o.gridLoss(), yr[1])});
                best.setMarker(SeriesMarkers.DIAMOND);
                best.setMarkerColor(java.awt.Color.RED);
                best.setShowInLegend(!bestNamed);
                best.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                bestNamed = true;
            }
            List<Double> dx = new ArrayList<>();
            for (int k = 0; k < curve.log2Lr().length; k++) if (curve.diverged(k) > 0) dx.add(curve.log2Lr()[k]);
            if (!dx.isEmpty()) {
                double[] top = new double[dx.size()];
                Arrays.fill(top, yr[1]);
                XYSeries div = c.addSeries(divergedNamed ? s.axis().letter() + s.sizes().get(i) + " diverged" : "diverged",
                        dx.stream().mapToDouble(d -> d).toArray(), top);
                div.setMarker(SeriesMarkers.CROSS);
                div.setMarkerColor(Figures.shade(i, n));
                div.setShowInLegend(!divergedNamed);
                div.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                divergedNamed = true;
            }
        }
        return c;
    }

    /** Shared y range of a row: from the lowest loss to a cap that keeps the optima readable. */
    static double[] yRange(List<SizeSeries> row) {
        double[] all = row.stream().flatMap(s -> s.curves().stream()).flatMapToDouble(c -> Arrays.stream(c.means()))
                .filter(Double::isFinite).sorted().toArray();
        if (all.length == 0) return new double[]{0, 1};
        double lo = all[0], median = all[all.length / 2], hi = all[all.length - 1];
        hi = Math.min(hi, lo + 4 * (median - lo) + 1e-3);
        double pad = (hi - lo) * 0.05 + 1e-4;
        return new double[]{lo - pad, hi + pad};
    }
}
