package io.hptransfer.limit;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The optimal-shape search on the theory's own error law, where the answer is known in closed form. */
class ShapeCheckTest {
    static final double A = 0.3, B = 0.1, C = 0.5;
    static final long[] BUDGETS = {1L << 14, 1L << 16, 1L << 18};

    /** err^2 = (a/L)^2 + b^2 D/(L M) + c^2/D: the depth bias, the hidden-width noise and the large-D term. */
    static double law(long p, int l, int m, int d) {
        return Math.sqrt(A * A / ((double) l * l) + B * B * d / ((double) l * m) + C * C / d);
    }

    @Test
    void findsTheOptimalEmbeddingWidthAndTheDepthBeyondWhichMoreDepthDoesNotHelp() {
        List<ShapeCheck.Optimum> opt = ShapeCheck.analyse(BUDGETS, ShapeCheckTest::law);
        for (ShapeCheck.Optimum o : opt) {
            // with L M D = P the noise term is b^2 D^2 / P, so d/dD = 0 at D* = (c^2 P / (2 b^2))^(1/3)
            double dStar = Math.cbrt(C * C * o.budget() / (2 * B * B));
            assertEquals(dStar, o.dimStar(), 0.08 * dStar, "D* at P = " + o.budget());
            assertEquals(32, o.depth(), "the 1/L bias only falls with depth, so the best shape is the deepest tried");
            // the smallest power-of-2 depth whose error is within 10% of the deepest's, from the law directly
            int knee = 32;
            for (int l = 32; l >= 1; l /= 2)
                if (law(o.budget(), l, ShapeCheck.hidden(o.budget(), l, o.dim()), o.dim()) <= ShapeCheck.KNEE * o.error()) knee = l;
            assertEquals(knee, o.depthKnee(), "enough depth at P = " + o.budget());
            assertTrue(o.depthKnee() < 32, "the law's knee is inside the grid");
        }
        CheckResult r = ShapeCheck.result(BUDGETS, opt);
        assertEquals(1.0 / 3, r.series().get(0).slope(), 0.04, "D* ~ P^(1/3)");
        assertEquals(-1.0 / 6, r.series().get(1).slope(), 0.04, "best error ~ P^(-1/6)");
        // err^2 = (a/L)^2 + E0^2 at D*: the knee L* = a / (E0 sqrt(KNEE^2 - 1)) ~ 1/E0 ~ P^(1/6), between the grid's depths
        assertEquals(1.0 / 6, r.series().get(2).slope(), 0.04, "interpolated L* ~ P^(1/6)");
        for (ShapeCheck.Optimum o : opt) {
            double e0 = Math.sqrt(B * B * o.dim() * o.dim() / (double) o.budget() + C * C / o.dim());
            double kneeLaw = A / Math.sqrt(ShapeCheck.KNEE * ShapeCheck.KNEE * o.error() * o.error() - e0 * e0);
            assertEquals(kneeLaw, o.depthStar(), 0.15 * kneeLaw, "L* between grid depths at P = " + o.budget());
        }
        assertTrue(r.verdicts().get(0).pass() && r.verdicts().get(1).pass(), r.summary());
        assertTrue(r.summary().contains("2^18"), "the answer table names every budget");
    }

    /**
     * The output-space law, err = a/L + b D/(L M) + c/sqrt(D) with a small depth bias: D* = (c P / (4 b))^(2/5),
     * error ~ P^(-1/5), and every L >= P^(1/5) within 10% of the best. The output-space verdicts pass on it and the
     * embedding-space ones do not: the check tells the two laws apart.
     */
    @Test
    void theOutputSpaceLawIsFoundAndToldApartFromTheEmbeddingSpaceOne() {
        double a = 0.02;
        ShapeCheck.ErrorOf output = (p, l, m, d) -> a / l + B * d / ((double) l * m) + C / Math.sqrt(d);
        List<ShapeCheck.Optimum> opt = ShapeCheck.analyse(BUDGETS, output);
        for (ShapeCheck.Optimum o : opt) {
            double dStar = Math.pow(C * o.budget() / (4 * B), 0.4);
            assertEquals(dStar, o.dimStar(), 0.08 * dStar, "D* at P = " + o.budget());
        }
        CheckResult out = ShapeCheck.result(BUDGETS, opt, ShapeCheck.Law.OUTPUT);
        assertEquals(0.4, out.series().get(0).slope(), 0.05, "D* ~ P^(2/5)");
        assertEquals(-0.2, out.series().get(1).slope(), 0.05, "best error ~ P^(-1/5)");
        assertTrue(out.pass(), out.summary());
        assertTrue(out.summary().contains("any L >= P^(1/5)"), out.summary());
        // a depth bias that is not negligible at L ~ P^(1/5): "any L beyond it will do" must fail
        ShapeCheck.ErrorOf biased = (p, l, m, d) -> A / l + B * d / ((double) l * m) + C / Math.sqrt(d);
        CheckResult b = ShapeCheck.result(BUDGETS, ShapeCheck.analyse(BUDGETS, biased), ShapeCheck.Law.OUTPUT);
        Verdict anyL = b.verdicts().stream().filter(x -> x.what().startsWith("any L")).findFirst().orElseThrow();
        assertFalse(anyL.pass(), b.summary());
    }

    @Test
    void aSlopeTheDrawsCannotResolveIsReportedNotJudged() {
        Verdict v = Verdict.slope("enough depth L* vs P: slope", 0.40, 1.0 / 6, 0.1);
        assertFalse(v.pass());
        assertTrue(ShapeCheck.resolvedOrNot(v, 0.05) == v, "resolved: judged as before");
        Verdict unresolved = ShapeCheck.resolvedOrNot(v, 0.12);
        assertTrue(unresolved.pass() && unresolved.kind().equals("info"), "not a FAIL: " + unresolved);
        assertTrue(unresolved.toString().contains("not resolved: sd 0.12 >= tolerance 0.10") && unresolved.toString().contains("+0.400"),
                unresolved.toString());
    }

    @Test
    void divergedShapesAreSkippedAndAnAllDivergedBudgetIsAClearError() {
        // shapes with M < 64 "diverge": the optimum must come from the rest
        List<ShapeCheck.Optimum> opt = ShapeCheck.analyse(BUDGETS,
                (p, l, m, d) -> m < 64 ? Double.POSITIVE_INFINITY : law(p, l, m, d));
        for (ShapeCheck.Optimum o : opt) assertTrue(o.hidden() >= 64 && Double.isFinite(o.error()));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ShapeCheck.analyse(BUDGETS, (p, l, m, d) -> Double.POSITIVE_INFINITY));
        assertTrue(e.getMessage().contains("diverged"), e.getMessage());
    }

    @Test
    void anOptimumAtTheEdgeOfTheGridIsReportedAsAFail() {
        // pure 1/sqrt(D): the best D is always the largest tried, so D* is not resolved
        List<ShapeCheck.Optimum> opt = ShapeCheck.analyse(BUDGETS, (p, l, m, d) -> 1 / Math.sqrt(d));
        assertTrue(opt.stream().allMatch(ShapeCheck.Optimum::dimAtEdge));
        CheckResult r = ShapeCheck.result(BUDGETS, opt);
        assertTrue(!r.pass() && r.summary().contains("edge of the D grid"), r.summary());
    }
}
