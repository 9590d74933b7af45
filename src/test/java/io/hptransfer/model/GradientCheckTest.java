package io.hptransfer.model;

import io.hptransfer.optim.UpdaterFactory;
import io.hptransfer.param.Optimizer;
import io.hptransfer.param.Parameterization;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Finite differences vs backprop, double precision, on the residual graph with its forward multipliers. */
class GradientCheckTest {

    @BeforeAll
    static void doublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    private static boolean check(ResNetConfig cfg, Parameterization p, Set<String> exclude) {
        ComputationGraph g = new ResNetBuilder(cfg, cfg.rules(p, Optimizer.SGD), UpdaterFactory.frozen()).build(3, 8, 5, 7, DataType.DOUBLE).graph();
        DataSet ds = TestModels.batch(3, DataType.DOUBLE, 11);
        if (cfg.batchNorm()) {
            // running statistics are not trained parameters
            exclude = new java.util.HashSet<>(exclude);
            for (String k : g.paramTable().keySet()) {
                if (k.endsWith("_mean") || k.endsWith("_var") || k.endsWith("_log10stdev")) exclude.add(k);
            }
        }
        return GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(g)
                .inputs(new org.nd4j.linalg.api.ndarray.INDArray[]{ds.getFeatures()})
                .labels(new org.nd4j.linalg.api.ndarray.INDArray[]{ds.getLabels()})
                .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9).excludeParams(exclude));
    }

    @Test
    void residualGraphWithBranchAndReadoutMultipliers() {
        // m_N = 2, m_L = 4 under CompleteP: branch multiplier 1/4, readout multiplier 1/2, two stages
        ResNetConfig cfg = new ResNetConfig(4, 4, 2, 2, 1, false, true, 1.5, 2.0, 1.0, false);
        assertTrue(check(cfg, Parameterization.COMPLETEP, Set.of()));
    }

    @Test
    void withBatchNormInTheBranch() {
        ResNetConfig cfg = new ResNetConfig(4, 2, 1, 2, 1, true, false, 1.0, 1.0, 1.0, false);
        assertTrue(check(cfg, Parameterization.MUP_DEPTH, Set.of()));
    }
}
