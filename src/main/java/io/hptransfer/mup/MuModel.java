package io.hptransfer.mup;

import io.hptransfer.model.TensorRole;

import java.util.List;
import java.util.Locale;

/**
 * A user's configuration with muP applied, and what was applied: every trainable tensor's role, spec and
 * rule, the readout multiplier and the residual branches' multiplier (1 without branches).
 *
 * @param configuration the configuration to build the network from (a MultiLayerConfiguration or a
 *                      ComputationGraphConfiguration, as given)
 */
public record MuModel<C>(C configuration, List<TensorRole> tensors, double readoutMultiplier, double branchMultiplier) {
    public MuModel {
        tensors = List.copyOf(tensors);
    }

    /** One line per tensor: layer, parameter, role, init std, LR, Adam-epsilon and weight-decay multipliers. */
    public String table() {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-24s %-6s %-12s %10s %9s %9s %9s%n", "layer", "param",
                "role", "init std", "lr mult", "eps mult", "wd mult"));
        for (TensorRole t : tensors) {
            b.append(String.format(Locale.ROOT, "%-24s %-6s %-12s %10.4g %9.4g %9.4g %9.4g%n", t.layer(), t.paramKey(),
                    t.spec().role(), t.rule().initStd(), t.rule().lrMult(), t.rule().adamEpsMult(), t.rule().weightDecayMult()));
        }
        return b.append(String.format(Locale.ROOT, "readout multiplier %.4g, branch multiplier %.4g%n", readoutMultiplier,
                branchMultiplier)).toString();
    }
}
