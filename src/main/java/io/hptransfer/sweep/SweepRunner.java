package io.hptransfer.sweep;

import io.hptransfer.data.TrainTest;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/**
 * Runs a sweep's pending trials in this process through the {@link StudyEngine}: finished trials are
 * skipped, a trial another process holds is left to it, an interrupted one resumes from its checkpoint.
 * A diverged trial is recorded like any other; only errors stop the sweep, and every trial finished
 * before them stays recorded.
 */
public final class SweepRunner {
    private final ResultStore store;
    private final PrintStream err;
    private boolean largestFirst;

    public SweepRunner(ResultStore store, PrintStream err) {
        this.store = store;
        this.err = err;
    }

    /** What a run of the sweep did. */
    public record Summary(int total, int ran, int skipped, int busyElsewhere, int diverged) {
        public boolean complete() {
            return busyElsewhere == 0 && ran + skipped == total;
        }
    }

    /**
     * Take the costliest pending trial first (`--jobs` workers: the last trial to start is a short one, so
     * no worker idles long at the end while another finishes a big one). Order never changes a result.
     */
    public SweepRunner largestFirst() {
        this.largestFirst = true;
        return this;
    }

    public Summary run(SweepSpec spec, TrainTest data, int maxTrials) throws IOException {
        List<Trial> trials = Trials.expand(spec, data.train().size());
        Trials.refuseOversized(trials, data.train());
        store.accept(spec, trials);
        if (largestFirst) trials = trials.stream().sorted(java.util.Comparator.comparingDouble(Trial::cost).reversed()).toList();
        SweepProgress progress = new SweepProgress(err, trials.size(), trials.stream().mapToDouble(Trial::cost).sum());
        return new StudyEngine(store).run(trials.stream().map(StudyEngine.Planned::of).toList(), StudyEngine.Options.sweep(maxTrials),
                new LocalExecutor(store, data, spec.divergeAbove(), progress::forTrial), listener(progress, spec));
    }

    /** The sweep's progress lines (trials done/total, ETA, best so far) as an engine listener. */
    public static StudyEngine.Listener progress(PrintStream err, SweepSpec spec, List<Trial> trials) {
        return listener(new SweepProgress(err, trials.size(), trials.stream().mapToDouble(Trial::cost).sum()), spec);
    }

    private static StudyEngine.Listener listener(SweepProgress progress, SweepSpec spec) {
        return new StudyEngine.Listener() {
            @Override
            public void skipped(StudyEngine.Planned p, TrialRecord r) {
                progress.skipped(r, p.trial().cost(), spec.metric());
            }

            @Override
            public void finished(StudyEngine.Planned p, TrialRecord r) {
                progress.finished(r, p.trial().cost(), spec.metric());
            }
        };
    }
}
