package io.hptransfer.limit;

/**
 * Model A of the limit checks (Chizat 2025; Chaintron-Chizat-Maass 2026): a ResNet whose L blocks
 * are two-layer perceptrons of hidden width M on a residual stream of width D,
 * p_l = U_l^T h_l / D, h_{l+1} = h_l + alpha/(L M) V_l sigma(p_l), trained by full-batch GD on
 * U and V with raw learning rate eta L M D / alpha^2 (the maximal-local-update scaling).
 */
public record ModelA(int depth, int hidden, double alpha, double eta, boolean tanh) {
    public ModelA {
        if (depth < 1 || hidden < 1) throw new IllegalArgumentException("Model A needs depth L >= 1 and hidden width M >= 1");
        if (!(alpha > 0) || !(eta > 0)) throw new IllegalArgumentException("Model A needs alpha > 0 and eta > 0");
    }

    /** The raw GD learning rate of U and V. */
    public double rawLr(int dim) {
        return eta * depth * (double) hidden * dim / (alpha * alpha);
    }

    /** Branch multiplier alpha / (L M). */
    public double branch() {
        return alpha / (depth * (double) hidden);
    }

    double act(double p) {
        return tanh ? Math.tanh(p) : p;
    }

    double actGrad(double p) {
        if (!tanh) return 1;
        double t = Math.tanh(p);
        return 1 - t * t;
    }
}
