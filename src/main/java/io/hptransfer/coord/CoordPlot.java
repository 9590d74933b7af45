package io.hptransfer.coord;

import io.hptransfer.param.Axis;
import io.hptransfer.util.PngCanvas;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * PNG laid out like mup's coord-check plots: one row per parameterization, one panel per step,
 * x = width (or depth) and y = change since init (delta_l1), both log scale, one line per layer.
 */
public final class CoordPlot {
    private static final int PW = 300, PH = 230, ML = 55, MB = 35, MT = 28, MR = 10;
    private static final Color[] COLORS = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
            new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194), new Color(127, 127, 127)};

    private CoordPlot() {
    }

    /** @param byParam rows of each parameterization's check (same axis and steps), in row order */
    public static void write(Map<String, List<CoordRow>> byParam, Path png) throws IOException {
        int steps = byParam.values().iterator().next().stream().mapToInt(CoordRow::step).max().orElse(1);
        int rows = byParam.size();
        PngCanvas canvas = new PngCanvas(steps * PW, rows * PH + 30);
        Graphics2D g = canvas.graphics();
        int r = 0;
        for (var e : byParam.entrySet()) {
            Map<String, TreeMap<Integer, Double>> means = CoordAnalysis.means(e.getValue());
            String axis = e.getValue().get(0).axis().name().toLowerCase();
            for (int t = 1; t <= steps; t++) {
                Map<String, TreeMap<Integer, Double>> lines = new LinkedHashMap<>();
                for (var m : means.entrySet()) {
                    String[] k = m.getKey().split("\\|");
                    if (k[1].equals("delta_l1") && Integer.parseInt(k[2]) == t) lines.put(k[0], m.getValue());
                }
                panel(g, (t - 1) * PW, r * PH, e.getKey() + "  step " + t, axis, lines, t == 1 && r == 0);
            }
            r++;
        }
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        boolean depth = byParam.values().iterator().next().get(0).axis() == Axis.DEPTH;
        g.drawString("y: mean |change since init| of each layer's output (log). " + (depth
                ? "Depth: stream_last and logits must be flat; per-block lines shrink by design under branch scaling."
                : "Flat lines = Theta(1) = rules implemented right."), 10, rows * PH + 20);
        canvas.save(png);
    }

    private static void panel(Graphics2D g, int x0, int y0, String title, String axis,
                              Map<String, TreeMap<Integer, Double>> lines, boolean legend) {
        double xmin = Double.MAX_VALUE, xmax = -Double.MAX_VALUE, ymin = Double.MAX_VALUE, ymax = -Double.MAX_VALUE;
        for (var l : lines.values()) {
            for (var p : l.entrySet()) {
                if (!(p.getValue() > 0) || Double.isInfinite(p.getValue())) continue;
                xmin = Math.min(xmin, Math.log(p.getKey()));
                xmax = Math.max(xmax, Math.log(p.getKey()));
                ymin = Math.min(ymin, Math.log10(p.getValue()));
                ymax = Math.max(ymax, Math.log10(p.getValue()));
            }
        }
        if (xmin >= xmax) xmax = xmin + 1;
        ymin = Math.floor(ymin);
        ymax = Math.max(Math.ceil(ymax), ymin + 1);
        int w = PW - ML - MR, h = PH - MT - MB, left = x0 + ML, top = y0 + MT;
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        g.drawString(title, left, y0 + 18);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        g.drawRect(left, top, w, h);
        for (int d = (int) ymin; d <= (int) ymax; d++) {
            int y = top + h - (int) Math.round((d - ymin) / (ymax - ymin) * h);
            g.setColor(new Color(230, 230, 230));
            g.drawLine(left + 1, y, left + w - 1, y);
            g.setColor(Color.BLACK);
            g.drawString("1e" + d, x0 + 15, y + 4);
        }
        for (var l : lines.values()) {
            for (int size : l.keySet()) {
                int x = left + (int) Math.round((Math.log(size) - xmin) / (xmax - xmin) * w);
                g.drawString(String.valueOf(size), Math.min(x - 6, left + w - 18), top + h + 14);
            }
            break;
        }
        g.drawString(axis, left + w / 2 - 12, top + h + 28);
        int c = 0;
        for (var l : lines.entrySet()) {
            g.setColor(COLORS[c % COLORS.length]);
            g.setStroke(new BasicStroke(2f));
            int px = -1, py = -1;
            for (var p : l.getValue().entrySet()) {
                if (!(p.getValue() > 0) || Double.isInfinite(p.getValue())) {
                    px = -1;
                    continue;
                }
                int x = left + (int) Math.round((Math.log(p.getKey()) - xmin) / (xmax - xmin) * w);
                int y = top + h - (int) Math.round((Math.log10(p.getValue()) - ymin) / (ymax - ymin) * h);
                if (px >= 0) g.drawLine(px, py, x, y);
                g.fillOval(x - 3, y - 3, 6, 6);
                px = x;
                py = y;
            }
            if (legend) g.drawString(l.getKey(), left + 6, top + 12 + 12 * c);
            c++;
        }
        g.setStroke(new BasicStroke(1f));
    }
}
