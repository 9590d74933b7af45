package io.hptransfer.parity;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * How far hpt's run may be from the exact (float64) PyTorch computation and still count as the
 * same computation. Each is a relative difference: of the loss, of each tensor's gradient, and of
 * each tensor's update (where learning-rate and epsilon rules show; the tensor's value would hide
 * them behind its init).
 * <ul>
 * <li>float64, free-running: both runs go their own way for every step; only rounding at 1e-16
 *     separates two exact implementations, so the bounds are 1e-9 / 1e-8.</li>
 * <li>float32, teacher-forced: every step of the reference starts from hpt's own tensors and its
 *     optimizer consumes hpt's gradient, so each phase of each step is judged on its own: the loss
 *     (1e-5), the gradient (5e-2: float32 sums over a batch lose up to 2e-3 for an SP stem and
 *     2.8e-2 for a conv under batch norm, at a step where BN normalises a nearly constant channel;
 *     float64 agrees there to 1e-13; a wrong forward multiplier already fails the loss) and the
 *     update (1e-4 plus the float32 rounding of the stored tensor: the optimizer's own arithmetic). A free-running float32 comparison cannot be tight: a 5e-8
 *     parameter difference put one stem channel across a ReLU kink shared by thousands of
 *     identical background pixels and moved the next gradient by 2e-4, while each side computed
 *     that gradient correctly for its own parameters (measured, resnet-W8L2-sp-adam).</li>
 * </ul>
 */
public record Tolerance(double loss, double gradient, double update, Mode mode) {
    public Tolerance {
        if (!(loss > 0) || !(gradient > 0) || !(update > 0)) throw new IllegalArgumentException("tolerances must be > 0");
        if (mode == null) throw new IllegalArgumentException("a tolerance needs a comparison mode");
    }

    /** Whether the reference follows hpt's tensors step by step. */
    public enum Mode {
        FREE_RUNNING("free-running: each implementation follows its own trajectory"),
        TEACHER_FORCED("teacher-forced: each reference step starts from hpt's tensors after its previous step");

        private final String label;

        Mode(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public static Tolerance forDtype(DataType dt) {
        return dt == DataType.DOUBLE ? new Tolerance(1e-9, 1e-8, 1e-8, Mode.FREE_RUNNING)
                : new Tolerance(1e-5, 5e-2, 1e-4, Mode.TEACHER_FORCED);
    }

    /**
     * Below this fraction of the step's largest tensor norm, a gradient is compared against that scale
     * instead of its own norm: a conv bias before batch norm has an exactly-zero gradient, so its own
     * norm is rounding noise (float64: ~1e-15 of the largest; float32: ~1e-5).
     */
    public double negligible() {
        return mode == Mode.FREE_RUNNING ? 1e-5 : 1e-3;
    }

    public double bound(Phase p) {
        return switch (p) {
            case LOSS -> loss;
            case GRADIENT -> gradient;
            case UPDATE -> update;
        };
    }
}
