package io.hptransfer.train;

import io.hptransfer.data.DataConfig;
import io.hptransfer.data.Datasets;
import io.hptransfer.data.TrainTest;
import io.hptransfer.model.ResNetConfig;
import io.hptransfer.optim.OptimizerConfig;
import io.hptransfer.optim.ScheduleConfig;
import io.hptransfer.util.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real training on the bundled Fashion-MNIST subset. */
class TrainerTest {
    private static TrainTest data;
    private static final PrintStream QUIET = new PrintStream(java.io.OutputStream.nullOutputStream());

    @BeforeAll
    static void load() {
        data = Datasets.load(DataConfig.bundled());
    }

    private static TrainConfig config(String param, OptimizerConfig opt, int steps, boolean bn) {
        ResNetConfig r = new ResNetConfig(16, 2, 2, 16, 2, bn, true, 1.0, 1.0, 1.0, false);
        return new TrainConfig(DataConfig.bundled(), io.hptransfer.model.Arch.RESNET, r, null, null, io.hptransfer.param.Parameterization.parse(param), opt,
                new ScheduleConfig(ScheduleConfig.Kind.COSINE, 10, 0.1), steps, 64, 5, 0, 20);
    }

    private static Trainer trainer() {
        return new Trainer(QUIET, Progress.silent());
    }

    @Test
    void lossDecreasesOnTheBundledDatasetAndOneDnnIsActive(@TempDir Path tmp) throws Exception {
        TrainOutcome out = trainer().start(config("mup-depth", OptimizerConfig.adam(3e-3), 200, true), tmp.resolve("r"), data);
        assertEquals(RunStatus.FINISHED, out.status());
        List<String[]> rows = rows(tmp.resolve("r"));
        double first = mean(rows.subList(0, 10)), last = mean(rows.subList(rows.size() - 10, rows.size()));
        assertTrue(last < 0.6 * first, "train loss should fall by 40%: first 10 steps " + first + ", last 10 " + last);
        assertTrue(out.test().accuracy() > 0.6, "test accuracy after 200 steps: " + out.test().accuracy());
        // the training path must not have fallen back to im2col (a 15x slowdown)
        assertTrue(out.helpers().allActive(), out.helpers().toString());
        assertTrue(out.helpers().convLayers() == 6 && out.helpers().bnLayers() == 4, out.helpers().toString());
        RunStatus st = Json.read(tmp.resolve("r").resolve(Trainer.STATE), RunStatus.class);
        assertEquals(RunStatus.FINISHED, st.status());
        assertTrue(Files.exists(tmp.resolve("r").resolve(Trainer.MODEL)));
    }

    @Test
    void resumeReproducesTheUninterruptedLossTrajectoryExactly(@TempDir Path tmp) throws Exception {
        TrainConfig cfg = config("completep", new OptimizerConfig(io.hptransfer.param.Optimizer.SGD, 0.05, 0.9, 0.9, 0.999,
                1e-8, 1e-4, true), 50, true);
        trainer().start(cfg, tmp.resolve("full"), data);
        trainer().stopAfter(27).start(cfg, tmp.resolve("cut"), data); // checkpoint at 20, killed at 27
        assertEquals(RunStatus.RUNNING, Json.read(tmp.resolve("cut").resolve(Trainer.STATE), RunStatus.class).status());
        TrainOutcome resumed = trainer().resume(tmp.resolve("cut"));
        assertEquals(RunStatus.FINISHED, resumed.status());
        List<String> full = Files.readAllLines(tmp.resolve("full").resolve(Trainer.METRICS));
        List<String> cut = Files.readAllLines(tmp.resolve("cut").resolve(Trainer.METRICS));
        assertEquals(51, cut.size());
        for (int i = 0; i < full.size(); i++) {
            String[] a = full.get(i).split(","), b = cut.get(i).split(",");
            assertEquals(a[0] + " " + a[2], b[0] + " " + b[2], "train loss at row " + i);
        }
    }

    /**
     * A kill after model.zip's rename but before state.json's leaves weights at step 40 and a state saying 20:
     * the resumed run must still end on the uninterrupted run's losses (the kill drill failed once this way).
     */
    @Test
    void aKillBetweenTheModelAndStateWritesResumesFromTheModelsStep(@TempDir Path tmp) throws Exception {
        TrainConfig cfg = config("mup-depth", OptimizerConfig.adam(3e-3), 50, false);
        trainer().start(cfg, tmp.resolve("full"), data);
        Path cut = tmp.resolve("cut");
        trainer().stopAfter(27).start(cfg, cut, data); // checkpoint at 20, killed at 27
        byte[] stateAt20 = Files.readAllBytes(cut.resolve(Trainer.STATE));
        trainer().stopAfter(47).resume(cut); // checkpoint at 40, killed at 47
        Files.write(cut.resolve(Trainer.STATE), stateAt20); // ... as if killed between the two writes at 40
        assertEquals(20, Json.read(cut.resolve(Trainer.STATE), RunStatus.class).step());
        assertEquals(RunStatus.FINISHED, trainer().resume(cut).status());
        assertEquals(Files.readAllLines(tmp.resolve("full").resolve(Trainer.METRICS)),
                Files.readAllLines(cut.resolve(Trainer.METRICS)), "every step's loss as in the uninterrupted run");
    }

