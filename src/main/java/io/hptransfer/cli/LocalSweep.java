package io.hptransfer.cli;

import io.hptransfer.data.TrainTest;
import io.hptransfer.sweep.Jobs;
import io.hptransfer.sweep.LocalWorkers;
import io.hptransfer.sweep.ResultStore;
import io.hptransfer.sweep.SweepRunner;
import io.hptransfer.sweep.SweepSpec;
import io.hptransfer.sweep.Trial;
import io.hptransfer.sweep.Trials;

import java.nio.file.Path;
import java.util.List;

/** A sweep on this machine: in this process (one job), or in `--jobs` worker processes (sweep and quickstart). */
final class LocalSweep {
    private LocalSweep() {
    }

    static SweepRunner.Summary run(SweepSpec spec, Path specFile, Path out, TrainTest data, String jobsOption, int maxTrials)
            throws Exception {
        ResultStore store = ResultStore.open(out.resolve(spec.name()));
        List<Trial> trials = Trials.expand(spec, data.train().size());
        long pending = trials.stream().filter(t -> store.get(t.id()).isEmpty()).count();
        Jobs jobs = Jobs.parse(jobsOption, Runtime.getRuntime().availableProcessors(), (int) Math.min(pending, Integer.MAX_VALUE));
        if (!jobs.parallel()) return new SweepRunner(store, System.err).run(spec, data, maxTrials);
        if (maxTrials != Integer.MAX_VALUE) {
            throw new IllegalArgumentException("--max-trials counts trials of one process: use it with --jobs 1");
        }
        Trials.refuseOversized(trials, data.train()); // before any worker starts (SweepRunner checks its own)
        store.accept(spec, trials);
        return LocalWorkers.run(spec, specFile, out, store, trials, jobs, System.err);
    }
}
