package io.hptransfer.mup;

import io.hptransfer.data.DataConfig;
import io.hptransfer.data.Datasets;
import io.hptransfer.data.TrainTest;
import io.hptransfer.model.Arch;
import io.hptransfer.report.SweepReport;
import io.hptransfer.sweep.Metric;
import io.hptransfer.sweep.ResultStore;
import io.hptransfer.sweep.SweepRunner;
import io.hptransfer.sweep.SweepSpec;
import io.hptransfer.sweep.TrialRecord;
import io.hptransfer.sweep.Trials;
import io.hptransfer.train.ModelFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A sweep over a user's own model family class (arch user), end to end at tiny size: train, record, resume, report. */
class UserFamilySweepTest {
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @Test
    void aSweepTrainsTheUsersModelUnderTheRules(@TempDir Path tmp) throws Exception {
        Path yaml = tmp.resolve("u.yaml");
        Files.writeString(yaml, """
                name: u
                arch: user
                model: {family: io.hptransfer.mup.TinyUserFamily}
                widths: [4, 16]
                depths: [1, 2]
                parameterizations: [sp, mup]
                optimizers: [{kind: adam, log2Lr: {from: -8, to: -6, step: 2}}]
                batch: 16
                steps: 5
                """);
        SweepSpec spec = SweepSpec.read(yaml);
        TrainTest data = Datasets.load(DataConfig.bundled());
        // the trial's model is the user's CNN with muP's rules relative to the sweep's base width 4
        var wide = Trials.of(spec, new io.hptransfer.sweep.TrialKey(io.hptransfer.param.Parameterization.MUP, "adam", 16, 1, -6, 0),
                data.train().size());
        assertEquals(Arch.USER, wide.config().arch());
        var built = ModelFactory.build(wide.config(), data.train(), DataType.FLOAT);
        var conv = built.tensors().stream().filter(t -> t.layer().equals("conv0") && t.paramKey().equals("W")).findFirst().orElseThrow();
        assertEquals(0.25, conv.rule().lrMult(), 1e-15, "Adam hidden LR / m_N, m_N = 16/4");
        assertEquals(0.25, ((io.hptransfer.optim.PyTorchAdam) built.graph().getLayer("conv0").conf().getLayer().getUpdaterByParam("W"))
                .getLearningRate(0, 0) / Math.pow(2, -6), 1e-12, "the trial's own Adam (PyTorch form), scaled");

        ResultStore store = ResultStore.open(tmp.resolve("u"));
        SweepRunner.Summary s = new SweepRunner(store, QUIET).run(spec, data, Integer.MAX_VALUE);
        assertTrue(s.complete());
        assertEquals(12, s.total(), "(2 widths at depth 1 + 1 more depth) x 2 parameterizations x 2 LRs");
        for (TrialRecord r : store.all()) {
            assertTrue(Double.isFinite(r.loss(Metric.TRAIN_LOSS)) && r.loss(Metric.TRAIN_LOSS) > 0, r.id());
            assertEquals("io.hptransfer.mup.TinyUserFamily", r.config().user().family());
        }
        assertEquals(0, new SweepRunner(store, QUIET).run(spec, data, Integer.MAX_VALUE).ran(), "a rerun trains nothing");
        SweepReport report = SweepReport.of(store.root(), null);
        assertEquals(6, report.curves().size(), "one LR curve per (param, width, depth)");

        // a family class that is not there: one line naming it and the fix
        Files.writeString(yaml, Files.readString(yaml).replace("TinyUserFamily", "NoSuchFamily"));
        String m = assertThrows(IllegalArgumentException.class, () -> SweepSpec.read(yaml)).getMessage();
        assertTrue(m.contains("io.hptransfer.mup.NoSuchFamily") && m.contains("HPT_CLASSPATH"), m);
    }
}
