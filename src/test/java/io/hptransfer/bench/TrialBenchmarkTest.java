package io.hptransfer.bench;

import io.hptransfer.data.DataConfig;
import io.hptransfer.data.Datasets;
import io.hptransfer.data.TrainTest;
import io.hptransfer.parity.TorchPython;
import io.hptransfer.parity.TorchReference;
import io.hptransfer.sweep.SweepSpec;
import io.hptransfer.sweep.Trial;
import io.hptransfer.sweep.TrialKey;
import io.hptransfer.sweep.Trials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * `hpt bench --trial` times the same trial on both sides: hpt's trial path and the PyTorch reference
 * start from the same tensors and batches, so they must end at (nearly) the same losses. Times are
 * printed, never asserted (a benchmark, not a timed test).
 */
class TrialBenchmarkTest {
    @Test
    void bothSidesTrainTheSameTrial(@TempDir Path tmp) throws Exception {
        String python = TorchPython.find();
        assumeTrue(python != null, "no python3 with torch: " + TorchPython.INSTALL_HINT);
        Path yaml = tmp.resolve("b.yaml");
        Files.writeString(yaml, """
                name: b
                widths: [8]
                depths: [2]
                parameterizations: [mup-depth]
                optimizers: [{kind: adam, log2Lr: {from: -7, to: -7}}]
                batch: 32
                steps: 40
                schedule: cosine
                warmup: 2
                checkpointEvery: 6
                """);
        SweepSpec spec = SweepSpec.read(yaml);
        TrainTest data = Datasets.load(DataConfig.bundled());
        Trial t = Trials.of(spec, new TrialKey(io.hptransfer.param.Parameterization.MUP_DEPTH, "adam", 8, 2, -7, 0), data.train().size());
        // warm: one untimed hpt trial first, and each PyTorch process trains the trial once before its timed run
        TrialBenchmark.warmUp(t, data, 1, spec.divergeAbove(), tmp.resolve("warm"));
        TrialBenchmark.Result r = TrialBenchmark.run(t, data, new TorchReference(python, 1, null), 1, 2, true,
                spec.divergeAbove(), tmp.resolve("work"));
        System.out.println(r.summary());
        assertEquals(2, r.hpt().size());
        assertEquals(2, r.torch().size());
        for (int i = 0; i < 2; i++) {
            TrialBenchmark.Run h = r.hpt().get(i), p = r.torch().get(i);
            assertTrue(h.wallSeconds() > 0 && p.wallSeconds() > 0);
            // 40 free-running float32 steps from identical tensors and batches: equal to well under 1%
            assertEquals(p.finalLoss(), h.finalLoss(), 1e-3 * p.finalLoss(), "last step's train loss");
            assertEquals(p.testLoss(), h.testLoss(), 1e-3 * p.testLoss(), "test-split loss");
            assertTrue(h.testLoss() < Math.log(10) - 0.05, "the trial trained (chance level is ln 10): " + h.testLoss());
        }
        assertEquals(r.hpt().get(0).finalLoss(), r.hpt().get(1).finalLoss(), 0.0, "hpt repeats the trial exactly");
        assertTrue(r.ratio() > 0 && Double.isFinite(r.ratio()));
        assertTrue(r.summary().contains("ratio") && r.summary().contains("warm"), r.summary());
        List<String> warm = Files.readAllLines(tmp.resolve("warm/warm-up-0/metrics.csv"));
        List<String> timed = Files.readAllLines(tmp.resolve("work/hpt-0/metrics.csv"));
        assertEquals(41, timed.size(), "header and 40 steps");
        assertEquals(warm, timed, "a warm-up trial is the timed trial, untimed: the same metrics, row for row");
    }
}
