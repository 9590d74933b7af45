package io.hptransfer.mup;

import io.hptransfer.model.Graphs;
import io.hptransfer.model.OneDnn;
import io.hptransfer.model.TensorRole;
import io.hptransfer.param.LayerRule;
import io.hptransfer.param.Optimizer;
import io.hptransfer.param.ParamSpec;
import io.hptransfer.param.Role;
import io.hptransfer.param.ScalingRules;
import io.hptransfer.param.Shape;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Layer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * muP for your own DL4J model, as microsoft/mup's {@code set_base_shapes(model, base, delta)}: give the
 * configuration at the target width and the same configuration at a base and a delta width; every dimension
 * that differs between base and delta is a width. Returned: the target configuration with every tensor's init,
 * learning rate, Adam epsilon and weight decay set by the one rule table ({@link ScalingRules}, the same table
 * hpt's own models read) and the readout multiplier in front of the output layer. Your optimizer's other
 * settings (betas, momentum, schedule shape) are kept; your weight init's gain is kept (He = 2, else 1) but its
 * distribution becomes the table's normal. At the base width muP returns exactly what {@link MuOptions#sp()}
 * returns. Like every hpt model it switches DL4J's oneDNN helpers on (unless you set
 * {@code org.eclipse.deeplearning4j.helpers.disable} yourself): build your networks after calling it.
 */
public final class MuP {
    /** The vertex / layer MuP puts in front of the output layer. */
    public static final String READOUT_MULTIPLIER = "mup_readout_multiplier";
    /** Appended to a branch's end vertex to name its branch multiplier vertex. */
    public static final String BRANCH_MULTIPLIER_SUFFIX = "_mup_branch_multiplier";

    private MuP() {
    }

    /** A MultiLayerNetwork's configuration (layers named by their index unless you name them). */
    public static MuModel<MultiLayerConfiguration> apply(MultiLayerConfiguration target, MultiLayerConfiguration base,
                                                         MultiLayerConfiguration delta, MuOptions options) {
        OneDnn.enable();
        if (!options.branches().isEmpty()) {
            throw new IllegalArgumentException("a MultiLayerNetwork has no residual branches, so " + options.branches()
                    + " cannot be: build the model as a ComputationGraph for depth rules");
        }
        MultiLayerConfiguration out = target.clone();
        Map<String, Layer> t = layers(out), b = layers(base), d = layers(delta);
        String output = last(t);
        Applied a = applyToLayers(t, b, d, List.of(output), Set.of(), options);
        // MultiLayerNetwork has no ScaleVertex: an ActivationLayer x -> c x goes in front of the output layer
        int at = out.getConfs().size() - 1;
        NeuralNetConfiguration mult = out.getConf(at).clone();
        ReadoutMultiplierLayer layer = new ReadoutMultiplierLayer(a.readoutMultiplier);
        layer.setLayerName(READOUT_MULTIPLIER);
        mult.setLayer(layer);
        out.getConfs().add(at, mult);
        Map<Integer, InputPreProcessor> shifted = new HashMap<>();
        // the output layer's preprocessor (e.g. CNN -> dense) now belongs to the layer after the multiplier
        out.getInputPreProcessors().forEach((i, p) -> shifted.put(i >= at ? i + 1 : i, p));
        out.setInputPreProcessors(shifted);
        return new MuModel<>(out, a.tensors, a.readoutMultiplier, 1.0);
    }

