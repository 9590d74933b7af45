package io.hptransfer.model;

import io.hptransfer.optim.UpdaterFactory;
import io.hptransfer.param.Optimizer;
import io.hptransfer.param.Parameterization;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hand-written ViT passes against SameDiff's automatic differentiation of the same graph
 * ({@link VitSameDiffGraph}), in double precision: every named intermediate, every parameter gradient
 * and the image gradient of loss = sum(pooled * E) for a random E.
 */
class VitHandGradientTest {
    private static DataType before;

    @BeforeAll
    static void doublePrecision() {
        before = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @AfterAll
    static void restore() {
        Nd4j.setDefaultDataTypes(before, before);
    }

    /** Largest |a - b| / |b|max over the arrays. */
    private static double relErr(INDArray a, INDArray b) {
        assertEquals(Arrays.toString(b.shape()), Arrays.toString(a.shape()));
        double scale = Math.max(b.amaxNumber().doubleValue(), 1e-300);
        return a.sub(b).amaxNumber().doubleValue() / scale;
    }

    private static void compare(VitConfig cfg, Parameterization p) {
        BuiltModel m = new VitBuilder(cfg, cfg.rules(p, Optimizer.SGD), UpdaterFactory.frozen())
                .build(3, 8, 5, 7, DataType.DOUBLE);
        var trunk = (VitTrunkRuntime) m.graph().getLayer(VitBuilder.TRUNK);
        VitForward.Dims d = ((VitTrunkLayer) trunk.conf().getLayer()).dims();
        Map<String, INDArray> w = trunk.paramTable();
        INDArray x = TestModels.batch(3, DataType.DOUBLE, 11).getFeatures();
        Nd4j.getRandom().setSeed(3);
        INDArray e = Nd4j.randn(DataType.DOUBLE, 3, d.width());

        SameDiff sd = SameDiff.create();
        SDVariable in = sd.var("input", x.dup()); // a variable, not a placeholder: SameDiff differentiates only variables
        Map<String, SDVariable> vars = new LinkedHashMap<>();
        w.forEach((k, v) -> vars.put(k, sd.var(k, v.dup())));
        Map<String, SDVariable> graph = VitSameDiffGraph.define(sd, in, vars, d);
        SDVariable loss = graph.get(VitForward.POOLED).mul(sd.constant("e", e)).sum();
        sd.setLossVariables(loss);
        Map<String, INDArray> refOut = sd.output(Map.of(), graph.keySet().toArray(new String[0]));
        List<String> wanted = new ArrayList<>(w.keySet());
        wanted.add("input");
        Map<String, INDArray> refGrad = sd.calculateGradients(Map.of(), wanted);

        Map<String, INDArray> named = new LinkedHashMap<>();
        Map<String, INDArray> grads = new LinkedHashMap<>();
        w.forEach((k, v) -> grads.put(k, Nd4j.zeros(v.dataType(), v.shape())));
        ArrayPool pool = new ArrayPool();
        try {
            VitForward.Saved s = new VitForward.Saved();
            VitForward.forward(x, w, d, pool, s, named);
            assertEquals(refOut.keySet(), named.keySet());
            for (String k : refOut.keySet()) {
                assertTrue(relErr(named.get(k), refOut.get(k)) < 1e-12, k + " differs from SameDiff's");
            }
            INDArray dIn = VitBackward.backward(e, s, w, grads, d, pool);
            for (String k : w.keySet()) {
                if (k.endsWith("kb")) {
                    // softmax ignores a constant per query, so the key bias's gradient is 0 up to rounding in both
                    assertTrue(grads.get(k).amaxNumber().doubleValue() < 1e-12 && refGrad.get(k).amaxNumber().doubleValue() < 1e-12);
                    continue;
                }
                double err = relErr(grads.get(k), refGrad.get(k));
                assertTrue(err < 1e-10, "gradient of " + k + ": relative error " + err);
                assertTrue(refGrad.get(k).amaxNumber().doubleValue() > 1e-6, k + " has a zero gradient");
            }
            assertTrue(relErr(dIn, refGrad.get("input")) < 1e-10, "image gradient");
        } finally {
            pool.release();
        }
    }

    @Test
    void meanPooledVitWithMupMultipliersMatchesSameDiff() {
        VitConfig cfg = new VitConfig(8, 2, 4, 1, 4, VitConfig.HeadScaling.FIXED_COUNT, 2, 2, false, 1.5, 2.0, 1.3, 1.0,
                false, false);
        compare(cfg, Parameterization.COMPLETEP);
    }

    @Test
    void classTokenVitWithSeveralHeadsMatchesSameDiff() {
        VitConfig cfg = new VitConfig(8, 1, 8, 1, 2, VitConfig.HeadScaling.FIXED_DIM, 2, 2, true, 1.0, 1.0, 1.0, 1.0,
                false, false);
        compare(cfg, Parameterization.SP);
    }
}
