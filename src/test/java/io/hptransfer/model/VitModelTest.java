package io.hptransfer.model;

import io.hptransfer.optim.OptimizerConfig;
import io.hptransfer.optim.ScheduleConfig;
import io.hptransfer.optim.UpdaterFactory;
import io.hptransfer.param.Optimizer;
import io.hptransfer.param.Parameterization;
import io.hptransfer.param.Role;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import io.hptransfer.optim.PyTorchAdam;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ViT follows the rule table per tensor, equals SP at base shape, and survives a checkpoint. */
class VitModelTest {

    private static BuiltModel build(VitConfig cfg, Parameterization p, OptimizerConfig opt, DataType dtype) {
        return cfg.build(p, new UpdaterFactory(opt, ScheduleConfig.constant(), 10), opt.kind(), 3, 8, 5, 42, dtype);
    }

    /** m_N = 2, m_L = 2, head count fixed (d_head grows), class token. */
    private static final VitConfig SCALED = new VitConfig(8, 2, 4, 1, 4, VitConfig.HeadScaling.FIXED_COUNT, 2, 2, true,
            1.0, 1.0, 1.0, 1.0, false, false);

    @Test
    void oneSgdStepMovesEachTensorByLrTimesItsTableMultiplier() {
        double lr = 0.05;
        BuiltModel m = build(SCALED, Parameterization.COMPLETEP, OptimizerConfig.sgd(lr), DataType.DOUBLE);
        ComputationGraph g = m.graph();
        DataSet ds = TestModels.batch(6, DataType.DOUBLE, 1);
        TestModels.Step step = TestModels.oneStep(g, ds);
        Set<Double> mults = new HashSet<>();
        Set<Role> roles = new HashSet<>();
        for (TensorRole t : m.tensors()) {
            String key = t.layer() + "_" + t.paramKey();
            INDArray delta = step.delta().get(key);
            INDArray expected = step.gradient().get(key).mul(-lr * t.rule().lrMult() / ds.numExamples());
            double scale = expected.norm2Number().doubleValue();
            assertTrue(scale > 0, key + " got no gradient");
            assertTrue(delta.sub(expected).norm2Number().doubleValue() <= 1e-9 * scale,
                    key + " (" + t.spec().role() + ", lr mult " + t.rule().lrMult() + ") moved by the wrong amount");
            mults.add(t.rule().lrMult());
            roles.add(t.spec().role());
        }
        assertEquals(Set.of(Role.values()), roles, "every role appears in the ViT");
        assertTrue(mults.size() >= 3, "several multipliers expected, saw " + mults);
        assertEquals(2 + 1 + 1 + 2 * 16 + 2 + 2, m.tensors().size(), "patch W/b, cls, pos, 16 per block, final LN, readout");
    }

    @Test
    void adamGetsEachTensorsLrAndEpsilon() {
        OptimizerConfig adam = OptimizerConfig.adam(1e-3);
        BuiltModel m = build(SCALED, Parameterization.MUP_DEPTH, adam, DataType.FLOAT);
        for (TensorRole t : m.tensors()) {
            PyTorchAdam u = (PyTorchAdam) m.graph().getLayer(t.layer()).conf().getLayer().getUpdaterByParam(t.paramKey());
            assertEquals(1e-3 * t.rule().lrMult(), u.getLearningRate(0, 0), 1e-15, t.paramKey());
            assertEquals(adam.epsilon() * t.rule().adamEpsMult(), u.getEpsilon(), 1e-20, t.paramKey());
        }
        // hidden matrices in a branch: Adam lr 1/m_N * m_L^(alpha-1) = 1/2 * 2^-0.5
        TensorRole q = m.tensors().stream().filter(t -> t.paramKey().equals("b1qW")).findFirst().orElseThrow();
        assertEquals(0.5 * Math.pow(2, -0.5), q.rule().lrMult(), 1e-15);
    }

    @Test
    void mupEqualsSpAtBaseShapeBitForBit() {
        VitConfig base = new VitConfig(8, 2, 8, 2, 4, VitConfig.HeadScaling.FIXED_COUNT, 2, 2, false, 1.0, 1.0, 1.0, 1.0,
                false, false);
        for (OptimizerConfig opt : new OptimizerConfig[]{OptimizerConfig.sgd(0.1), OptimizerConfig.adam(1e-2)}) {
            ComputationGraph sp = build(base, Parameterization.SP, opt, DataType.FLOAT).graph();
            ComputationGraph mup = build(base, Parameterization.MUP_DEPTH, opt, DataType.FLOAT).graph();
            assertEquals(sp.params(), mup.params(), "init differs");
            DataSet ds = TestModels.batch(8, DataType.FLOAT, 3);
            for (int i = 0; i < 3; i++) {
                sp.fit(ds);
                mup.fit(ds);
                assertEquals(sp.score(), mup.score(), 0.0, opt.kind() + " step " + i);
            }
            assertEquals(sp.params(), mup.params());
        }
    }

