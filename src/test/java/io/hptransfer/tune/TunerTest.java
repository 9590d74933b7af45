package io.hptransfer.tune;

import io.hptransfer.data.DataConfig;
import io.hptransfer.data.Datasets;
import io.hptransfer.data.TrainTest;
import io.hptransfer.model.ResNetConfig;
import io.hptransfer.optim.OptimizerConfig;
import io.hptransfer.optim.ScheduleConfig;
import io.hptransfer.sweep.ResultStore;
import io.hptransfer.train.TrainConfig;
import io.hptransfer.util.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TunerTest {

    @Test
    void gaussianProcessFindsTheMinimumOfANoisyQuadraticBetweenGridPoints() {
        List<double[]> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        java.util.Random rnd = new java.util.Random(3);
        for (double x = -12; x <= -4; x += 1) {
            xs.add(new double[]{x});
            ys.add(x >= -4.5 ? Double.POSITIVE_INFINITY : 0.8 + 0.1 * (x + 7.6) * (x + 7.6) + 0.005 * rnd.nextGaussian());
        }
        GpSurrogate gp = GpSurrogate.fit(xs, ys);
        double best = Double.NaN, min = Double.POSITIVE_INFINITY;
        for (double[] x : GpSurrogate.lattice(new double[]{-12}, new double[]{-4}, 0.125)) {
            double m = gp.predict(x)[0];
            if (m < min) {
                min = m;
                best = x[0];
            }
        }
        assertEquals(-7.6, best, 0.3, "GP minimum near the true optimum, off the grid");
        double near = gp.predict(new double[]{-7.0})[1], far = gp.predict(new double[]{-30})[1];
        assertTrue(near < 0.2 * far, "certain at a data point, uncertain far away: " + near + " vs " + far);
        // far from all data the posterior is the prior: sd = the standardised losses' sd
        assertTrue(far > 0 && Double.isFinite(far));
        assertEquals(0.8 + 0.1 * 0.36, gp.predict(new double[]{-7.0})[0], 0.05, "follows the data near the optimum");
        assertTrue(gp.predict(new double[]{-4})[0] > gp.predict(new double[]{-6})[0], "a diverged point is a cliff");
    }

    @Test
    void thePlanCountsEveryRungFullBudgetAndRefinementStep() {
        // 6 points to step 1 (1/9 of 9), 2 survivors (a third, rounded up: no second rung at <= 3) from step 1 to 9, 2 refinements
        assertEquals(new Tuner.Plan((6 * 1 + 2 * 8 + 2 * 9) * 3L, 10), Tuner.Plan.of(9, 6, true, 2, 3));
        // 27 points: rungs at 3 and 9 of 27 steps keep 9, then 3
        assertEquals(new Tuner.Plan(27 * 3 + 9 * 6 + 3 * 18, 27 + 9 + 3), Tuner.Plan.of(27, 27, true, 0, 1));
        assertEquals(new Tuner.Plan(5 * 27 + 27, 6), Tuner.Plan.of(27, 5, false, 1, 1), "no halving: every point to the full budget");
    }

    @Test
    void realTuneWithHalvingAndRefinementResumesWithoutRetraining(@TempDir Path tmp) throws Exception {
        TrainTest data = Datasets.load(DataConfig.bundled());
        TrainConfig base = new TrainConfig(DataConfig.bundled(), io.hptransfer.model.Arch.RESNET, ResNetConfig.of(4, 1), null, null, io.hptransfer.param.Parameterization.MUP, OptimizerConfig.adam(1e-3),
                ScheduleConfig.constant(), 9, 16, 0, 0, 0);
        List<List<Double>> grids = List.of(List.of(-12.0, -10.0, -8.0, -6.0, -4.0, -2.0), List.of(0.0), List.of(0.0));
        Tuner.Settings s = new Tuner.Settings(grids, List.of(0L), 2, true, 20);
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        java.io.ByteArrayOutputStream errBytes = new java.io.ByteArrayOutputStream();
        TuneResult r = new Tuner(ResultStore.open(tmp), new PrintStream(errBytes, true, java.nio.charset.StandardCharsets.UTF_8)).run(base, s, data);
        List<String> pointLines = errBytes.toString(java.nio.charset.StandardCharsets.UTF_8).lines().filter(l -> l.contains(" -> loss ")).toList();
        assertEquals(10, pointLines.size(), "a line per evaluated point: " + pointLines);
        assertTrue(pointLines.get(0).matches(".*\\[1/10 points, ETA \\d+m\\d\\ds\\]"), "an ETA from the first point on: " + pointLines.get(0));
        assertTrue(pointLines.get(9).endsWith("[10/10 points, ETA 0m00s]"), "the plan counted every point and step: " + pointLines.get(9));
        long rungs = r.evaluated().stream().filter(e -> e.stage().startsWith("rung")).count();
        long grid = r.evaluated().stream().filter(e -> e.stage().equals("grid")).count();
        long refined = r.evaluated().stream().filter(e -> e.stage().startsWith("refine")).count();
        assertEquals(6, rungs, "all 6 grid points reach the first rung (step 1)");
        assertEquals(2, grid, "halving keeps the best third for the full budget");
        assertEquals(2, refined);
        assertTrue(r.star().log2Lr() >= -12 && r.star().log2Lr() <= -2, r.star().toString());
        assertTrue(r.lrLow() <= r.star().log2Lr() && r.star().log2Lr() <= r.lrHigh());
        assertEquals(4, ResultStore.existing(tmp).all().size(), "full-budget trials are stored");
        TuneResult back = Json.read(tmp.resolve("tune.json"), TuneResult.class);
        assertEquals(r.star(), back.star());
        assertEquals(Math.pow(2, r.star().log2Lr()), back.config().optimizer().lr(), 1e-12);

        TuneResult again = new Tuner(ResultStore.open(tmp), quiet).run(base, s, data);
        assertEquals(r.star(), again.star(), "same stored results, same answer");
        assertEquals(4, ResultStore.existing(tmp).all().size(), "nothing retrained");
    }
}
