package io.hptransfer.optim;

import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * What hpt's updater configs share: the learning rate is the tensor's own schedule (base LR x its
 * rule-table multiplier x the schedule factor), fixed when the model is built.
 */
abstract class ScheduledUpdater implements IUpdater {
    private final ISchedule learningRateSchedule;

    ScheduledUpdater(ISchedule learningRateSchedule) {
        if (learningRateSchedule == null) throw new IllegalArgumentException("an hpt updater needs its per-tensor LR schedule");
        this.learningRateSchedule = learningRateSchedule;
    }

    public ISchedule getLearningRateSchedule() {
        return learningRateSchedule;
    }

    @Override
    public double getLearningRate(int iteration, int epoch) {
        return learningRateSchedule.valueAt(iteration, epoch);
    }

    @Override
    public abstract ScheduledUpdater clone();

    @Override
    public boolean hasLearningRate() {
        return true;
    }

    @Override
    public void setLrAndSchedule(double lr, ISchedule lrSchedule) {
        // DL4J only calls this to impose one global LR, which would undo the per-tensor rules
        throw new UnsupportedOperationException(getClass().getSimpleName() + "'s learning rate is its per-tensor schedule");
    }
}
