package io.hptransfer.mup;

import io.hptransfer.model.CopyFreeConvLayer;
import io.hptransfer.param.ParamSpec;
import io.hptransfer.param.Role;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInitRelu;
import org.deeplearning4j.nn.weights.WeightInitReluUniform;

import java.util.List;

/**
 * The rule-table spec of each trainable tensor of one layer, read from the layer's sizes at the target, base
 * and delta widths (microsoft/mup's recipe: a dimension that differs between base and delta grows with width).
 * Weights: fan-out only grows = INPUT, both = HIDDEN, neither = a fixed-size layer (every multiplier 1),
 * fan-in only = READOUT (the output layer only); biases and batch-norm parameters are VECTORs, the output bias
 * READOUT_BIAS.
 */
final class LayerRoles {
    /** One tensor: its DL4J parameter key and spec. */
    record Param(String key, ParamSpec spec) {
    }

    /** One dimension at the three widths. */
    record Dim(String what, long target, long base, long delta) {
        boolean grows() {
            return base != delta;
        }

        /** target / base for a width dimension, 1 for a fixed one. */
        double mult() {
            return grows() ? (double) target / base : 1.0;
        }
    }

    private LayerRoles() {
    }

    /** Whether any size of this layer differs between base and delta (is a width). */
    static boolean grows(Layer b, Layer d) {
        return b instanceof FeedForwardLayer fb && d instanceof FeedForwardLayer fd
                && (fb.getNIn() != fd.getNIn() || fb.getNOut() != fd.getNOut());
    }

    static boolean hasParams(Layer l) {
        return l.initializer().numParams(l) > 0;
    }

    static List<Param> of(String name, Layer t, Layer b, Layer d, boolean output, boolean inBranch, Role stated) {
        if (!t.getClass().equals(b.getClass()) || !t.getClass().equals(d.getClass())) {
            throw new IllegalArgumentException("layer '" + name + "' is a " + t.getClass().getSimpleName() + " in the target but a "
                    + b.getClass().getSimpleName() + "/" + d.getClass().getSimpleName() + " in base/delta: build all three from one function of width");
        }
        if (t instanceof BatchNormalization) {
            Dim n = dim(name, "nOut", (FeedForwardLayer) t, (FeedForwardLayer) b, (FeedForwardLayer) d);
            ParamSpec v = ParamSpec.vector(inBranch, n.mult());
            return List.of(new Param("gamma", v), new Param("beta", v));
        }
        // exact classes: DL4J's conv subclasses (1D, depthwise, deconv) hold other shapes; ours holds the same
        boolean supported = t.getClass() == ConvolutionLayer.class || t.getClass() == CopyFreeConvLayer.class
                || t.getClass() == DenseLayer.class
                || t.getClass() == EmbeddingLayer.class || (output && t instanceof BaseOutputLayer);
        if (!supported) {
            throw new IllegalArgumentException("layer '" + name + "' (" + t.getClass().getSimpleName() + ") has parameters muP cannot "
                    + "classify: hpt knows Dense, Convolution, Embedding, BatchNormalization and the output layer; use those there");
        }
        FeedForwardLayer ft = (FeedForwardLayer) t, fb = (FeedForwardLayer) b, fd = (FeedForwardLayer) d;
        Dim in = dim(name, "nIn", ft, fb, fd), out = dim(name, "nOut", ft, fb, fd);
        long fanIn = t instanceof ConvolutionLayer c ? in.target() * c.getKernelSize()[0] * c.getKernelSize()[1]
                // a learned embedding is an input weight on a one-hot input: fan-in 1, as the ViT's positional embedding
                : t instanceof EmbeddingLayer ? 1 : in.target();
        double gain = heInit(((org.deeplearning4j.nn.conf.layers.BaseLayer) t).getWeightInitFn()) ? 2.0 : 1.0;
        Role role = stated != null ? stated : output ? Role.READOUT : inferred(name, in, out);
        ParamSpec w = switch (role) {
            case INPUT -> new ParamSpec(Role.INPUT, inBranch, fanIn, 1, out.mult(), gain);
            case HIDDEN -> ParamSpec.hidden(inBranch, fanIn, in.mult(), out.mult(), gain);
            case READOUT -> {
                if (out.grows()) {
                    throw new IllegalArgumentException("the output layer '" + name + "' has " + out.target() + " outputs, and they grow "
                            + "with width (" + out.base() + " at base, " + out.delta() + " at delta): a readout's outputs are the classes, keep them fixed");
                }
                yield ParamSpec.readout(fanIn, in.mult());
            }
            case VECTOR, READOUT_BIAS -> throw new IllegalArgumentException("layer '" + name + "': role " + role
                    + " is for biases and norms; a weight is INPUT, HIDDEN or READOUT");
        };
        boolean bias = ft.initializer().paramKeys(ft).contains("b");
        ParamSpec bs = role == Role.READOUT ? ParamSpec.readoutBias() : ParamSpec.vector(inBranch, out.mult());
        return bias ? List.of(new Param("W", w), new Param("b", bs)) : List.of(new Param("W", w));
    }

    private static Role inferred(String name, Dim in, Dim out) {
        if (in.grows() && !out.grows()) {
            throw new IllegalArgumentException("layer '" + name + "' maps the width (nIn " + in.target() + ") to a fixed " + out.target()
                    + " outputs, which only the output layer may: state its role with MuOptions.withRole(\"" + name + "\", Role.HIDDEN)"
                    + " (or READOUT)");
        }
        return in.grows() ? Role.HIDDEN : out.grows() ? Role.INPUT : Role.HIDDEN;
    }

    private static Dim dim(String layer, String what, FeedForwardLayer t, FeedForwardLayer b, FeedForwardLayer d) {
        boolean nIn = what.equals("nIn");
        Dim x = new Dim(what, nIn ? t.getNIn() : t.getNOut(), nIn ? b.getNIn() : b.getNOut(), nIn ? d.getNIn() : d.getNOut());
        if (x.target() < 1 || x.base() < 1 || x.delta() < 1) {
            throw new IllegalArgumentException("layer '" + layer + "' has no " + what + " yet: build the configurations with "
                    + "setInputType(...) (or set nIn) so DL4J fills in every size");
        }
        if (x.grows() && x.delta() < x.base()) {
            throw new IllegalArgumentException("layer '" + layer + "': " + what + " is " + x.base() + " at base but " + x.delta()
                    + " at delta: build delta at a larger width than base");
        }
        if (!x.grows() && x.target() != x.base()) {
            throw new IllegalArgumentException("layer '" + layer + "': " + what + " is " + x.base() + " at base and delta but " + x.target()
                    + " at the target: a dimension that grows with width must differ between base and delta too (build delta wider)");
        }
        return x;
    }

    /** He (ReLU) inits set the table's gain 2, every other init 1. */
    private static boolean heInit(IWeightInit w) {
        return w instanceof WeightInitRelu || w instanceof WeightInitReluUniform;
    }
}
