package io.hptransfer.cli;

import io.hptransfer.sweep.TrialListing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "best", mixinStandardHelpOptions = true,
        description = {"The lowest-loss complete trial of a sweep (as `optuna best-trial`), among the trials the filters "
                + "keep; --per-curve: the best grid LR of each (param, opt, width, depth). The fitted optimum with its "
                + "uncertainty is `hpt report`'s. Exit 1 when no trial has finished."})
public final class BestCommand implements Callable<Integer> {
    @Mixin
    StudyOptions study;
    @Option(names = "--per-curve", description = "the best trial of every LR curve instead of one overall")
    boolean perCurve;

    @Override
    public Integer call() throws Exception {
        List<TrialListing.Row> rows = study.rows(null);
        List<TrialListing.Row> best = perCurve ? TrialListing.bestPerCurve(rows) : TrialListing.best(rows).map(List::of).orElse(List.of());
        if (best.isEmpty()) {
            throw new IllegalArgumentException("no complete trial in " + study.folder() + " matches: run the sweep (or loosen the filters)");
        }
        System.out.print(TrialRows.format(best, study.format));
        return 0;
    }
}
