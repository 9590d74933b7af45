package io.hptransfer.optim;

import io.hptransfer.model.BuiltModel;
import io.hptransfer.model.ResNetConfig;
import io.hptransfer.model.TestModels;
import io.hptransfer.param.Optimizer;
import io.hptransfer.param.Parameterization;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;

import java.io.File;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** hpt's Adam and Nesterov momentum against torch.optim's update rules, written out in plain double arithmetic. */
class PyTorchOptimizersTest {
    /** Warm-up then cosine: the LR changes every step, which is where DL4J's Nesterovs and torch's differ. */
    private static final ScaledSchedule LR = new ScaledSchedule(0.1, new ScheduleConfig(ScheduleConfig.Kind.COSINE, 3, 0.1), 8);

    private static double[] grad(int step, int n) {
        double[] g = new double[n];
        for (int i = 0; i < n; i++) g[i] = Math.sin(1.7 * step + 0.9 * i) * Math.pow(10, -(i % 4) - 3); // 1e-3 .. 1e-6
        return g;
    }

    /** Runs a DL4J updater on a row vector of gradients; returns each step's update (what DL4J subtracts). */
    private static double[][] run(org.nd4j.linalg.learning.config.IUpdater cfg, int n, int steps) {
        INDArray state = Nd4j.zeros(DataType.DOUBLE, 1, cfg.stateSize(n));
        GradientUpdater<?> u = cfg.instantiate(state, true);
        double[][] out = new double[steps][];
        for (int t = 0; t < steps; t++) {
            INDArray g = Nd4j.createFromArray(grad(t, n)).reshape(1, n);
            u.applyUpdater(g, t, 0);
            out[t] = g.toDoubleVector();
        }
        return out;
    }

    @Test
    void adamAddsEpsilonAfterBiasCorrectionAsTorchDoes() {
        int n = 8, steps = 8;
        double b1 = 0.9, b2 = 0.999, eps = 1e-5; // a large epsilon, so its placement shows
        double[][] hpt = run(new PyTorchAdam(LR, b1, b2, eps), n, steps);
        double[] m = new double[n], v = new double[n];
        for (int t = 0; t < steps; t++) {
            double[] g = grad(t, n);
            double lr = LR.valueAt(t, 0);
            for (int i = 0; i < n; i++) {
                m[i] = b1 * m[i] + (1 - b1) * g[i];
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                double mHat = m[i] / (1 - Math.pow(b1, t + 1)), vHat = v[i] / (1 - Math.pow(b2, t + 1));
                double torch = lr * mHat / (Math.sqrt(vHat) + eps);
                assertEquals(torch, hpt[t][i], 1e-12 * Math.abs(torch), "step " + t + " element " + i);
            }
        }
        // DL4J's own Adam (epsilon on the uncorrected sqrt(v)) is measurably different at this epsilon
        double[][] dl4j = run(org.nd4j.linalg.learning.config.Adam.builder().learningRateSchedule(LR).beta1(b1).beta2(b2)
                .epsilon(eps).build(), n, steps);
        assertTrue(Math.abs(dl4j[0][3] / hpt[0][3] - 1) > 0.1, "DL4J's epsilon placement should differ for a 1e-6 gradient");
    }

    @Test
    void nesterovMultipliesTheWholeUpdateByThisStepsLrAsTorchDoes() {
        int n = 5, steps = 8;
        double mu = 0.9;
        double[][] hpt = run(new PyTorchNesterov(LR, mu), n, steps);
        double[] buf = new double[n];
        for (int t = 0; t < steps; t++) {
            double[] g = grad(t, n);
            double lr = LR.valueAt(t, 0);
            for (int i = 0; i < n; i++) {
                buf[i] = mu * buf[i] + g[i];
                double torch = lr * (g[i] + mu * buf[i]);
                assertEquals(torch, hpt[t][i], 1e-12 * Math.abs(torch), "step " + t + " element " + i);
            }
        }
        // DL4J's Nesterovs folds each step's LR into its velocity: equal at step 1, not once the LR moves
        double[][] dl4j = run(new Nesterovs(LR, mu), n, steps);
        assertEquals(hpt[0][0], dl4j[0][0], 1e-12 * Math.abs(hpt[0][0]));
        assertTrue(Math.abs(dl4j[1][1] / hpt[1][1] - 1) > 0.05, "the warm-up LR change should separate them");
    }

    @Test
    void checkpointsRestoreBothOptimizersAndTheirState(@TempDir Path tmp) throws Exception {
        ResNetConfig cfg = ResNetConfig.of(8, 2);
        for (OptimizerConfig opt : new OptimizerConfig[]{OptimizerConfig.adam(1e-2),
                new OptimizerConfig(Optimizer.SGD, 0.05, 0.9, 0.9, 0.999, 1e-8, 0, true)}) {
            ScheduleConfig s = new ScheduleConfig(ScheduleConfig.Kind.COSINE, 2, 0.0);
            BuiltModel m = TestModels.build(cfg, Parameterization.MUP_DEPTH, opt, s, 6, DataType.FLOAT);
            ComputationGraph g = m.graph();
            for (int i = 0; i < 3; i++) g.fit(TestModels.batch(8, DataType.FLOAT, i));
            File f = tmp.resolve(opt.kind() + ".zip").toFile();
            ModelSerializer.writeModel(g, f, true);
            ComputationGraph r = ModelSerializer.restoreComputationGraph(f, true);
            for (int i = 3; i < 6; i++) {
                DataSet ds = TestModels.batch(8, DataType.FLOAT, i);
                g.fit(ds);
                r.fit(ds);
            }
            assertArrayEquals(g.params().toFloatVector(), r.params().toFloatVector(), 0f, opt.kind() + ": restored run differs");
        }
    }
}
