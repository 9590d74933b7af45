package io.hptransfer.optim;

import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonProperty;

import java.util.Objects;

/**
 * One tensor's learning rate as a DL4J schedule: peakLr (= base LR x the rule table's
 * multiplier) times the shared schedule factor. Jackson-annotated so it survives model save/load.
 */
public final class ScaledSchedule implements ISchedule {
    private final double peakLr;
    private final ScheduleConfig.Kind kind;
    private final int warmupSteps;
    private final double finalFraction;
    private final int totalSteps;

    public ScaledSchedule(@JsonProperty("peakLr") double peakLr,
                          @JsonProperty("kind") ScheduleConfig.Kind kind,
                          @JsonProperty("warmupSteps") int warmupSteps,
                          @JsonProperty("finalFraction") double finalFraction,
                          @JsonProperty("totalSteps") int totalSteps) {
        this.peakLr = peakLr;
        this.kind = kind;
        this.warmupSteps = warmupSteps;
        this.finalFraction = finalFraction;
        this.totalSteps = totalSteps;
    }

    public ScaledSchedule(double peakLr, ScheduleConfig shape, int totalSteps) {
        this(peakLr, shape.kind(), shape.warmupSteps(), shape.finalFraction(), totalSteps);
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        return peakLr * ScheduleConfig.factor(kind, warmupSteps, finalFraction, iteration, totalSteps);
    }

    @Override
    public ISchedule clone() {
        return new ScaledSchedule(peakLr, kind, warmupSteps, finalFraction, totalSteps);
    }

    public double getPeakLr() {
        return peakLr;
    }

    public ScheduleConfig.Kind getKind() {
        return kind;
    }

    public int getWarmupSteps() {
        return warmupSteps;
    }

    public double getFinalFraction() {
        return finalFraction;
    }

    public int getTotalSteps() {
        return totalSteps;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScaledSchedule s && s.peakLr == peakLr && s.kind == kind
                && s.warmupSteps == warmupSteps && s.finalFraction == finalFraction && s.totalSteps == totalSteps;
    }

    @Override
    public int hashCode() {
        return Objects.hash(peakLr, kind, warmupSteps, finalFraction, totalSteps);
    }
}
