package io.hptransfer.model;

import io.hptransfer.optim.OptimizerConfig;
import io.hptransfer.optim.ScheduleConfig;
import io.hptransfer.param.Parameterization;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The table's per-tensor LR multipliers really reach DL4J's updaters, and schedules multiply them. */
class PerLayerLearningRateTest {

    @Test
    void oneSgdStepMovesEachTensorByLrTimesMultiplierTimesGradient() {
        // m_N = 2, m_L = 2 under CompleteP + SGD: multipliers 1, 2, 4 appear across roles
        ResNetConfig cfg = new ResNetConfig(8, 4, 2, 4, 2, true, true, 1.0, 1.0, 1.0, false);
        double lr = 0.05;
        ScheduleConfig warmup = new ScheduleConfig(ScheduleConfig.Kind.COSINE, 4, 0.0); // factor 1/4 at step 0
        BuiltModel m = TestModels.build(cfg, Parameterization.COMPLETEP, OptimizerConfig.sgd(lr), warmup, 20, DataType.DOUBLE);
        ComputationGraph g = m.graph();
        DataSet ds = TestModels.batch(6, DataType.DOUBLE, 1);

        TestModels.Step step = TestModels.oneStep(g, ds);

        double factor = warmup.factor(0, 20);
        assertEquals(0.25, factor, 1e-15);
        int checked = 0;
        java.util.Set<Double> mults = new java.util.HashSet<>();
        for (TensorRole t : m.tensors()) {
            String key = t.layer() + "_" + t.paramKey();
            INDArray delta = step.delta().get(key);
            // DL4J's loss gradient is summed over the batch; the updater divides by the batch size
            INDArray expected = step.gradient().get(key).mul(-lr * t.rule().lrMult() * factor / ds.numExamples());
            double err = delta.sub(expected).norm2Number().doubleValue();
            double scale = expected.norm2Number().doubleValue();
            assertTrue(scale > 0, key + " got no gradient");
            assertTrue(err <= 1e-9 * scale, key + " (" + t.spec().role() + ", lr mult " + t.rule().lrMult()
                    + "): update off by " + err / scale + " relative");
            mults.add(t.rule().lrMult());
            checked++;
        }
        assertTrue(mults.size() >= 3, "test must exercise several multipliers, saw " + mults);
        assertTrue(checked > 10);
    }

    @Test
    void scheduleMultipliesEachTensorsOwnLearningRateAtEveryStep() {
        ResNetConfig cfg = new ResNetConfig(8, 4, 1, 2, 1, true, true, 1.0, 1.0, 1.0, false);
        ScheduleConfig cos = new ScheduleConfig(ScheduleConfig.Kind.COSINE, 5, 0.1);
        OptimizerConfig adam = OptimizerConfig.adam(1e-3);
        BuiltModel m = TestModels.build(cfg, Parameterization.MUP_DEPTH, adam, cos, 50, DataType.FLOAT);
        java.util.Set<Double> mults = new java.util.HashSet<>();
        for (TensorRole t : m.tensors()) {
            var layerConf = m.graph().getLayer(t.layer()).conf().getLayer();
            for (int it : new int[]{0, 3, 5, 20, 49}) {
                double actual = layerConf.getUpdaterByParam(t.paramKey()).getLearningRate(it, 0);
                assertEquals(1e-3 * t.rule().lrMult() * cos.factor(it, 50), actual, 1e-15,
                        t.layer() + "_" + t.paramKey() + " at iteration " + it);
            }
            mults.add(t.rule().lrMult());
        }
        assertTrue(mults.size() >= 3, "several distinct multipliers expected, saw " + mults);
    }
}
