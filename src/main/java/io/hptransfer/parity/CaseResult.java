package io.hptransfer.parity;

import java.util.List;

/**
 * The outcome of one parity case: both runs (the reference's in float64), the step-by-step comparison,
 * the reference's init check, and wall times.
 */
public record CaseResult(ParityCase parityCase, Trajectory hpt, Trajectory torch, Comparison comparison,
                         List<TorchReference.InitCheck> initChecks, double hptSeconds, double torchSeconds) {

    public boolean initOk() {
        return initChecks.stream().allMatch(TorchReference.InitCheck::ok);
    }

    public boolean agree() {
        return initOk() && comparison.agree();
    }
}
