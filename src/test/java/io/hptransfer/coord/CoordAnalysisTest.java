package io.hptransfer.coord;

import io.hptransfer.param.Axis;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleBinaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CoordAnalysisTest {

    @Test
    void slopeOfAPowerLaw() {
        double[] x = {16, 32, 64, 128};
        assertEquals(0.5, SlopeFit.logLogSlope(x, new double[]{12, 12 * Math.sqrt(2), 24, 24 * Math.sqrt(2)}), 1e-12);
        assertEquals(-1.0, SlopeFit.logLogSlope(x, new double[]{8, 4, 2, 1}), 1e-12);
        assertTrue(Double.isNaN(SlopeFit.logLogSlope(x, new double[]{1, 0, 1, 1})));
        assertEquals(0.0, SlopeFit.logLogSlope(x, new double[]{0, 0, 0, 0})); // zero everywhere is exactly flat
        assertTrue(Double.isNaN(SlopeFit.logLogSlope(new double[]{1}, new double[]{1})));
    }

    /** Rows where layer "grow" changes as size^exp and every other statistic is flat (plus seed noise). */
    static List<CoordRow> synthetic(Axis axis, String growing, double exp) {
        List<CoordRow> rows = new ArrayList<>();
        DoubleBinaryOperator noise = (seed, size) -> 1 + 0.03 * Math.sin(seed * 7 + size);
        for (int size : new int[]{16, 32, 64, 128}) {
            for (int seed = 0; seed < 3; seed++) {
                for (int step = 0; step <= 3; step++) {
                    for (String layer : List.of("stem", "branch_first", "stream_last", "logits")) {
                        double f = layer.equals(growing) ? Math.pow(size, exp) : 1.0;
                        if (axis == Axis.DEPTH && layer.equals("branch_first")) f = 1.0 / size; // shrinks by design
                        double n = noise.applyAsDouble(seed, size);
                        rows.add(new CoordRow("x", "adam", axis, size, seed, step, layer, f * n, f * n, step == 0 ? 0 : 0.1 * step * f * n));
                    }
                }
            }
        }
        return rows;
    }

    @Test
    void flatStatisticsPassAndAGrowingOneFailsNamingTheLayer() {
        CoordVerdict flat = CoordAnalysis.judge(synthetic(Axis.WIDTH, "none", 0), 0.25);
        assertTrue(flat.pass(), flat.failures().toString());
        assertTrue(flat.worstSlope() < 0.05);
        CoordVerdict bad = CoordAnalysis.judge(synthetic(Axis.WIDTH, "stream_last", 0.5), 0.25);
        assertFalse(bad.pass());
        assertTrue(bad.failures().stream().allMatch(e -> e.layer().equals("stream_last")));
        assertEquals(3, bad.failures().size()); // delta_l1 at steps 1, 2, 3
        assertEquals(0.5, bad.worstSlope(), 0.05);
        // a mild trend inside the tolerance passes
        assertTrue(CoordAnalysis.judge(synthetic(Axis.WIDTH, "logits", 0.2), 0.25).pass());
        assertFalse(CoordAnalysis.judge(synthetic(Axis.WIDTH, "logits", 0.2), CoordAnalysis.MUP_TOLERANCE).pass());
    }

    @Test
    void depthChecksJudgeTheFinalStreamNotPerBlockQuantities() {
        CoordVerdict v = CoordAnalysis.judge(synthetic(Axis.DEPTH, "none", 0), 0.25);
        assertTrue(v.pass(), v.failures().toString()); // branch_first shrinks as 1/L but is not judged
        assertFalse(CoordAnalysis.judge(synthetic(Axis.DEPTH, "stream_last", 1.0), 0.25).pass());
        assertTrue(CoordAnalysis.judge(synthetic(Axis.DEPTH, "stem", 1.0), 0.25).pass());
    }
}