    /** The ViT's per-tensor Adam state (one SameDiff layer, many updaters) must survive a checkpoint too. */
    @Test
    void vitResumeReproducesTheUninterruptedLossTrajectoryExactly(@TempDir Path tmp) throws Exception {
        io.hptransfer.model.VitConfig v = new io.hptransfer.model.VitConfig(32, 2, 16, 1, 4,
                io.hptransfer.model.VitConfig.HeadScaling.FIXED_DIM, 8, 4, false, 1.0, 1.0, 1.0, 1.0, false, false);
        TrainConfig cfg = TrainConfig.of(DataConfig.bundled(), v, io.hptransfer.param.Parameterization.MUP_DEPTH, OptimizerConfig.adam(2e-3),
                new ScheduleConfig(ScheduleConfig.Kind.COSINE, 5, 0.1), 30, 32, 5, 0, 10);
        TrainOutcome full = trainer().start(cfg, tmp.resolve("full"), data);
        assertEquals(RunStatus.FINISHED, full.status());
        trainer().stopAfter(17).start(cfg, tmp.resolve("cut"), data); // checkpoint at 10, killed at 17
        assertEquals(RunStatus.FINISHED, trainer().resume(tmp.resolve("cut")).status());
        List<String> a = Files.readAllLines(tmp.resolve("full").resolve(Trainer.METRICS));
        List<String> b = Files.readAllLines(tmp.resolve("cut").resolve(Trainer.METRICS));
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).split(",")[2], b.get(i).split(",")[2], "train loss at row " + i);
        }
        double first = Double.parseDouble(a.get(1).split(",")[2]), last = Double.parseDouble(a.get(a.size() - 1).split(",")[2]);
        assertTrue(last < first, "the ViT learns: loss " + first + " -> " + last);
    }

    /** A truncated checkpoint (a full disk, a copy cut short) is kept aside and the run trains afresh to the same end. */
    @Test
    void anUnreadableCheckpointIsMovedAsideAndTheRunRestarts(@TempDir Path tmp) throws Exception {
        TrainConfig c = config("mup-depth", OptimizerConfig.adam(3e-3), 12, false);
        TrainConfig cfg = new TrainConfig(c.data(), c.arch(), c.resnet(), null, null, c.parameterization(), c.optimizer(), c.schedule(),
                c.steps(), c.batch(), c.seed(), c.evalEvery(), 5);
        trainer().start(cfg, tmp.resolve("full"), data);
        for (String damage : new String[]{"truncated", "random"}) {
            Path run = tmp.resolve(damage);
            trainer().stopAfter(8).start(cfg, run, data); // checkpoint at 5 (checkpointEvery), killed at 8
            Path model = run.resolve(Trainer.MODEL);
            byte[] bytes = Files.readAllBytes(model);
            if (damage.equals("truncated")) {
                Files.write(model, java.util.Arrays.copyOf(bytes, bytes.length / 2));
            } else {
                new java.util.Random(1).nextBytes(bytes);
                Files.write(model, bytes);
            }
            TrainOutcome out = trainer().resume(run);
            assertEquals(RunStatus.FINISHED, out.status(), damage);
            try (var files = Files.list(run)) {
                assertEquals(1, files.filter(f -> f.getFileName().toString().startsWith(Trainer.MODEL + ".unreadable-")).count(),
                        damage + ": the unreadable checkpoint is kept aside");
            }
            assertEquals(Files.readAllLines(tmp.resolve("full").resolve(Trainer.METRICS)),
                    Files.readAllLines(run.resolve(Trainer.METRICS)), damage + ": the restarted run ends where an uninterrupted one does");
        }
    }

    /** A run whose claim was taken stops before writing another row: its folder is the new holder's. */
    @Test
    void aRunWhoseClaimIsTakenStopsWritingAtOnce(@TempDir Path tmp) throws Exception {
        int[] checks = {0};
        Trainer t = trainer().whileHeld(() -> ++checks[0] <= 3);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> t.start(config("mup", OptimizerConfig.adam(1e-3), 10, false), tmp.resolve("r"), data));
        assertTrue(e.getMessage().contains("claim was taken"), e.getMessage());
        assertEquals(1 + 3, Files.readAllLines(tmp.resolve("r").resolve(Trainer.METRICS)).size(), "header and the 3 steps before");
    }

    @Test
    void nanLossEndsTheRunAsDivergedNotAsACrash(@TempDir Path tmp) throws Exception {
        TrainOutcome out = trainer().start(config("sp", OptimizerConfig.sgd(1e4), 100, false), tmp.resolve("d"), data);
        assertTrue(out.diverged());
        assertTrue(out.steps() < 100);
        assertEquals(RunStatus.DIVERGED, Json.read(tmp.resolve("d").resolve(Trainer.STATE), RunStatus.class).status());
        assertFalse(Double.isFinite(Double.parseDouble(lastRow(tmp.resolve("d"))[2])));
    }

    @Test
    void refusesToOverwriteAnExistingRun(@TempDir Path tmp) throws Exception {
        TrainConfig cfg = config("mup", OptimizerConfig.sgd(0.1), 2, false);
        trainer().start(cfg, tmp.resolve("x"), data);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> trainer().start(cfg, tmp.resolve("x"), data));
        assertTrue(e.getMessage().contains("--resume"));
    }

    private static List<String[]> rows(Path run) throws Exception {
        return Files.readAllLines(run.resolve(Trainer.METRICS)).stream().skip(1).map(l -> l.split(",", -1)).toList();
    }

    private static String[] lastRow(Path run) throws Exception {
        List<String[]> r = rows(run);
        return r.get(r.size() - 1);
    }

    private static double mean(List<String[]> rows) {
        return rows.stream().mapToDouble(r -> Double.parseDouble(r[2])).average().orElseThrow();
    }
}
