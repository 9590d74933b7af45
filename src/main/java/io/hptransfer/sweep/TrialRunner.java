package io.hptransfer.sweep;

import io.hptransfer.data.TrainTest;
import io.hptransfer.train.Progress;
import io.hptransfer.train.RunStatus;
import io.hptransfer.train.TrainConfig;
import io.hptransfer.train.TrainOutcome;
import io.hptransfer.train.Trainer;
import io.hptransfer.util.Json;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Runs one trial in its run folder and summarises it as a {@link TrialRecord}. A folder left by
 * an interrupted run is resumed from its checkpoint (same trajectory as an uninterrupted run);
 * a folder holding a different config is cleared first.
 */
public final class TrialRunner {
    private final double divergeAbove;
    private final java.util.function.Function<Trial, Progress> progress;

    public TrialRunner(double divergeAbove) {
        this(divergeAbove, t -> Progress.silent());
    }

    /** @param progress the progress bar of each trial it runs */
    public TrialRunner(double divergeAbove, java.util.function.Function<Trial, Progress> progress) {
        this.divergeAbove = divergeAbove;
        this.progress = progress;
    }

    public TrialRecord run(Trial trial, Path runDir, TrainTest data) throws IOException {
        return run(trial, runDir, data, () -> true);
    }

    /** @param claimHeld checked every step: false stops the trial (its claim was taken by another process) */
    public TrialRecord run(Trial trial, Path runDir, TrainTest data, java.util.function.BooleanSupplier claimHeld) throws IOException {
        long t0 = System.nanoTime();
        TrainOutcome out;
        Files.createDirectories(runDir);
        try (PrintStream log = new PrintStream(Files.newOutputStream(runDir.resolve(Trainer.LOG),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND), true)) {
            Trainer trainer = new Trainer(log, progress.apply(trial)).divergeAbove(divergeAbove).whileHeld(claimHeld);
            Optional<RunStatus> ended = ended(trial.config(), runDir);
            if (ended.isPresent()) {
                // trained to the end before, but its record was never written (a full disk, a kill between the two):
                // the run folder holds everything the record needs, so it is not trained again
                log.println("recovered: " + runDir + " already " + ended.get().status() + " at step " + ended.get().step()
                        + "; its record is rebuilt from " + Trainer.METRICS);
                Files.deleteIfExists(runDir.resolve(Trainer.MODEL));
                RunStatus st = ended.get();
                return summarise(trial, runDir, new TrainOutcome(st.status(), st.step(), st.lastLoss(), Double.NaN, null, 0, null), 0);
            }
            if (resumable(trial.config(), runDir)) {
                out = trainer.resume(runDir, data);
            } else {
                clear(runDir);
                out = trainer.start(trial.config(), runDir, data);
            }
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        Files.deleteIfExists(runDir.resolve(Trainer.MODEL)); // the record and metrics.csv are what the sweep keeps
        return summarise(trial, runDir, out, wall);
    }

    /** The run's final state when this folder holds this trial trained to its end (finished or diverged). */
    private static Optional<RunStatus> ended(TrainConfig cfg, Path runDir) throws IOException {
        Path c = runDir.resolve(Trainer.CONFIG), st = runDir.resolve(Trainer.STATE);
        if (!Files.exists(c) || !Files.exists(st) || !Files.exists(runDir.resolve(Trainer.METRICS))) return Optional.empty();
        try {
            RunStatus s = Json.read(st, RunStatus.class);
            boolean ended = RunStatus.FINISHED.equals(s.status()) || RunStatus.DIVERGED.equals(s.status());
            return ended && Json.read(c, TrainConfig.class).sameResultsAs(cfg) ? Optional.of(s) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // half-written: train it again
        }
    }

    private static boolean resumable(TrainConfig cfg, Path runDir) throws IOException {
        Path c = runDir.resolve(Trainer.CONFIG);
        if (!Files.exists(c) || !Files.exists(runDir.resolve(Trainer.STATE))) return false;
        try {
            return Json.read(c, TrainConfig.class).equals(cfg)
                    && Json.read(runDir.resolve(Trainer.STATE), RunStatus.class).status().equals(RunStatus.RUNNING);
        } catch (IllegalArgumentException e) {
            return false; // a half-written folder: start over
        }
    }

    private static void clear(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(dir) && !p.getFileName().toString().equals(Trainer.LOG)) Files.delete(p);
            }
        }
    }

    static TrialRecord summarise(Trial trial, Path runDir, TrainOutcome out, double wall) throws IOException {
        List<double[]> rows = MetricsTable.read(runDir.resolve(Trainer.METRICS));
        int steps = trial.config().steps();
        boolean diverged = out.diverged();
        double inf = Double.POSITIVE_INFINITY;
        double finalTrain = inf, bestTrain = inf, finalAcc = 0, testLoss = inf, testAcc = 0, bestTest = inf, bestAcc = 0;
        if (!diverged) {
            int window = Math.max(1, steps / 10);
            double[] means = MetricsTable.windowMeans(rows, 2, window);
            finalTrain = means[means.length - 1];
            for (int i = Math.min(window, means.length) - 1; i < means.length; i++) bestTrain = Math.min(bestTrain, means[i]);
            finalAcc = MetricsTable.windowMeans(rows, 3, window)[means.length - 1];
            for (double[] r : rows) {
                if (!Double.isNaN(r[4])) {
                    testLoss = r[4];
                    testAcc = r[5];
                    bestTest = Math.min(bestTest, r[4]);
                    bestAcc = Math.max(bestAcc, r[5]);
                }
            }
        }
        double ips = out.imagesPerSecond() > 0 ? out.imagesPerSecond() : wall > 0 ? out.steps() * (double) trial.config().batch() / wall : 0;
        return new TrialRecord(trial.id(), trial.key(), diverged, out.steps(), finalTrain, bestTrain, finalAcc, testLoss, testAcc,
                bestTest, bestAcc, wall, ips, Instant.now().toString(), trial.config());
    }
}
