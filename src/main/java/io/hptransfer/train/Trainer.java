package io.hptransfer.train;

import io.hptransfer.util.NativeMemory;
import io.hptransfer.data.BatchSampler;
import io.hptransfer.data.Datasets;
import io.hptransfer.data.TrainTest;
import io.hptransfer.model.OneDnn;
import io.hptransfer.util.Json;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Trains one {@link TrainConfig} into a run folder:
 * config.json, metrics.csv, model.zip (weights + updater state, i.e. resumable), state.json.
 * A NaN/Inf loss ends the run as "diverged" (a result, not an error).
 */
public final class Trainer {
    public static final String CONFIG = "config.json";
    public static final String STATE = "state.json";
    public static final String MODEL = "model.zip";
    public static final String METRICS = "metrics.csv";
    /** A sweep or tune trial's log in its run folder (what its trainer printed). */
    public static final String LOG = "train.log";

    private final PrintStream log;
    private final Progress progress;
    private int stopAfter = Integer.MAX_VALUE;
    private double divergeAbove = Double.POSITIVE_INFINITY;
    private int pauseAt = Integer.MAX_VALUE;
    private java.util.function.BooleanSupplier held = () -> true;

    public Trainer(PrintStream log, Progress progress) {
        this.log = log;
        this.progress = progress;
    }

    /** Tests: leave the loop after this many steps as a killed process would (no final checkpoint). */
    public Trainer stopAfter(int step) {
        this.stopAfter = step;
        return this;
    }

    /**
     * Stop at this step with a checkpoint, status still running: {@link #resume} continues the run
     * exactly (successive halving trains every LR to a rung, then only the best ones further).
     */
    public Trainer pauseAt(int step) {
        this.pauseAt = step;
        return this;
    }

    /**
     * Checked before every step's writes: when it turns false (the trial's claim was taken by another process)
     * the run stops with an error and writes nothing more to its folder.
     */
    public Trainer whileHeld(java.util.function.BooleanSupplier held) {
        this.held = held;
        return this;
    }

    /** A finite loss above this also ends the run as diverged (a blow-up that has not reached NaN yet). */
    public Trainer divergeAbove(double lossCeiling) {
        if (!(lossCeiling > 0)) throw new IllegalArgumentException("divergence loss ceiling must be > 0, got " + lossCeiling);
        this.divergeAbove = lossCeiling;
        return this;
    }

    /** Starts a new run; refuses to overwrite a run folder that already holds one. */
    public TrainOutcome start(TrainConfig cfg, Path runDir, TrainTest data) throws IOException {
        if (Files.exists(runDir.resolve(CONFIG))) {
            throw new IllegalStateException("run folder " + runDir + " already holds a run: pass --resume to continue it or choose another --run name");
        }
        Files.createDirectories(runDir);
        Json.writeAtomic(runDir.resolve(CONFIG), cfg);
        return fromScratch(cfg, runDir, data);
    }

    private TrainOutcome fromScratch(TrainConfig cfg, Path runDir, TrainTest data) throws IOException {
        NativeMemory.reclaim(); // a previous trial's model in this process is garbage now
        ComputationGraph graph = ModelFactory.build(cfg, data.train(), DataType.FLOAT).graph();
        try (MetricsCsv metrics = MetricsCsv.create(runDir.resolve(METRICS))) {
            return loop(cfg, runDir, data, graph, 0, metrics);
        }
    }

    /** Continues a run from its last checkpoint with the exact batches and updater state it would have had. */
    public TrainOutcome resume(Path runDir) throws IOException {
        return resume(runDir, null);
    }

    /** As {@link #resume(Path)}, with the run's data already in memory (null = load it). */
    public TrainOutcome resume(Path runDir, TrainTest loaded) throws IOException {
        Path cfgFile = runDir.resolve(CONFIG);
        if (!Files.exists(cfgFile)) {
            throw new IllegalStateException("no run to resume in " + runDir + " (no " + CONFIG + "): start it without --resume");
        }
        TrainConfig cfg = Json.read(cfgFile, TrainConfig.class);
        TrainTest data = loaded != null ? loaded : Datasets.load(cfg.data());
        Path model = runDir.resolve(MODEL);
        if (!Files.exists(model) || !Files.exists(runDir.resolve(STATE))) {
            log.println("no checkpoint in " + runDir + " yet: restarting the run from step 0");
            return fromScratch(cfg, runDir, data);
        }
        RunStatus st = Json.read(runDir.resolve(STATE), RunStatus.class);
        if (!RunStatus.RUNNING.equals(st.status())) {
            log.println("run " + runDir + " already " + st.status() + " at step " + st.step() + ": nothing to do");
            return new TrainOutcome(st.status(), st.step(), st.lastLoss(), Double.NaN, null, 0, null);
        }
        OneDnn.enable();
        NativeMemory.reclaim();
        ComputationGraph graph;
        try {
            graph = ModelSerializer.restoreComputationGraph(model.toFile(), true);
        } catch (Exception | OutOfMemoryError e) {
            // a truncated or overwritten checkpoint would fail every rerun: keep it for inspection, train afresh
            Path aside = runDir.resolve(MODEL + ".unreadable-" + System.currentTimeMillis());
            Files.move(model, aside);
            Files.deleteIfExists(runDir.resolve(STATE));
            String msg = "warning: checkpoint " + model + " is unreadable (" + firstLine(e) + "); moved to " + aside
                    + ", restarting the run from step 0";
            log.println(msg);
            if (log != System.err) System.err.println(msg);
            return fromScratch(cfg, runDir, data);
        }
        // The weights know their own step: a kill between model.zip's rename and state.json's leaves a newer model
        // than state.json says, and resuming at the state's step would train those steps twice (the kill drill did).
        int step = graph.getConfiguration().getIterationCount();
        if (step != st.step()) {
            log.println("checkpoint " + model + " is at step " + step + " but " + STATE + " says " + st.step()
                    + " (stopped between the two writes): resuming from the checkpoint's step");
        }
        log.println("resuming " + runDir + " from step " + step);
        try (MetricsCsv metrics = MetricsCsv.resumeAt(runDir.resolve(METRICS), step)) {
            return loop(cfg, runDir, data, graph, step, metrics);
        }
    }

