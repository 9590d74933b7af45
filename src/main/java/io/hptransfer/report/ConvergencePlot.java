package io.hptransfer.report;

import io.hptransfer.analysis.SizeSeries;
import io.hptransfer.param.Axis;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Convergence to the largest size (the sweep's stand-in for the limit): the RMS ln-loss gap of each size's LR curve
 * to the largest's, and the distance of its optimum, against size. Falling = the curves approach a limit curve
 * (C10); a parameterization whose distances do not fall has no limit to transfer from. One row per axis. PNG and SVG.
 */
public final class ConvergencePlot {
    private ConvergencePlot() {
    }

    public static void write(List<List<SizeSeries>> axes, Path png) throws IOException {
        List<XYChart> charts = new ArrayList<>();
        for (List<SizeSeries> ss : axes) {
            charts.add(panel(ss, true));
            charts.add(panel(ss, false));
        }
        Figures.save(charts, 2, png);
    }

    private static XYChart panel(List<SizeSeries> ss, boolean curves) {
        Axis axis = ss.get(0).axis();
        int largest = ss.get(0).sizes().get(ss.get(0).sizes().size() - 1);
        XYChart c = Figures.panel((curves ? "LR-curve gap" : "optimum gap") + " to " + axis + " " + largest, axis.toString(),
                curves ? "RMS ln-loss gap" : "octaves");
        double xmin = Double.MAX_VALUE, xmax = -Double.MAX_VALUE, ymax = 0;
        for (int k = 0; k < ss.size(); k++) {
            SizeSeries s = ss.get(k);
            double[] d = curves ? s.curveDistanceToLargest() : s.optimumDistanceToLargest();
            double[] xs = s.sizes().stream().limit(d.length).mapToDouble(Figures::log2).toArray(); // d may leave out the largest
            for (int j = 0; j < d.length; j++) {
                xmin = Math.min(xmin, xs[j]);
                xmax = Math.max(xmax, xs[j]);
                if (Double.isFinite(d[j])) ymax = Math.max(ymax, d[j]);
            }
            XYSeries line = c.addSeries(s.param() + " " + s.optimizer(), xs, d);
            line.setLineColor(Figures.PARAM_COLORS[k % Figures.PARAM_COLORS.length]);
            line.setMarkerColor(Figures.PARAM_COLORS[k % Figures.PARAM_COLORS.length]);
            line.setMarker(SeriesMarkers.CIRCLE);
        }
        if (xmin > xmax) {
            xmin = 0;
            xmax = 1;
        }
        Figures.sizeAxis(c, xmin - 0.3, xmax + 0.3);
        c.getStyler().setYAxisMin(0.0).setYAxisMax(ymax > 0 ? ymax * 1.15 : 1);
        return c;
    }
}
