package io.hptransfer.sweep;

import io.hptransfer.param.Parameterization;

import java.util.Locale;

/**
 * What varies between the trials of a sweep; its id names the trial's record and run folder.
 *
 * @param optimizer the sweep's optimizer label (its kind: sgd or adam; a sweep has one LR grid per kind)
 */
public record TrialKey(Parameterization param, String optimizer, int width, int depth, double log2Lr, long seed) {

    public String id() {
        return String.format(Locale.ROOT, "%s_%s_w%d_d%d_lr%+.3f_s%d", param, optimizer, width, depth, log2Lr, seed);
    }

    public double lr() {
        return Math.pow(2, log2Lr);
    }

    /** The LR curve this trial is a point of (everything but LR and seed). */
    public CurveKey curve() {
        return new CurveKey(param.name(), optimizer, width, depth);
    }
}
