package io.hptransfer.optim;

import java.util.Locale;

/**
 * Learning-rate shape over training: linear warmup, then constant / cosine / linear decay to
 * finalFraction of the peak. The shape is a pure factor in [0, 1]; each tensor's LR is
 * base_lr * its rule multiplier * factor(step), so a schedule can never undo muP.
 */
public record ScheduleConfig(Kind kind, int warmupSteps, double finalFraction) {

    public enum Kind {
        CONSTANT, COSINE, LINEAR;

        public static Kind parse(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown schedule '" + s + "': use constant, cosine or linear");
            }
        }
    }

    public ScheduleConfig {
        if (kind == null) throw new IllegalArgumentException("schedule kind is missing: use constant, cosine or linear");
        if (warmupSteps < 0) throw new IllegalArgumentException("warmup steps must be >= 0, got " + warmupSteps);
        if (!(finalFraction >= 0 && finalFraction <= 1)) {
            throw new IllegalArgumentException("schedule final fraction must be in [0, 1], got " + finalFraction);
        }
    }

    public static ScheduleConfig constant() {
        return new ScheduleConfig(Kind.CONSTANT, 0, 1.0);
    }

    /** Factor in [0, 1] that multiplies every tensor's own LR at this (0-based) step. */
    public double factor(int step, int totalSteps) {
        return factor(kind, warmupSteps, finalFraction, step, totalSteps);
    }

    /** The same, without an instance: called per tensor per step by {@link ScaledSchedule}. */
    static double factor(Kind kind, int warmupSteps, double finalFraction, int step, int totalSteps) {
        if (warmupSteps > 0 && step < warmupSteps) return (step + 1.0) / warmupSteps;
        int decaySteps = Math.max(1, totalSteps - warmupSteps);
        double t = Math.min(1.0, Math.max(0.0, (double) (step - warmupSteps) / decaySteps));
        return switch (kind) {
            case CONSTANT -> 1.0;
            case COSINE -> finalFraction + (1 - finalFraction) * 0.5 * (1 + Math.cos(Math.PI * t));
            case LINEAR -> finalFraction + (1 - finalFraction) * (1 - t);
        };
    }
}
