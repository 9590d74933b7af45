package io.hptransfer.train;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CrossEntropyTest {

    @Test
    void matchesTheTextbookFormulaForOrdinaryLogits() {
        double[] z = {0.5, -1.0, 2.0, 0.0, 0.3, 0.3};
        int[] y = {2, 0};
        double l0 = Math.log(Math.exp(0.5) + Math.exp(-1.0) + Math.exp(2.0)) - 2.0;
        double l1 = Math.log(Math.exp(0.0) + 2 * Math.exp(0.3)) - 0.0;
        assertEquals((l0 + l1) / 2, CrossEntropy.mean(z, 3, y), 1e-15);
    }

    /** A confidently wrong example costs its logit gap, not a clipped 23.03 (DL4J's score) or infinity. */
    @Test
    void confidentlyWrongExamplesCostTheirLogitGap() {
        double[] z = {1000.0, 0.0, -50.0};
        assertEquals(1050.0, CrossEntropy.mean(z, 3, new int[]{2}), 1e-9);
        assertEquals(0.0, CrossEntropy.mean(z, 3, new int[]{0}), 1e-12);
    }
}
