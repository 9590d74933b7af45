package io.hptransfer.param;

/**
 * The table's answer for one parameter tensor.
 *
 * @param initStd       standard deviation of the N(0, std^2) init (vectors: ignored, they start at 0/1)
 * @param lrMult        multiplies the base learning rate (and every schedule value) for this tensor
 * @param adamEpsMult   multiplies Adam's epsilon for this tensor
 * @param weightDecayMult multiplies the weight-decay coefficient: 1/lrMult keeps lr*wd shape-invariant
 */
public record LayerRule(double initStd, double lrMult, double adamEpsMult, double weightDecayMult) {
}
