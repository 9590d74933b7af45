package io.hptransfer.parity;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ComparisonTest {
    private static final Tolerance EXACT = new Tolerance(1e-9, 1e-8, 1e-8, Tolerance.Mode.FREE_RUNNING);

    /** Three steps, two tensors ("a/W" with 4 values, "b/b" with 2), deterministic values. */
    private static Trajectory run(double lossBump, int bumpStep, double gradBump, double updBump) {
        int steps = 3;
        double[][] init = {{0.1, -0.2, 0.3, 0.4}, {0, 0}};
        double[] losses = new double[steps];
        double[][][] grads = new double[steps][2][], params = new double[steps][2][];
        for (int s = 0; s < steps; s++) {
            losses[s] = 2.3 - 0.1 * s + (s == bumpStep ? lossBump : 0);
            grads[s][0] = new double[]{0.5 / (s + 1), -0.25, 0.125, 1.0};
            grads[s][1] = new double[]{0.2, -0.1 * (s + 1) * (s == bumpStep ? 1 + gradBump : 1)};
            params[s][0] = new double[4];
            for (int i = 0; i < 4; i++) params[s][0][i] = init[0][i] - 0.01 * (s + 1) * (s == bumpStep && i == 0 ? 1 + updBump : 1);
            params[s][1] = new double[]{-0.01 * (s + 1), 0.02 * (s + 1)};
        }
        return new Trajectory(List.of("a/W", "b/b"), init, losses, grads, params);
    }

    @Test
    void identicalRunsAgree() {
        Comparison c = Comparison.of(run(0, -1, 0, 0), run(0, -1, 0, 0), EXACT);
        assertTrue(c.agree());
        assertEquals(0.0, c.maxLoss());
    }

    @Test
    void theFirstDivergenceNamesStepPhaseAndTensorInTheOrderAStepRuns() {
        Comparison loss = Comparison.of(run(1e-3, 1, 0, 0), run(0, -1, 0, 0), EXACT);
        assertEquals(1, loss.first().step());
        assertEquals(Phase.LOSS, loss.first().phase());

        Comparison grad = Comparison.of(run(0, 2, 0.5, 0), run(0, -1, 0, 0), EXACT);
        assertEquals(2, grad.first().step());
        assertEquals(Phase.GRADIENT, grad.first().phase());
        assertEquals("b/b", grad.first().tensor());
        assertTrue(grad.first().toString().contains("step 3, gradient (backward pass) of b/b"), grad.first().toString());

        // a doubled LR shows as a ratio of 2 in the update of step 1 (index 0)
        Comparison upd = Comparison.of(run(0, 0, 0, 1.0), run(0, -1, 0, 0), EXACT);
        assertEquals(0, upd.first().step());
        assertEquals(Phase.UPDATE, upd.first().phase());
        assertEquals("a/W", upd.first().tensor());
    }

    @Test
    void teacherForcedUpdatesAreMeasuredFromHptsTensorsBeforeTheStep() {
        Tolerance forced = new Tolerance(1e-9, 1e-8, 1e-4, Tolerance.Mode.TEACHER_FORCED);
        Trajectory hpt = run(0, -1, 0, 0);
        // the reference started step 3 from hpt's tensors after step 2 and made the same update: it agrees even though
        // its own (free) trajectory would have drifted; here its step-2 value differs but step 3's update is the same
        Trajectory ref = run(0, -1, 0, 0);
        for (int i = 0; i < 4; i++) ref.params()[1][0][i] += 1e-3;  // step 2 tensor off by 1e-3 ...
        Comparison c = Comparison.of(hpt, ref, forced);
        assertEquals(1, c.first().step(), "... which is step 2's update measured from hpt's tensors after step 1");
        assertEquals(Phase.UPDATE, c.first().phase());
        // a step-3 update computed from hpt's step-2 tensors, equal to hpt's: agree at step 3
        Trajectory ok = run(0, -1, 0, 0);
        assertTrue(Comparison.of(hpt, ok, forced).agree());
    }

    @Test
    void float32RoundingOfTheStoredTensorIsAllowedForTinyUpdates() {
        Tolerance forced = new Tolerance(1e-9, 1e-8, 1e-4, Tolerance.Mode.TEACHER_FORCED);
        double[] before = {1.0, -1.0}, after = {1.0 + 1e-6, -1.0};
        // |p| ~ 1.4: float32 rounding moves it by up to 2^-24 * 1.4 = 8e-8, i.e. 8% of a 1e-6 update
        double r = Comparison.roundingOfUpdate(after, before, 0, forced);
        assertEquals(Math.scalb(Math.sqrt(2 + 2e-6), -23) / 1e-6, r, 1e-9);
        assertEquals(0.0, Comparison.roundingOfUpdate(after, before, 0, EXACT), "float64: no rounding allowance");
    }

    @Test
    void bothRunsDivergingAtTheSameStepAgree() {
        Trajectory a = run(Double.NaN, 1, 0, 0), b = run(Double.NaN, 1, 0, 0);
        assertNull(Comparison.of(a, b, EXACT).first());
        Comparison one = Comparison.of(a, run(0, -1, 0, 0), EXACT);
        assertEquals(Phase.LOSS, one.first().phase(), "only one diverged: they part");
    }

    @Test
    void aTensorWithoutGradientSignalIsNotJudgedByItsNoiseUpdate() {
        // b/b's gradient is 0 in exact arithmetic (a bias before batch norm): its updates are noise on each side
        Trajectory a = run(0, -1, 0, 0), b = run(0, -1, 0, 0);
        for (int s = 0; s < 3; s++) {
            a.grads()[s][1] = new double[]{1e-17, -1e-17};
            b.grads()[s][1] = new double[]{-1e-17, 1e-17};
            a.params()[s][1] = new double[]{3e-10, 0};
            b.params()[s][1] = new double[]{-5e-10, 0};
        }
        assertTrue(Comparison.of(a, b, EXACT).agree());
    }
}