    private TrainOutcome loop(TrainConfig cfg, Path runDir, TrainTest data, ComputationGraph graph, int startStep,
                              MetricsCsv metrics) throws IOException {
        try {
            return steps(cfg, runDir, data, graph, startStep, metrics);
        } finally {
            progress.end(); // however the run stopped: the bar must not be left half-drawn under the next line
        }
    }

    private TrainOutcome steps(TrainConfig cfg, Path runDir, TrainTest data, ComputationGraph graph, int startStep,
                               MetricsCsv metrics) throws IOException {
        OneDnn.HelperReport helpers = OneDnn.inspect(graph);
        log.println(helpers);
        BatchMetrics acc = new BatchMetrics();
        graph.setListeners(acc);
        BatchSampler sampler = new BatchSampler(data.train(), cfg.batch(), cfg.seed(), cfg.data().augment());
        double loss = Double.NaN;
        Evaluator.Score test = null;
        long t0 = System.nanoTime();
        if (startStep >= pauseAt) return new TrainOutcome(RunStatus.RUNNING, startStep, loss, Double.NaN, null, 0, helpers);
        for (int step = startStep; step < cfg.steps(); step++) {
            BatchSampler.Batch batch = sampler.batch(step);
            acc.expect(batch.labels());
            graph.fit(batch.data());
            loss = acc.loss(); // cross-entropy from the logits: DL4J's score clips it (CrossEntropy)
            int done = step + 1;
            if (!held.getAsBoolean()) {
                throw new IllegalStateException("run " + runDir + " stopped at step " + done + ": its claim was taken by another "
                        + "process (a deleted claim file); nothing more is written here by this process");
            }
            double lr = cfg.optimizer().lr() * cfg.schedule().factor(step, cfg.steps());
            if (!Double.isFinite(loss) || loss > divergeAbove) {
                metrics.row(done, lr, loss, acc.accuracy(), null);
                Json.writeAtomic(runDir.resolve(STATE), new RunStatus(RunStatus.DIVERGED, done, loss));
                log.println("\ndiverged: loss " + loss + " at step " + done + " (lr " + lr + "); run marked diverged");
                return new TrainOutcome(RunStatus.DIVERGED, done, loss, acc.accuracy(), null, 0, helpers);
            }
            boolean last = done == cfg.steps();
            test = (last || (cfg.evalEvery() > 0 && done % cfg.evalEvery() == 0))
                    ? Evaluator.evaluate(graph, data.test()) : null;
            metrics.row(done, lr, loss, acc.accuracy(), test);
            progress.update(done, loss, acc.accuracy(), cfg.batch());
            boolean pause = done == pauseAt && !last;
            if (last || pause || (cfg.checkpointEvery() > 0 && done % cfg.checkpointEvery() == 0)) {
                checkpoint(graph, runDir, new RunStatus(last ? RunStatus.FINISHED : RunStatus.RUNNING, done, loss));
            }
            if ((done >= stopAfter || pause) && !last) {
                return new TrainOutcome(RunStatus.RUNNING, done, loss, acc.accuracy(), null, 0, helpers);
            }
        }
        double sec = (System.nanoTime() - t0) / 1e9;
        double ips = (cfg.steps() - startStep) * (double) cfg.batch() / Math.max(sec, 1e-9);
        return new TrainOutcome(RunStatus.FINISHED, cfg.steps(), loss, acc.accuracy(), test, ips, OneDnn.inspect(graph));
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(m);
    }

    /**
     * Model first, then state: state.json never points at a checkpoint that is not fully on disk. The two renames
     * are not one atomic step, so resume takes the step from the model itself.
     */
    private static void checkpoint(ComputationGraph graph, Path runDir, RunStatus status) {
        try {
            Path tmp = runDir.resolve(MODEL + ".tmp");
            ModelSerializer.writeModel(graph, tmp.toFile(), true);
            Files.move(tmp, runDir.resolve(MODEL), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Json.writeAtomic(runDir.resolve(STATE), status);
        } catch (IOException e) {
            throw Json.cannotWrite(runDir.resolve(MODEL), e);
        }
    }
}
