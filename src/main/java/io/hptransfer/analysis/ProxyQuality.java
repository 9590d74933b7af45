package io.hptransfer.analysis;

import io.hptransfer.param.Axis;
import java.util.Locale;

/**
 * Whether a series' proxy (its smallest size) answers reliably from one seed: the scatter of a
 * single seed's optimum across seeds, per size. Small models are the noisy end (in PyTorch, the
 * quickstart's W8 optimum scattered over 3.7 octaves across 8 seeds while W16's and W32's agreed
 * within ~0.5), so the advice names the smallest size that is quiet enough.
 */
public final class ProxyQuality {
    /** Above half an octave (a factor 1.41 in LR), one seed cannot place the optimum. */
    public static final double NOISY_OCTAVES = 0.5;

    private ProxyQuality() {
    }

    /** A warning about the proxy, or null when it is quiet enough or the scatter is unknown. */
    public static String warning(SizeSeries s) {
        double[] sc = s.seedScatter();
        if (!(sc[0] > NOISY_OCTAVES)) return null;
        String name = s.axis().letter();
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%s %s: the proxy %s%d's optimum scatters %.2f octaves across seeds",
                s.param(), s.optimizer(), name, s.sizes().get(0), sc[0]));
        for (int i = 1; i < sc.length; i++) {
            if (sc[i] <= NOISY_OCTAVES) {
                return b.append(String.format(Locale.ROOT, "; %s%d's %.2f: use %s%d as the proxy (base%s: %d), or more seeds",
                        name, s.sizes().get(i), sc[i], name, s.sizes().get(i), s.axis() == Axis.WIDTH ? "Width" : "Depth",
                        s.sizes().get(i))).toString();
            }
        }
        return b.append(String.format(Locale.ROOT, ", and no size here is below %.1f: average more seeds (the seed-mean optimum's "
                + "uncertainty falls as 1/sqrt(seeds)) or train longer", NOISY_OCTAVES)).toString();
    }
}
