package io.hptransfer.bench;

import io.hptransfer.sweep.SweepSpec;
import io.hptransfer.sweep.TrialKey;
import io.hptransfer.sweep.Trials;

import java.util.List;
import java.util.Locale;

/**
 * What a whole study would take on each side if every trial of a shape cost its benchmarked trial's median:
 * the question "how long would this study take in PyTorch here", answered from the same run. An upper bound for
 * both: a diverged trial stops early in either framework.
 */
public record StudyEstimate(int trials, int covered, double hptSeconds, double torchSeconds) {

    public static StudyEstimate of(SweepSpec spec, List<TrialBenchmark.Result> measured) {
        List<TrialKey> keys = Trials.keys(spec);
        int covered = 0;
        double hpt = 0, torch = 0;
        for (TrialKey k : keys) {
            for (TrialBenchmark.Result r : measured) {
                TrialKey m = r.trial().key();
                if (m.width() == k.width() && m.depth() == k.depth()) {
                    covered++;
                    hpt += r.hptSeconds();
                    torch += r.torchSeconds();
                    break;
                }
            }
        }
        return new StudyEstimate(keys.size(), covered, hpt, torch);
    }

    public String summary() {
        String scope = covered == trials ? "all " + trials + " trials" : covered + " of its " + trials + " trials (the shapes measured)";
        return String.format(Locale.ROOT, "the study's %s at these medians: hpt %.1f min, PyTorch %.1f min, ratio %.2f "
                + "(trials of one shape assumed equally costly; diverged ones stop early on both sides)", scope, hptSeconds / 60,
                torchSeconds / 60, torchSeconds / hptSeconds);
    }
}
