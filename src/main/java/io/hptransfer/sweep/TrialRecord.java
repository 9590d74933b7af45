package io.hptransfer.sweep;

import io.hptransfer.train.TrainConfig;

/**
 * The result of one finished trial, as stored in sweeps/&lt;name&gt;/trials/&lt;id&gt;.json. A diverged
 * trial is a result: its losses are +Infinity and its accuracies 0.
 *
 * @param finalTrainLoss mean train loss over the last 10% of steps (one batch's loss is too noisy)
 * @param bestTrainLoss  lowest such 10%-window mean seen during the run
 */
public record TrialRecord(String id, TrialKey key, boolean diverged, int steps, double finalTrainLoss,
                          double bestTrainLoss, double finalTrainAcc, double finalTestLoss, double finalTestAcc,
                          double bestTestLoss, double bestTestAcc, double wallSeconds, double imagesPerSecond,
                          String finishedAt, TrainConfig config) {
    public TrialRecord {
        // a loss that is not a number belongs to a diverged trial and nowhere else (two writers on one run folder
        // once produced finalTrainLoss NaN with diverged false, and the report silently moved the best LR)
        if (!diverged && !(Double.isFinite(finalTrainLoss) && Double.isFinite(bestTrainLoss))) {
            throw new IllegalStateException("trial " + id + ": train loss " + finalTrainLoss + " is not finite but the trial is not "
                    + "marked diverged: its " + io.hptransfer.train.Trainer.METRICS + " is inconsistent; delete runs/" + id + "/ and rerun to train it again");
        }
    }


    /** The record without when and how fast the trial ran: what two runs of the same trial must agree on. */
    public TrialRecord withoutTiming() {
        return new TrialRecord(id, key, diverged, steps, finalTrainLoss, bestTrainLoss, finalTrainAcc, finalTestLoss, finalTestAcc,
                bestTestLoss, bestTestAcc, 0, 0, "", config);
    }

    /** The same record under another id (a tune names trials by every tuned coordinate, not just LR). */
    public TrialRecord withId(String newId) {
        return new TrialRecord(newId, key, diverged, steps, finalTrainLoss, bestTrainLoss, finalTrainAcc, finalTestLoss, finalTestAcc,
                bestTestLoss, bestTestAcc, wallSeconds, imagesPerSecond, finishedAt, config);
    }

    /** The loss the report ranks LRs by: +inf when diverged. */
    public double loss(Metric metric) {
        if (diverged) return Double.POSITIVE_INFINITY;
        return metric == Metric.TEST_LOSS ? finalTestLoss : finalTrainLoss;
    }
}
