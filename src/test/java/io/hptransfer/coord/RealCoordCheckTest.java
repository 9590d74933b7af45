package io.hptransfer.coord;

import io.hptransfer.param.Axis;
import io.hptransfer.data.DataConfig;
import io.hptransfer.data.Datasets;
import io.hptransfer.data.ImageDataset;
import io.hptransfer.optim.OptimizerConfig;
import io.hptransfer.param.Parameterization;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Small real coordinate checks on the bundled data: the contrasts the rule table must produce. */
class RealCoordCheckTest {
    private static ImageDataset data;

    @BeforeAll
    static void load() {
        data = Datasets.load(DataConfig.bundled()).train();
    }

    private static List<CoordRow> run(Parameterization p, Axis axis, List<Integer> grid, int steps) {
        double beta = CoordCheckSpec.defaultBranchBeta(axis, grid);
        CoordCheckSpec spec = new CoordCheckSpec(p, OptimizerConfig.adam(3e-3), axis, grid, 16, 2, steps, 3, 32, false, beta, false, null);
        return CoordCheck.run(spec, data, s -> { });
    }

    @Test
    void eachModelIsAnnouncedWithTheWholeChecksEta() {
        CoordCheckSpec spec = new CoordCheckSpec(Parameterization.MUP, OptimizerConfig.adam(3e-3), Axis.WIDTH, List.of(4, 8, 16), 16, 1,
                1, 2, 8, false, 1.0, false, null);
        assertTrue(CoordCheck.cost(spec, 16) > CoordCheck.cost(spec, 8) && CoordCheck.cost(spec, 8) > CoordCheck.cost(spec, 4),
                "wider models cost more");
        io.hptransfer.util.WorkClock clock = new io.hptransfer.util.WorkClock(CoordCheck.cost(spec));
        List<String> lines = new java.util.ArrayList<>();
        CoordCheck.run(spec, data, clock, lines::add, label -> io.hptransfer.train.Progress.silent());
        assertTrue(lines.size() == 6 && lines.get(0).equals("mup adam width 4 seed 0  [ETA ?]"), lines.toString());
        assertTrue(lines.subList(1, 6).stream().allMatch(l -> l.matches(".* seed \\d  \\[ETA \\d+m\\d\\ds\\]")), lines.toString());
        assertTrue(clock.etaSeconds() == 0, "the clock's total is exactly the models run");
    }

    /**
     * Step 1 only: on this narrow grid muP's later steps drift (last block's update exponent
     * ~0.25-0.29 at steps 2-3 over 16..128, ~0.15 over 16..256), a finite-width drift noted in the README.
     */
    @Test
    void overWidthSpFailsAndMupPassesAtTheFirstStep() {
        List<Integer> widths = List.of(16, 32, 64, 128);
        List<CoordRow> sp = run(Parameterization.SP, Axis.WIDTH, widths, 1);
        List<CoordRow> mup = run(Parameterization.MUP, Axis.WIDTH, widths, 1);
        CoordVerdict spV = CoordAnalysis.judge(sp, CoordAnalysis.DEFAULT_TOLERANCE);
        CoordVerdict mupV = CoordAnalysis.judge(mup, CoordAnalysis.DEFAULT_TOLERANCE);
        assertFalse(spV.pass(), "SP should fail at a large Adam LR");
        assertTrue(CoordAnalysis.slope(sp, "stream_last", "delta_l1", 1) > 0.8,
                "SP's residual-stream update should grow ~linearly with width");
        assertTrue(mupV.pass(), "muP should pass: " + mupV.failures());
    }

    /** SGD, steps 1-3, with muP's readout at zero (the coord-check default for SGD; see the README). */
    @Test
    void overWidthUnderSgdSpFailsAndMupWithAZeroReadoutPasses() {
        List<Integer> widths = List.of(16, 32, 64, 128);
        CoordCheckSpec sp = new CoordCheckSpec(Parameterization.SP, OptimizerConfig.sgd(0.05), Axis.WIDTH, widths, 16, 2, 3, 3, 32, false, 1.0, true, null);
        CoordCheckSpec mup = new CoordCheckSpec(Parameterization.MUP, OptimizerConfig.sgd(0.05), Axis.WIDTH, widths, 16, 2, 3, 3, 32, false, 1.0, true, null);
        List<CoordRow> spRows = CoordCheck.run(sp, data, s -> { });
        CoordVerdict mupV = CoordAnalysis.judge(CoordCheck.run(mup, data, s -> { }), CoordAnalysis.DEFAULT_TOLERANCE);
        assertFalse(CoordAnalysis.judge(spRows, CoordAnalysis.DEFAULT_TOLERANCE).pass(), "SP should fail at a large SGD LR");
        assertTrue(CoordAnalysis.slope(spRows, "stream_last", "delta_l1", 1) > 0.3, "SP's residual-stream update should grow with width");
        assertTrue(mupV.pass(), "muP should pass under SGD: " + mupV.failures());
    }

    @Test
    void overDepthMupGrowsWhileMupDepthAndCompletePStayFlat() {
        List<Integer> depths = List.of(2, 4, 8, 16, 32);
        double mup = CoordAnalysis.slope(run(Parameterization.MUP, Axis.DEPTH, depths, 3), "stream_last", "delta_l1", 1);
        CoordVerdict cp = CoordAnalysis.judge(run(Parameterization.COMPLETEP, Axis.DEPTH, depths, 3), CoordAnalysis.DEFAULT_TOLERANCE);
        assertTrue(mup > 1.0, "muP's final-stream update should grow fast with depth, slope " + mup);
        assertTrue(cp.pass(), "CompleteP should be flat in depth: " + cp.failures());
        CoordVerdict md = CoordAnalysis.judge(run(Parameterization.MUP_DEPTH, Axis.DEPTH, depths, 3), CoordAnalysis.DEFAULT_TOLERANCE);
        assertTrue(md.pass(), "mup-depth should be flat in depth: " + md.failures());
    }
}
