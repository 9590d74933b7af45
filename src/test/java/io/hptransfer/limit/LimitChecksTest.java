package io.hptransfer.limit;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** C1-C4, C6 and C7 as the tool runs them (full size: all are cheap in plain Java), plus the judging logic on synthetic data. */
class LimitChecksTest {

    @Test
    void c1FluctuationsScaleWithTheHiddenWidthLTimesM() {
        CheckResult r = HiddenWidthCheck.run(16);
        assertTrue(r.pass(), r.summary());
    }

    @Test
    void c2DepthBiasToTheExactLinearMeanOdeIsOneOverL() {
        CheckResult r = DepthBiasCheck.run(16);
        assertTrue(r.pass(), r.summary());
    }

    @Test
    void c7ModelBInitKernelsConvergeToTheDepthOde() {
        CheckResult r = InitKernelCheck.run(16);
        assertTrue(r.pass(), r.summary());
    }

    @Test
    void c3TotalErrorFitsDepthBiasPlusHiddenWidthNoise() {
        CheckResult r = TotalErrorCheck.run(16);
        assertTrue(r.pass(), r.summary());
    }

    @Test
    void c4AlphaSweepGoesLazyAsOneOverAlpha() {
        CheckResult r = AlphaSweepCheck.run(16);
        assertTrue(r.pass(), r.summary());
    }

    @Test
    void c5OutputsApproachTheLinearDmftSolutionAsOneOverSqrtD() {
        CheckResult r = LargeDCheck.run(16);
        assertTrue(r.pass(), r.summary());
    }

    @Test
    void c6ModelBTrainedOutputFluctuatesAsOneOverSqrtN() {
        CheckResult r = WidthFluctuationCheck.run(16);
        assertTrue(r.pass(), r.summary());
    }

    @Test
    void c8ModelBOptimalLrTransfersUnderMupDepthAndDriftsWithoutIt() {
        CheckResult r = ModelBLrTransferCheck.run(16);
        assertTrue(r.pass(), r.summary());
    }

    /**
     * C9 as the tool runs it. eta* transfers (both spread criteria) and the control moves as L. The collapse is
     * measured where the spec asks, below the oscillation edge (the smallest eta at which some shape's loss stops
     * falling every step: 2^1.5 here), and still misses 0.05 (measured 0.079: L=16 M=256 at D=32 and L=4 at D=8
     * sit off the L=64 M=64 curve; each D also prints the gap seed noise alone would give, 0.03-0.07 at these 4 seeds,
     * and with 16 seeds per shape the miss is L=4 at D=32, a 1/L-type depth bias near the edge: README); the old window
     * up to the optimum, which includes the edge, stays as an informational line (0.113). This test pins the measured
     * gap instead of pretending it passes.
     */
    @Test
    void c9EtaStarTransfersAcrossLMDButTheCurvesDoNotCollapseBelowTheEdge() {
        CheckResult r = LrTransferCheck.run(16);
        List<Verdict> v = r.verdicts();
        assertTrue(v.get(0).pass() && v.get(1).pass(), r.summary());
        assertTrue(v.get(v.size() - 1).pass(), "control: " + r.summary());
        Verdict collapse = v.get(2);
        assertTrue(collapse.what().startsWith("curve collapse below the edge 2^"), r.summary());
        assertFalse(collapse.pass(), "collapse now passes: update the README and this test\n" + r.summary());
        assertTrue(collapse.measured() > 0.05 && collapse.measured() < 0.12, r.summary());
        List<Verdict> info = v.stream().filter(x -> x.kind().equals("info")).toList();
        assertEquals(7, info.size(), "per D its collapse and its seed-noise floor, and the old window: " + r.summary());
        List<Verdict> noise = info.stream().filter(x -> x.what().contains("seed noise alone")).toList();
        assertEquals(3, noise.size(), r.summary());
        assertTrue(noise.stream().allMatch(x -> x.measured() > 0 && x.measured() < 0.1), "a positive noise floor per D: " + r.summary());
        Verdict upToOptimum = info.stream().filter(x -> x.what().startsWith("curve collapse up to")).findFirst().orElseThrow();
        assertTrue(upToOptimum.measured() >= collapse.measured(), "the window up to the optimum includes the edge: " + r.summary());
    }

    @Test
    void c10CurvesConvergeToTheLargestSizeAndItsOptimumPredictsTheirs() {
        CheckResult r = CurveConvergenceCheck.run(16);
        assertTrue(r.pass(), r.summary());
    }

