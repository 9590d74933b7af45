package io.hptransfer.report;

import io.hptransfer.analysis.Optimum;
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
 * The optimal LR (with its uncertainty as error bars, where seeds measure one) against size, one line per
 * parameterization: flat = the LR transfers. One panel per axis (width, depth); sizes labelled 8, 16, 32 on a
 * log2 scale, the LR as 2^k. PNG and SVG.
 */
public final class OptimaPlot {
    private OptimaPlot() {
    }

    /** @param panels one list of series (one per parameterization) per panel, e.g. width axis, depth axis */
    public static void write(List<List<SizeSeries>> panels, Path png) throws IOException {
        List<XYChart> charts = new ArrayList<>();
        for (List<SizeSeries> ss : panels) {
            Axis axis = ss.get(0).axis();
            XYChart c = Figures.panel("optimal LR across " + axis + "s (" + (axis == Axis.WIDTH ? "depth " : "width ") + ss.get(0).fixed() + ")",
                    axis.toString(), "optimal learning rate");
            double xmin = Double.MAX_VALUE, xmax = -Double.MAX_VALUE, ymin = Double.MAX_VALUE, ymax = -Double.MAX_VALUE;
            for (int k = 0; k < ss.size(); k++) {
                SizeSeries s = ss.get(k);
                double[] xs = s.sizes().stream().mapToDouble(Figures::log2).toArray();
                double[] ys = s.optima().stream().mapToDouble(o -> o.exists() ? o.log2Lr() : Double.NaN).toArray();
                double[] err = s.optima().stream().mapToDouble(o -> o.exists() && Double.isFinite(o.uncertainty()) ? o.uncertainty() : 0).toArray();
                for (int j = 0; j < xs.length; j++) {
                    xmin = Math.min(xmin, xs[j]);
                    xmax = Math.max(xmax, xs[j]);
                    if (Double.isFinite(ys[j])) {
                        ymin = Math.min(ymin, ys[j] - err[j]);
                        ymax = Math.max(ymax, ys[j] + err[j]);
                    }
                }
                XYSeries line = c.addSeries(s.param() + " " + s.optimizer(), xs, ys, err);
                line.setLineColor(Figures.PARAM_COLORS[k % Figures.PARAM_COLORS.length]);
                line.setMarkerColor(Figures.PARAM_COLORS[k % Figures.PARAM_COLORS.length]);
                line.setMarker(SeriesMarkers.CIRCLE);
            }
            if (ymin > ymax) {
                ymin = 0;
                ymax = 1;
            }
            Figures.sizeAxis(c, xmin - 0.2, xmax + 0.2);
            c.getStyler().setYAxisMin(Math.floor(ymin - 0.5)).setYAxisMax(Math.ceil(ymax + 0.5));
            c.getStyler().setyAxisTickLabelsFormattingFunction(Figures::pow2);
            c.getStyler().setErrorBarsColorSeriesColor(true);
            charts.add(c);
        }
        Figures.save(charts, charts.size(), png);
    }
}
