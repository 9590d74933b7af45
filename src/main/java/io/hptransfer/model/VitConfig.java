package io.hptransfer.model;

import io.hptransfer.param.Optimizer;
import io.hptransfer.param.Parameterization;
import io.hptransfer.param.ScalingRules;
import io.hptransfer.param.Shape;

import java.util.Locale;

/**
 * Small vision transformer: patch embedding (patch x patch, stride patch) + learned positional
 * embedding -> L pre-norm blocks h + b*MHSA(LN(h)), h + b*MLP(LN(h)) with b = beta * m_L^-alpha ->
 * final LN -> mean pool or class token -> readout.
 *
 * @param width       model width d
 * @param depth       transformer blocks L (each has an attention and an MLP branch)
 * @param baseWidth   proxy width (m_N = width/baseWidth)
 * @param baseDepth   proxy depth (m_L = depth/baseDepth)
 * @param patch       patch side in pixels; must divide the image size
 * @param heads       how heads grow with width: FIXED_DIM keeps d_head = headValue (mutransformers
 *                    "dhead" check), FIXED_COUNT keeps headValue heads so d_head grows ("nhead")
 * @param headValue   d_head (FIXED_DIM) or head count (FIXED_COUNT)
 * @param mlpRatio    MLP hidden width / d
 * @param classToken  read out a learned class token instead of the mean over patch tokens
 * @param branchBeta  beta of the branch multiplier
 * @param outputMult  readout multiplier (muP divides it by m_N)
 * @param attnMult    attention logit multiplier (see {@link ScalingRules#attentionScale})
 * @param initScale   multiplies every init std
 * @param zeroReadout muP option: readout starts at 0
 * @param zeroQuery   muP option: query weights start at 0 (uniform attention at init)
 */
