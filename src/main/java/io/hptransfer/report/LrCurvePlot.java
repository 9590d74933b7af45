package io.hptransfer.report;

import io.hptransfer.param.Axis;
import io.hptransfer.util.PngCanvas;
import io.hptransfer.analysis.LrCurve;
import io.hptransfer.analysis.Optimum;
import io.hptransfer.analysis.SizeSeries;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Loss against log2 LR as in the transfer papers: one column per parameterization (side by side),
 * one row per fixed other size, one curve per size (light = small, dark = large), each curve's
 * best grid LR marked with a dot and diverged LRs with an x at the top. Panels of a row share y.
 */
public final class LrCurvePlot {
    private LrCurvePlot() {
    }

    /** @param rows one list of series (one per parameterization, same axis and fixed size) per figure row */
    public static void write(List<List<SizeSeries>> rows, String yLabel, Path png) throws IOException {
        int cols = rows.stream().mapToInt(List::size).max().orElse(1);
        PngCanvas canvas = new PngCanvas(cols * Panel.W, rows.size() * Panel.H + 24);
        Graphics2D g = canvas.graphics();
        for (int r = 0; r < rows.size(); r++) {
            double[] xr = {Double.MAX_VALUE, -Double.MAX_VALUE};
            double[] yr = yRange(rows.get(r));
            for (SizeSeries s : rows.get(r)) {
                for (LrCurve c : s.curves()) {
                    xr[0] = Math.min(xr[0], c.log2Lr()[0]);
                    xr[1] = Math.max(xr[1], c.log2Lr()[c.log2Lr().length - 1]);
                }
            }
            for (int col = 0; col < rows.get(r).size(); col++) {
                SizeSeries s = rows.get(r).get(col);
                Panel p = new Panel(g, col * Panel.W, r * Panel.H, xr[0] - 0.3, xr[1] + 0.3, yr[0], yr[1]);
                String other = s.axis() == Axis.WIDTH ? "L=" + s.fixed() : "W=" + s.fixed();
                p.frame(s.param() + " " + s.optimizer() + "  (" + other + ")", "log2 LR", yLabel,
                        xr[1] - xr[0] > 12 ? 2 : 1);
                draw(p, s);
            }
        }
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString("light to dark: small to large " + rows.get(0).get(0).axis() + "; dot: best LR; x: diverged",
                8, rows.size() * Panel.H + 16);
        canvas.save(png);
    }

    private static void draw(Panel p, SizeSeries s) {
        int n = s.curves().size();
        for (int i = 0; i < n; i++) {
            LrCurve c = s.curves().get(i);
            Color col = Panel.shade(i, n);
            p.line(col, c.log2Lr(), c.means(), 2f);
            for (int k = 0; k < c.log2Lr().length; k++) if (c.diverged(k) > 0) p.cross(col, c.log2Lr()[k]);
            Optimum o = s.optima().get(i);
            if (o.exists()) p.marker(col, o.gridLog2Lr(), o.gridLoss());
            p.legend(i, col, s.axis().letter() + s.sizes().get(i));
        }
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
