package io.hptransfer.limit;

import io.hptransfer.util.PngCanvas;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * One PNG per check: a log-log panel per series with the measurements (dots, solid line) and the
 * theory's slope (dashed) drawn through their geometric mean, so only the exponent is compared.
 */
public final class LimitPlot {
    private static final int PW = 300, PH = 240, ML = 58, MB = 38, MT = 30, MR = 12;
    private static final Color MEASURED = new Color(31, 119, 180), THEORY = new Color(214, 39, 40);

    private LimitPlot() {
    }

    public static void write(CheckResult r, Path png) throws IOException {
        int n = r.series().size();
        PngCanvas canvas = new PngCanvas(Math.max(n * PW, 760), PH + 28);
        Graphics2D g = canvas.graphics();
        for (int i = 0; i < n; i++) panel(g, i * PW, r.series().get(i));
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(r.id().toUpperCase() + ": " + r.title() + "   (blue: measured, red dashed: theory slope)", 8, PH + 18);
        canvas.save(png);
    }

    private static void panel(Graphics2D g, int x0, Series s) {
        double[] lx = new double[s.x().length], ly = new double[s.y().length];
        double mx = 0, my = 0;
        int ok = 0;
        for (int i = 0; i < lx.length; i++) {
            lx[i] = Math.log10(s.x()[i]);
            ly[i] = s.y()[i] > 0 ? Math.log10(s.y()[i]) : Double.NaN;
            if (!Double.isNaN(ly[i])) {
                mx += lx[i];
                my += ly[i];
                ok++;
            }
        }
        mx /= Math.max(ok, 1);
        my /= Math.max(ok, 1);
        double xmin = lx[0], xmax = lx[lx.length - 1], ymin = Double.MAX_VALUE, ymax = -Double.MAX_VALUE;
        for (int i = 0; i < ly.length; i++) {
            if (Double.isNaN(ly[i])) continue;
            // a series without a theory slope (NaN: a control whose size is all that is asserted) draws no theory line
            double t = Double.isNaN(s.expectedSlope()) ? ly[i] : my + s.expectedSlope() * (lx[i] - mx);
            ymin = Math.min(ymin, Math.min(ly[i], t));
            ymax = Math.max(ymax, Math.max(ly[i], t));
        }
        if (ymax - ymin < 1) { // at least one decade: a flat series must not look steep because the axis zoomed in
            double c = (ymin + ymax) / 2;
            ymin = c - 0.5;
            ymax = c + 0.5;
        }
        double pad = 0.08 * (ymax - ymin);
        ymin -= pad;
        ymax += pad;
        int w = PW - ML - MR, h = PH - MT - MB, left = x0 + ML, top = MT;
        final double fxmin = xmin, fxmax = xmax > xmin ? xmax : xmin + 1, fymin = ymin, fymax = ymax;
        java.util.function.DoubleUnaryOperator px = v -> left + (v - fxmin) / (fxmax - fxmin) * w;
        java.util.function.DoubleUnaryOperator py = v -> top + h - (v - fymin) / (fymax - fymin) * h;
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        g.drawString(s.name(), left, 18);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        g.drawRect(left, top, w, h);
        for (int i = 0; i < lx.length; i++) {
            int x = (int) px.applyAsDouble(lx[i]);
            g.drawString(String.valueOf((long) s.x()[i]), Math.min(x - 6, left + w - 18), top + h + 14);
        }
        g.drawString(s.xLabel() + " (log)", left + w / 2 - 20, top + h + 28);
        double tick = ymax - ymin <= 2 ? 0.25 : ymax - ymin <= 4 ? 0.5 : Math.ceil((ymax - ymin) / 6);
        for (double d = Math.ceil(ymin / tick) * tick; d <= ymax; d += tick) {
            int y = (int) py.applyAsDouble(d);
            g.setColor(new Color(232, 232, 232));
            g.drawLine(left + 1, y, left + w - 1, y);
            g.setColor(Color.BLACK);
            g.drawString(String.format(Locale.ROOT, "%.1e", Math.pow(10, d)), x0 + 4, y + 4);
        }
        g.setColor(THEORY);
        g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{6f, 4f}, 0f));
        if (!Double.isNaN(s.expectedSlope())) {
            g.drawLine((int) px.applyAsDouble(xmin), (int) py.applyAsDouble(my + s.expectedSlope() * (xmin - mx)),
                    (int) px.applyAsDouble(xmax), (int) py.applyAsDouble(my + s.expectedSlope() * (xmax - mx)));
        }
        g.setColor(MEASURED);
        g.setStroke(new BasicStroke(2f));
        int prevX = -1, prevY = -1;
        for (int i = 0; i < lx.length; i++) {
            if (Double.isNaN(ly[i])) {
                prevX = -1;
                continue;
            }
            int x = (int) px.applyAsDouble(lx[i]), y = (int) py.applyAsDouble(ly[i]);
            if (prevX >= 0) g.drawLine(prevX, prevY, x, y);
            g.fillOval(x - 3, y - 3, 6, 6);
            prevX = x;
            prevY = y;
        }
        g.setStroke(new BasicStroke(1f));
        g.setColor(Color.BLACK);
        g.drawString(Double.isNaN(s.expectedSlope()) ? String.format(Locale.ROOT, "slope %+.2f", s.slope())
                : String.format(Locale.ROOT, "slope %+.2f (theory %+.2f)", s.slope(), s.expectedSlope()), left + 6, top + 14);
    }
}
