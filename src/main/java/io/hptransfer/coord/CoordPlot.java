package io.hptransfer.coord;

import io.hptransfer.param.Axis;
import io.hptransfer.report.Figures;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * microsoft/mup's coordinate-check figure: one row per parameterization, one panel per step; each layer's mean
 * |change since init| (over seeds, with their standard deviation as error bars) against size on log-log axes,
 * one y range for the whole figure. Flat lines = Theta(1) = the rules are implemented. PNG and SVG.
 */
public final class CoordPlot {
    private CoordPlot() {
    }

    /** @param byParam rows of each parameterization's check (same axis and steps), in row order */
    public static void write(Map<String, List<CoordRow>> byParam, Path png) throws IOException {
        write(byParam, "", png);
    }

    /** @param setting what the panels' titles add, e.g. "adam lr 0.003" (steps and seeds are read from the rows) */
    public static void write(Map<String, List<CoordRow>> byParam, String setting, Path png) throws IOException {
        List<CoordRow> first = byParam.values().iterator().next();
        int steps = first.stream().mapToInt(CoordRow::step).max().orElse(1);
        long seeds = first.stream().mapToInt(CoordRow::seed).distinct().count();
        Axis axis = first.get(0).axis();
        Map<String, Map<String, TreeMap<Integer, double[]>>> stats = new LinkedHashMap<>(); // param -> layer|step -> size -> mean, sd
        double lo = Double.MAX_VALUE, hi = 0;
        for (var e : byParam.entrySet()) {
            Map<String, TreeMap<Integer, double[]>> m = meanAndSd(e.getValue());
            stats.put(e.getKey(), m);
            for (var per : m.values()) {
                for (double[] v : per.values()) {
                    if (v[0] > 0 && Double.isFinite(v[0])) {
                        lo = Math.min(lo, v[0]);
                        hi = Math.max(hi, v[0] + v[1]);
                    }
                }
            }
        }
        double ymin = Math.pow(10, Math.floor(Math.log10(lo))), ymax = Math.pow(10, Math.ceil(Math.log10(hi)));
        List<XYChart> panels = new ArrayList<>();
        for (var e : stats.entrySet()) {
            for (int t = 1; t <= steps; t++) {
                String title = e.getKey() + ", step " + t + " of " + steps + (setting.isEmpty() ? "" : ", " + setting) + ", " + seeds
                        + (seeds == 1 ? " seed" : " seeds");
                XYChart c = Figures.panel(title, axis.toString(), "mean |change since init|");
                double xmin = Double.MAX_VALUE, xmax = -Double.MAX_VALUE;
                int k = 0;
                for (var l : e.getValue().entrySet()) {
                    String[] key = l.getKey().split("\\|");
                    if (Integer.parseInt(key[1]) != t) continue;
                    double[] xs = l.getValue().keySet().stream().mapToDouble(Figures::log2).toArray();
                    double[] ys = l.getValue().values().stream().mapToDouble(v -> v[0] > 0 ? v[0] : Double.NaN).toArray();
                    // sd as error bars, kept above 0 so the log axis can draw them
                    double[] err = l.getValue().values().stream().mapToDouble(v -> Math.min(v[1], 0.9 * v[0])).toArray();
                    for (double x : xs) {
                        xmin = Math.min(xmin, x);
                        xmax = Math.max(xmax, x);
                    }
                    XYSeries s = c.addSeries(key[0], xs, ys, err);
                    s.setMarker(SeriesMarkers.CIRCLE);
                    s.setLineColor(Figures.layerColor(k));
                    s.setMarkerColor(Figures.layerColor(k));
                    k++;
                }
                Figures.sizeAxis(c, xmin - 0.2, xmax + 0.2);
                c.getStyler().setYAxisLogarithmic(true);
                c.getStyler().setYAxisMin(ymin).setYAxisMax(ymax);
                c.getStyler().setErrorBarsColorSeriesColor(true);
                panels.add(c);
            }
        }
        Figures.save(panels, steps, png);
    }

    /** Mean and standard deviation over seeds of delta_l1, keyed layer|step, then size. */
    private static Map<String, TreeMap<Integer, double[]>> meanAndSd(List<CoordRow> rows) {
        Map<String, TreeMap<Integer, List<Double>>> values = new LinkedHashMap<>();
        for (CoordRow r : rows) {
            values.computeIfAbsent(r.layer() + "|" + r.step(), z -> new TreeMap<>()).computeIfAbsent(r.size(), z -> new ArrayList<>())
                    .add(r.deltaL1());
        }
        Map<String, TreeMap<Integer, double[]>> out = new LinkedHashMap<>();
        values.forEach((key, bySize) -> {
            TreeMap<Integer, double[]> m = new TreeMap<>();
            bySize.forEach((size, v) -> {
                double mean = v.stream().mapToDouble(d -> d).average().orElse(Double.NaN);
                double var = v.stream().mapToDouble(d -> (d - mean) * (d - mean)).sum() / Math.max(1, v.size() - 1);
                m.put(size, new double[]{mean, Math.sqrt(var)});
            });
            out.put(key, m);
        });
        return out;
    }
}
