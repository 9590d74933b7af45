package io.hptransfer.model;

import io.hptransfer.optim.OptimizerConfig;
import io.hptransfer.optim.ScheduleConfig;
import io.hptransfer.param.Parameterization;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;

import java.io.File;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The copy-free ReLU layer, residual add and conv layer train exactly as DL4J's ActivationLayer,
 * ElementWiseVertex and ConvolutionLayer:
 * the same ResNet with DL4J's stock classes swapped back in ends at the same parameters, bit for bit; and a
 * model saved with them restores and keeps training the same way (checkpoints).
 */
class CopyFreeLayersTest {

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void trainingStepsMatchDl4jsStockLayersBitForBit(boolean batchNorm, @TempDir Path dir) throws Exception {
        ResNetConfig cfg = ResNetConfig.builder(8, 2).batchNorm(batchNorm).build();
        ComputationGraph ours = TestModels.build(cfg, Parameterization.MUP_DEPTH, OptimizerConfig.adam(1e-2),
                ScheduleConfig.constant(), 3, DataType.FLOAT).graph();
        ComputationGraph stock = TestModels.twinWithClasses(ours, Map.of(
                CopyFreeReluLayer.class.getName(), ActivationLayer.class.getName(),
                ResidualAddVertex.class.getName(), ElementWiseVertex.class.getName(),
                CopyFreeConvLayer.class.getName(), ConvolutionLayer.class.getName()));
        DataSet ds = TestModels.batch(16, DataType.FLOAT, 5);
        for (int i = 0; i < 3; i++) {
            ours.fit(ds);
            stock.fit(ds);
            assertEquals(stock.score(), ours.score(), 0.0, "step " + i);
        }
        assertArrayEquals(stock.params().toFloatVector(), ours.params().toFloatVector());

        File saved = dir.resolve("model.zip").toFile();
        ModelSerializer.writeModel(ours, saved, true);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(saved, true);
        assertTrue(restored.getConfiguration().toJson().contains(CopyFreeReluLayer.class.getName()));
        for (int i = 0; i < 2; i++) {
            restored.fit(ds);
            stock.fit(ds);
        }
        assertArrayEquals(stock.params().toFloatVector(), restored.params().toFloatVector());
        assertArrayEquals(stock.output(ds.getFeatures())[0].data().asFloat(), restored.output(ds.getFeatures())[0].data().asFloat());
    }
}
