package io.hptransfer.sweep;

import java.util.ArrayList;
import java.util.List;

/**
 * A grid of learning rates given in log2 units (one step = one octave = a factor 2), the axis
 * every LR plot and optimum shift in this tool is measured on.
 */
public record Log2Grid(Double from, Double to, Double step) {
    public Log2Grid {
        if (from == null || to == null) throw new IllegalArgumentException("log2Lr needs from and to, e.g. {from: -12, to: -6, step: 1}");
        if (step == null) step = 1.0;
        if (!Double.isFinite(from) || !Double.isFinite(to)) throw new IllegalArgumentException("log2Lr from/to must be finite numbers");
        if (!(step > 0)) throw new IllegalArgumentException("log2Lr step must be > 0 octaves, got " + step);
        if (to < from) throw new IllegalArgumentException("log2Lr is empty: from " + from + " is above to " + to + "; swap them");
        if ((to - from) / step > 200) throw new IllegalArgumentException("log2Lr has more than 200 points: use a larger step");
    }

    public List<Double> values() {
        List<Double> v = new ArrayList<>();
        int n = (int) Math.floor((to - from) / step + 1e-9);
        for (int i = 0; i <= n; i++) v.add(from + i * step);
        return v;
    }
}
