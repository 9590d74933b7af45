package io.hptransfer.limit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** C0 for Model B: one GD step moves every kind of weight by -lr x (finite-difference gradient). */
class ModelBNetworkTest {

    @Test
    void oneStepIsMinusLrTimesTheFiniteDifferenceGradient() {
        LimitProblem prob = LimitProblem.synthetic(1, 3, 1, 5, 2);
        int n = 6, depth = 3;
        double eta0 = 0.01, gamma0 = 0.7;
        double lr = eta0 * gamma0 * gamma0 * n;
        ModelBNetwork fd = new ModelBNetwork(prob, n, depth, 1.3, gamma0, eta0, true, 9);
        ModelBNetwork stepped = new ModelBNetwork(prob, n, depth, 1.3, gamma0, eta0, true, 9);
        double loss = stepped.step();
        assertEquals(fd.loss(), loss, 1e-15, "step returns the loss before the update");
        double eps = 1e-6;
        int checked = 0;
        for (int a = 0; a < n; a++) {
            for (int j = 0; j < 3; j++) checked += check(fd, fd.w0[a], j, stepped.w0[a][j], lr, eps);
            for (int l = 0; l < depth; l++) for (int b = 0; b < n; b += 2) checked += check(fd, fd.w[l][a], b, stepped.w[l][a][b], lr, eps);
            checked += check(fd, fd.wOut, a, stepped.wOut[a], lr, eps);
        }
        assertTrue(checked > 60);
    }

    private static int check(ModelBNetwork fd, double[] row, int i, double after, double lr, double eps) {
        double w = row[i];
        row[i] = w + eps;
        double up = fd.loss();
        row[i] = w - eps;
        double down = fd.loss();
        row[i] = w;
        double numeric = (up - down) / (2 * eps);
        double fromStep = (w - after) / lr;
        assertEquals(numeric, fromStep, 1e-6 * Math.max(1, Math.abs(numeric)) + 1e-9);
        return 1;
    }

    @Test
    void controlDropsOnlyTheDepthFactorOfTheBranch() {
        LimitProblem prob = LimitProblem.synthetic(1, 3, 1, 4, 2);
        // with L = 1 the control and the depth-scaled network are the same network
        ModelBNetwork a = new ModelBNetwork(prob, 8, 1, 1.0, 1.0, 0.1, true, 3);
        ModelBNetwork b = new ModelBNetwork(prob, 8, 1, 1.0, 1.0, 0.1, false, 3);
        assertEquals(a.loss(), b.loss(), 0.0);
        ModelBNetwork c = new ModelBNetwork(prob, 8, 4, 1.0, 1.0, 0.1, true, 3);
        ModelBNetwork d = new ModelBNetwork(prob, 8, 4, 1.0, 1.0, 0.1, false, 3);
        assertTrue(Math.abs(c.loss() - d.loss()) > 1e-6);
    }
}
