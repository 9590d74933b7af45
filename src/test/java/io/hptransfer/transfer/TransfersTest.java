package io.hptransfer.transfer;

import io.hptransfer.report.SweepReport;
import io.hptransfer.sweep.Metric;
import io.hptransfer.sweep.SweepSpec;
import io.hptransfer.sweep.Trial;
import io.hptransfer.sweep.TrialRecord;
import io.hptransfer.sweep.Trials;
import io.hptransfer.train.TrainConfig;
import io.hptransfer.tune.TunePoint;
import io.hptransfer.tune.TuneResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The transfer step on sweeps with known optima (parabolic losses in log2 LR), no training. */
class TransfersTest {
    private static final int TRAIN_SIZE = 1000;

    private static SweepSpec spec(Path tmp) throws Exception {
        Path yaml = tmp.resolve("s.yaml");
        Files.writeString(yaml, """
                name: s
                widths: [8, 16]
                depths: [1, 2]
                parameterizations: [mup]
                optimizers: [{kind: adam, log2Lr: {from: -9, to: -3, step: 1}}]
                batch: 16
                steps: 10
                """);
        return SweepSpec.read(yaml);
    }

    /**
     * Loss (log2Lr - centre)^2 / 10 + 1 per (width, depth): the 3-point vertex finds the centre exactly. The sweep
     * varies one axis at a time from its base W8 L1: W16 L1 and W8 L2 are measured, W16 L2 is not.
     */
    private static List<TrialRecord> records(SweepSpec spec, double proxyCentre, double w16Centre, boolean proxyDiverges) {
        return Trials.expand(spec, TRAIN_SIZE).stream().map((Trial t) -> {
            boolean proxy = t.key().width() == 8 && t.key().depth() == 1;
            double c = proxy ? proxyCentre : t.key().width() == 16 ? w16Centre : -6;
            double loss = Math.pow(t.key().log2Lr() - c, 2) / 10 + 1;
            boolean diverged = proxy && proxyDiverges;
            return new TrialRecord(t.id(), t.key(), diverged, 10, diverged ? Double.POSITIVE_INFINITY : loss, loss, 0.5, loss, 0.5,
                    loss, 0.5, 1, 100, "2026-12-02T00:00:00Z", t.config());
        }).toList();
    }

    @Test
    void theProxysOptimumGoesToTheTargetAndIsComparedWithTheTargetsOwn(@TempDir Path tmp) throws Exception {
        SweepSpec spec = spec(tmp);
        SweepReport r = SweepReport.of(spec, records(spec, -6.3, -5.6, false), Metric.TRAIN_LOSS);
        Transfer t = Transfers.fromSweep(r, "sweeps/s", null, null, 16, 1, null, 7, TRAIN_SIZE);
        assertEquals("transfer-mup-adam-w16-d1", t.name());
        assertEquals(-6.3, t.log2Lr(), 1e-9, "the proxy W8 L1's optimum");
        assertTrue(Double.isNaN(t.uncertainty()), "one seed: uncertainty unknown");
        assertFalse(t.atEdge());
        TrainConfig target = t.target();
        assertEquals(16, target.model().width());
        assertEquals(1, target.model().depth());
        assertEquals(8, target.model().baseWidth(), "rules relative to the proxy's shape");
        assertEquals(1, target.model().baseDepth());
        assertEquals(Math.pow(2, -6.3), target.optimizer().lr(), 1e-12, "the base LR is the proxy's optimum");
        assertEquals(7, target.seed());
        assertEquals(10, target.steps(), "the sweep's budget");
        assertEquals(-5.6, t.targetOwnLog2Lr(), 1e-9, "the sweep measured W16 L1 too");
        assertEquals(0.7, t.missOctaves(), 1e-9);

        Transfer unmeasured = Transfers.fromSweep(r, "sweeps/s", "mup", "adam", 16, 2, 50, 0, TRAIN_SIZE);
        assertTrue(Double.isNaN(unmeasured.targetOwnLog2Lr()), "the sweep never trained W16 L2");
        assertEquals(2, unmeasured.target().model().depth());
        assertEquals(50, unmeasured.target().steps(), "--steps overrides the budget");
    }

    @Test
    void choicesNotInTheSweepAndADivergedProxyAreRefusedWithTheFix(@TempDir Path tmp) throws Exception {
        SweepSpec spec = spec(tmp);
        SweepReport ok = SweepReport.of(spec, records(spec, -6.3, -5.6, false), Metric.TRAIN_LOSS);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Transfers.fromSweep(ok, "sweeps/s", "sp", null, 16, 2, null, 0, TRAIN_SIZE));
        assertEquals("--param sp is not in the sweep: [mup]", e.getMessage());
        SweepReport bad = SweepReport.of(spec, records(spec, -6.3, -5.6, true), Metric.TRAIN_LOSS);
        e = assertThrows(IllegalArgumentException.class, () -> Transfers.fromSweep(bad, "sweeps/s", null, null, 16, 2, null, 0, TRAIN_SIZE));
        assertTrue(e.getMessage().contains("every LR of the proxy") && e.getMessage().contains("diverged"), e.getMessage());
    }

    @Test
    void aTunedProxyIsReshapedToTheTargetWithItsBaseShapeKept(@TempDir Path tmp) throws Exception {
        SweepSpec spec = spec(tmp);
        TrainConfig proxy = Trials.expand(spec, TRAIN_SIZE).get(0).config(); // W8 L1 under mup
        TunePoint star = new TunePoint(-5.25, 0, 0);
        TuneResult tr = new TuneResult(star, -5.75, -4.75, 1.0, star, 1.0, List.of(), star.apply(proxy, 0));
        Transfer t = Transfers.fromTune(tr, 32, 4, null, 3);
        assertTrue(t.tuned());
        assertEquals("transfer-mup-w32-d4", t.name());
        assertEquals("W8 L1 (mup, tuned)", t.proxy());
        assertEquals(0.5, t.uncertainty(), 1e-12);
        assertEquals(Math.pow(2, -5.25), t.target().optimizer().lr(), 1e-12);
        assertEquals(32, t.target().model().width());
        assertEquals(8, t.target().model().baseWidth());
        assertEquals(3, t.target().seed());
    }
}
