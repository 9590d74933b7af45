package io.hptransfer.parity;

import java.util.List;
import java.util.Locale;

/**
 * Step-by-step comparison of hpt's run with the reference's exact (float64) run from the same
 * initial tensors and batches, free-running or teacher-forced (see {@link Tolerance}). Within a step the phases are checked in the order they run (loss,
 * gradients, update), so the first divergence names where the implementations part: the step,
 * the phase and the tensor.
 *
 * @param maxLoss     largest relative loss difference over all steps
 * @param maxGradient largest relative gradient difference (any tensor, any step), and its tensor
 * @param maxUpdate   largest relative difference of a tensor's change since init, and its tensor
 * @param worstMargin largest ratio difference / allowed (agreement needs <= 1)
 * @param first       first difference above its bound, or null when they agree
 */
public record Comparison(double maxLoss, double maxGradient, String worstGradientTensor, double maxUpdate,
                         String worstUpdateTensor, double worstMargin, Divergence first) {

    /** Where two runs part. */
    public record Divergence(int step, Phase phase, String tensor, double relDiff, double allowed, String detail) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "first parts at step %d, %s%s: relative difference %.3g > allowed %.3g%s",
                    step + 1, phase.label(), tensor == null ? "" : " of " + tensor, relDiff, allowed,
                    detail.isEmpty() ? "" : " (" + detail + ")");
        }
    }

    public boolean agree() {
        return first == null;
    }

    /**
     * @param ref the reference's float64 run: free-running, or teacher-forced from hpt's tensors (then each
     *            step's update is measured from hpt's tensors before that step, on both sides)
     */
    public static Comparison of(Trajectory hpt, Trajectory ref, Tolerance tol) {
        if (!hpt.tensors().equals(ref.tensors())) throw new IllegalArgumentException("the runs have different tensors");
        boolean forced = tol.mode() == Tolerance.Mode.TEACHER_FORCED;
        int steps = Math.min(hpt.steps(), ref.steps());
        List<String> names = hpt.tensors();
        int n = names.size();
        Worst loss = new Worst(), grad = new Worst(), upd = new Worst();
        boolean[] signal = new boolean[n];
        Divergence first = null;
        for (int s = 0; s < steps; s++) {
            if (!Double.isFinite(hpt.losses()[s]) && !Double.isFinite(ref.losses()[s])) break; // both diverged here: agreed
            double dl = rel(hpt.losses()[s], ref.losses()[s]);
            loss.see(dl, tol.loss(), null);
            if (first == null && !(dl <= tol.loss())) {
                first = new Divergence(s, Phase.LOSS, null, dl, tol.loss(),
                        String.format(Locale.ROOT, "hpt %.7g, PyTorch %.7g", hpt.losses()[s], ref.losses()[s]));
            }
            double gScale = tol.negligible() * largestNorm(ref.grads()[s], null);
            for (int t = 0; t < n; t++) {
                signal[t] |= norm(ref.grads()[s][t]) > gScale;
                double dg = rel(hpt.grads()[s][t], ref.grads()[s][t], null, gScale);
                grad.see(dg, tol.gradient(), names.get(t));
                if (first == null && !(dg <= tol.gradient())) {
                    first = new Divergence(s, Phase.GRADIENT, names.get(t), dg, tol.gradient(), ratio(hpt.grads()[s][t], ref.grads()[s][t], null));
                }
            }
            double[][] before = !forced || s == 0 ? hpt.init() : hpt.params()[s - 1];
            double uScale = tol.negligible() * largestNorm(ref.params()[s], before);
            for (int t = 0; t < n; t++) {
                // no gradient so far (zero in exact arithmetic, e.g. a conv bias before batch norm): under Adam
                // its update is rounding noise divided by epsilon on both sides, so there is nothing to compare
                if (!signal[t]) continue;
                double du = rel(hpt.params()[s][t], ref.params()[s][t], before[t], uScale);
                double au = tol.update() + roundingOfUpdate(hpt.params()[s][t], before[t], uScale, tol);
                upd.see(du, au, names.get(t));
                if (first == null && !(du <= au)) {
                    first = new Divergence(s, Phase.UPDATE, names.get(t), du, au, ratio(hpt.params()[s][t], ref.params()[s][t], before[t]));
                }
            }
        }
        double margin = Math.max(loss.margin, Math.max(grad.margin, upd.margin));
        return new Comparison(loss.max, grad.max, grad.tensor, upd.max, upd.tensor, margin, first);
    }

    private static final class Worst {
        double max, margin;
        String tensor;

        void see(double d, double allowed, String t) {
            if (!(d <= max)) {
                max = d;
                tensor = t;
            }
            margin = Math.max(margin, Double.isNaN(d) ? Double.POSITIVE_INFINITY : d / allowed);
        }
    }

    /**
     * hpt stores the updated tensor in its own precision: rounding each element to float32 moves it by
     * up to 2^-24 |p|, which is large against the tiny updates at the end of a decayed schedule. That
     * representation error, relative to the update's norm (with 2x margin); 0 in float64.
     */
    static double roundingOfUpdate(double[] after, double[] before, double scale, Tolerance tol) {
        if (tol.mode() == Tolerance.Mode.FREE_RUNNING) return 0;
        double p = 0, d = 0;
        for (int i = 0; i < after.length; i++) {
            p += after[i] * after[i];
            d += (after[i] - before[i]) * (after[i] - before[i]);
        }
        double den = Math.max(Math.sqrt(d), scale);
        return den == 0 ? 0 : Math.scalb(Math.sqrt(p), -23) / den;
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) s += x * x;
        return Math.sqrt(s);
    }

    private static double largestNorm(double[][] tensors, double[][] base) {
        double m = 0;
        for (int t = 0; t < tensors.length; t++) {
            double s = 0;
            for (int i = 0; i < tensors[t].length; i++) {
                double x = base == null ? tensors[t][i] : tensors[t][i] - base[t][i];
                s += x * x;
            }
            if (Double.isFinite(s)) m = Math.max(m, Math.sqrt(s));
        }
        return m;
    }

    static double rel(double a, double b) {
        if (a == b) return 0;
        return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
    }

    /** ||(a - base) - (b - base)|| / max(||a - base||, ||b - base||, scale); base null = 0. All zero = 0. */
    static double rel(double[] a, double[] b, double[] base, double scale) {
        double d = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            double x = base == null ? a[i] : a[i] - base[i];
            double y = base == null ? b[i] : b[i] - base[i];
            d += (x - y) * (x - y);
            na += x * x;
            nb += y * y;
        }
        double n = Math.max(Math.max(na, nb), scale * scale);
        return n == 0 ? (d == 0 ? 0 : Double.POSITIVE_INFINITY) : Math.sqrt(d / n);
    }

    /** Norms of both sides: a factor between them (2, m_N, sqrt(m_L) ...) usually names the broken rule. */
    private static String ratio(double[] a, double[] b, double[] base) {
        double na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            double x = base == null ? a[i] : a[i] - base[i];
            double y = base == null ? b[i] : b[i] - base[i];
            na += x * x;
            nb += y * y;
        }
        return String.format(Locale.ROOT, "norm hpt %.4g, PyTorch %.4g, ratio %.4g", Math.sqrt(na), Math.sqrt(nb),
                nb == 0 ? Double.NaN : Math.sqrt(na / nb));
    }
}
