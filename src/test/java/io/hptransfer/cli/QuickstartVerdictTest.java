package io.hptransfer.cli;

import io.hptransfer.sweep.Metric;
import io.hptransfer.report.SweepReport;
import io.hptransfer.sweep.Log2Grid;
import io.hptransfer.sweep.ModelSpec;
import io.hptransfer.sweep.OptimizerGrid;
import io.hptransfer.sweep.SweepSpec;
import io.hptransfer.sweep.TrialRecord;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.hptransfer.sweep.SyntheticRecords.record;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The quickstart ends with a verdict per axis: resolved, or not resolved with the study that resolves it. */
class QuickstartVerdictTest {
    private static final Path RESOLVING = Path.of("sweeps/quickstart-resolved.yaml");

    /** SP's optimum falls one octave per doubling of width, muP's stays; each seed's optimum is offset by seedSd * {-1.5..1.5}/1.29. */
    static List<TrialRecord> table(double seedSd, int seeds) {
        double[] unit = {-1.5, -0.5, 0.5, 1.5};
        List<TrialRecord> out = new ArrayList<>();
        for (String p : List.of("sp", "mup-depth")) {
            for (int w : new int[]{8, 16, 32}) {
                for (int k = 0; k < seeds; k++) {
                    double opt = (p.equals("sp") ? -5 - Math.log(w / 8.0) / Math.log(2) : -5) + seedSd * unit[k] / 1.291;
                    for (int lg = -12; lg <= -1; lg++) out.add(record(p, w, 2, lg, k, 1.0 + 0.05 * Math.pow(lg - opt, 2)));
                }
            }
        }
        return out;
    }

    static SweepSpec spec(int seeds) {
        List<Long> s = new ArrayList<>();
        for (long i = 0; i < seeds; i++) s.add(i);
        return new SweepSpec("quickstart", null, null, null, null, null, ModelSpec.defaults(), 8, 2, List.of(8, 16, 32), List.of(2),
                "cross", List.of(io.hptransfer.param.Parameterization.SP, io.hptransfer.param.Parameterization.MUP_DEPTH), List.of(new OptimizerGrid("adam", new Log2Grid(-12.0, -1.0, 1.0), null, null, null,
                null, null, null)), s, 10, null, 8, null, null, null, null, null, null);
    }

    @Test
    void aClearDifferenceIsResolvedAndNamesNoOtherStudy() {
        String v = QuickstartCommand.verdicts(SweepReport.of(spec(4), table(0.3, 4), Metric.TRAIN_LOSS), RESOLVING);
        assertTrue(v.contains("verdict, width 8 -> 32 (adam): resolved: mup-depth's optimum moves least"), v);
        assertFalse(v.contains("too few seeds"), v);
    }

    @Test
    void aNoisyOrOneSeedStudySaysItIsNotResolvedAndNamesTheResolvingSpec() {
        String noisy = QuickstartCommand.verdicts(SweepReport.of(spec(4), table(3.0, 4), Metric.TRAIN_LOSS), RESOLVING);
        assertTrue(noisy.contains("(adam): not resolved:"), noisy);
        assertTrue(noisy.contains("too few seeds to resolve it here; sweeps/quickstart-resolved.yaml is this study with more seeds"), noisy);
        String oneSeed = QuickstartCommand.verdicts(SweepReport.of(spec(1), table(0.0, 1), Metric.TRAIN_LOSS), RESOLVING);
        assertTrue(oneSeed.contains("no verdict on the shift (one seed: ± unknown)"), oneSeed);
        assertTrue(oneSeed.contains("quickstart-resolved.yaml is this study with more seeds"), oneSeed);
    }
}
