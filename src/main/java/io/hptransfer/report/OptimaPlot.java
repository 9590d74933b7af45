package io.hptransfer.report;

import io.hptransfer.param.Axis;
import io.hptransfer.util.PngCanvas;
import io.hptransfer.analysis.Optimum;
import io.hptransfer.analysis.SizeSeries;

import java.awt.Color;
import java.awt.Graphics2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** log2 eta* (with its uncertainty) against log2 size, one line per parameterization: flat = transfer. */
public final class OptimaPlot {
    private OptimaPlot() {
    }

    /** @param panels one list of series (one per parameterization) per panel, e.g. width axis, depth axis */
    public static void write(List<List<SizeSeries>> panels, Path png) throws IOException {
        PngCanvas canvas = new PngCanvas(panels.size() * Panel.W, Panel.H);
        Graphics2D g = canvas.graphics();
        for (int i = 0; i < panels.size(); i++) {
            List<SizeSeries> ss = panels.get(i);
            double xmin = Double.MAX_VALUE, xmax = -Double.MAX_VALUE, ymin = Double.MAX_VALUE, ymax = -Double.MAX_VALUE;
            for (SizeSeries s : ss) {
                for (int k = 0; k < s.sizes().size(); k++) {
                    double x = log2(s.sizes().get(k));
                    xmin = Math.min(xmin, x);
                    xmax = Math.max(xmax, x);
                    Optimum o = s.optima().get(k);
                    if (!o.exists()) continue;
                    double u = Double.isFinite(o.uncertainty()) ? o.uncertainty() : 0;
                    ymin = Math.min(ymin, o.log2Lr() - u);
                    ymax = Math.max(ymax, o.log2Lr() + u);
                }
            }
            if (ymin > ymax) {
                ymin = 0;
                ymax = 1;
            }
            Panel p = new Panel(g, i * Panel.W, 0, xmin - 0.2, xmax + 0.2, Math.floor(ymin - 0.5), Math.ceil(ymax + 0.5));
            Axis axis = ss.get(0).axis();
            p.frame("optimal LR vs " + axis + (axis == Axis.WIDTH ? " (L=" : " (W=") + ss.get(0).fixed() + ")",
                    "log2 " + axis, "log2 eta*", 1);
            for (int k = 0; k < ss.size(); k++) {
                SizeSeries s = ss.get(k);
                Color c = Panel.PARAM_COLORS[k % Panel.PARAM_COLORS.length];
                double[] xs = s.sizes().stream().mapToDouble(OptimaPlot::log2).toArray();
                double[] ys = s.optima().stream().mapToDouble(Optimum::log2Lr).toArray();
                p.line(c, xs, ys, 2f);
                for (int j = 0; j < xs.length; j++) if (Double.isFinite(ys[j])) p.errorBar(c, xs[j], ys[j], s.optima().get(j).uncertainty());
                p.legend(k, c, s.param());
            }
        }
        canvas.save(png);
    }

    static double log2(double v) {
        return Math.log(v) / Math.log(2);
    }
}
