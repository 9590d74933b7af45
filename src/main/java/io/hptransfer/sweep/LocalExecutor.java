package io.hptransfer.sweep;

import io.hptransfer.data.TrainTest;
import io.hptransfer.train.Progress;
import io.hptransfer.train.TrainConfig;
import io.hptransfer.train.TrainOutcome;
import io.hptransfer.train.Trainer;
import io.hptransfer.util.Json;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Trains each claimed trial in this process, one at a time, in its run folder of the store. */
public final class LocalExecutor implements StudyEngine.Executor {
    private final ResultStore store;
    private final TrainTest data;
    private final TrialRunner runner;
    private final double divergeAbove;
    private final java.util.function.Function<Trial, Progress> progress;

    public LocalExecutor(ResultStore store, TrainTest data, double divergeAbove) {
        this(store, data, divergeAbove, t -> Progress.silent());
    }

    /** @param progress the progress bar inside each trial (a sweep's shows the trial's steps and ETA) */
    public LocalExecutor(ResultStore store, TrainTest data, double divergeAbove, java.util.function.Function<Trial, Progress> progress) {
        this.store = store;
        this.data = data;
        this.divergeAbove = divergeAbove;
        this.progress = progress;
        this.runner = new TrialRunner(divergeAbove, progress);
    }

    @Override
    public int batch() {
        return 1; // claim, train, record, release: a kill loses at most the trial in flight
    }

    @Override
    public void execute(List<StudyEngine.Claimed> batch, int pauseAt, StudyEngine.Sink sink) throws IOException {
        for (StudyEngine.Claimed c : batch) {
            try {
                if (pauseAt > 0) {
                    sink.paused(c, toRung(c, pauseAt).diverged());
                } else {
                    sink.ended(c, runner.run(c.trial(), store.runDir(c.id()), data, c.claim()::held).withId(c.id()));
                }
            } catch (RuntimeException e) {
                throw new IllegalStateException("trial " + c.id() + " failed: " + e.getMessage()
                        + " (finished trials are kept; rerun the same command to continue)", e);
            }
        }
    }

    /** Trains (or resumes) the trial up to the rung step and leaves it resumable there; nothing is recorded. */
    private TrainOutcome toRung(StudyEngine.Claimed c, int rung) throws IOException {
        Path dir = store.runDir(c.id());
        TrainConfig cfg = c.trial().config();
        Trainer t = new Trainer(new PrintStream(OutputStream.nullOutputStream()), progress.apply(c.trial()))
                .divergeAbove(divergeAbove).pauseAt(rung).whileHeld(c.claim()::held);
        boolean started = Files.exists(dir.resolve(Trainer.CONFIG)) && Json.read(dir.resolve(Trainer.CONFIG), TrainConfig.class).equals(cfg);
        return started ? t.resume(dir, data) : t.start(cfg, dir, data);
    }
}
