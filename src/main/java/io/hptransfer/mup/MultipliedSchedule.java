package io.hptransfer.mup;

import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonProperty;

import java.util.Objects;

/** The user's own schedule times one tensor's rule-table multiplier (Jackson-annotated: survives model save/load). */
public final class MultipliedSchedule implements ISchedule {
    private final ISchedule schedule;
    private final double multiplier;

    public MultipliedSchedule(@JsonProperty("schedule") ISchedule schedule, @JsonProperty("multiplier") double multiplier) {
        this.schedule = schedule;
        this.multiplier = multiplier;
    }

    public ISchedule getSchedule() {
        return schedule;
    }

    public double getMultiplier() {
        return multiplier;
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        return multiplier * schedule.valueAt(iteration, epoch);
    }

    @Override
    public ISchedule clone() {
        return new MultipliedSchedule(schedule.clone(), multiplier);
    }

    // DL4J merges layers whose updaters are equal into one updater block
    @Override
    public boolean equals(Object o) {
        return o instanceof MultipliedSchedule m && m.multiplier == multiplier && m.schedule.equals(schedule);
    }

    @Override
    public int hashCode() {
        return Objects.hash(schedule, multiplier);
    }
}
