package io.hptransfer.param;

/**
 * THE parameterization table. Every model asks this class, and only this class, for init,
 * per-tensor learning-rate multipliers (SGD and Adam), Adam epsilon multipliers and forward
 * multipliers. Source: shared/reference/scaling-rules.md (microsoft/mup "library form", TP V,
 * CompleteP Table 1, Bordelon et al. code).
 *
 * <pre>
 * width (muP only; SP = all ones)       init var            SGD lr mult        Adam lr mult   Adam eps mult
 *   INPUT        (stem, embeddings)     gain/fan_in         m_out              1              1
 *   HIDDEN       (both dims width)      gain/fan_in         m_out/m_in         1/m_in         1/m_in
 *   VECTOR       (biases, norm params)  0 (bias) / 1 (gain) m_out              1              1
 *   READOUT                             1/base_fan_in (or 0) m_in              1              1
 *   READOUT_BIAS                        0                   1                  1              1
 * depth (alpha &gt; 0, tensors inside a residual branch only; stem, transitions, readout unchanged)
 *   SGD lr mult   x m_L^(2 alpha - 1)
 *   Adam lr mult  x m_L^(alpha - 1)
 *   Adam eps mult x m_L^(-alpha)
 * forward multipliers
 *   residual branch   beta * m_L^(-alpha)          (SP, muP: beta)
 *   readout input     output_mult / m_N            (SP: output_mult)
 *   attention logits  attn_mult * sqrt(base d_head) / d_head   (SP: attn_mult / sqrt(d_head))
 *                     i.e. 1/d_head under muP, normalised so that it equals SP at the base head dim
 * ViT roles: patch embedding, positional embedding (one-hot position, fan_in 1) and class token =
 *   INPUT; Q/K/V/O and both MLP matrices = HIDDEN (in branch); LN gains/biases and all biases =
 *   VECTOR (in branch inside blocks); final LN = VECTOR outside branches. muP option: zero queries.
 * weight decay: coefficient x 1/(lr mult), so lr*wd is the same at every shape (TP V: not truly
 *   muTransferable; this keeps its per-step effect constant).
 * </pre>
 * At m_N = m_L = 1 every entry is exactly the SP value.
 */
public final class ScalingRules {

    private final Parameterization param;
    private final Shape shape;
    private final Optimizer optimizer;
    private final double initScale;
    private final boolean zeroReadout;

    /**
     * @param initScale   multiplies every init std (a tunable HP; 1 = He/LeCun)
     * @param zeroReadout muP option: readout weights start at exactly 0
     */
    public ScalingRules(Parameterization param, Shape shape, Optimizer optimizer, double initScale,
                        boolean zeroReadout) {
        if (!(initScale >= 0) || Double.isInfinite(initScale)) {
            throw new IllegalArgumentException("init scale must be a finite number >= 0, got " + initScale);
        }
        this.param = param;
        this.shape = shape;
        this.optimizer = optimizer;
        this.initScale = initScale;
        this.zeroReadout = zeroReadout;
    }

    /** Where the model sits relative to its base shape. */
    public Shape shape() {
        return shape;
    }

    public LayerRule rule(ParamSpec p) {
        double lr = widthLrMult(p) * depthLrMult(p);
        double eps = widthEpsMult(p) * depthEpsMult(p);
        return new LayerRule(initStd(p), lr, eps, 1.0 / lr);
    }

    /** Residual branch forward multiplier: beta * m_L^-alpha. */
    public double branchMultiplier(double beta) {
        return beta * Math.pow(shape.depthMult(), -param.branchExponent());
    }

    /**
     * Attention logit multiplier. muP: attn_mult / d_head (TP V), written as attn_mult *
     * sqrt(d0)/d_head with d0 the base head dim so that it equals SP's attn_mult/sqrt(d_head) at
     * base shape (computed as attn_mult / (sqrt(d0) * d_head/d0), which is bit-equal there). With the head dim held fixed (heads grow with width) both forms coincide.
     */
    public double attentionScale(double attnMult, int headDim, int baseHeadDim) {
        if (!param.muP()) return attnMult / Math.sqrt(headDim);
        return attnMult / (Math.sqrt(baseHeadDim) * ((double) headDim / baseHeadDim)); // bit-equal to SP at base
    }

    /** Query weights: the HIDDEN rule, except that muP may start them at 0 (uniform attention at init). */
    public LayerRule queryRule(ParamSpec p, boolean zeroQuery) {
        LayerRule r = rule(p);
        return param.muP() && zeroQuery ? new LayerRule(0.0, r.lrMult(), r.adamEpsMult(), r.weightDecayMult()) : r;
    }

    /** Multiplier on the readout's input: output_mult / m_N under muP. */
    public double readoutMultiplier(double outputMult) {
        return param.muP() ? outputMult / shape.widthMult() : outputMult;
    }

    private double initStd(ParamSpec p) {
        return switch (p.role()) {
            case INPUT, HIDDEN -> initScale * Math.sqrt(p.gain() / p.fanIn());
            case READOUT -> {
                if (param.muP() && zeroReadout) yield 0.0;
                // muP keeps the base model's readout variance: 1/base_fan_in
                double fanIn = param.muP() ? p.fanIn() / p.fanInMult() : p.fanIn();
                yield initScale * Math.sqrt(1.0 / fanIn);
            }
            case VECTOR, READOUT_BIAS -> 0.0;
        };
    }

    private double widthLrMult(ParamSpec p) {
        if (!param.muP()) return 1.0;
        boolean sgd = optimizer == Optimizer.SGD;
        return switch (p.role()) {
            case INPUT, VECTOR -> sgd ? p.fanOutMult() : 1.0;
            // SGD: mup's MuSGD divides by fanin_mult/fanout_mult (spectral condition: lr ~ fan_out/fan_in)
            case HIDDEN -> sgd ? p.fanOutMult() / p.fanInMult() : 1.0 / p.fanInMult();
            case READOUT -> sgd ? p.fanInMult() : 1.0;
            case READOUT_BIAS -> 1.0;
        };
    }

    private double depthLrMult(ParamSpec p) {
        if (!param.depthScaling() || !p.inBranch()) return 1.0;
        double a = param.branchExponent();
        double exponent = optimizer == Optimizer.SGD ? 2 * a - 1 : a - 1;
        return Math.pow(shape.depthMult(), exponent);
    }

    private double widthEpsMult(ParamSpec p) {
        return param.muP() && p.role() == Role.HIDDEN ? 1.0 / p.fanInMult() : 1.0;
    }

    private double depthEpsMult(ParamSpec p) {
        if (!param.depthScaling() || !p.inBranch()) return 1.0;
        return Math.pow(shape.depthMult(), -param.branchExponent());
    }
}
