package io.hptransfer.bench;

import io.hptransfer.param.Parameterization;
import io.hptransfer.sweep.SweepSpec;
import io.hptransfer.sweep.Trial;
import io.hptransfer.sweep.TrialKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The study estimate weights each measured shape's medians by the number of the spec's trials of that shape. */
class StudyEstimateTest {
    @Test
    void weightsEachShapeByItsTrialCount(@TempDir Path tmp) throws Exception {
        Path yaml = tmp.resolve("s.yaml");
        Files.writeString(yaml, """
                name: s
                widths: [8, 16]
                depths: [2, 4]
                parameterizations: [sp, mup-depth]
                optimizers: [{kind: adam, log2Lr: {from: -6, to: -4}}]
                steps: 20
                """);
        SweepSpec spec = SweepSpec.read(yaml); // cross grid: 8x2, 16x2, 8x4; 2 parameterizations x 3 LRs = 6 trials each
        TrialBenchmark.Result w8 = result(8, 2, List.of(4.0, 2.0, 3.0), List.of(1.0, 1.0, 1.0));
        TrialBenchmark.Result w16 = result(16, 2, List.of(10.0), List.of(5.0));
        StudyEstimate all = StudyEstimate.of(spec, List.of(w8, w16, result(8, 4, List.of(6.0), List.of(3.0))));
        assertEquals(18, all.trials());
        assertEquals(18, all.covered());
        assertEquals(6 * (3.0 + 10.0 + 6.0), all.hptSeconds(), 1e-12, "medians: 3 s at 8x2");
        assertEquals(6 * (1.0 + 5.0 + 3.0), all.torchSeconds(), 1e-12);
        assertTrue(all.summary().contains("all 18 trials") && all.summary().contains("ratio 0.47"), all.summary());

        StudyEstimate part = StudyEstimate.of(spec, List.of(w8, w16, result(32, 2, List.of(1.0), List.of(1.0))));
        assertEquals(12, part.covered(), "32x2 is not in the study");
        assertTrue(part.summary().contains("12 of its 18 trials"), part.summary());
    }

    private static TrialBenchmark.Result result(int width, int depth, List<Double> hpt, List<Double> torch) {
        TrialKey k = new TrialKey(Parameterization.MUP_DEPTH, "adam", width, depth, -5, 0);
        return new TrialBenchmark.Result(new Trial(k, null), 2, true, "1.13",
                hpt.stream().map(s -> new TrialBenchmark.Run(s, 1, 1)).toList(),
                torch.stream().map(s -> new TrialBenchmark.Run(s, 1, 1)).toList());
    }
}
