package io.hptransfer.parity;

import java.util.List;

/**
 * One implementation's record of a short training run: per step the loss, every tensor's gradient
 * (of the batch-mean loss, before the optimizer) and every tensor's value after the step, plus the
 * initial values. Tensors are named "layer/param" and flattened in hpt's layout.
 *
 * @param tensors names, in a fixed order shared by both sides
 * @param init    initial value of each tensor
 * @param losses  loss at each step (on the weights before that step's update)
 * @param grads   grads[step][tensor]
 * @param params  params[step][tensor], after the step's update
 */
public record Trajectory(List<String> tensors, double[][] init, double[] losses, double[][][] grads, double[][][] params) {

    public int steps() {
        return losses.length;
    }

    public int indexOf(String tensor) {
        int i = tensors.indexOf(tensor);
        if (i < 0) throw new IllegalArgumentException("no tensor " + tensor);
        return i;
    }
}
