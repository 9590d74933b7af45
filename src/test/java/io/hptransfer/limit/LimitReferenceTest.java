package io.hptransfer.limit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** C0 for the plain-Java references: backprop against finite differences, the Mean ODE against its first-step closed form. */
class LimitReferenceTest {

    @Test
    void modelABackpropMatchesFiniteDifferencesInDoublePrecision() {
        LimitProblem prob = LimitProblem.synthetic(4, 3, 2, 5, 7);
        ModelANetwork net = new ModelANetwork(new ModelA(3, 5, 1.5, 0.1, true), prob, 11);
        ModelANetwork.Grads g = net.gradients();
        double worst = 0;
        for (int k = 0; k < 3; k++)
            for (int a = 0; a < 4; a++)
                for (int j = 0; j < 5; j++) {
                    worst = Math.max(worst, relErr(g.gu()[k][a][j], fd(net, net.u[k][a], j)));
                    worst = Math.max(worst, relErr(g.gv()[k][a][j], fd(net, net.v[k][a], j)));
                }
        assertTrue(worst < 1e-6, "worst relative gradient error " + worst);
    }

    private static double fd(ModelANetwork net, double[] w, int j) {
        double h = 1e-5 * Math.max(1, Math.abs(w[j])), old = w[j];
        w[j] = old + h;
        double up = net.loss();
        w[j] = old - h;
        double down = net.loss();
        w[j] = old;
        return (up - down) / (2 * h);
    }

    /** Relative error; below 1e-5 in size a gradient is compared absolutely (central differences round at ~1e-12 there). */
    private static double relErr(double a, double b) {
        return Math.abs(a - b) / Math.max(1e-5, Math.abs(a) + Math.abs(b));
    }

    /** After one step from Sigma = D I: f_n = W_U^T expm(-2 eta sum_m b_m h_m^T) h_n / D. */
    @Test
    void meanOdeFirstStepMatchesItsClosedForm() {
        int d = 5;
        double eta = 0.7, alpha = 1.3;
        LimitProblem prob = LimitProblem.synthetic(d, 4, 2, 6, 3);
        double[][] h0 = prob.embed();
        double[][] b0 = prob.outputGradient(prob.readout(h0));
        double[][] sum = new double[d][d];
        for (int i = 0; i < prob.n(); i++) Mat.addOuter(sum, b0[i], h0[i]);
        double[][] e = Mat.expm(Mat.mul(sum, -2 * eta));
        double[][] expected = new double[prob.n()][];
        for (int i = 0; i < prob.n(); i++) expected[i] = Mat.mul(e, h0[i]);
        expected = prob.readout(expected);

        LinearMeanOde ode = new LinearMeanOde(prob, alpha, eta, 50);
        ode.step();
        double[][] f = ode.output();
        for (int i = 0; i < prob.n(); i++)
            for (int k = 0; k < 2; k++) assertEquals(expected[i][k], f[i][k], 1e-10 * Math.abs(expected[i][k]) + 1e-14);
    }

    /** The fixed-D Mean ODE only sees Gram/D: its reduction to N + d_out dimensions gives the same outputs. */
    @Test
    void reducedMeanOdeEqualsTheFullOne() {
        LimitProblem prob = LimitProblem.synthetic(8, 4, 1, 4, 1);
        LinearMeanOde full = new LinearMeanOde(prob, 1.0, 0.5, 200);
        LinearMeanOde reduced = new LinearMeanOde(LargeDLimit.reduce(prob), 1.0, 0.5, 200);
        for (int k = 0; k < 3; k++) assertEquals(full.step(), reduced.step(), 1e-12, "loss at step " + k);
        double[][] a = full.output(), b = reduced.output();
        for (int i = 0; i < a.length; i++) assertEquals(a[i][0], b[i][0], 1e-10 * Math.max(1, Math.abs(a[i][0])));
    }

    /** The large-D limit reproduces the spec's one-sample first step: f_1 = 2 eta sigma_WE^2 sigma_WU^2 ||x||^2 y. */
    @Test
    void largeDLimitFirstStepIsTheDmftClosedForm() {
        LimitProblem prob = LimitProblem.synthetic(8, 4, 1, 1, 3);
        double eta = 0.3;
        LinearMeanOde dmft = new LinearMeanOde(LargeDLimit.largeD(prob), 1.0, eta, 400);
        assertEquals(0.0, dmft.output()[0][0], 1e-12, "W_U is orthogonal to every h_0 at D = infinity");
        dmft.step();
        double x2 = 0;
        for (double v : prob.x()[0]) x2 += v * v;
        double expected = 2 * eta * (x2 / 4) * 1.0 * prob.y()[0][0];
        assertEquals(expected, dmft.output()[0][0], 1e-9 * Math.abs(expected));
    }
}
