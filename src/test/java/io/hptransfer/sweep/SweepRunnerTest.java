package io.hptransfer.sweep;

import io.hptransfer.data.DataConfig;
import io.hptransfer.data.Datasets;
import io.hptransfer.data.TrainTest;
import io.hptransfer.train.Progress;
import io.hptransfer.train.Trainer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real (tiny) trials on the bundled data: resume, skip, divergence as a result, claims, changed specs. */
class SweepRunnerTest {
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
    private static TrainTest data;

    @BeforeAll
    static void load() {
        data = Datasets.load(DataConfig.bundled());
    }

    /** 2 widths x 2 LRs; log2 LR 10 (Adam at lr 1024) blows up. */
    static SweepSpec spec(int steps) throws Exception {
        return spec(steps, 3);
    }

    static SweepSpec spec(int steps, int checkpointEvery) throws Exception {
        Path tmp = Files.createTempFile("spec", ".yaml");
        Files.writeString(tmp, """
                name: t
                widths: [4, 8]
                depths: [1]
                parameterizations: [mup]
                optimizers: [{kind: adam, log2Lr: {from: -8, to: 10, step: 18}}]
                batch: 16
                checkpointEvery: %d
                steps: %d
                """.formatted(checkpointEvery, steps));
        return SweepSpec.read(tmp);
    }

