package io.hptransfer.coord;

import io.hptransfer.param.Axis;
import io.hptransfer.data.DataConfig;
import io.hptransfer.data.Datasets;
import io.hptransfer.data.ImageDataset;
import io.hptransfer.model.VitConfig;
import io.hptransfer.optim.OptimizerConfig;
import io.hptransfer.param.Parameterization;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real ViT coordinate checks on the bundled data: muP passes and SP fails, over width and over depth. */
class VitCoordCheckTest {
    private static ImageDataset data;

    @BeforeAll
    static void load() {
        data = Datasets.load(DataConfig.bundled()).train();
    }

    private static CoordVerdict check(Parameterization p, OptimizerConfig opt, Axis axis, List<Integer> grid,
                                      VitConfig.HeadScaling heads, int headValue, boolean zeroReadout) {
        VitConfig vit = new VitConfig(16, 1, 16, 1, 4, heads, headValue, 4, false, 1.0, 1.0, 1.0, 1.0, false, false);
        CoordCheckSpec spec = new CoordCheckSpec(p, opt, axis, grid, 16, 2, 3, 2, 32, false,
                CoordCheckSpec.defaultBranchBeta(axis, grid), zeroReadout, vit);
        return CoordAnalysis.judge(CoordCheck.run(spec, data, s -> { }), CoordAnalysis.DEFAULT_TOLERANCE);
    }

    @Test
    void overWidthWithHeadDimFixedUnderAdam() {
        List<Integer> widths = List.of(16, 32, 64, 128);
        OptimizerConfig adam = OptimizerConfig.adam(3e-3);
        CoordVerdict mup = check(Parameterization.MUP, adam, Axis.WIDTH, widths, VitConfig.HeadScaling.FIXED_DIM, 8, false);
        CoordVerdict sp = check(Parameterization.SP, adam, Axis.WIDTH, widths, VitConfig.HeadScaling.FIXED_DIM, 8, false);
        assertTrue(mup.pass(), "muP ViT should pass: " + mup.failures());
        assertFalse(sp.pass(), "SP ViT should fail at a large Adam LR");
        assertTrue(sp.worstSlope() > 0.5, "SP's updates should grow with width, worst exponent " + sp.worstSlope());
    }

    /** Head count fixed, so d_head grows and the 1/d_head attention scale is what keeps muP flat. */
    @Test
    void overWidthWithHeadCountFixedUnderSgd() {
        List<Integer> widths = List.of(16, 32, 64, 128);
        OptimizerConfig sgd = OptimizerConfig.sgd(0.05);
        CoordVerdict mup = check(Parameterization.MUP, sgd, Axis.WIDTH, widths, VitConfig.HeadScaling.FIXED_COUNT, 2, true);
        CoordVerdict sp = check(Parameterization.SP, sgd, Axis.WIDTH, widths, VitConfig.HeadScaling.FIXED_COUNT, 2, true);
        assertTrue(mup.pass(), "muP ViT should pass under SGD: " + mup.failures());
        assertFalse(sp.pass(), "SP ViT should fail under SGD");
    }

    @Test
    void overDepthMupDepthPassesAndPlainMupFails() {
        List<Integer> depths = List.of(2, 4, 8, 16);
        OptimizerConfig adam = OptimizerConfig.adam(3e-3);
        CoordVerdict depth = check(Parameterization.MUP_DEPTH, adam, Axis.DEPTH, depths, VitConfig.HeadScaling.FIXED_DIM, 8, false);
        CoordVerdict mup = check(Parameterization.MUP, adam, Axis.DEPTH, depths, VitConfig.HeadScaling.FIXED_DIM, 8, false);
        assertTrue(depth.pass(), "muP + 1/sqrt(L) ViT should pass over depth: " + depth.failures());
        assertFalse(mup.pass(), "muP without depth scaling should fail over depth");
    }
}
