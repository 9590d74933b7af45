package io.hptransfer.tune;

import io.hptransfer.train.TrainConfig;

import java.util.List;

/**
 * What `hpt tune` found (tune.json): the model-based optimum with its LR band, the best point
 * actually measured, and every point evaluated.
 *
 * @param star      minimum of the Gaussian-process mean
 * @param lrLow     lowest log2 LR whose lower confidence bound (mean - sd) reaches the minimum mean
 * @param lrHigh    highest such log2 LR; (lrHigh - lrLow) / 2 is the reported uncertainty in octaves
 * @param config    the proxy's config at the optimum (what `hpt transfer --from` uses)
 */
public record TuneResult(TunePoint star, double lrLow, double lrHigh, double predictedLoss, TunePoint bestMeasured,
                         double bestMeasuredLoss, List<Evaluated> evaluated, TrainConfig config) {

    /** One point trained to the full budget (mean over seeds, +inf if any seed diverged) or stopped at a rung. */
    public record Evaluated(TunePoint point, double loss, int steps, String stage) {
    }

    public double uncertaintyOctaves() {
        return (lrHigh - lrLow) / 2;
    }
}