    /** A ComputationGraph's configuration (layers named by their vertex names). */
    public static MuModel<ComputationGraphConfiguration> apply(ComputationGraphConfiguration target, ComputationGraphConfiguration base,
                                                               ComputationGraphConfiguration delta, MuOptions options) {
        OneDnn.enable();
        ComputationGraphConfiguration out = target.clone();
        Map<String, Layer> t = layers(out), b = layers(base), d = layers(delta);
        List<String> outputs = out.getNetworkOutputs();
        if (outputs.size() != 1) {
            throw new IllegalArgumentException("the graph has " + outputs.size() + " outputs " + outputs + ": muP here needs one output layer");
        }
        String output = outputs.get(0);
        if (!t.containsKey(output)) throw new IllegalArgumentException("the graph's output '" + output + "' is not a layer: end it with an output layer");
        Map<String, String> adds = new LinkedHashMap<>();
        Set<String> inBranch = ResidualBranches.layersIn(out, options.branches(), adds);
        Applied a = applyToLayers(t, b, d, outputs, inBranch, options);
        for (String branch : options.branches()) {
            // h + branch(h) becomes h + m * branch(h), m = beta * m_L^-alpha
            String mult = branch + BRANCH_MULTIPLIER_SUFFIX;
            out.getVertices().put(mult, new ScaleVertex(a.branchMultiplier));
            out.getVertexInputs().put(mult, new ArrayList<>(List.of(branch)));
            out.getVertexInputs().get(adds.get(branch)).replaceAll(v -> v.equals(branch) ? mult : v);
        }
        List<String> in = out.getVertexInputs().get(output);
        out.getVertices().put(READOUT_MULTIPLIER, new ScaleVertex(a.readoutMultiplier));
        out.getVertexInputs().put(READOUT_MULTIPLIER, new ArrayList<>(in));
        out.getVertexInputs().put(output, new ArrayList<>(List.of(READOUT_MULTIPLIER)));
        return new MuModel<>(out, a.tensors, a.readoutMultiplier, options.branches().isEmpty() ? 1.0 : a.branchMultiplier);
    }

    /** Either kind of configuration (for code that takes a model family of either kind). */
    @SuppressWarnings("unchecked")
    public static <C> MuModel<C> applyAny(C target, C base, C delta, MuOptions options) {
        if (target instanceof MultiLayerConfiguration t) {
            return (MuModel<C>) apply(t, (MultiLayerConfiguration) base, (MultiLayerConfiguration) delta, options);
        }
        if (target instanceof ComputationGraphConfiguration t) {
            return (MuModel<C>) apply(t, (ComputationGraphConfiguration) base, (ComputationGraphConfiguration) delta, options);
        }
        throw new IllegalArgumentException("a model family gives MultiLayerConfiguration or ComputationGraphConfiguration, not "
                + (target == null ? "null" : target.getClass().getSimpleName()));
    }

    private record Applied(List<TensorRole> tensors, double readoutMultiplier, double branchMultiplier) {
    }

