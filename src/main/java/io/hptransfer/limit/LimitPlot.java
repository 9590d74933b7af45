package io.hptransfer.limit;

import io.hptransfer.report.Figures;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One figure per check: a log-log panel per series, three to a row, with the measurements (dots, solid line) and
 * the theory's slope (dashed) drawn through their geometric mean, so only the exponent is compared; the fitted and
 * predicted slopes are in each panel's legend. PNG and SVG.
 */
public final class LimitPlot {
    private static final Color MEASURED = new Color(31, 119, 180), THEORY = new Color(214, 39, 40);
    private static final int COLUMNS = 3;

    private LimitPlot() {
    }

    public static void write(CheckResult r, Path png) throws IOException {
        List<XYChart> panels = new ArrayList<>();
        for (Series s : r.series()) panels.add(panel(r, s));
        Figures.save(panels, Math.min(COLUMNS, panels.size()), png);
    }

    private static XYChart panel(CheckResult r, Series s) {
        boolean theory = !Double.isNaN(s.expectedSlope());
        // the slopes go in the legend: titles stay short enough to fit a panel
        XYChart c = Figures.panel(r.id().toUpperCase(Locale.ROOT) + " " + s.name(), s.xLabel(), s.yLabel());
        double[] lx = new double[s.x().length], y = new double[s.y().length];
        double mx = 0, my = 0, lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE;
        int ok = 0;
        for (int i = 0; i < lx.length; i++) {
            lx[i] = Figures.log2(s.x()[i]);
            y[i] = s.y()[i] > 0 ? s.y()[i] : Double.NaN;
            if (!Double.isNaN(y[i])) {
                mx += lx[i];
                my += Math.log(y[i]);
                ok++;
                lo = Math.min(lo, y[i]);
                hi = Math.max(hi, y[i]);
            }
        }
        mx /= Math.max(ok, 1);
        my /= Math.max(ok, 1);
        XYSeries m = c.addSeries(String.format(Locale.ROOT, "measured: %+.2f", s.slope()), lx, y);
        m.setLineColor(MEASURED);
        m.setMarkerColor(MEASURED);
        m.setMarker(SeriesMarkers.CIRCLE);
        if (theory) {
            // y = exp(my) * (x / exp2(mx))^slope through the measurements' geometric mean
            double[] t = new double[lx.length];
            for (int i = 0; i < lx.length; i++) {
                t[i] = Math.exp(my + s.expectedSlope() * (lx[i] - mx) * Math.log(2));
                lo = Math.min(lo, t[i]);
                hi = Math.max(hi, t[i]);
            }
            XYSeries th = c.addSeries(String.format(Locale.ROOT, "theory: %+.2f", s.expectedSlope()), lx, t);
            th.setLineColor(THEORY);
            th.setMarker(SeriesMarkers.NONE);
            th.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{6f, 4f}, 0f));
        }
        if (lo > hi) {
            lo = 1;
            hi = 10;
        }
        // at least one decade: a flat series must not look steep because the axis zoomed in
        double ylo = Math.pow(10, Math.floor(Math.log10(lo))), yhi = Math.pow(10, Math.ceil(Math.log10(hi)));
        if (yhi <= ylo) yhi = ylo * 10;
        Figures.sizeAxis(c, lx[0] - 0.3, lx[lx.length - 1] + 0.3);
        if (Math.log10(yhi / ylo) <= 8) {
            c.getStyler().setYAxisLogarithmic(true);
            c.getStyler().setYAxisMin(ylo).setYAxisMax(yhi);
        } else {
            // XChart labels every decade of a log axis: over more than 8 they collide. Plot log10 y, labelled 1e<k>.
            for (XYSeries x : c.getSeriesMap().values()) {
                double[] yy = x.getYData().clone();
                for (int i = 0; i < yy.length; i++) yy[i] = Math.log10(yy[i]);
                c.updateXYSeries(x.getName(), x.getXData(), yy, null);
            }
            c.getStyler().setYAxisMin(Math.log10(ylo)).setYAxisMax(Math.log10(yhi));
            c.getStyler().setyAxisTickLabelsFormattingFunction(v -> String.format(Locale.ROOT, "1e%.0f", v));
        }
        return c;
    }
}