    /** A ViT sweep runs through the same store and runner: its trials train ViTs with the spec's ViT options. */
    @Test
    void vitSweepTrainsVitTrials(@TempDir Path tmp) throws Exception {
        Path yaml = tmp.resolve("v.yaml");
        Files.writeString(yaml, """
                name: v
                arch: vit
                model: {heads: nhead, headValue: 2, patch: 4, classToken: true, zeroQuery: true}
                widths: [8, 16]
                depths: [1]
                parameterizations: [sp, mup]
                optimizers: [{kind: adam, log2Lr: {from: -8, to: -8}}]
                batch: 16
                steps: 4
                """);
        SweepSpec spec = SweepSpec.read(yaml);
        List<Trial> trials = Trials.expand(spec, data.train().size());
        assertEquals(4, trials.size());
        for (Trial t : trials) {
            io.hptransfer.model.VitConfig v = (io.hptransfer.model.VitConfig) t.config().model();
            assertEquals(8, v.baseWidth(), "rules relative to the sweep's base width");
            assertEquals(v.width() / 2, v.headDim(), "head count fixed at 2");
            assertTrue(v.classToken() && v.zeroQuery());
        }
        ResultStore store = ResultStore.open(tmp.resolve("v"));
        SweepRunner.Summary s = new SweepRunner(store, QUIET).run(spec, data, Integer.MAX_VALUE);
        assertTrue(s.complete());
        assertEquals(0, s.diverged());
        for (TrialRecord r : store.all()) assertTrue(Double.isFinite(r.loss(Metric.TRAIN_LOSS)) && r.loss(Metric.TRAIN_LOSS) > 0, r.id());
        // widths that do not split into the heads are refused up front, naming the fix
        Files.writeString(yaml, Files.readString(yaml).replace("widths: [8, 16]", "widths: [8, 12]").replace("headValue: 2", "headValue: 8"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SweepSpec.read(yaml));
        assertTrue(e.getMessage().contains("not a multiple of head count 8"), e.getMessage());
    }

    @Test
    void resumesSkipsFinishedTrialsAndRecordsDivergenceAsAResult(@TempDir Path tmp) throws Exception {
        SweepSpec spec = spec(6);
        ResultStore store = ResultStore.open(tmp.resolve("t"));
        SweepRunner runner = new SweepRunner(store, QUIET);
        SweepRunner.Summary first = runner.run(spec, data, 1);
        assertEquals(4, first.total());
        assertEquals(1, first.ran());
        assertFalse(first.complete());

        // a process killed mid-trial: a checkpoint at step 3, metrics up to step 4, no record
        Trial cut = Trials.expand(spec, data.train().size()).get(1);
        new Trainer(QUIET, Progress.silent()).stopAfter(4).start(cut.config(), store.runDir(cut.id()), data);
        assertTrue(store.get(cut.id()).isEmpty());

        SweepRunner.Summary second = runner.run(spec, data, Integer.MAX_VALUE);
        assertEquals(3, second.ran(), "the 3 unrecorded trials ran, the finished one was skipped");
        assertEquals(1, second.skipped());
        assertTrue(second.complete());
        assertTrue(Files.readString(store.runDir(cut.id()).resolve("train.log")).contains("resuming"), "resumed from its checkpoint");

        // the resumed trial ends exactly where an uninterrupted run of it ends
        TrialRecord resumed = store.get(cut.id()).orElseThrow();
        TrialRecord fresh = new TrialRunner(spec.divergeAbove()).run(cut, tmp.resolve("fresh"), data);
        assertEquals(fresh.finalTrainLoss(), resumed.finalTrainLoss(), 0.0);
        assertEquals(fresh.finalTestLoss(), resumed.finalTestLoss(), 0.0);

        List<TrialRecord> all = store.all();
        assertEquals(4, all.size());
        for (TrialRecord r : all) {
            boolean huge = r.key().log2Lr() == 10;
            assertEquals(huge, r.diverged(), r.id());
            assertEquals(huge, r.loss(Metric.TRAIN_LOSS) == Double.POSITIVE_INFINITY, r.id());
            assertFalse(Files.exists(store.runDir(r.id()).resolve(Trainer.MODEL)), "finished trials keep metrics, not weights");
        }
        assertEquals(2, second.diverged() + (first.diverged()));

        SweepRunner.Summary third = runner.run(spec, data, Integer.MAX_VALUE);
        assertEquals(0, third.ran());
        assertEquals(4, third.skipped());

        byte[] accepted = Files.readAllBytes(store.specFile());
        IllegalArgumentException changed = assertThrows(IllegalArgumentException.class, () -> runner.run(spec(7), data, 9));
        assertTrue(changed.getMessage().contains("other settings"), changed.getMessage());
        assertEquals(new String(accepted), Files.readString(store.specFile()),
                "a refused spec leaves the accepted spec.json (report and transfer read its budget)");

        // the checkpoint interval does not change results (resuming is exact): not a budget change
        SweepRunner.Summary same = runner.run(spec(6, 2), data, 9);
        assertEquals(0, same.ran());
        assertEquals(4, same.skipped());
    }

    /** A trial trained to its end whose record was never written (full disk, kill in between) is not trained again. */
    @Test
    void aFinishedTrialWithoutItsRecordIsRecoveredFromItsRunFolder(@TempDir Path tmp) throws Exception {
        SweepSpec spec = spec(6);
        ResultStore store = ResultStore.open(tmp.resolve("t"));
        SweepRunner runner = new SweepRunner(store, QUIET);
        assertTrue(runner.run(spec, data, Integer.MAX_VALUE).complete());
        List<TrialRecord> before = store.all();
        for (TrialRecord r : before) Files.delete(tmp.resolve("t").resolve("trials").resolve(r.id() + ".json"));
        SweepRunner.Summary again = runner.run(spec, data, Integer.MAX_VALUE);
        assertEquals(before.size(), again.ran());
        for (TrialRecord r : before) {
            TrialRecord back = store.get(r.id()).orElseThrow();
            assertEquals(r.diverged(), back.diverged(), r.id());
            assertEquals(r.finalTrainLoss(), back.finalTrainLoss(), 0.0, r.id());
            assertEquals(r.finalTestLoss(), back.finalTestLoss(), 0.0, r.id());
            assertEquals(r.steps(), back.steps(), r.id());
            assertTrue(Files.readString(store.runDir(r.id()).resolve("train.log")).contains("recovered"), "not trained again: " + r.id());
        }
    }

    @Test
    void twoRunnersOnOneSweepNeverRunATrialTwice(@TempDir Path tmp) throws Exception {
        SweepSpec spec = spec(4);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<SweepRunner.Summary> job = () -> new SweepRunner(ResultStore.open(tmp.resolve("t")), QUIET).run(spec, data, 99);
            List<Future<SweepRunner.Summary>> f = pool.invokeAll(List.of(job, job));
            SweepRunner.Summary a = f.get(0).get(), b = f.get(1).get();
            assertEquals(4, a.ran() + b.ran(), "every trial ran exactly once: " + a + " / " + b);
            assertEquals(4, ResultStore.existing(tmp.resolve("t")).all().size());
        } finally {
            pool.shutdownNow();
        }
    }
}
