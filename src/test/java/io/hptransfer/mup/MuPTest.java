package io.hptransfer.mup;

import io.hptransfer.data.DataConfig;
import io.hptransfer.data.Datasets;
import io.hptransfer.data.ImageDataset;
import io.hptransfer.model.OneDnn;
import io.hptransfer.model.TensorRole;
import io.hptransfer.param.Role;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** muP on models a user wrote in plain DL4J (UserModels): base equivalence, the table's rules, bad input. */
class MuPTest {
    private static DataSet batch;

    @BeforeAll
    static void data() throws Exception {
        OneDnn.enable();
        ImageDataset d = Datasets.load(DataConfig.bundled()).train();
        int n = 16;
        INDArray x = d.images().get(NDArrayIndex.interval(0, n), NDArrayIndex.all()).reshape('c', n, d.channels(), d.height(), d.width()).dup();
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, d.numClasses());
        for (int i = 0; i < n; i++) y.putScalar(i, d.labels()[i], 1.0);
        batch = new DataSet(x, y);
    }

    private static MultiLayerNetwork net(MuModel<MultiLayerConfiguration> m) {
        MultiLayerNetwork n = new MultiLayerNetwork(m.configuration());
        n.init();
        return n;
    }

    private static ComputationGraph graph(MuModel<ComputationGraphConfiguration> m) {
        ComputationGraph g = new ComputationGraph(m.configuration());
        g.init();
        return g;
    }

    @Test
    void muPTrainsBitForBitLikeSpAtTheBaseWidth() {
        for (IUpdater u : List.of(new Adam(1e-2), new Nesterovs(0.05, 0.9))) {
            MultiLayerConfiguration base = UserModels.cnn(16, u, 7), delta = UserModels.cnn(32, u, 7);
            MultiLayerNetwork mup = net(MuP.apply(base, base, delta, MuOptions.mup()));
            MultiLayerNetwork sp = net(MuP.apply(base, base, delta, MuOptions.sp()));
            assertEquals(sp.params(), mup.params(), "init, " + u);
            for (int step = 0; step < 3; step++) {
                mup.fit(batch);
                sp.fit(batch);
                assertEquals(sp.params(), mup.params(), "step " + step + ", " + u);
            }
            ComputationGraphConfiguration gb = UserModels.resnet(16, u, 7), gd = UserModels.resnet(32, u, 7);
            ComputationGraph gm = graph(MuP.apply(gb, gb, gd, MuOptions.mup())), gs = graph(MuP.apply(gb, gb, gd, MuOptions.sp()));
            for (int step = 0; step < 3; step++) {
                gm.fit(batch);
                gs.fit(batch);
            }
            assertEquals(gs.params(), gm.params(), "graph after 3 steps, " + u);
            // and at 4x the base width muP is not SP: the same code path changes something there
            MultiLayerConfiguration wide = UserModels.cnn(64, u, 7);
            assertNotEquals(net(MuP.apply(wide, base, delta, MuOptions.sp())).params(), net(MuP.apply(wide, base, delta, MuOptions.mup())).params());
        }
    }

    /** Adam at m_N = 4, the table written out by hand (shared/reference/scaling-rules.md), not read from ScalingRules. */
    @Test
    void everyTensorGetsTheTablesInitLearningRateAndEpsilonUnderAdam() {
        double lr = 1e-2, eps = 1e-8, wd = 1e-4;
        var schedule = new ExponentialSchedule(ScheduleType.ITERATION, lr, 0.9);
        MultiLayerConfiguration base = withDecay(UserModels.cnn(16, new Adam(schedule), 3), wd), delta = withDecay(UserModels.cnn(32, new Adam(schedule), 3), wd);
        MuModel<MultiLayerConfiguration> m = MuP.apply(withDecay(UserModels.cnn(64, new Adam(schedule), 3), wd), base, delta, MuOptions.mup());
        MultiLayerNetwork n = net(m);
        Map<String, Role> roles = Map.of("conv1/W", Role.INPUT, "conv1/b", Role.VECTOR, "conv2/W", Role.HIDDEN, "conv2/b", Role.VECTOR,
                "bn/gamma", Role.VECTOR, "bn/beta", Role.VECTOR, "fc/W", Role.HIDDEN, "fc/b", Role.VECTOR, "out/W", Role.READOUT,
                "out/b", Role.READOUT_BIAS);
        assertEquals(roles.size(), m.tensors().size(), m.table());
        for (TensorRole t : m.tensors()) assertEquals(roles.get(t.layer() + "/" + t.paramKey()), t.spec().role(), t.layer() + "/" + t.paramKey());
        // Adam: hidden LR and epsilon / m_N, everything else x1; the schedule's shape is kept
        Map<String, Double> lrMult = Map.of("conv2/W", 0.25, "fc/W", 0.25);
        for (TensorRole t : m.tensors()) {
            String k = t.layer() + "/" + t.paramKey();
            Adam a = (Adam) n.getLayer(t.layer()).conf().getLayer().getUpdaterByParam(t.paramKey());
            double mult = lrMult.getOrDefault(k, 1.0);
            assertEquals(mult * schedule.valueAt(5, 0), a.getLearningRate(5, 0), 1e-15, k);
            assertEquals(mult * eps, a.getEpsilon(), 1e-22, k + " epsilon");
        }
        // decoupled weight decay x 1/(lr mult): lr x wd is the same at every width
        List<Regularization> r = ((org.deeplearning4j.nn.conf.layers.BaseLayer) n.getLayer("conv2").conf().getLayer()).getRegularization();
        assertEquals(4 * wd, ((WeightDecay) r.get(0)).getCoeff().valueAt(0, 0), 1e-15);
        // init: He gain 2 over the fan-in for conv/dense (their init was RELU), 1/base fan-in for the readout
        assertStd(n.getLayer("conv1"), Math.sqrt(2.0 / 9), 0.1);
        assertStd(n.getLayer("conv2"), Math.sqrt(2.0 / (9 * 64)), 0.02);
        assertStd(n.getLayer("fc"), Math.sqrt(2.0 / 64), 0.05);
        assertStd(n.getLayer("out"), Math.sqrt(1.0 / 16), 0.1);
        assertEquals(0.25, m.readoutMultiplier(), 0);
        INDArray x = batch.getFeatures();
        // the multiplier layer really scales the readout's input: logits = W (x / 4) + b
        List<INDArray> acts = n.feedForward(x, false);
        int multAt = acts.size() - 2;
        assertEquals(acts.get(multAt - 1).mul(0.25), acts.get(multAt));
    }

    @Test
    void sgdWithMomentumGetsTheSgdColumn() {
        MultiLayerConfiguration base = UserModels.cnn(16, new Nesterovs(0.1, 0.9), 3), delta = UserModels.cnn(32, new Nesterovs(0.1, 0.9), 3);
        MuModel<MultiLayerConfiguration> m = MuP.apply(UserModels.cnn(64, new Nesterovs(0.1, 0.9), 3), base, delta, MuOptions.mup());
        MultiLayerNetwork n = net(m);
        // SGD: input weights and vectors x m_N, hidden x m_out/m_in = 1, readout x m_N, readout bias x1
        Map<String, Double> mult = Map.of("conv1/W", 4.0, "conv1/b", 4.0, "conv2/W", 1.0, "conv2/b", 4.0, "bn/gamma", 4.0,
                "bn/beta", 4.0, "fc/W", 1.0, "fc/b", 4.0, "out/W", 4.0, "out/b", 1.0);
        for (TensorRole t : m.tensors()) {
            Nesterovs s = (Nesterovs) n.getLayer(t.layer()).conf().getLayer().getUpdaterByParam(t.paramKey());
            String k = t.layer() + "/" + t.paramKey();
            assertEquals(mult.get(k) * 0.1, s.getLearningRate(0, 0), 1e-15, k);
            assertEquals(0.9, s.getMomentum(), 0, k + " momentum kept");
        }
    }

    @Test
    void theGraphGetsItsReadoutMultiplierVertexAndTheStemIsAnInput() {
        ComputationGraphConfiguration base = UserModels.resnet(16, new Adam(1e-3), 1), delta = UserModels.resnet(32, new Adam(1e-3), 1);
        MuModel<ComputationGraphConfiguration> m = MuP.apply(UserModels.resnet(128, new Adam(1e-3), 1), base, delta, MuOptions.mup());
        ComputationGraph g = graph(m);
        assertEquals(List.of(MuP.READOUT_MULTIPLIER), m.configuration().getVertexInputs().get("readout"));
        Map<String, INDArray> acts = g.feedForward(batch.getFeatures(), false);
        assertEquals(acts.get("pool").mul(1.0 / 8), acts.get(MuP.READOUT_MULTIPLIER));
        for (TensorRole t : m.tensors()) {
            Role want = t.layer().equals("stem") ? (t.paramKey().equals("W") ? Role.INPUT : Role.VECTOR)
                    : t.layer().equals("readout") ? (t.paramKey().equals("W") ? Role.READOUT : Role.READOUT_BIAS)
                    : t.paramKey().equals("W") ? Role.HIDDEN : Role.VECTOR;
            assertEquals(want, t.spec().role(), t.layer() + "/" + t.paramKey());
        }
        // the stem's init was XAVIER: gain 1 over its fan-in of 9
        assertStd(g.getLayer("stem"), Math.sqrt(1.0 / 9), 0.05);
        assertStd(g.getLayer("b1_conv2"), Math.sqrt(2.0 / (9 * 128)), 0.02);
    }

    private static String[] ends(int blocks) {
        String[] e = new String[blocks];
        for (int i = 0; i < blocks; i++) e[i] = UserModels.branchEnd(i);
        return e;
    }

    @Test
    void depthRulesScaleTheMarkedBranchesOnly() {
        Adam u = new Adam(1e-2);
        ComputationGraphConfiguration base = UserModels.resnet(16, 2, u, 5), delta = UserModels.resnet(32, 2, u, 5);
        // at the base depth and width every depth variant is SP, bit for bit, over 3 steps
        for (var p : List.of(io.hptransfer.param.Parameterization.MUP_DEPTH, io.hptransfer.param.Parameterization.COMPLETEP)) {
            ComputationGraph d = graph(MuP.apply(base, base, delta, MuOptions.depth(p, 2, 2, ends(2))));
            ComputationGraph s = graph(MuP.apply(base, base, delta, MuOptions.sp()));
            for (int step = 0; step < 3; step++) {
                d.fit(batch);
                s.fit(batch);
            }
            assertEquals(s.params(), d.params(), p.name());
        }
        // 8 blocks on a 2-block base (m_L = 4) at the base width: only the branches change. As in mup, base and delta
        // vary the width at the target's depth; the depth ratio comes with the options
        ComputationGraphConfiguration deep = UserModels.resnet(16, 8, u, 5), deepDelta = UserModels.resnet(32, 8, u, 5);
        Map<String, double[]> want = Map.of( // alpha -> branch multiplier, in-branch Adam LR and epsilon multipliers
                "mup-depth", new double[]{0.5, 0.5, 0.5}, "completep", new double[]{0.25, 1.0, 0.25});
        for (var e : want.entrySet()) {
            MuModel<ComputationGraphConfiguration> m = MuP.apply(deep, deep, deepDelta,
                    MuOptions.depth(io.hptransfer.param.Parameterization.parse(e.getKey()), 8, 2, ends(8)));
            double[] w = e.getValue();
            assertEquals(w[0], m.branchMultiplier(), 1e-15, e.getKey());
            ComputationGraph g = graph(m);
            Map<String, INDArray> acts = g.feedForward(batch.getFeatures(), false);
            String last = UserModels.branchEnd(7);
            assertEquals(acts.get(last).mul(w[0]), acts.get(last + MuP.BRANCH_MULTIPLIER_SUFFIX), e.getKey());
            for (TensorRole t : m.tensors()) {
                boolean branch = t.layer().startsWith("b");
                assertEquals(branch, t.spec().inBranch(), t.layer());
                Adam a = (Adam) g.getLayer(t.layer()).conf().getLayer().getUpdaterByParam(t.paramKey());
                assertEquals((branch ? w[1] : 1.0) * 1e-2, a.getLearningRate(0, 0), 1e-15, e.getKey() + " " + t.layer() + "/" + t.paramKey());
                assertEquals((branch ? w[2] : 1.0) * 1e-8, a.getEpsilon(), 1e-22, e.getKey() + " " + t.layer() + "/" + t.paramKey());
            }
        }
        String none = message(() -> MuOptions.depth(io.hptransfer.param.Parameterization.MUP_DEPTH, 8, 2));
        assertTrue(none.contains("withBranches"), none);
        String notEnd = message(() -> MuP.apply(deep, deep, deepDelta, MuOptions.depth(io.hptransfer.param.Parameterization.MUP_DEPTH, 8, 2, "b0_conv1")));
        assertTrue(notEnd.contains("'b0_conv1'") && notEnd.contains("add vertex"), notEnd);
        MultiLayerConfiguration cnn = UserModels.cnn(16, u, 1);
        String mln = message(() -> MuP.apply(cnn, cnn, UserModels.cnn(32, u, 1), MuOptions.depth(io.hptransfer.param.Parameterization.MUP_DEPTH, 8, 2, "conv2")));
        assertTrue(mln.contains("ComputationGraph"), mln);
    }

    /** A learned embedding is an input weight on a one-hot input (fan-in 1), as hpt's ViT positional embedding. */
    @Test
    void anEmbeddingIsAnInputWeightWithFanInOne() {
        java.util.function.IntFunction<MultiLayerConfiguration> m = w -> new NeuralNetConfiguration.Builder().seed(1)
                .updater(new Adam(1e-3)).list()
                .layer(new org.deeplearning4j.nn.conf.layers.EmbeddingLayer.Builder().name("emb").nIn(50).nOut(w).build())
                .layer(new DenseLayer.Builder().name("fc").nOut(w).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("out").nOut(10).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(1)).build();
        MuModel<MultiLayerConfiguration> mu = MuP.apply(m.apply(256), m.apply(16), m.apply(32), MuOptions.mup());
        TensorRole emb = mu.tensors().get(0);
        assertEquals("emb", emb.layer());
        assertEquals(Role.INPUT, emb.spec().role());
        assertEquals(1, emb.spec().fanIn());
        assertStd(net(mu).getLayer("emb"), 1.0, 0.03); // gain 1 (Xavier, DL4J's default) over fan-in 1: N(0, 1) as an embedding
        assertEquals(1.0 / 16, mu.readoutMultiplier(), 0);
    }

    @Test
    void theAppliedModelSavesAndLoadsWithItsRules(@TempDir Path tmp) throws Exception {
        var schedule = new ExponentialSchedule(ScheduleType.ITERATION, 1e-2, 0.9);
        MultiLayerConfiguration base = UserModels.cnn(16, new Adam(schedule), 3), delta = UserModels.cnn(32, new Adam(schedule), 3);
        MultiLayerNetwork n = net(MuP.apply(UserModels.cnn(32, new Adam(schedule), 3), base, delta, MuOptions.mup()));
        n.fit(batch);
        Path f = tmp.resolve("m.zip");
        ModelSerializer.writeModel(n, f.toFile(), true);
        MultiLayerNetwork back = ModelSerializer.restoreMultiLayerNetwork(f.toFile(), true);
        assertEquals(n.output(batch.getFeatures()), back.output(batch.getFeatures()));
        n.fit(batch);
        back.fit(batch);
        assertEquals(n.params(), back.params(), "the restored updaters (scaled schedules, epsilons) continue identically");
    }

    @Test
    void badInputIsOneLineNamingTheLayerAndTheFix() {
        Adam u = new Adam(1e-3);
        MultiLayerConfiguration base = UserModels.cnn(16, u, 1), delta = UserModels.cnn(32, u, 1), target = UserModels.cnn(64, u, 1);
        String same = message(() -> MuP.apply(target, base, base, MuOptions.mup()));
        assertTrue(same.contains("no dimension differs between base and delta"), same);
        String narrow = message(() -> MuP.apply(target, delta, base, MuOptions.mup()));
        assertTrue(narrow.contains("build delta at a larger width than base"), narrow);
        String lists = message(() -> MuP.apply(target, base, extraLayer(32, u), MuOptions.mup()));
        assertTrue(lists.contains("different layers") && lists.contains("'conv1' only in the target"), lists);
        String lstm = message(() -> MuP.apply(recurrent(64), recurrent(16), recurrent(32), MuOptions.mup()));
        assertTrue(lstm.contains("'lstm'") && lstm.contains("LSTM"), lstm);
        String fixed = message(() -> MuP.apply(bottleneck(64), bottleneck(16), bottleneck(32), MuOptions.mup()));
        assertTrue(fixed.contains("'squeeze'") && fixed.contains("withRole(\"squeeze\""), fixed);
        // stating the role is the fix the message names
        MuModel<MultiLayerConfiguration> ok = MuP.apply(bottleneck(64), bottleneck(16), bottleneck(32),
                MuOptions.mup().withRole("squeeze", Role.HIDDEN));
        assertEquals(Role.HIDDEN, ok.tensors().stream().filter(t -> t.layer().equals("squeeze")).findFirst().orElseThrow().spec().role());
        String unknown = message(() -> MuP.apply(target, base, delta, MuOptions.mup().withRole("nosuch", Role.HIDDEN)));
        assertTrue(unknown.contains("'nosuch'"), unknown);
    }

    private static String message(Runnable r) {
        String m = assertThrows(IllegalArgumentException.class, r::run).getMessage();
        assertEquals(1, m.lines().count(), m);
        return m;
    }

    private static void assertStd(Layer l, double want, double rel) {
        double got = l.getParam("W").stdNumber().doubleValue();
        assertEquals(want, got, rel * want, l.conf().getLayer().getLayerName());
    }

    private static MultiLayerConfiguration withDecay(MultiLayerConfiguration c, double wd) {
        for (var conf : c.getConfs()) {
            if (conf.getLayer() instanceof org.deeplearning4j.nn.conf.layers.BaseLayer b && b.getRegularization() != null
                    && conf.getLayer().initializer().numParams(conf.getLayer()) > 0) {
                b.setRegularization(List.of(new WeightDecay(wd, true)));
            }
        }
        return c;
    }

    private static MultiLayerConfiguration extraLayer(int width, IUpdater u) {
        return new NeuralNetConfiguration.Builder().seed(1).updater(u).list()
                .layer(new DenseLayer.Builder().name("fc").nOut(width).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(8)).build();
    }

    private static MultiLayerConfiguration recurrent(int width) {
        return new NeuralNetConfiguration.Builder().seed(1).updater(new Adam(1e-3)).list()
                .layer(new LSTM.Builder().name("lstm").nOut(width).build())
                .layer(new org.deeplearning4j.nn.conf.layers.RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.recurrent(8)).build();
    }

    /** A dense layer squeezing the width to 4 before the readout: muP cannot tell what the user meant. */
    private static MultiLayerConfiguration bottleneck(int width) {
        return new NeuralNetConfiguration.Builder().seed(1).updater(new Adam(1e-3)).list()
                .layer(new DenseLayer.Builder().name("fc").nOut(width).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().name("squeeze").nOut(4).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("out").nOut(10).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(8)).build();
    }
}
