package io.hptransfer.analysis;

import io.hptransfer.param.Axis;
import io.hptransfer.sweep.CurveKey;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Cuts a sweep's curves into width series (one per depth) and depth series (one per width) with their optima. */
public final class TransferAnalysis {
    private TransferAnalysis() {
    }

    public static List<SizeSeries> series(Map<CurveKey, LrCurve> curves) {
        return series(curves, optima(curves));
    }

    /** Each curve's optimum, found once (a seed bootstrap is not free): every table and series reads these. */
    public static Map<CurveKey, Optimum> optima(Map<CurveKey, LrCurve> curves) {
        return optima(curves, OptimumFinder.NEIGHBOURS);
    }

    /** The same with the parabola fitted over window octaves each side of the best grid LR (see OptimumFinder). */
    public static Map<CurveKey, Optimum> optima(Map<CurveKey, LrCurve> curves, double window) {
        Map<CurveKey, Optimum> out = new LinkedHashMap<>();
        curves.forEach((k, c) -> out.put(k, OptimumFinder.find(c, window)));
        return out;
    }

    public static List<SizeSeries> series(Map<CurveKey, LrCurve> curves, Map<CurveKey, Optimum> optima) {
        List<SizeSeries> out = new ArrayList<>();
        out.addAll(along(curves, optima, Axis.WIDTH));
        out.addAll(along(curves, optima, Axis.DEPTH));
        return out;
    }

    private static List<SizeSeries> along(Map<CurveKey, LrCurve> curves, Map<CurveKey, Optimum> optima, Axis axis) {
        boolean width = axis == Axis.WIDTH;
        Map<String, List<LrCurve>> groups = new LinkedHashMap<>();
        for (LrCurve c : curves.values()) {
            CurveKey k = c.key();
            String g = k.param() + "|" + k.optimizer() + "|" + (width ? k.depth() : k.width());
            groups.computeIfAbsent(g, x -> new ArrayList<>()).add(c);
        }
        List<SizeSeries> out = new ArrayList<>();
        for (List<LrCurve> g : groups.values()) {
            if (g.size() < 2) continue;
            g.sort(Comparator.comparingInt(c -> width ? c.key().width() : c.key().depth()));
            CurveKey k = g.get(0).key();
            out.add(new SizeSeries(k.param(), k.optimizer(), axis, width ? k.depth() : k.width(),
                    g.stream().map(c -> width ? c.key().width() : c.key().depth()).toList(), g,
                    g.stream().map(c -> optima.get(c.key())).toList()));
        }
        return out;
    }
}
