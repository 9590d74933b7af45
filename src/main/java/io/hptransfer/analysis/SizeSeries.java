package io.hptransfer.analysis;

import io.hptransfer.param.Axis;
import java.util.List;

/**
 * The curves of one parameterization and optimizer along one size axis (widths at a fixed depth,
 * or depths at a fixed width), smallest first: the proxy is the first, the target the last.
 */
public record SizeSeries(String param, String optimizer, Axis axis, int fixed, List<Integer> sizes, List<LrCurve> curves,
                         List<Optimum> optima) {

    public Optimum proxy() {
        return optima.get(0);
    }

    public Optimum target() {
        return optima.get(optima.size() - 1);
    }

    /** log2 eta*(largest) - log2 eta*(smallest), in octaves (0 = the optimum transferred perfectly). */
    public double shift() {
        return target().log2Lr() - proxy().log2Lr();
    }

    /** Its uncertainty (the two optima's, in quadrature); NaN when either is unknown (one seed). */
    public double shiftUncertainty() {
        double a = target().uncertainty(), b = proxy().uncertainty();
        return Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : Math.hypot(a, b);
    }

    /** One seed's optimum scatter (sd across seeds, octaves) at each size, smallest first; NaN below two seeds. */
    public double[] seedScatter() {
        return optima.stream().mapToDouble(Optimum::seedScatter).toArray();
    }

    /** Least-squares slope of log2 eta* against log2 size: octaves of drift per doubling. */
    public double slopePerDoubling() {
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        int n = 0;
        for (int i = 0; i < sizes.size(); i++) {
            Optimum o = optima.get(i);
            if (!o.exists()) continue;
            double x = Math.log(sizes.get(i)) / Math.log(2);
            sx += x;
            sy += o.log2Lr();
            sxx += x * x;
            sxy += x * o.log2Lr();
            n++;
        }
        double den = n * sxx - sx * sx;
        return n < 2 || den == 0 ? Double.NaN : (n * sxy - sx * sy) / den;
    }

    /**
     * Transfer regret: the largest model's loss at the proxy's best grid LR, relative to the largest
     * model's own best grid loss, minus 1 (0 = nothing lost; +inf = the proxy's LR diverges there;
     * NaN = that LR was not run on the largest model). Measured values only, no interpolation.
     */
    public double regret() {
        if (!proxy().exists() || !target().exists()) return Double.NaN;
        double atProxy = curves.get(curves.size() - 1).meanAt(proxy().gridLog2Lr());
        return atProxy / target().gridLoss() - 1;
    }

    /**
     * "Bigger is better": the fraction of LRs (run and finite at every size) at which the loss
     * falls strictly with each step up in size. NaN if no LR qualifies.
     */
    public double biggerIsBetter() {
        double[] lrs = curves.get(0).log2Lr();
        int ok = 0, n = 0;
        for (double lg : lrs) {
            double prev = Double.POSITIVE_INFINITY;
            boolean all = true, mono = true;
            for (LrCurve c : curves) {
                double v = c.meanAt(lg);
                if (!Double.isFinite(v)) {
                    all = false;
                    break;
                }
                if (!(v < prev)) mono = false;
                prev = v;
            }
            if (!all) continue;
            n++;
            if (mono) ok++;
        }
        return n == 0 ? Double.NaN : (double) ok / n;
    }

    /**
     * How far each size's loss-vs-LR curve is from the largest size's (the sweep's stand-in for
     * the limit curve): RMS over the LRs where both losses are finite of ln(loss) - ln(loss_largest).
     * One entry per size but the largest; NaN where fewer than 2 LRs are comparable.
     */
    public double[] curveDistanceToLargest() {
        LrCurve ref = curves.get(curves.size() - 1);
        double[] out = new double[curves.size() - 1];
        for (int i = 0; i < out.length; i++) {
            LrCurve c = curves.get(i);
            double s = 0;
            int n = 0;
            for (int k = 0; k < c.log2Lr().length; k++) {
                double a = c.mean(k), b = ref.meanAt(c.log2Lr()[k]);
                if (!Double.isFinite(a) || !Double.isFinite(b) || a <= 0 || b <= 0) continue;
                s += Math.pow(Math.log(a) - Math.log(b), 2);
                n++;
            }
            out[i] = n < 2 ? Double.NaN : Math.sqrt(s / n);
        }
        return out;
    }

    /** |log2 eta*(size) - log2 eta*(largest)| in octaves, one entry per size but the largest. */
    public double[] optimumDistanceToLargest() {
        double[] out = new double[optima.size() - 1];
        for (int i = 0; i < out.length; i++) {
            Optimum o = optima.get(i);
            out[i] = o.exists() && target().exists() ? Math.abs(o.log2Lr() - target().log2Lr()) : Double.NaN;
        }
        return out;
    }

    /** True if the curve distance never grows with size (C10's criterion); NaN entries are skipped. */
    public boolean curvesConverge() {
        double prev = Double.POSITIVE_INFINITY;
        for (double d : curveDistanceToLargest()) {
            if (Double.isNaN(d)) continue;
            if (d > prev) return false;
            prev = d;
        }
        return true;
    }
}
