package io.hptransfer.transfer;

import io.hptransfer.analysis.LrCurve;
import io.hptransfer.analysis.Optimum;
import io.hptransfer.param.Parameterization;
import io.hptransfer.report.SweepReport;
import io.hptransfer.sweep.CurveKey;
import io.hptransfer.sweep.SweepSpec;
import io.hptransfer.sweep.TrialKey;
import io.hptransfer.sweep.Trials;
import io.hptransfer.train.TrainConfig;
import io.hptransfer.tune.TuneResult;

import java.util.List;
import java.util.Locale;

/** Builds a {@link Transfer} from a sweep's proxy curve or from a tune's result. */
public final class Transfers {
    private Transfers() {
    }

    /**
     * The sweep's proxy is its base width and depth under one parameterization and optimizer (null = the sweep's only one).
     *
     * @param source    the sweep's folder, for messages
     * @param steps     target steps; null = the sweep's budget
     * @param trainSize training-set size (the budget in epochs becomes steps with it)
     */
    public static Transfer fromSweep(SweepReport r, String source, String param, String opt, int width, int depth, Integer steps, long seed,
                                     int trainSize) {
        SweepSpec spec = r.spec();
        Parameterization p = Parameterization.parse(pick(param, spec.parameterizations().stream().map(Parameterization::name).toList(), "--param"));
        String o = pick(opt, spec.optimizers().stream().map(x -> x.label()).toList(), "--opt");
        CurveKey proxyKey = new CurveKey(p.name(), o, spec.baseWidth(), spec.baseDepth());
        LrCurve proxy = r.curves().get(proxyKey);
        if (proxy == null) throw new IllegalArgumentException("sweep " + source + " has no finished trial of the proxy " + proxyKey.label());
        Optimum star = r.optima().get(proxyKey);
        if (!star.exists()) throw new IllegalArgumentException("every LR of the proxy " + proxyKey.label() + " diverged: nothing to transfer");
        TrainConfig t = Trials.of(spec, new TrialKey(p, o, width, depth, star.log2Lr(), seed), trainSize).config();
        if (steps != null) t = t.withSteps(steps);
        Optimum own = r.optima().get(new CurveKey(p.name(), o, width, depth));
        return new Transfer(String.format(Locale.ROOT, "transfer-%s-%s-w%d-d%d", p, o, width, depth), proxyKey.label(),
                star.log2Lr(), star.uncertaintyKnown() ? star.uncertainty() : Double.NaN, star.atEdge(), false, t,
                own != null && own.exists() ? own.log2Lr() : Double.NaN);
    }

    /** From `hpt tune`: the proxy's config at its optimum, re-shaped to the target (base shape = the proxy's). */
    public static Transfer fromTune(TuneResult tr, int width, int depth, Integer steps, long seed) {
        TrainConfig p = tr.config();
        var m = p.model();
        TrainConfig t = TrainConfig.of(p.data(), m.reshaped(width, depth, m.baseWidth(), m.baseDepth()), p.parameterization(),
                p.optimizer(), p.schedule(), steps != null ? steps : p.steps(), p.batch(), seed, p.evalEvery(), p.checkpointEvery());
        return new Transfer(String.format(Locale.ROOT, "transfer-%s-w%d-d%d", p.parameterization(), width, depth),
                String.format(Locale.ROOT, "W%d L%d (%s, tuned)", m.width(), m.depth(), p.parameterization()),
                tr.star().log2Lr(), tr.uncertaintyOctaves(), false, true, t, Double.NaN);
    }

    /** The option's value if the sweep has it, else the sweep's only choice; an error naming the flag otherwise. */
    static String pick(String given, List<String> options, String flag) {
        if (given != null) {
            if (!options.contains(given.toLowerCase(Locale.ROOT))) throw new IllegalArgumentException(flag + " " + given + " is not in the sweep: " + options);
            return given.toLowerCase(Locale.ROOT);
        }
        if (options.size() != 1) throw new IllegalArgumentException("the sweep has " + options + ": choose one with " + flag);
        return options.get(0);
    }
}
