package io.hptransfer.report;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** XChart panels in hpt's one style, and a grid of them saved as PNG and SVG side by side. */
public final class Figures {
    static final int PANEL_W = 440, PANEL_H = 310;

    private Figures() {
    }

    /** An empty panel: title, axis labels, legend right of the plot area, light grid. */
    public static XYChart panel(String title, String xLabel, String yLabel) {
        XYChart c = new XYChartBuilder().width(PANEL_W).height(PANEL_H).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        var s = c.getStyler();
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(Color.GRAY);
        s.setPlotGridLinesColor(new Color(232, 232, 232));
        s.setLegendBorderColor(Color.WHITE);
        s.setChartTitleBoxVisible(false);
        // XChart centres the title over the plot (left of the legend) and never wraps it: long titles get a smaller font
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, title.length() <= 36 ? 13 : Math.max(9, 13 * 36 / title.length())));
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        s.setAntiAlias(true);
        return c;
    }

    /** "2^-9" for an integer log2 value (LR axes), else the value. */
    public static String pow2(double log2) {
        return Math.abs(log2 - Math.rint(log2)) < 1e-9 ? "2^" + (long) Math.rint(log2) : String.format(Locale.ROOT, "2^%.1f", log2);
    }

    /** One colour per parameterization, in the report's order. */
    static final Color[] PARAM_COLORS = {new Color(214, 39, 40), new Color(31, 119, 180), new Color(44, 160, 44),
            new Color(148, 103, 189), new Color(255, 127, 14), new Color(140, 86, 75)};

    /**
     * A size axis in log2 units labelled by the sizes themselves (8, 16, 32). XChart picks tick positions from a
     * spacing hint: the hint is set so that ticks fall one octave apart, on the powers of two.
     */
    public static void sizeAxis(XYChart c, double log2Min, double log2Max) {
        c.getStyler().setXAxisMin(log2Min).setXAxisMax(log2Max);
        double plotWidth = PANEL_W - 190; // the legend and the y axis take the rest
        c.getStyler().setXAxisTickMarkSpacingHint((int) Math.max(20, 0.85 * plotWidth / Math.max(1, log2Max - log2Min)));
        c.getStyler().setxAxisTickLabelsFormattingFunction(x -> Math.abs(x - Math.rint(x)) < 1e-9
                ? String.valueOf((long) Math.rint(Math.pow(2, x))) : String.format(Locale.ROOT, "%.3g", Math.pow(2, x)));
    }

    /**
     * A linear axis's tick label: "0.05", not XChart's ".05" (its pattern for values under 0.1 has no integer digit).
     * Ticks are round numbers, so 6 significant digits drop only float noise (0.15000000000000002).
     */
    public static String tick(double v) {
        if (v == 0) return "0";
        if (!Double.isFinite(v)) return String.valueOf(v);
        java.math.BigDecimal d = new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros();
        double a = Math.abs(v);
        if (a >= 1e-4 && a < 1e6) return d.toPlainString();
        int exp = d.precision() - d.scale() - 1;
        return d.movePointLeft(exp).toPlainString() + "e" + exp;
    }

    public static double log2(double v) {
        return Math.log(v) / Math.log(2);
    }

    /** A distinct colour per layer (tab10). */
    static final Color[] LAYER_COLORS = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
            new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194),
            new Color(127, 127, 127), new Color(188, 189, 34), new Color(23, 190, 207)};

    public static Color layerColor(int i) {
        return LAYER_COLORS[i % LAYER_COLORS.length];
    }

    /** Light to dark blue for i of n (small to large size). */
    static Color shade(int i, int n) {
        double t = n <= 1 ? 1 : (double) i / (n - 1);
        return new Color((int) (170 - 150 * t), (int) (200 - 150 * t), (int) (240 - 90 * t));
    }

    /** Saves the panels row by row, {@code cols} per row, as {@code base}.png and {@code base}.svg. */
    public static void save(List<XYChart> panels, int cols, Path png) throws IOException {
        for (XYChart c : panels) {
            var st = c.getStyler();
            // only here is the axis type final; a formatting function would replace a log axis's own ticks
            if (!st.isYAxisLogarithmic() && st.getyAxisTickLabelsFormattingFunction() == null) st.setyAxisTickLabelsFormattingFunction(Figures::tick);
        }
        int rows = (panels.size() + cols - 1) / cols;
        String name = png.getFileName().toString().replaceFirst("\\.png$", "");
        Files.createDirectories(png.toAbsolutePath().getParent());
        // XChart's own grid merge needs a full last row; place each rendered chart on a white grid instead
        java.awt.image.BufferedImage grid = new java.awt.image.BufferedImage(cols * PANEL_W, rows * PANEL_H,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g2 = grid.createGraphics();
        g2.setColor(Color.WHITE);
        g2.fillRect(0, 0, grid.getWidth(), grid.getHeight());
        for (int i = 0; i < panels.size(); i++) {
            g2.drawImage(BitmapEncoder.getBufferedImage(panels.get(i)), (i % cols) * PANEL_W, (i / cols) * PANEL_H, null);
        }
        g2.dispose();
        javax.imageio.ImageIO.write(grid, "png", png.toFile());
        // the same panels through a vector Graphics2D: each chart paints itself at its place in the grid
        VectorGraphics2D g = new VectorGraphics2D();
        for (int i = 0; i < panels.size(); i++) {
            XYChart c = panels.get(i);
            var t = g.getTransform();
            g.translate((i % cols) * c.getWidth(), (i / cols) * c.getHeight());
            c.paint(g, c.getWidth(), c.getHeight());
            g.setTransform(t);
        }
        PageSize page = new PageSize(0, 0, (double) cols * PANEL_W, (double) rows * PANEL_H);
        try (OutputStream out = Files.newOutputStream(png.resolveSibling(name + ".svg"))) {
            new SVGProcessor().getDocument(g.getCommands(), page).writeTo(out);
        }
    }
}