    /** The C3 fit recovers known coefficients from a synthetic grid with 5% multiplicative noise, and R^2 sees a wrong law. */
    @Test
    void c3FitRecoversKnownCoefficients() {
        int[] ls = TotalErrorCheck.DEPTHS, ms = TotalErrorCheck.WIDTHS;
        double[][] err = new double[ls.length][ms.length];
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        TotalErrorCheck.Fit truth = new TotalErrorCheck.Fit(0.3, 0.05, 1);
        for (int i = 0; i < ls.length; i++)
            for (int j = 0; j < ms.length; j++) err[i][j] = truth.predict(ls[i], ms[j]) * Math.exp(0.05 * Gaussian.next(r));
        TotalErrorCheck.Fit fit = TotalErrorCheck.fit(err);
        assertEquals(0.3, fit.a(), 0.03);
        assertEquals(0.05, fit.b(), 0.005);
        assertTrue(fit.r2() > 0.95, "R^2 " + fit.r2());
        // a law the model cannot express (error growing with M) must not fit
        for (int i = 0; i < ls.length; i++) for (int j = 0; j < ms.length; j++) err[i][j] = Math.sqrt(ms[j]) / ls[i] * (1 + (i * j % 3));
        assertTrue(TotalErrorCheck.fit(err).r2() < 0.95);
    }

    @Test
    void reluKernelMatchesMonteCarlo() {
        double[][] k = {{1.3, -0.4}, {-0.4, 0.7}};
        double[][] phi = ReluKernel.phi(k);
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        double l11 = Math.sqrt(k[0][0]), l21 = k[1][0] / l11, l22 = Math.sqrt(k[1][1] - l21 * l21);
        double s00 = 0, s01 = 0, s11 = 0;
        int n = 400_000;
        for (int i = 0; i < n; i++) {
            double z1 = Gaussian.next(r), z2 = Gaussian.next(r);
            double a = Math.max(0, l11 * z1), b = Math.max(0, l21 * z1 + l22 * z2);
            s00 += a * a;
            s01 += a * b;
            s11 += b * b;
        }
        assertEquals(k[0][0] / 2, phi[0][0], 1e-12, "E[relu(u)^2] = var/2");
        assertEquals(s00 / n, phi[0][0], 0.01);
        assertEquals(s01 / n, phi[0][1], 0.005);
        assertEquals(s11 / n, phi[1][1], 0.005);
    }

    /**
     * One linear block at init is exactly solvable: h_1 - h_0 = (1/M) sum_j v_j (u_j . h_0)/D has
     * per-coordinate variance |h_0|^2 / M. Correlated seeds (a bug we had) made this 5x too small.
     */
    @Test
    void oneBlockAtInitHasTheExactAcrossSeedVariance() {
        int m = 1024;
        LimitProblem prob = LimitProblem.synthetic(8, 4, 1, 4, 1);
        List<double[][]> h = new ArrayList<>();
        for (int s = 0; s < 200; s++) h.add(new ModelANetwork(new ModelA(1, m, 1.0, 0.5, false), prob, s).finalStream());
        double sq = 0;
        for (double[] row : prob.embed()) for (double v : row) sq += v * v;
        double expected = Math.sqrt(sq / prob.n() / m);
        assertEquals(expected, SeedStats.of(h, null).fluctuation(), 0.1 * expected);
    }

    @Test
    void slopesAndVerdictsOnSyntheticCurves() {
        double[] x = {8, 16, 32, 64};
        double[] y = new double[4];
        for (int i = 0; i < 4; i++) y[i] = 3 * Math.pow(x[i], -0.5);
        assertEquals(-0.5, new Series("s", "M", "y", x, y, -0.5).slope(), 1e-12);
        assertTrue(Verdict.slope("s", -0.61, -0.5, 0.12).pass());
        assertFalse(Verdict.slope("s", -0.63, -0.5, 0.12).pass());
        assertFalse(Verdict.slope("s", Double.NaN, -0.5, 0.12).pass(), "no measurement is a FAIL, not a PASS");
        assertTrue(Verdict.atMost("ratio", 1.29, 1.3).pass());
        assertFalse(Verdict.atMost("ratio", 1.31, 1.3).pass());
        assertTrue(Verdict.atLeast("growth", 64, 64).pass());
        assertFalse(Verdict.atLeast("growth", 63.9, 64).pass());
    }

    @Test
    void seedStatsRemovesTheSeedNoiseFromTheBias() {
        // seeds scatter +-1 around 5 (mean exactly 5); the reference is 5: bias 0, noise = std/sqrt(S)
        List<double[][]> perSeed = List.of(new double[][]{{4}}, new double[][]{{6}}, new double[][]{{4}}, new double[][]{{6}});
        SeedStats s = SeedStats.of(perSeed, new double[][]{{5}});
        assertEquals(0.0, s.bias(), 1e-12);
        assertEquals(Math.sqrt(4.0 / 3), s.fluctuation(), 1e-12);
        SeedStats off = SeedStats.of(perSeed, new double[][]{{7}});
        assertEquals(Math.sqrt(4 - 4.0 / 3 / 4), off.bias(), 1e-12, "distance 2, minus the seed-mean's own variance");
    }
}
