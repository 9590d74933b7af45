package io.hptransfer.model;

import io.hptransfer.optim.OptimizerConfig;
import io.hptransfer.optim.ScheduleConfig;
import io.hptransfer.optim.UpdaterFactory;
import io.hptransfer.param.Parameterization;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Small models and batches shared by the model tests. */
public final class TestModels {
    private TestModels() {
    }

    public static BuiltModel build(ResNetConfig cfg, Parameterization p, OptimizerConfig opt, ScheduleConfig sched,
                                   int totalSteps, DataType dtype) {
        return new ResNetBuilder(cfg, cfg.rules(p, opt.kind()), new UpdaterFactory(opt, sched, totalSteps)).build(3, 8, 5, 42, dtype);
    }

    /** One training step's raw gradient (before the updater) and the parameter change it caused, per "layer_param" key. */
    public record Step(java.util.Map<String, INDArray> gradient, java.util.Map<String, INDArray> delta) {
    }

    /** Measures the gradient at the current parameters, then takes one fit step on ds. */
    public static Step oneStep(org.deeplearning4j.nn.graph.ComputationGraph g, DataSet ds) {
        java.util.Map<String, INDArray> before = new java.util.HashMap<>(), grad = new java.util.HashMap<>(),
                delta = new java.util.HashMap<>();
        g.paramTable().forEach((k, v) -> before.put(k, v.dup()));
        g.setInput(0, ds.getFeatures());
        g.setLabel(0, ds.getLabels());
        g.computeGradientAndScore();
        g.gradient().gradientForVariable().forEach((k, v) -> grad.put(k, v.dup()));
        g.fit(ds);
        before.forEach((k, v) -> delta.put(k, g.getParam(k).sub(v)));
        return new Step(grad, delta);
    }

    /** A fixed random batch of 3x8x8 images with 5 classes. */
    public static DataSet batch(int n, DataType dtype, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.randn(dtype, n, 3, 8, 8);
        INDArray y = Nd4j.zeros(dtype, n, 5);
        for (int i = 0; i < n; i++) y.putScalar(i, (i * 7 + 3) % 5, 1.0);
        return new DataSet(x, y);
    }

    /**
     * The same graph with config classes swapped by name in its JSON (ours for DL4J's stock ones), from the same
     * parameters: the twin a bit-for-bit test trains beside the original.
     */
    public static org.deeplearning4j.nn.graph.ComputationGraph twinWithClasses(org.deeplearning4j.nn.graph.ComputationGraph g,
                                                                            java.util.Map<String, String> swaps) {
        String json = g.getConfiguration().toJson();
        for (var e : swaps.entrySet()) {
            if (!json.contains(e.getKey())) throw new AssertionError("the graph no longer uses " + e.getKey());
            json = json.replace(e.getKey(), e.getValue());
        }
        var twin = new org.deeplearning4j.nn.graph.ComputationGraph(
                org.deeplearning4j.nn.conf.ComputationGraphConfiguration.fromJson(json));
        twin.init(g.params().dup(), true);
        return twin;
    }
}
