package io.hptransfer.cli;

import io.hptransfer.sweep.TrialListing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "trials", mixinStandardHelpOptions = true,
        description = {"List a sweep's trials (as `optuna trials`): every trial of its spec, complete, diverged or pending "
                + "(not recorded yet; its steps say how far a run got), with its loss. Reads only: takes no claims."})
public final class TrialsCommand implements Callable<Integer> {
    @Mixin
    StudyOptions study;
    @Option(names = "--state", description = "only complete, diverged or pending trials")
    String state;

    @Override
    public Integer call() throws Exception {
        TrialListing.State s = state == null ? null : parse(state);
        List<TrialListing.Row> rows = study.rows(s);
        System.out.print(TrialRows.format(rows, study.format));
        return 0;
    }

    private static TrialListing.State parse(String s) {
        try {
            return TrialListing.State.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown --state '" + s + "': use complete, diverged or pending");
        }
    }
}
