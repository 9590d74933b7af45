package io.hptransfer.train;

import io.hptransfer.model.OneDnn;

/** How a run ended: finished or diverged, at which step, with its last metrics. */
public record TrainOutcome(String status, int steps, double finalTrainLoss, double finalTrainAcc,
                           Evaluator.Score test, double imagesPerSecond, OneDnn.HelperReport helpers) {
    public boolean diverged() {
        return RunStatus.DIVERGED.equals(status);
    }
}
