package io.hptransfer.limit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * C0: the DL4J graph in the standard (folded) form and the plain-Java reference in the multiplier
 * form train identically: same weights in, same stream and outputs after several GD steps.
 */
class ModelAGraphTest {

    @Test
    void dl4jGraphInStandardFormEqualsTheMultiplierFormReference() {
        for (boolean tanh : new boolean[]{true, false}) {
            LimitProblem prob = LimitProblem.synthetic(4, 3, 2, 5, 9);
            ModelA cfg = new ModelA(3, 6, 1.5, 0.3, tanh);
            ModelANetwork ref = new ModelANetwork(cfg, prob, 4);
            ModelAGraph dl4j = new ModelAGraph(cfg, prob, ref);
            double worst = relErr(ref.output(), dl4j.output());
            for (int step = 0; step < 4; step++) {
                ref.step();
                dl4j.step();
                worst = Math.max(worst, Math.max(relErr(ref.output(), dl4j.output()), relErr(ref.finalStream(), dl4j.finalStream())));
            }
            System.out.println((tanh ? "tanh" : "linear") + " worst relative difference " + worst);
            assertTrue(worst < 1e-10, (tanh ? "tanh" : "linear") + ": worst relative difference " + worst);
        }
    }

    private static double relErr(double[][] a, double[][] b) {
        double num = 0, den = 0;
        for (int i = 0; i < a.length; i++)
            for (int j = 0; j < a[0].length; j++) {
                num += (a[i][j] - b[i][j]) * (a[i][j] - b[i][j]);
                den += a[i][j] * a[i][j];
            }
        return Math.sqrt(num / den);
    }
}
