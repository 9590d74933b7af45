package io.hptransfer.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Linear y ticks read "0.05", not XChart's ".05"; log axes keep XChart's own ticks. */
class FiguresTest {
    @Test
    void tickLabels() {
        assertEquals("0", Figures.tick(0));
        assertEquals("0.05", Figures.tick(0.05));
        assertEquals("-0.05", Figures.tick(-0.05));
        assertEquals("0.15", Figures.tick(0.15000000000000002));
        assertEquals("1.5", Figures.tick(1.5));
        assertEquals("2", Figures.tick(2.0));
        assertEquals("12500", Figures.tick(12500));
        assertEquals("0.0002", Figures.tick(2e-4));
        assertEquals("2e-5", Figures.tick(2e-5));
        assertEquals("3e6", Figures.tick(3e6));
    }

    @Test
    void savedLinearPanelsLabelSmallTicksWithALeadingZero(@TempDir Path tmp) throws Exception {
        XYChart linear = Figures.panel("gap", "width", "RMS gap");
        linear.addSeries("a", new double[]{1, 2, 3}, new double[]{0.02, 0.17, 0.29});
        linear.getStyler().setYAxisMin(0.0).setYAxisMax(0.3);
        XYChart log = Figures.panel("coord", "width", "mean |change|");
        log.addSeries("b", new double[]{1, 2, 3}, new double[]{0.01, 0.1, 1});
        log.getStyler().setYAxisLogarithmic(true);
        Figures.save(List.of(linear, log), 2, tmp.resolve("f.png"));
        assertTrue(Files.size(tmp.resolve("f.png")) > 0);
        assertNull(log.getStyler().getyAxisTickLabelsFormattingFunction(), "a log axis keeps XChart's decade ticks");
        // XChart draws tick labels as outlines (no text in the SVG): check the labeller the linear axis now uses
        assertEquals("0.05", linear.getStyler().getyAxisTickLabelsFormattingFunction().apply(0.05));
    }
}