public record VitConfig(int width, int depth, int baseWidth, int baseDepth, int patch, HeadScaling heads,
                        int headValue, int mlpRatio, boolean classToken, double branchBeta, double outputMult,
                        double attnMult, double initScale, boolean zeroReadout, boolean zeroQuery) implements ArchConfig {

    public enum HeadScaling {
        FIXED_DIM, FIXED_COUNT;

        /** As specs spell it: dhead (the head dim is held fixed) or nhead (the head count is). */
        public String key() {
            return this == FIXED_DIM ? "dhead" : "nhead";
        }

        public static HeadScaling parse(String s) {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "dhead", "fixed-dim" -> FIXED_DIM;
                case "nhead", "fixed-count" -> FIXED_COUNT;
                default -> throw new IllegalArgumentException("unknown head scaling '" + s
                        + "': use dhead (head dim fixed) or nhead (head count fixed)");
            };
        }
    }

    public VitConfig {
        if (width < 1 || depth < 1) throw new IllegalArgumentException("ViT width and depth must be >= 1, got " + width + "/" + depth);
        if (baseWidth < 1 || baseDepth < 1) throw new IllegalArgumentException("base width/depth must be >= 1, got " + baseWidth + "/" + baseDepth);
        if (patch < 1) throw new IllegalArgumentException("patch size must be >= 1, got " + patch);
        if (headValue < 1) throw new IllegalArgumentException("head dim / head count must be >= 1, got " + headValue);
        if (mlpRatio < 1) throw new IllegalArgumentException("MLP ratio must be >= 1, got " + mlpRatio);
        for (int w : new int[]{width, baseWidth}) {
            if (w % headValue != 0) {
                throw new IllegalArgumentException("ViT width " + w + " is not a multiple of "
                        + (heads == HeadScaling.FIXED_DIM ? "head dim " : "head count ") + headValue
                        + ": pick widths divisible by it");
            }
        }
        if (!(branchBeta > 0) || !(outputMult > 0) || !(attnMult > 0) || Double.isInfinite(branchBeta)
                || Double.isInfinite(outputMult) || Double.isInfinite(attnMult)) {
            throw new IllegalArgumentException("branch beta, output and attention multipliers must be finite and > 0");
        }
        if (!(initScale >= 0) || Double.isInfinite(initScale)) {
            throw new IllegalArgumentException("init scale must be finite and >= 0, got " + initScale);
        }
    }

    // Every ViT default is here (the shared multipliers in ArchConfig): the CLI, specs and builders read them.
    public static final int PATCH = 4;
    public static final HeadScaling HEADS = HeadScaling.FIXED_DIM;
    public static final int HEAD_DIM = 8;
    public static final int MLP_RATIO = 4;
    public static final boolean CLASS_TOKEN = false;
    public static final double ATTN_MULT = 1.0;
    public static final boolean ZERO_QUERY = false;

    /** Defaults: patch 4, head dim 8 fixed, MLP ratio 4, mean pooling, all multipliers 1, base = this shape. */
    public static VitConfig of(int width, int depth) {
        return builder(width, depth).build();
    }

    /** A config at this shape with every default, to change by name. */
    public static Builder builder(int width, int depth) {
        return new Builder(width, depth);
    }

    /** Named settings over the defaults (the record's 15 positional arguments are easy to swap). */
    public static final class Builder {
        private final int width, depth;
        private int baseWidth, baseDepth, patch = PATCH, headValue = HEAD_DIM, mlpRatio = MLP_RATIO;
        private HeadScaling heads = HEADS;
        private boolean classToken = CLASS_TOKEN, zeroReadout = ZERO_READOUT, zeroQuery = ZERO_QUERY;
        private double branchBeta = BRANCH_BETA, outputMult = OUTPUT_MULT, attnMult = ATTN_MULT, initScale = INIT_SCALE;

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

        public Builder patch(int p) {
            patch = p;
            return this;
        }

        /** How heads grow with width, and the head dim (FIXED_DIM) or head count (FIXED_COUNT) held fixed. */
        public Builder heads(HeadScaling h, int value) {
            heads = h;
            headValue = value;
            return this;
        }

        public Builder mlpRatio(int r) {
            mlpRatio = r;
            return this;
        }

        public Builder classToken(boolean c) {
            classToken = c;
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

        public Builder attnMult(double m) {
            attnMult = m;
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

        public Builder zeroQuery(boolean z) {
            zeroQuery = z;
            return this;
        }

        public VitConfig build() {
            return new VitConfig(width, depth, baseWidth, baseDepth, patch, heads, headValue, mlpRatio, classToken, branchBeta,
                    outputMult, attnMult, initScale, zeroReadout, zeroQuery);
        }
    }

    /** This config's settings at another shape, to change by name. */
    public Builder toBuilder(int w, int d) {
        return builder(w, d).base(baseWidth, baseDepth).patch(patch).heads(heads, headValue).mlpRatio(mlpRatio)
                .classToken(classToken).branchBeta(branchBeta).outputMult(outputMult).attnMult(attnMult).initScale(initScale)
                .zeroReadout(zeroReadout).zeroQuery(zeroQuery);
    }

    @Override
    public Arch arch() {
        return Arch.VIT;
    }

    @Override
    public VitConfig reshaped(int w, int d, int bw, int bd) {
        return new VitConfig(w, d, bw, bd, patch, heads, headValue, mlpRatio, classToken, branchBeta, outputMult,
                attnMult, initScale, zeroReadout, zeroQuery);
    }

    @Override
    public VitConfig withMultipliers(double om, double is) {
        return new VitConfig(width, depth, baseWidth, baseDepth, patch, heads, headValue, mlpRatio, classToken, branchBeta,
                om, attnMult, is, zeroReadout, zeroQuery);
    }

    @Override
    public BuiltModel build(Parameterization p, io.hptransfer.optim.UpdaterFactory updaters, Optimizer o, int channels,
                            int size, int numClasses, long seed, org.nd4j.linalg.api.buffer.DataType dtype) {
        return new VitBuilder(this, rules(p, o), updaters).build(channels, size, numClasses, seed, dtype);
    }

    @Override
    public String describe() {
        return "vit W" + width + " L" + depth + " patch " + patch + " heads " + headCount() + "x" + headDim()
                + (classToken ? " cls" : " mean-pool");
    }

    public int headDim() {
        return heads == HeadScaling.FIXED_DIM ? headValue : width / headValue;
    }

    public int headCount() {
        return width / headDim();
    }

    public int baseHeadDim() {
        return heads == HeadScaling.FIXED_DIM ? headValue : baseWidth / headValue;
    }

    @Override
    public ScalingRules rules(Parameterization p, Optimizer o) {
        return new ScalingRules(p, Shape.of(width, baseWidth, depth, baseDepth), o, initScale, zeroReadout);
    }

    /** Forward multiply-adds x2 per image (linear layers and attention products), for GFLOP/s reporting. */
    @Override
    public double forwardFlops(int channels, int size) {
        if (size % patch != 0) return Double.NaN;
        long t = (long) (size / patch) * (size / patch) + (classToken ? 1 : 0);
        double perToken = (double) channels * patch * patch * width;
        double block = 4.0 * width * width + 2.0 * width * mlpRatio * width;
        return 2.0 * (t * perToken + depth * (t * block + 2.0 * t * t * width));
    }

    @Override
    public double parameterCount(int channels, int size) {
        double t = (double) (size / patch) * (size / patch) + (classToken ? 1 : 0), hid = (double) mlpRatio * width;
        double block = 4.0 * width * width + 4 * width + 2 * width * hid + hid + width + 4 * width;
        return channels * patch * patch * width + width + t * width + depth * block + 2 * width + 10.0 * width + 10;
    }

    @Override
    public double activationsPerImage(int channels, int size) {
        double t = (double) (size / patch) * (size / patch) + (classToken ? 1 : 0), hid = (double) mlpRatio * width;
        // per block: two layer norms, q, k, v, attention output, projection, two residual sums (~10 x t x width),
        // the MLP's hidden layer before and after GELU, and softmax inputs and outputs over t x t per head
        return t * width + depth * (10 * t * width + 2 * t * hid + 2.0 * headCount() * t * t);
    }
}
