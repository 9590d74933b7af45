package io.hptransfer.model;

import io.hptransfer.optim.OptimizerConfig;
import io.hptransfer.optim.ScheduleConfig;
import io.hptransfer.param.Parameterization;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The faster ReLU gives DL4J's ReLU's numbers exactly: per tensor, and through whole training steps. */
class InPlaceReluTest {

    @Test
    void forwardAndBackwardEqualDl4jsReluValueForValue() {
        INDArray x = Nd4j.createFromArray(-2f, -0f, 0f, 1e-30f, 3f, -1e-30f, 0.5f, -7f);
        INDArray eps = Nd4j.createFromArray(1f, -2f, 3f, -4f, 5f, 6f, -7f, 8f);
        float[] want = new ActivationReLU().backprop(x.dup(), eps.dup()).getFirst().toFloatVector();
        float[] got = new InPlaceRelu().backprop(x.dup(), eps.dup()).getFirst().toFloatVector();
        assertValuesEqual(want, got);
        assertValuesEqual(new ActivationReLU().getActivation(x.dup(), true).toFloatVector(),
                new InPlaceRelu().getActivation(x.dup(), true).toFloatVector());
    }

    /** A W8 L2 ResNet trained with DL4J's ReLU swapped back in ends at the same parameters, bit for bit. */
    @Test
    void trainingStepsMatchDl4jsReluExactly() {
        ResNetConfig cfg = ResNetConfig.of(8, 2);
        ComputationGraph ours = TestModels.build(cfg, Parameterization.MUP_DEPTH, OptimizerConfig.adam(1e-2),
                ScheduleConfig.constant(), 3, DataType.FLOAT).graph();
        ComputationGraph stock = TestModels.twinWithClasses(ours,
                Map.of(InPlaceRelu.class.getName(), ActivationReLU.class.getName()));
        DataSet ds = TestModels.batch(16, DataType.FLOAT, 5);
        for (int i = 0; i < 5; i++) {
            ours.fit(ds);
            stock.fit(ds);
            assertEquals(stock.score(), ours.score(), 0.0, "step " + i);
        }
        assertValuesEqual(stock.params().toFloatVector(), ours.params().toFloatVector());
    }

    /** Equal as numbers: -0 == 0 (the sign of a zero gradient is the one thing allowed to differ). */
    private static void assertValuesEqual(float[] want, float[] got) {
        assertEquals(want.length, got.length);
        for (int i = 0; i < want.length; i++) {
            assertTrue(want[i] == got[i], "element " + i + ": " + want[i] + " vs " + got[i]);
        }
    }
}
