package io.hptransfer.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.util.Locale;

/** One plot panel on a Java2D canvas: a frame, linear axes with ticks, and data-to-pixel mapping. */
final class Panel {
    static final int W = 330, H = 250, ML = 52, MR = 10, MT = 26, MB = 38;
    private final Graphics2D g;
    private final int left, top, w, h;
    final double xmin, xmax, ymin, ymax;

    Panel(Graphics2D g, int x0, int y0, double xmin, double xmax, double ymin, double ymax) {
        this.g = g;
        this.left = x0 + ML;
        this.top = y0 + MT;
        this.w = W - ML - MR;
        this.h = H - MT - MB;
        this.xmin = xmin;
        this.xmax = xmax > xmin ? xmax : xmin + 1;
        this.ymin = ymin;
        this.ymax = ymax > ymin ? ymax : ymin + 1e-3;
    }

    int px(double x) {
        return left + (int) Math.round((x - xmin) / (xmax - xmin) * w);
    }

    int py(double y) {
        return top + h - (int) Math.round((Math.max(ymin, Math.min(ymax, y)) - ymin) / (ymax - ymin) * h);
    }

    int top() {
        return top;
    }

    void frame(String title, String xlabel, String ylabel, double xstep) {
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        g.drawString(title, left, top - 8);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        g.drawRect(left, top, w, h);
        for (double x = Math.ceil(xmin / xstep) * xstep; x <= xmax + 1e-9; x += xstep) {
            g.setColor(new Color(235, 235, 235));
            g.drawLine(px(x), top + 1, px(x), top + h - 1);
            g.setColor(Color.BLACK);
            g.drawString(fmt(x), px(x) - 8, top + h + 13);
        }
        double ystep = niceStep((ymax - ymin) / 5);
        for (double y = Math.ceil(ymin / ystep) * ystep; y <= ymax + 1e-12; y += ystep) {
            g.setColor(new Color(235, 235, 235));
            g.drawLine(left + 1, py(y), left + w - 1, py(y));
            g.setColor(Color.BLACK);
            g.drawString(fmt(y), left - 40, py(y) + 4);
        }
        g.drawString(xlabel, left + w / 2 - 30, top + h + 28);
        g.rotate(-Math.PI / 2);
        g.drawString(ylabel, -(top + h / 2 + 20), left - 44);
        g.rotate(Math.PI / 2);
    }

    void line(Color c, double[] xs, double[] ys, float width) {
        g.setColor(c);
        g.setStroke(new BasicStroke(width));
        for (int i = 0; i < xs.length; i++) {
            if (!Double.isFinite(ys[i])) continue;
            if (i > 0 && Double.isFinite(ys[i - 1])) g.drawLine(px(xs[i - 1]), py(ys[i - 1]), px(xs[i]), py(ys[i]));
            g.fillOval(px(xs[i]) - 2, py(ys[i]) - 2, 5, 5);
        }
        g.setStroke(new BasicStroke(1f));
    }

    /** A diverged point: an x at the top edge. */
    void cross(Color c, double x) {
        g.setColor(c);
        int X = px(x), Y = top + 5;
        g.drawLine(X - 4, Y - 4, X + 4, Y + 4);
        g.drawLine(X - 4, Y + 4, X + 4, Y - 4);
    }

    void marker(Color c, double x, double y) {
        g.setColor(c);
        g.fillOval(px(x) - 5, py(y) - 5, 11, 11);
        g.setColor(Color.BLACK);
        g.drawOval(px(x) - 5, py(y) - 5, 11, 11);
    }

    void errorBar(Color c, double x, double y, double err) {
        if (!Double.isFinite(err)) return;
        g.setColor(c);
        g.drawLine(px(x), py(y - err), px(x), py(y + err));
        g.drawLine(px(x) - 3, py(y - err), px(x) + 3, py(y - err));
        g.drawLine(px(x) - 3, py(y + err), px(x) + 3, py(y + err));
    }

    void legend(int row, Color c, String label) {
        g.setColor(c);
        g.fillRect(left + w - 62, top + 6 + 12 * row, 8, 8);
        g.setColor(Color.BLACK);
        g.drawString(label, left + w - 50, top + 14 + 12 * row);
    }

    static double niceStep(double raw) {
        if (!(raw > 0)) return 1;
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double m = raw / p;
        return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * p;
    }

    static String fmt(double v) {
        if (Math.abs(v - Math.rint(v)) < 1e-9) return String.valueOf((long) Math.rint(v));
        return String.format(Locale.ROOT, Math.abs(v) < 1 ? "%.2f" : "%.1f", v);
    }

    /** Light (small) to dark (large), like the papers' width colour maps. */
    static Color shade(int i, int n) {
        double t = n <= 1 ? 1 : (double) i / (n - 1);
        return new Color((int) (253 - t * (253 - 40)), (int) (200 - t * (200 - 20)), (int) (90 + t * (120 - 90)));
    }

    static final Color[] PARAM_COLORS = {new Color(214, 39, 40), new Color(31, 119, 180), new Color(44, 160, 44),
            new Color(148, 103, 189), new Color(255, 127, 14), new Color(140, 86, 75)};
}
