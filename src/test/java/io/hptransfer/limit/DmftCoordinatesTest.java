package io.hptransfer.limit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The embedding-space limit: every coordinate of the Mean ODE's stream is a fixed linear function of its own fields. */
class DmftCoordinatesTest {
    private static final double ALPHA = 1, ETA = 0.5;
    private static final int STEPS = 3, GRID = 64;

    private static double maxAbs(double[][] a, double[][] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) for (int j = 0; j < a[i].length; j++) m = Math.max(m, Math.abs(a[i][j] - b[i][j]));
        return m;
    }

    @Test
    void coefficientsFromTheGramReproduceTheFullMeanOdeStreamAtEveryDepth() {
        LimitProblem prob = LimitProblem.synthetic(12, 4, 1, 4, 3); // D = 12: the full ODE is cheap here
        LinearMeanOde full = new LinearMeanOde(prob, ALPHA, ETA, GRID);
        for (int k = 0; k < STEPS; k++) full.step();
        double[][][] h = full.forward();
        DmftCoordinates fromGram = DmftCoordinates.of(LargeDLimit.reduce(prob), ALPHA, ETA, STEPS, GRID);
        double scale = maxAbs(h[GRID], new double[h[GRID].length][h[GRID][0].length]);
        for (int l = 0; l <= 8; l++) {
            double err = maxAbs(fromGram.stream(prob, l, 8), h[l * GRID / 8]);
            assertTrue(err < 1e-10 * scale, "layer " + l + " of 8: " + err);
        }
        assertTrue(maxAbs(h[GRID], h[0]) > 0.01 * scale, "the stream moved: the comparison is not trivial");
    }

    @Test
    void theExactFixedDStreamApproachesTheDmftCoordinatesAsOneOverSqrtD() {
        LimitProblem base = LimitProblem.synthetic(8, 4, 1, 4, 1);
        DmftCoordinates dmft = DmftCoordinates.of(LargeDLimit.largeD(base), ALPHA, ETA, STEPS, GRID);
        int[] dims = {32, 128, 512};
        double[] rms = new double[dims.length];
        for (int i = 0; i < dims.length; i++) {
            double s = 0;
            int draws = 32;
            for (int draw = 1; draw <= draws; draw++) {
                LimitProblem p = base.withEmbedding(dims[i], draw);
                DmftCoordinates exact = DmftCoordinates.of(LargeDLimit.reduce(p), ALPHA, ETA, STEPS, GRID);
                double[][][] h = new double[5][][];
                for (int l = 0; l <= 4; l++) h[l] = exact.stream(p, l, 4);
                s += dmft.meanSquare(h, p);
            }
            rms[i] = Math.sqrt(s / draws);
        }
        double slope = Math.log(rms[2] / rms[0]) / Math.log((double) dims[2] / dims[0]);
        assertEquals(-0.5, slope, 0.1, "embedding-space large-D term: " + java.util.Arrays.toString(rms));
    }

    /**
     * Real networks measured the way `hpt limit shape` does: deep and wide, a network's stream error to the DMFT
     * coordinates is the exact fixed-D limit's (the 1/sqrt(D) term); one block adds the 1/L Euler bias on top.
     */
    @Test
    void aDeepWideNetworkHasTheExactLimitsEmbeddingErrorAndAShallowOneMore() {
        LimitProblem base = LimitProblem.synthetic(8, 4, 1, 4, 1);
        DmftCoordinates dmft = DmftCoordinates.of(LargeDLimit.largeD(base), ALPHA, ETA, 5, 1024);
        double exact = 0, deep = 0, shallow = 0;
        int draws = 6;
        for (int draw = 1; draw <= draws; draw++) {
            LimitProblem p = base.withEmbedding(32, draw);
            DmftCoordinates fixedD = DmftCoordinates.of(LargeDLimit.reduce(p), ALPHA, ETA, 5, 1024);
            double[][][] h = new double[17][][];
            for (int l = 0; l <= 16; l++) h[l] = fixedD.stream(p, l, 16);
            exact += dmft.meanSquare(h, p);
            deep += dmft.meanSquare(trained(p, 16, 1024, draw), p);
            shallow += dmft.meanSquare(trained(p, 1, 1024, draw), p);
        }
        double e = Math.sqrt(exact / draws), d = Math.sqrt(deep / draws), s = Math.sqrt(shallow / draws);
        assertEquals(1.0, d / e, 0.15, "L=16, M=1024 at D=32: network " + d + " vs exact fixed-D limit " + e);
        assertTrue(s > 1.2 * d, "one block carries the 1/L bias: " + s + " vs " + d);
    }

    private static double[][][] trained(LimitProblem p, int depth, int hidden, long seed) {
        ModelANetwork net = new ModelANetwork(new ModelA(depth, hidden, ALPHA, ETA, false), p, 1000 + seed);
        for (int k = 0; k < 5; k++) net.step();
        return net.streams();
    }
}
