package io.hptransfer.cli;

import io.hptransfer.sweep.Log2Grid;
import io.hptransfer.sweep.ModelSpec;
import io.hptransfer.sweep.OptimizerGrid;
import io.hptransfer.sweep.ResultStore;
import io.hptransfer.sweep.SweepSpec;
import io.hptransfer.sweep.SyntheticRecords;
import io.hptransfer.sweep.Trials;
import io.hptransfer.train.Trainer;
import io.hptransfer.util.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `hpt trials` and `hpt best` on a study with complete, diverged, pending and half-run trials. */
class TrialsAndBestTest {
    private record Out(int code, String out) {
    }

    private static Out hpt(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        System.setOut(new PrintStream(b, true, StandardCharsets.UTF_8));
        try {
            return new Out(Hpt.commandLine().execute(args), b.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(old);
        }
    }

    @Test
    void listsEveryTrialWithItsStateAndFindsTheBest(@TempDir Path tmp) throws Exception {
        // 2 widths x 2 parameterizations x 3 LRs = 12 trials; 5 recorded (one diverged), one half-run, 6 not started
        SweepSpec spec = new SweepSpec("s", null, null, null, null, null, ModelSpec.defaults(), 8, 2, List.of(8, 16), List.of(2),
                "cross", List.of(io.hptransfer.param.Parameterization.SP, io.hptransfer.param.Parameterization.MUP),
                List.of(new OptimizerGrid("adam", new Log2Grid(-8.0, -6.0, 1.0), null, null, null, null, null, null)),
                List.of(0L), 10, null, 8, null, null, null, null, null, null);
        ResultStore store = ResultStore.open(tmp.resolve("s"));
        store.accept(spec, Trials.expand(spec, 100));
        Map<Double, Double> spLoss = Map.of(-8.0, 1.5, -7.0, 1.2, -6.0, 1.4);
        for (var e : spLoss.entrySet()) store.put(SyntheticRecords.record("sp", 8, 2, e.getKey(), 0, e.getValue()));
        store.put(SyntheticRecords.record("mup", 8, 2, -7.0, 0, 1.1));
        store.put(SyntheticRecords.record("mup", 8, 2, -6.0, 0, Double.POSITIVE_INFINITY));
        Path half = store.runDir("mup_adam_w16_d2_lr-7.000_s0");
        Files.createDirectories(half);
        Files.writeString(half.resolve(Trainer.METRICS), "step,lr,train_loss,train_acc,test_loss,test_acc\n1,0.01,2.3,0.1,,\n2,0.01,2.2,0.1,,\n");

        Out all = hpt("trials", tmp.resolve("s").toString(), "--format", "json");
        assertEquals(0, all.code());
        List<Map<String, Object>> rows = Json.JSON.readValue(all.out(), List.class);
        assertEquals(12, rows.size(), "every trial of the spec, finished or not");
        assertEquals(4, rows.stream().filter(r -> r.get("state").equals("complete")).count());
        assertEquals(1, rows.stream().filter(r -> r.get("state").equals("diverged")).count());
        Map<String, Object> running = rows.stream().filter(r -> r.get("id").equals("mup_adam_w16_d2_lr-7.000_s0")).findFirst().orElseThrow();
        assertEquals("pending", running.get("state"));
        assertEquals(2, running.get("stepsDone"), "how far the unrecorded run got");

        Out pendingCsv = hpt("trials", tmp.resolve("s").toString(), "--state", "pending", "--format", "csv");
        List<String> lines = pendingCsv.out().lines().toList();
        assertTrue(lines.get(0).startsWith("id,state,param,optimizer,width,depth,log2Lr"), lines.get(0));
        assertEquals(1 + 7, lines.size(), "header + the 7 unrecorded trials");

        Out best = hpt("best", tmp.resolve("s").toString(), "--format", "json");
        List<Map<String, Object>> b = Json.JSON.readValue(best.out(), List.class);
        assertEquals("mup_adam_w8_d2_lr-7.000_s0", b.get(0).get("id"), "lowest loss of all complete trials (1.1)");
        Out spBest = hpt("best", tmp.resolve("s").toString(), "--param", "sp", "--format", "json");
        assertEquals("sp_adam_w8_d2_lr-7.000_s0", ((Map<?, ?>) Json.JSON.readValue(spBest.out(), List.class).get(0)).get("id"));
        Out perCurve = hpt("best", tmp.resolve("s").toString(), "--per-curve");
        assertEquals(1 + 2, perCurve.out().lines().count(), "table header + one row per curve that has a complete trial:\n" + perCurve.out());
        assertEquals(Hpt.EXIT_ERROR, hpt("best", tmp.resolve("s").toString(), "--width", "16").code(), "no complete trial at width 16");
        assertEquals(Hpt.EXIT_ERROR, hpt("trials", tmp.resolve("s").toString(), "--state", "running").code());
    }
}
