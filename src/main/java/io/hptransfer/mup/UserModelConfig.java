package io.hptransfer.mup;

import io.hptransfer.model.Arch;
import io.hptransfer.model.ArchConfig;
import io.hptransfer.model.BuiltModel;
import io.hptransfer.model.Graphs;
import io.hptransfer.model.Readout;
import io.hptransfer.optim.UpdaterFactory;
import io.hptransfer.param.LayerRule;
import io.hptransfer.param.Optimizer;
import io.hptransfer.param.Parameterization;
import io.hptransfer.param.ScalingRules;
import io.hptransfer.param.Shape;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A user's model family (a {@link ModelFamily} class on the classpath) as one of hpt's architectures, so
 * sweeps, tunes and transfer train it: the family builds the configuration at each width and depth, the
 * trial's optimizer and schedule replace its updaters, and {@link MuP} applies the rules relative to the
 * base shape. Spelled {@code arch: user} with {@code model: {family: <class>}} in a sweep spec.
 *
 * @param family the ModelFamily class's binary name (with a public no-argument constructor)
 */
public record UserModelConfig(String family, int width, int depth, int baseWidth, int baseDepth, double branchBeta,
                              double outputMult, double initScale, boolean zeroReadout) implements ArchConfig {
    public UserModelConfig {
        if (family == null || family.isBlank()) throw new IllegalArgumentException("arch user needs model.family: the class implementing "
                + "io.hptransfer.mup.ModelFamily");
        if (width < 1 || depth < 1 || baseWidth < 1 || baseDepth < 1) {
            throw new IllegalArgumentException("widths and depths must be >= 1, got W" + width + " L" + depth + " base W" + baseWidth + " L" + baseDepth);
        }
        if (!(branchBeta > 0) || !(outputMult > 0) || !(initScale >= 0)) {
            throw new IllegalArgumentException("branch beta and output multiplier must be > 0 and init scale >= 0");
        }
    }

    /** The family object; fails with one line naming the class and the fix. */
    public ModelFamily<?> load() {
        Class<?> c;
        try {
            c = Class.forName(family, true, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("model family class " + family + " is not on the classpath: put its jar or classes "
                    + "folder in HPT_CLASSPATH (hpt adds it)");
        }
        if (!ModelFamily.class.isAssignableFrom(c)) {
            throw new IllegalArgumentException("model family class " + family + " does not implement io.hptransfer.mup.ModelFamily");
        }
        try {
            return (ModelFamily<?>) c.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("model family class " + family + " needs a public no-argument constructor ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** The family's configuration at one size as a graph (a MultiLayerConfiguration becomes its one-path graph). */
    ComputationGraphConfiguration graphAt(ModelFamily<?> f, int w, int d) {
        Object c = f.at(w, d);
        if (c instanceof ComputationGraphConfiguration g) return g.clone();
        if (c instanceof MultiLayerConfiguration m) return SingleStack.toGraph(m);
        throw new IllegalArgumentException("model family " + family + " gave " + (c == null ? "null" : c.getClass().getSimpleName())
                + " at W" + w + " L" + d + ": return a MultiLayerConfiguration or ComputationGraphConfiguration");
    }

    @Override
    public Arch arch() {
        return Arch.USER;
    }

    @Override
    public ScalingRules rules(Parameterization p, Optimizer o) {
        return new ScalingRules(p, Shape.of(width, baseWidth, depth, baseDepth), o, initScale, zeroReadout);
    }

    @Override
    public UserModelConfig reshaped(int w, int d, int bw, int bd) {
        return new UserModelConfig(family, w, d, bw, bd, branchBeta, outputMult, initScale, zeroReadout);
    }

    @Override
    public UserModelConfig withMultipliers(double om, double is) {
        return new UserModelConfig(family, width, depth, baseWidth, baseDepth, branchBeta, om, is, zeroReadout);
    }

    @Override
    public BuiltModel build(Parameterization p, UpdaterFactory updaters, Optimizer o, int channels, int size, int numClasses,
                            long seed, DataType dtype) {
        ModelFamily<?> f = load();
        ComputationGraphConfiguration target = graphAt(f, width, depth);
        // the trial's optimizer, schedule and weight decay at their base values; MuP scales them per tensor
        LayerRule base = new LayerRule(1, 1, 1, 1);
        for (var e : MuP.layers(target).entrySet()) {
            if (!(e.getValue() instanceof BaseLayer l) || !LayerRoles.hasParams(l)) continue;
            l.setIUpdater(updaters.updater(base));
            l.setBiasUpdater(updaters.updater(base));
            // weight decay on weights only, as in hpt's own models (not on biases or norm parameters)
            l.setRegularization(l instanceof org.deeplearning4j.nn.conf.layers.BatchNormalization ? List.of() : updaters.weightDecay(base));
            l.setRegularizationBias(List.of());
        }
        String out = target.getNetworkOutputs().get(0);
        if (MuP.layers(target).get(out) instanceof FeedForwardLayer ff && ff.getNOut() != numClasses) {
            throw new IllegalArgumentException("model family " + family + ": its output layer '" + out + "' has " + ff.getNOut()
                    + " outputs but the dataset has " + numClasses + " classes");
        }
        target.getDefaultConfiguration().setSeed(Graphs.rngSeed(seed));
        target.setDataType(dtype);
        if (p.depthScaling() && f.branchEnds(depth).isEmpty()) {
            throw new IllegalArgumentException("model family " + family + " names no residual branches at depth " + depth + " but " + p
                    + " scales them with depth: implement its branchEnds(depth), or use sp or mup");
        }
        MuOptions opts = new MuOptions(p, outputMult, initScale, zeroReadout, Map.of(), depth, baseDepth, branchBeta,
                p.depthScaling() ? f.branchEnds(depth) : List.of());
        MuModel<ComputationGraphConfiguration> m = MuP.apply(target, graphAt(f, baseWidth, depth), graphAt(f, 2 * baseWidth, depth), opts);
        ComputationGraph g = new ComputationGraph(m.configuration());
        g.init();
        return new BuiltModel(g, m.tensors(), (graph, x) -> {
            Map<String, INDArray> a = new LinkedHashMap<>();
            a.put("logits", Readout.logits(graph, graph.output(List.of(Readout.inputOf(graph)), false, new INDArray[]{x}, null)[0]));
            return a;
        });
    }

    @Override
    public String describe() {
        return "user " + family + " W" + width + " L" + depth;
    }

    /** Unknown for a user model: 2 x parameters x pixels, a proxy that orders a sweep's shapes by cost, not a count. */
    @Override
    public double forwardFlops(int channels, int size) {
        return 2.0 * parameterCount(channels, size) * size * size;
    }

    /**
     * Counted once per (family, width, depth): a sweep sorts its trials by cost, which asks for this per comparison,
     * and each count loads the class and builds a configuration.
     */
    private static final java.util.Map<String, Double> PARAMETERS = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public double parameterCount(int channels, int size) {
        return PARAMETERS.computeIfAbsent(family + " " + width + " " + depth, k -> {
            double n = 0;
            for (Layer l : MuP.layers(graphAt(load(), width, depth)).values()) n += l.initializer().numParams(l);
            return n;
        });
    }

    /** Not known without the input's shape through every layer: 0, so the memory check counts parameters only. */
    @Override
    public double activationsPerImage(int channels, int size) {
        return 0;
    }
}
