package io.hptransfer.model;

import io.hptransfer.optim.UpdaterFactory;
import io.hptransfer.param.LayerRule;
import io.hptransfer.param.ParamSpec;
import io.hptransfer.param.ScalingRules;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the conv ResNet of {@link ResNetConfig} as a DL4J ComputationGraph. Every init std,
 * per-tensor updater and forward multiplier comes from {@link ScalingRules}; this class only
 * says which role each tensor plays.
 */
public final class ResNetBuilder {
    public static final String STEM = "stem";
    /** ReLU with a cheaper backward pass than DL4J's (see InPlaceRelu); the same numbers. */
    private static final IActivation RELU = new InPlaceRelu();
    private static final IActivation IDENTITY = Activation.IDENTITY.getActivationFunction();

    /** Vertex holding block i's scaled branch output. */
    public static String branchOutput(int block) {
        return "block" + block + "_scale";
    }

    /** Vertex holding the residual stream after block i. */
    public static String streamAfter(int block) {
        return "block" + block + "_add";
    }

    private final ResNetConfig cfg;
    private final ScalingRules rules;
    private final UpdaterFactory updaters;
    private final List<TensorRole> tensors = new ArrayList<>();

    public ResNetBuilder(ResNetConfig cfg, ScalingRules rules, UpdaterFactory updaters) {
        this.cfg = cfg;
        this.rules = rules;
        this.updaters = updaters;
    }

    /**
     * @param channels   input channels (1 for Fashion-MNIST, 3 for CIFAR)
     * @param size       input height = width
     * @param numClasses readout size
     */
    public BuiltModel build(int channels, int size, int numClasses, long seed, DataType dtype) {
        OneDnn.enable();
        if (channels < 1 || size < 1 || numClasses < 2) {
            throw new IllegalArgumentException("impossible input: " + channels + " channels, " + size + "px, "
                    + numClasses + " classes");
        }
        if (size >> (cfg.stages() - 1) < 1) {
            throw new IllegalArgumentException(cfg.stages() + " stages halve a " + size + "px input below 1px: use fewer stages");
        }
        double mN = (double) cfg.width() / cfg.baseWidth();
        GraphBuilder g = new NeuralNetConfiguration.Builder()
                .seed(Graphs.rngSeed(seed))
                .dataType(dtype)
                .convolutionMode(ConvolutionMode.Same)
                // keep each conv's pre-activation from the forward pass: without a cache mode DL4J's
                // ConvolutionLayer.backpropGradient runs the forward convolution again (measured: 10 conv2d
                // calls a step for 5 conv layers; W8 L2 steps 15% and W8 L8 1.6x faster with it, same losses)
                .cacheMode(org.deeplearning4j.nn.conf.CacheMode.DEVICE)
                .graphBuilder()
                .addInputs(Graphs.INPUT)
                .setInputTypes(InputType.convolutional(size, size, channels));

        String h = conv(g, STEM, Graphs.INPUT, channels, cfg.width(), 1, ParamSpec.input(9L * channels, mN, 1.0),
                ParamSpec.vector(false, mN), IDENTITY);
        double branchMult = rules.branchMultiplier(cfg.branchBeta());
        int w = cfg.width();
        int block = 0;
        for (int st = 0; st < cfg.stages(); st++) {
            if (st > 0) {
                h = conv(g, "transition" + st, h, w, 2 * w, 2, ParamSpec.hidden(false, 9L * w, mN, mN, 1.0),
                        ParamSpec.vector(false, mN), IDENTITY);
                w *= 2;
            }
            for (int b = 0; b < cfg.blocksPerStage(); b++, block++) {
                h = residualBlock(g, block, h, w, mN, branchMult);
            }
        }
        g.addLayer("final_relu", new CopyFreeReluLayer(), h);
        g.addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "final_relu");
        tensors.addAll(Readout.add(g, "pool", w, numClasses, cfg.outputMult(), rules, updaters));
        ComputationGraph graph = new ComputationGraph(g.build());
        graph.init();
        return new BuiltModel(graph, List.copyOf(tensors), new ResNetProbe(cfg.depth()));
    }

    private String residualBlock(GraphBuilder g, int block, String in, int w, double mN, double branchMult) {
        String name = "block" + block;
        ParamSpec hidden = ParamSpec.hidden(true, 9L * w, mN, mN, 2.0);
        String x;
        if (cfg.batchNorm()) {
            x = batchNorm(g, name + "_bn1", in, w, mN);
            x = conv(g, name + "_conv1", x, w, w, 1, hidden, ParamSpec.vector(true, mN), IDENTITY);
            x = batchNorm(g, name + "_bn2", x, w, mN);
        } else {
            g.addLayer(name + "_relu", new CopyFreeReluLayer(), in);
            x = conv(g, name + "_conv1", name + "_relu", w, w, 1, hidden, ParamSpec.vector(true, mN), RELU);
        }
        x = conv(g, name + "_conv2", x, w, w, 1, hidden, ParamSpec.vector(true, mN), IDENTITY);
        g.addVertex(branchOutput(block), new ScaleVertex(branchMult), x);
        g.addVertex(streamAfter(block), new ResidualAddVertex(), in, branchOutput(block));
        return streamAfter(block);
    }

    private String conv(GraphBuilder g, String name, String in, int nIn, int nOut, int stride, ParamSpec weight,
                        ParamSpec bias, IActivation act) {
        LayerRule wr = rule(name, "W", weight);
        ConvolutionLayer.Builder b = new ConvolutionLayer.Builder(3, 3).stride(stride, stride)
                .nIn(nIn).nOut(nOut).activation(act).hasBias(cfg.convBias());
        b.weightInit(Graphs.init(wr)).updater(updaters.updater(wr)).regularization(updaters.weightDecay(wr));
        if (cfg.convBias()) {
            LayerRule br = rule(name, "b", bias);
            b.biasInit(0).biasUpdater(updaters.updater(br));
        }
        g.addLayer(name, CopyFreeConvLayer.of(b), in);
        return name;
    }

    /**
     * Pre-norm batch norm, then a ReLU layer; gamma and beta share one VECTOR rule. The ReLU is its own
     * layer because DL4J's BatchNormalization ignores its activation setting (its activate() returns
     * preOutput): with the ReLU fused in, branches had no nonlinearity (found by `hpt parity`).
     */
    private String batchNorm(GraphBuilder g, String name, String in, int w, double mN) {
        LayerRule r = rule(name, "gamma", ParamSpec.vector(true, mN));
        rule(name, "beta", ParamSpec.vector(true, mN));
        g.addLayer(name, new BatchNormalization.Builder().nOut(w).activation(IDENTITY)
                .updater(updaters.updater(r)).build(), in);
        g.addLayer(name + "_relu", new CopyFreeReluLayer(), name);
        return name + "_relu";
    }

    private LayerRule rule(String layer, String key, ParamSpec spec) {
        LayerRule r = rules.rule(spec);
        tensors.add(new TensorRole(layer, key, spec, r));
        return r;
    }
}
