package io.hptransfer.model;

import io.hptransfer.optim.UpdaterFactory;
import io.hptransfer.param.LayerRule;
import io.hptransfer.param.ParamSpec;
import io.hptransfer.param.ScalingRules;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.Regularization;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the ViT of {@link VitConfig} as a DL4J ComputationGraph: one SameDiff trunk layer
 * ({@link VitTrunkLayer}) -> readout multiplier -> dense softmax readout. As in
 * {@link ResNetBuilder}, this class only says which role each tensor plays; every number comes
 * from {@link ScalingRules}.
 */
public final class VitBuilder {
    public static final String TRUNK = "trunk";

    private final VitConfig cfg;
    private final ScalingRules rules;
    private final UpdaterFactory updaters;
    private final List<TensorRole> tensors = new ArrayList<>();

    public VitBuilder(VitConfig cfg, ScalingRules rules, UpdaterFactory updaters) {
        this.cfg = cfg;
        this.rules = rules;
        this.updaters = updaters;
    }

    public BuiltModel build(int channels, int size, int numClasses, long seed, DataType dtype) {
        if (channels < 1 || size < 1 || numClasses < 2) {
            throw new IllegalArgumentException("impossible input: " + channels + " channels, " + size + "px, "
                    + numClasses + " classes");
        }
        if (size % cfg.patch() != 0) {
            throw new IllegalArgumentException("ViT patch " + cfg.patch() + " does not divide the " + size
                    + "px images: use --patch 4 (or another divisor of " + size + ")");
        }
        double mN = (double) cfg.width() / cfg.baseWidth();
        int n = cfg.width();
        VitForward.Dims dims = new VitForward.Dims(channels, size, cfg.patch(), n, cfg.depth(), cfg.headCount(),
                cfg.headDim(), cfg.mlpRatio() * n, cfg.classToken(), rules.branchMultiplier(cfg.branchBeta()),
                rules.attentionScale(cfg.attnMult(), cfg.headDim(), cfg.baseHeadDim()));

        Map<String, Double> std = new LinkedHashMap<>();
        Map<String, IUpdater> upd = new LinkedHashMap<>();
        Map<String, List<Regularization>> reg = new LinkedHashMap<>();
        for (String name : VitTrunkLayer.shapes(dims).keySet()) {
            ParamSpec spec = spec(name, channels, n, mN);
            LayerRule r = name.endsWith("qW") ? rules.queryRule(spec, cfg.zeroQuery()) : rules.rule(spec);
            tensors.add(new TensorRole(TRUNK, name, spec, r));
            std.put(name, r.initStd());
            upd.put(name, updaters.updater(r));
            // weight decay on matrices and embeddings only, as in the ResNet
            reg.put(name, VitTrunkLayer.isVector(name) ? List.of() : updaters.weightDecay(r));
        }

        GraphBuilder g = new NeuralNetConfiguration.Builder()
                .seed(Graphs.rngSeed(seed))
                .dataType(dtype)
                .graphBuilder()
                .addInputs(Graphs.INPUT)
                .setInputTypes(InputType.convolutional(size, size, channels));
        g.addLayer(TRUNK, new VitTrunkLayer(dims, std, upd, reg), Graphs.INPUT);
        tensors.addAll(Readout.add(g, TRUNK, n, numClasses, cfg.outputMult(), rules, updaters));
        ComputationGraph graph = new ComputationGraph(g.build());
        graph.init();
        return new BuiltModel(graph, List.copyOf(tensors), VitProbe.INSTANCE);
    }

    /** Which role each trunk tensor plays (the names are VitTrunkLayer.shapes'). */
    private ParamSpec spec(String name, int channels, int n, double mN) {
        if (name.equals(VitForward.PATCH_W)) return ParamSpec.input((long) channels * cfg.patch() * cfg.patch(), mN, 1.0);
        // a learned embedding is an input weight on a one-hot input: fan_in 1
        if (name.equals(VitForward.POS) || name.equals(VitForward.CLS)) return ParamSpec.input(1, mN, 1.0);
        if (name.equals(VitForward.PATCH_B) || name.equals(VitForward.FINAL_G) || name.equals(VitForward.FINAL_B)) {
            return ParamSpec.vector(false, mN);
        }
        if (VitTrunkLayer.isVector(name)) return ParamSpec.vector(true, mN);
        // fc2 reads GELU outputs: He gain 2, as the ResNet's convs after a ReLU; everything else reads LN outputs
        if (name.endsWith("fc2W")) return ParamSpec.hidden(true, (long) cfg.mlpRatio() * n, mN, mN, 2.0);
        return ParamSpec.hidden(true, n, mN, mN, 1.0);
    }
}
