package io.hptransfer.report;

import io.hptransfer.param.Axis;
import io.hptransfer.util.PngCanvas;
import io.hptransfer.analysis.SizeSeries;

import java.awt.Color;
import java.awt.Graphics2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Convergence to the largest size, per axis: the RMS log-loss distance of each size's LR curve
 * to the largest's, and the distance of its optimum, against log2 size. Falling = the curves
 * approach a limit curve (C10); a parameterization whose distances do not fall has no limit to transfer from.
 */
public final class ConvergencePlot {
    private ConvergencePlot() {
    }

    public static void write(List<List<SizeSeries>> axes, Path png) throws IOException {
        PngCanvas canvas = new PngCanvas(2 * Panel.W, axes.size() * Panel.H);
        Graphics2D g = canvas.graphics();
        for (int row = 0; row < axes.size(); row++) {
            List<SizeSeries> ss = axes.get(row);
            panel(g, 0, row, ss, true);
            panel(g, Panel.W, row, ss, false);
        }
        canvas.save(png);
    }

    private static void panel(Graphics2D g, int x0, int row, List<SizeSeries> ss, boolean curves) {
        double xmin = Double.MAX_VALUE, xmax = -Double.MAX_VALUE, ymax = 0;
        for (SizeSeries s : ss) {
            double[] d = curves ? s.curveDistanceToLargest() : s.optimumDistanceToLargest();
            for (int k = 0; k < d.length; k++) {
                double x = OptimaPlot.log2(s.sizes().get(k));
                xmin = Math.min(xmin, x);
                xmax = Math.max(xmax, x);
                if (Double.isFinite(d[k])) ymax = Math.max(ymax, d[k]);
            }
        }
        if (xmin > xmax) {
            xmin = 0;
            xmax = 1;
        }
        Axis axis = ss.get(0).axis();
        int largest = ss.get(0).sizes().get(ss.get(0).sizes().size() - 1);
        Panel p = new Panel(g, x0, row * Panel.H, xmin - 0.3, xmax + 0.3, 0, ymax > 0 ? ymax * 1.15 : 1);
        p.frame((curves ? "LR-curve distance" : "optimum distance") + " to " + axis + " " + largest,
                "log2 " + axis, curves ? "RMS ln-loss gap" : "octaves", 1);
        for (int k = 0; k < ss.size(); k++) {
            SizeSeries s = ss.get(k);
            Color c = Panel.PARAM_COLORS[k % Panel.PARAM_COLORS.length];
            double[] d = curves ? s.curveDistanceToLargest() : s.optimumDistanceToLargest();
            double[] xs = new double[d.length];
            for (int j = 0; j < d.length; j++) xs[j] = OptimaPlot.log2(s.sizes().get(j));
            p.line(c, xs, d, 2f);
            p.legend(k, c, s.param());
        }
    }
}