    @Test
    void attentionScaleIsOneOverHeadDimUnderMupAndEqualsSpAtBase() {
        var mup = SCALED.rules(Parameterization.MUP, Optimizer.ADAM);
        var sp = SCALED.rules(Parameterization.SP, Optimizer.ADAM);
        // head count 2 fixed: d_head 4 at width 8, base d_head 2
        assertEquals(Math.sqrt(2) / 4, mup.attentionScale(1.0, 4, 2), 1e-15);
        assertEquals(Math.sqrt(8) / 64, mup.attentionScale(1.0, 64, 8), 1e-15);
        assertEquals(1 / Math.sqrt(4), sp.attentionScale(1.0, 4, 2), 1e-15);
        assertEquals(sp.attentionScale(1.0, 2, 2), mup.attentionScale(1.0, 2, 2), 0.0);
    }

    @Test
    void zeroQueryAndZeroReadoutStartAtZeroUnderMupOnly() {
        VitConfig z = new VitConfig(8, 1, 4, 1, 4, VitConfig.HeadScaling.FIXED_DIM, 2, 2, false, 1.0, 1.0, 1.0, 1.0, true, true);
        ComputationGraph mup = build(z, Parameterization.MUP, OptimizerConfig.adam(1e-3), DataType.FLOAT).graph();
        assertEquals(0.0, mup.getParam("trunk_b0qW").norm2Number().doubleValue(), 0.0);
        assertEquals(0.0, mup.getParam("readout_W").norm2Number().doubleValue(), 0.0);
        assertTrue(mup.getParam("trunk_b0kW").norm2Number().doubleValue() > 0);
        ComputationGraph sp = build(z, Parameterization.SP, OptimizerConfig.adam(1e-3), DataType.FLOAT).graph();
        assertTrue(sp.getParam("trunk_b0qW").norm2Number().doubleValue() > 0);
    }

    @Test
    void probeRebuildsTheTrainedTrunkExactly() {
        BuiltModel m = build(SCALED, Parameterization.MUP_DEPTH, OptimizerConfig.adam(1e-2), DataType.FLOAT);
        DataSet ds = TestModels.batch(4, DataType.FLOAT, 5);
        m.graph().fit(ds);
        INDArray trunk = m.graph().feedForward(new INDArray[]{ds.getFeatures()}, false, false).get(VitBuilder.TRUNK);
        INDArray probed = VitProbe.evaluate(m.graph(), ds.getFeatures()).get(VitForward.POOLED);
        assertEquals(trunk, probed);
        Map<String, INDArray> act = m.probe().activations(m.graph(), ds.getFeatures());
        assertEquals(Set.of("stem", "branch_first", "branch_last", "attn_last", "stream_first", "stream_last", "logits"), act.keySet());
        assertEquals(4L * (4 + 1), act.get("stream_last").size(0), "rows = batch x tokens (4 patches + class token)");
    }

    @Test
    void trunkArraysAreReusedAcrossStepsWithoutChangingTheNumbers() {
        DataSet ds = TestModels.batch(4, DataType.FLOAT, 5);
        DataSet other = TestModels.batch(3, DataType.FLOAT, 9);
        BuiltModel plain = build(SCALED, Parameterization.MUP_DEPTH, OptimizerConfig.adam(1e-2), DataType.FLOAT);
        BuiltModel mixed = build(SCALED, Parameterization.MUP_DEPTH, OptimizerConfig.adam(1e-2), DataType.FLOAT);
        var trunk = (VitTrunkRuntime) mixed.graph().getLayer(VitBuilder.TRUNK);
        mixed.graph().fit(ds);
        long held = trunk.pooledBytes();
        assertTrue(held > 0);
        mixed.graph().fit(ds);
        assertEquals(held, trunk.pooledBytes(), "a second step of the same batch size allocates nothing new");
        // an evaluation of another batch size swaps the pool's arrays, and stale values never leak into a step
        mixed.graph().output(other.getFeatures());
        assertTrue(trunk.pooledBytes() < held);
        mixed.graph().output(TestModels.batch(4, DataType.FLOAT, 13).getFeatures());
        mixed.graph().fit(ds);
        assertEquals(held, trunk.pooledBytes());
        for (int i = 0; i < 3; i++) plain.graph().fit(ds);
        assertEquals(plain.graph().params(), mixed.graph().params());
    }

    @Test
    void checkpointRestoresConfigParamsAndPerTensorUpdaters(@TempDir Path dir) throws Exception {
        BuiltModel m = build(SCALED, Parameterization.COMPLETEP, OptimizerConfig.adam(1e-3), DataType.FLOAT);
        DataSet ds = TestModels.batch(4, DataType.FLOAT, 5);
        m.graph().fit(ds);
        Path f = dir.resolve("vit.zip");
        ModelSerializer.writeModel(m.graph(), f.toFile(), true);
        ComputationGraph r = ModelSerializer.restoreComputationGraph(f.toFile(), true);
        assertEquals(m.graph().getConfiguration().toJson(), r.getConfiguration().toJson());
        assertEquals(m.graph().params(), r.params());
        m.graph().fit(ds);
        r.fit(ds);
        assertEquals(m.graph().params(), r.params(), "the restored model trains identically (updater state included)");
    }
}
