package io.hptransfer.transfer;

import io.hptransfer.train.TrainConfig;

/**
 * The tool's namesake step, done: the proxy's optimal LR carried to a target shape. The target config keeps the
 * proxy's base LR and base shape, so every tensor's LR is scaled by the rule table (for SP: the same LR).
 *
 * @param name           a file-name-safe label, e.g. transfer-mup-adam-w32-d8
 * @param proxy          the proxy's description (its curve label, or "W8 L2 (mup, tuned)")
 * @param log2Lr         the proxy's optimal log2 LR, the one transferred
 * @param uncertainty    its uncertainty in octaves; NaN when unknown (one seed)
 * @param atEdge         the optimum sits at the edge of the swept grid (so it may lie beyond it)
 * @param tuned          the optimum came from `hpt tune` (a GP fit) rather than a sweep's curve
 * @param target         the config to train at the target shape
 * @param targetOwnLog2Lr the target's own optimum if the same sweep measured it; NaN otherwise
 */
public record Transfer(String name, String proxy, double log2Lr, double uncertainty, boolean atEdge, boolean tuned,
                       TrainConfig target, double targetOwnLog2Lr) {
    /** Octaves from the transferred LR to the target's own optimum (NaN when the target was not measured). */
    public double missOctaves() {
        return targetOwnLog2Lr - log2Lr;
    }
}
