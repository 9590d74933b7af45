package io.hptransfer.model;

import io.hptransfer.optim.UpdaterFactory;
import io.hptransfer.param.Optimizer;
import io.hptransfer.param.Parameterization;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Finite differences vs backprop in double precision on tiny ViTs, through DL4J's whole graph: the
 * hand-written trunk gradient (VitBackward) and its hand-over to the readout. Every trunk tensor is perturbed.
 */
class VitGradientCheckTest {

    @BeforeAll
    static void doublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    private static boolean check(VitConfig cfg, Parameterization p) {
        ComputationGraph g = new VitBuilder(cfg, cfg.rules(p, Optimizer.SGD), UpdaterFactory.frozen())
                .build(3, 8, 5, 7, DataType.DOUBLE).graph();
        DataSet ds = TestModels.batch(3, DataType.DOUBLE, 11);
        return GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(g)
                .inputs(new INDArray[]{ds.getFeatures()}).labels(new INDArray[]{ds.getLabels()})
                .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9).excludeParams(Set.of()));
    }

    @Test
    void meanPooledVitWithMupMultipliers() {
        // m_N = 2, m_L = 2 under CompleteP: branch mult 1/2, readout mult 1/2, attention 1/d_head form
        VitConfig cfg = new VitConfig(8, 2, 4, 1, 4, VitConfig.HeadScaling.FIXED_COUNT, 2, 2, false, 1.5, 2.0, 1.3, 1.0,
                false, false);
        assertTrue(check(cfg, Parameterization.COMPLETEP));
    }

    @Test
    void classTokenVitWithSeveralHeads() {
        VitConfig cfg = new VitConfig(8, 1, 8, 1, 2, VitConfig.HeadScaling.FIXED_DIM, 2, 2, true, 1.0, 1.0, 1.0, 1.0,
                false, false);
        assertTrue(check(cfg, Parameterization.SP));
    }
}