    private static Applied applyToLayers(Map<String, Layer> t, Map<String, Layer> b, Map<String, Layer> d, List<String> outputs,
                                         Set<String> inBranch, MuOptions o) {
        if (!t.keySet().equals(b.keySet()) || !t.keySet().equals(d.keySet())) {
            throw new IllegalArgumentException("the target, base and delta configurations have different layers (target " + t.size()
                    + ", base " + b.size() + ", delta " + d.size() + "; first difference: " + firstDifference(t, b, d)
                    + "): build all three from one function of width, at the target's depth (MuOptions.depth gives the depth rules)");
        }
        if (t.containsKey(READOUT_MULTIPLIER)) {
            throw new IllegalArgumentException("the configuration already has a '" + READOUT_MULTIPLIER + "': muP was applied to it once; "
                    + "apply it to the plain configuration");
        }
        if (t.keySet().stream().noneMatch(k -> LayerRoles.grows(b.get(k), d.get(k)))) {
            throw new IllegalArgumentException("no dimension differs between base and delta, so none is a width: build delta at another "
                    + "width than base (e.g. twice it)");
        }
        Map<String, List<LayerRoles.Param>> specs = new LinkedHashMap<>();
        for (String name : t.keySet()) {
            if (!LayerRoles.hasParams(t.get(name))) continue;
            specs.put(name, LayerRoles.of(name, t.get(name), b.get(name), d.get(name), outputs.contains(name), inBranch.contains(name),
                    o.roles().get(name)));
        }
        for (String stated : o.roles().keySet()) {
            if (!specs.containsKey(stated)) throw new IllegalArgumentException("MuOptions states a role for '" + stated
                    + "', which is no layer with parameters here: layers are " + specs.keySet());
        }
        ParamSpec readout = specs.get(outputs.get(0)).get(0).spec();
        // the readout's width multiplier is the model's m_N for the readout multiplier output_mult / m_N
        Shape shape = new Shape(readout.fanInMult(), (double) o.depth() / o.baseDepth());
        Map<Optimizer, ScalingRules> rules = new HashMap<>();
        List<TensorRole> tensors = new ArrayList<>();
        for (var e : specs.entrySet()) {
            BaseLayer layer = (BaseLayer) t.get(e.getKey());
            // the user's own updaters, read before this layer's are replaced (a bias without its own takes the layer's)
            var weightUpdater = layer.getIUpdater();
            var biasUpdater = layer.getBiasUpdater() != null ? layer.getBiasUpdater() : weightUpdater;
            for (LayerRoles.Param p : e.getValue()) {
                boolean weight = p.key().equals("W") || p.key().equals("gamma");
                if (!weight && layer instanceof BatchNormalization) continue; // beta shares gamma's updater in DL4J
                String where = "layer '" + e.getKey() + "'";
                org.nd4j.linalg.learning.config.IUpdater u = weight ? weightUpdater : biasUpdater;
                Optimizer kind = UpdaterScaling.family(u, where);
                ScalingRules table = rules.computeIfAbsent(kind == null ? Optimizer.SGD : kind,
                        k -> new ScalingRules(o.param(), shape, k, o.initScale(), o.zeroReadout()));
                LayerRule r = table.rule(p.spec());
                tensors.add(new TensorRole(e.getKey(), p.key(), p.spec(), r));
                if (layer instanceof BatchNormalization) {
                    tensors.add(new TensorRole(e.getKey(), "beta", p.spec(), r));
                    layer.setIUpdater(UpdaterScaling.scaled(u, r));
                    layer.setRegularization(UpdaterScaling.scaled(layer.getRegularization(), r, where));
                } else if (weight) {
                    layer.setWeightInitFn(Graphs.init(r));
                    layer.setIUpdater(UpdaterScaling.scaled(u, r));
                    layer.setRegularization(UpdaterScaling.scaled(layer.getRegularization(), r, where));
                } else {
                    layer.setBiasInit(0.0);
                    layer.setBiasUpdater(UpdaterScaling.scaled(u, r));
                    layer.setRegularizationBias(UpdaterScaling.scaled(layer.getRegularizationBias(), r, where));
                }
            }
        }
        ScalingRules forward = new ScalingRules(o.param(), shape, Optimizer.SGD, o.initScale(), o.zeroReadout());
        if (readout.role() != Role.READOUT) {
            throw new IllegalArgumentException("the output layer '" + outputs.get(0) + "' is stated as " + readout.role() + ": it is the READOUT");
        }
        return new Applied(tensors, forward.readoutMultiplier(o.outputMult()), forward.branchMultiplier(o.branchBeta()));
    }

    /** Layers by name, in order: a MultiLayerNetwork's by their names, or their index where unnamed. */
    static Map<String, Layer> layers(MultiLayerConfiguration c) {
        Map<String, Layer> m = new LinkedHashMap<>();
        for (int i = 0; i < c.getConfs().size(); i++) {
            Layer l = c.getConf(i).getLayer();
            String name = l.getLayerName() != null ? l.getLayerName() : String.valueOf(i);
            if (m.put(name, l) != null) throw new IllegalArgumentException("two layers are named '" + name + "': give each layer its own name");
        }
        return m;
    }

    static Map<String, Layer> layers(ComputationGraphConfiguration c) {
        Map<String, Layer> m = new LinkedHashMap<>();
        for (Map.Entry<String, GraphVertex> e : c.getVertices().entrySet()) {
            if (e.getValue() instanceof LayerVertex v) m.put(e.getKey(), v.getLayerConf().getLayer());
            else if (e.getValue().numParams(true) > 0) {
                throw new IllegalArgumentException("vertex '" + e.getKey() + "' (" + e.getValue().getClass().getSimpleName()
                        + ") has parameters muP cannot classify: use layers for trained tensors");
            }
        }
        return m;
    }

    private static String firstDifference(Map<String, Layer> t, Map<String, Layer> b, Map<String, Layer> d) {
        for (String k : t.keySet()) if (!b.containsKey(k) || !d.containsKey(k)) return "'" + k + "' only in the target";
        for (String k : b.keySet()) if (!t.containsKey(k)) return "'" + k + "' not in the target";
        for (String k : d.keySet()) if (!t.containsKey(k)) return "'" + k + "' not in the target";
        return "none";
    }

    private static String last(Map<String, Layer> layers) {
        String last = null;
        for (String k : layers.keySet()) last = k;
        return last;
    }
}
