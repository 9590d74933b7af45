package io.hptransfer.model;

import io.hptransfer.param.Optimizer;
import io.hptransfer.param.Parameterization;
import io.hptransfer.param.ScalingRules;
import io.hptransfer.param.Shape;

/**
 * Convolutional ResNet: stem conv (width W) -> S stages of depth/S residual blocks
 * h + branch_mult * conv(relu([bn] conv(relu([bn] h)))) -> stride-2 width-doubling transition
 * conv between stages -> relu -> global average pool -> readout.
 *
 * @param width       channels of the first stage (W)
 * @param depth       total residual blocks L
 * @param stages      S; depth must be a multiple of S
 * @param baseWidth   proxy width the rules are relative to (m_N = width/baseWidth)
 * @param baseDepth   proxy depth (m_L = depth/baseDepth)
 * @param batchNorm   batch norm inside the branch (pre-norm, never on the branch output)
 * @param convBias    convs have biases (VECTOR role)
 * @param branchBeta  beta of the branch multiplier beta * m_L^-alpha
 * @param outputMult  readout multiplier (muP divides it by m_N)
 * @param initScale   multiplies every init std
 * @param zeroReadout start the readout at 0 (muP option)
 */
public record ResNetConfig(int width, int depth, int stages, int baseWidth, int baseDepth, boolean batchNorm,
                           boolean convBias, double branchBeta, double outputMult, double initScale,
                           boolean zeroReadout) implements ArchConfig {

    public ResNetConfig {
        if (width < 1) throw new IllegalArgumentException("width must be >= 1, got " + width + ": pass --width 16 or larger");
        if (depth < 1) throw new IllegalArgumentException("depth must be >= 1 residual block, got " + depth);
        if (stages < 1) throw new IllegalArgumentException("stages must be >= 1, got " + stages);
        if (depth % stages != 0) {
            throw new IllegalArgumentException("depth " + depth + " is not a multiple of stages " + stages
                    + ": each stage needs the same number of blocks");
        }
        if (baseWidth < 1 || baseDepth < 1) {
            throw new IllegalArgumentException("base width/depth must be >= 1, got " + baseWidth + "/" + baseDepth);
        }
        if (!(branchBeta > 0) || !(outputMult > 0) || Double.isInfinite(branchBeta) || Double.isInfinite(outputMult)) {
            throw new IllegalArgumentException("branch beta and output multiplier must be finite and > 0");
        }
        if (!(initScale >= 0) || Double.isInfinite(initScale)) {
            throw new IllegalArgumentException("init scale must be finite and >= 0, got " + initScale);
        }
    }

    // Every ResNet default is here (the shared multipliers in ArchConfig): the CLI, specs and builders read them.
    public static final int STAGES = 1;
    public static final boolean BATCH_NORM = false;
    public static final boolean CONV_BIAS = true;

    /** Defaults: one stage, no batch norm, conv biases, beta = output mult = init scale = 1, base = this shape. */
    public static ResNetConfig of(int width, int depth) {
        return builder(width, depth).build();
    }

    /** A config at this shape with every default, to change by name. */
    public static Builder builder(int width, int depth) {
        return new Builder(width, depth);
    }

    /** Named settings over the defaults (the record's 11 positional arguments are easy to swap). */
    public static final class Builder {
        private final int width, depth;
        private int stages = STAGES, baseWidth, baseDepth;
        private boolean batchNorm = BATCH_NORM, convBias = CONV_BIAS, zeroReadout = ZERO_READOUT;
        private double branchBeta = BRANCH_BETA, outputMult = OUTPUT_MULT, initScale = INIT_SCALE;

        private Builder(int width, int depth) {
            this.width = width;
            this.depth = depth;
            this.baseWidth = width;
            this.baseDepth = depth;
        }

        /** The proxy shape the rules are relative to (default: this shape). */
        public Builder base(int w, int d) {
            baseWidth = w;
            baseDepth = d;
            return this;
        }

        public Builder stages(int s) {
            stages = s;
            return this;
        }

        public Builder batchNorm(boolean b) {
            batchNorm = b;
            return this;
        }

        public Builder convBias(boolean b) {
            convBias = b;
            return this;
        }

        public Builder branchBeta(double b) {
            branchBeta = b;
            return this;
        }

        public Builder outputMult(double m) {
            outputMult = m;
            return this;
        }

        public Builder initScale(double s) {
            initScale = s;
            return this;
        }

        public Builder zeroReadout(boolean z) {
            zeroReadout = z;
            return this;
        }

        public ResNetConfig build() {
            return new ResNetConfig(width, depth, stages, baseWidth, baseDepth, batchNorm, convBias, branchBeta, outputMult,
                    initScale, zeroReadout);
        }
    }

    @Override
    public Arch arch() {
        return Arch.RESNET;
    }

    /** The rule table for this model: shape, init scale and readout init all come from the config. */
    @Override
    public ScalingRules rules(Parameterization p, Optimizer o) {
        return new ScalingRules(p, Shape.of(width, baseWidth, depth, baseDepth), o, initScale, zeroReadout);
    }

    @Override
    public ResNetConfig reshaped(int w, int d, int bw, int bd) {
        return new ResNetConfig(w, d, stages, bw, bd, batchNorm, convBias, branchBeta, outputMult, initScale, zeroReadout);
    }

    @Override
    public ResNetConfig withMultipliers(double om, double is) {
        return new ResNetConfig(width, depth, stages, baseWidth, baseDepth, batchNorm, convBias, branchBeta, om, is, zeroReadout);
    }

    @Override
    public BuiltModel build(Parameterization p, io.hptransfer.optim.UpdaterFactory updaters, Optimizer o, int channels,
                            int size, int numClasses, long seed, org.nd4j.linalg.api.buffer.DataType dtype) {
        return new ResNetBuilder(this, rules(p, o), updaters).build(channels, size, numClasses, seed, dtype);
    }

    @Override
    public String describe() {
        return "resnet W" + width + " L" + depth + " stages=" + stages + " bn=" + batchNorm;
    }

    public ResNetConfig withBatchNorm(boolean bn) {
        return new ResNetConfig(width, depth, stages, baseWidth, baseDepth, bn, convBias, branchBeta, outputMult,
                initScale, zeroReadout);
    }

    public ResNetConfig withStages(int s) {
        return new ResNetConfig(width, depth, s, baseWidth, baseDepth, batchNorm, convBias, branchBeta, outputMult,
                initScale, zeroReadout);
    }

    public int blocksPerStage() {
        return depth / stages;
    }

    /** Forward multiply-adds x2 per image, for GFLOP/s reporting. */
    @Override
    public double forwardFlops(int channels, int size) {
        double flops = 2.0 * size * size * 9 * channels * width;
        int w = width, s = size;
        for (int st = 0; st < stages; st++) {
            if (st > 0) {
                s = (s + 1) / 2;
                flops += 2.0 * s * s * 9 * w * (2 * w);
                w *= 2;
            }
            flops += blocksPerStage() * 2 * (2.0 * s * s * 9 * w * w);
        }
        return flops;
    }

    @Override
    public double parameterCount(int channels, int size) {
        double n = 9.0 * channels * width + width, w = width;
        for (int st = 0; st < stages; st++) {
            if (st > 0) {
                n += 9.0 * w * 2 * w + 2 * w;
                w *= 2;
            }
            n += blocksPerStage() * (2 * (9.0 * w * w + w) + (batchNorm ? 4 * w : 0));
        }
        return n + 10 * w + 10;
    }

    @Override
    public double activationsPerImage(int channels, int size) {
        double a = (double) width * size * size; // the stem's output
        double w = width, s = size;
        for (int st = 0; st < stages; st++) {
            if (st > 0) {
                s = Math.ceil(s / 2);
                w *= 2;
                a += w * s * s;
            }
            a += blocksPerStage() * 5 * w * s * s; // relu, conv1, conv2, scaled branch, sum (+2 with batch norm)
            if (batchNorm) a += blocksPerStage() * 2 * w * s * s;
        }
        return a;
    }
}
