package io.hptransfer.analysis;

import io.hptransfer.sweep.CurveKey;

import java.util.Comparator;
import java.util.List;

/** Curves in report order: parameterization (sp, mup, mup-depth, completep, custom), optimizer, width, depth. */
enum CurveOrder implements Comparator<CurveKey> {
    INSTANCE;

    private static final List<String> PARAMS = List.of("sp", "mup", "mup-depth", "completep");

    static int paramRank(String p) {
        int i = PARAMS.indexOf(p);
        return i >= 0 ? i : PARAMS.size();
    }

    @Override
    public int compare(CurveKey a, CurveKey b) {
        return Comparator.comparingInt((CurveKey k) -> paramRank(k.param())).thenComparing(CurveKey::param)
                .thenComparing(CurveKey::optimizer).thenComparingInt(CurveKey::width).thenComparingInt(CurveKey::depth)
                .compare(a, b);
    }
}
