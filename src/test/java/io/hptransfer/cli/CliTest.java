package io.hptransfer.cli;

import io.hptransfer.data.DataReadersTestAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CliTest {
    record Run(int code, String err, String out) {
    }

    private static Run hpt(String... args) {
        CommandLine cl = Hpt.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        PrintStream oldOut = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            return new Run(cl.execute(args), err.toString(), out.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
        }
    }

    private static void assertOneLineError(Run r, String mustContain) {
        assertEquals(Hpt.EXIT_ERROR, r.code(), r.err());
        String[] lines = r.err().strip().split("\n");
        assertEquals(1, lines.length, "one line expected: " + r.err());
        assertTrue(lines[0].startsWith("error: ") && lines[0].contains(mustContain), lines[0]);
    }

    @Test
    void badInputsGiveOneClearLineAndExitCode1(@TempDir Path tmp) throws Exception {
        String ck = tmp.resolve("ck").toString();
        assertOneLineError(hpt("train", "--checkpoints", ck, "--width", "0", "--steps", "1"), "width must be >= 1");
        assertOneLineError(hpt("train", "--checkpoints", ck, "--param", "mupp", "--steps", "1"), "unknown parameterization");
        assertOneLineError(hpt("train", "--checkpoints", ck, "--dataset", "cifar10", "--data-dir", tmp.resolve("none").toString()),
                "missing");
        assertOneLineError(hpt("train", "--checkpoints", ck, "--dataset", "fashion-mnist", "--data-dir", tmp.resolve("none").toString()),
                "does not exist");
        Path cifar = tmp.resolve("cifar");
        DataReadersTestAccess.writeCifarFolder(cifar, 3);
        byte[] b = Files.readAllBytes(cifar.resolve("test_batch.bin"));
        Files.write(cifar.resolve("test_batch.bin"), Arrays.copyOf(b, b.length - 1));
        assertOneLineError(hpt("train", "--checkpoints", ck, "--dataset", "cifar10", "--data-dir", cifar.toString()), "truncated");
        assertOneLineError(hpt("train", "--checkpoints", ck, "--depth", "3", "--stages", "2", "--steps", "1"), "not a multiple");
        assertOneLineError(hpt("train", "--checkpoints", ck, "--lr", "-1", "--steps", "1"), "learning rate");
        assertOneLineError(hpt("train", "--checkpoints", ck, "--batch", "20000", "--steps", "1"), "exceeds");
        assertOneLineError(hpt("train", "--checkpoints", ck, "--resume", "--run", "ghost"), "ghost");
        assertOneLineError(hpt("train", "--checkpoints", ck, "--branch-exponent", "3", "--steps", "1"), "outside [0.5, 1]");
        assertOneLineError(hpt("coord-check", "--axis", "height"), "unknown axis");
        assertOneLineError(hpt("coord-check", "--grid", "16"), "at least 2 sizes");
        assertOneLineError(hpt("coord-check", "--readout-init", "ones"), "unknown --readout-init");
        assertOneLineError(hpt("limit", "c0"), "C0 runs in the test suite");
        assertOneLineError(hpt("limit", "c1", "--seeds", "1"), "--seeds must be >= 2");
        Path yaml = tmp.resolve("bad.yaml");
        CommandLine defaults = new CommandLine(new TrainCommand());
        defaults.parseArgs();
        String valid = io.hptransfer.util.Json.YAML.writeValueAsString(defaults.<TrainCommand>getCommand().o.fromOptions(10));
        Files.writeString(yaml, valid + "widht: 3\n");
        assertOneLineError(hpt("train", "--checkpoints", ck, "--config", yaml.toString()), "unknown key 'widht'");
        Files.writeString(yaml, "data: {dataset: fashion-mnist}\n");
        assertOneLineError(hpt("train", "--checkpoints", ck, "--config", yaml.toString()), "data.resolution");
        Files.writeString(yaml, "data: [oops\n");
        assertOneLineError(hpt("train", "--checkpoints", ck, "--config", yaml.toString()), "bad.yaml");
    }

    @Test
    void sweepReportTuneAndTransferRejectBadInputInOneLine(@TempDir Path tmp) throws Exception {
        Path spec = tmp.resolve("s.yaml");
        Files.writeString(spec, "widths: [8]\ndepths: [2]\nparameterizations: [sp]\noptimizers: [{kind: adam, log2Lr: {from: -8, to: -9}}]\nsteps: 5\n");
        assertOneLineError(hpt("sweep", spec.toString(), "--out", tmp.toString()), "log2Lr is empty");
        assertOneLineError(hpt("sweep", tmp.resolve("nope.yaml").toString()), "does not exist");
        assertOneLineError(hpt("report", tmp.resolve("nosweep").toString()), "run `hpt sweep");
        assertOneLineError(hpt("transfer", "--from", tmp.resolve("nosweep").toString(), "--width", "32", "--depth", "4"), "run `hpt sweep");
        assertOneLineError(hpt("tune", "--name", "t", "--out", tmp.toString(), "--log2-lr", "-3:x"), "--log2-lr");
        assertOneLineError(hpt("quickstart", "--spec", tmp.resolve("gone.yaml").toString()), "gone.yaml not found");
        assertOneLineError(hpt("sweep", "sweeps/quickstart.yaml", "--out", tmp.toString(), "--executor", "ray"), "use local or spark");
        assertOneLineError(hpt("sweep", "sweeps/quickstart.yaml", "--out", tmp.toString(), "--master", "local[1]"), "add --executor spark");
        assertOneLineError(hpt("sweep", "sweeps/quickstart.yaml", "--out", tmp.toString(), "--executor", "spark"), "pass --master");
        Run dry = hpt("sweep", "--dry-run", "sweeps/quickstart.yaml");
        assertEquals(0, dry.code(), dry.err());
        assertTrue(dry.out().contains("70 trials"), dry.out());
    }

    /** Exit 0 only when every trial is recorded; trials left over exit 5, and a rerun finishes them. */
    @Test
    void anIncompleteSweepExits5AndARerunCompletesIt(@TempDir Path tmp) throws Exception {
        Path spec = tmp.resolve("two.yaml");
        Files.writeString(spec, "widths: [4]\ndepths: [1]\nparameterizations: [sp]\n"
                + "optimizers: [{kind: adam, log2Lr: {from: -8, to: -7}}]\nsteps: 2\nbatch: 16\n");
        Run first = hpt("sweep", spec.toString(), "--out", tmp.toString(), "--max-trials", "1", "--jobs", "1");
        assertEquals(Hpt.EXIT_INCOMPLETE, first.code(), first.err());
        assertTrue(first.out().contains("not complete yet"), first.out());
        Run second = hpt("sweep", spec.toString(), "--out", tmp.toString(), "--jobs", "1");
        assertEquals(0, second.code(), second.err());
        assertTrue(second.out().contains("1 run now, 1 done before"), second.out());
    }

    /** Shapes that cannot fit this machine are refused before anything is allocated, with the estimate. */
    @Test
    void absurdShapesAreRefusedUpFront(@TempDir Path tmp) throws Exception {
        String base = "parameterizations: [sp]\noptimizers: [{kind: adam, log2Lr: {from: -8, to: -8}}]\nsteps: 2\n";
        String[][] cases = {
                {"widths: [8]\ndepths: [100000]\nbatch: 64\n", "d100000"},
                {"widths: [100000]\ndepths: [2]\nbatch: 64\n", "w100000"},
                {"widths: [8]\ndepths: [2]\nbatch: 100000000\n", "batch 100000000"},
        };
        for (String[] c : cases) {
            Path spec = tmp.resolve("big.yaml");
            Files.writeString(spec, c[0] + base);
            Run r = hpt("sweep", spec.toString(), "--out", tmp.resolve("out").toString(), "--jobs", "1");
            assertOneLineError(r, "needs at least");
            assertTrue(r.err().contains(c[1]) && r.err().contains("this machine has"), r.err());
        }
        assertOneLineError(hpt("train", "--checkpoints", tmp.resolve("ck").toString(), "--width", "100000", "--depth", "2",
                "--steps", "1"), "needs at least");
    }

    /** Names given by the user name one folder inside --out / --checkpoints: nothing is written outside it. */
    @Test
    void namesNeverEscapeTheirFolder(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        for (String bad : new String[]{"../escaped", "/tmp/abs", "a/b", "..", ".hidden"}) {
            Path spec = tmp.resolve("s.yaml");
            Files.writeString(spec, "name: '" + bad + "'\nwidths: [8]\ndepths: [2]\nparameterizations: [sp]\n"
                    + "optimizers: [{kind: adam, log2Lr: {from: -8, to: -8}}]\nsteps: 2\n");
            assertOneLineError(hpt("sweep", spec.toString(), "--out", out.toString()), "plain folder name");
            assertOneLineError(hpt("train", "--checkpoints", out.toString(), "--run", bad, "--width", "4", "--depth", "1",
                    "--steps", "1"), "plain folder name");
            assertOneLineError(hpt("tune", "--name", bad, "--out", out.toString(), "--width", "4", "--depth", "1", "--steps", "1"),
                    "plain folder name");
        }
        assertFalse(Files.exists(tmp.resolve("escaped")), "nothing written beside --out");
        try (var s = Files.list(tmp)) {
            assertEquals(java.util.Set.of(tmp.resolve("s.yaml")), s.filter(f -> !f.equals(out)).collect(java.util.stream.Collectors.toSet()));
        }
    }

    @Test
    void aTunedOptimumOnItsGridsEdgeIsFlaggedWithTheFlagToExtend() {
        var grids = java.util.List.of(java.util.List.of(-9.0, -8.0, -7.0), java.util.List.of(-2.0, 0.0, 2.0), java.util.List.of(0.0));
        var inside = TuneCommand.edgeWarnings(grids, new io.hptransfer.tune.TunePoint(-8.2, 0.0, 0.0));
        assertTrue(inside.isEmpty(), inside.toString());
        var edges = TuneCommand.edgeWarnings(grids, new io.hptransfer.tune.TunePoint(-7.0, -2.0, 0.0));
        assertEquals(2, edges.size(), edges.toString());
        assertTrue(edges.get(0).contains("upper edge") && edges.get(0).contains("extend --log2-lr"), edges.get(0));
        assertTrue(edges.get(1).contains("lower edge") && edges.get(1).contains("extend --log2-output-mult"), edges.get(1));
    }

    @Test
    void divergedRunExitsWith3AndKeepsItsRecord(@TempDir Path tmp) {
        Run r = hpt("train", "--checkpoints", tmp.toString(), "--run", "boom", "--width", "8", "--depth", "1",
                "--param", "sp", "--lr", "1e5", "--steps", "50", "--batch", "32");
        assertEquals(Hpt.EXIT_DIVERGED, r.code(), r.err());
        assertTrue(r.out().startsWith("diverged"), r.out());
        assertTrue(Files.exists(tmp.resolve("boom").resolve("state.json")));
    }

    @Test
    void trainAndResumeThroughTheCli(@TempDir Path tmp) throws Exception {
        Run r = hpt("train", "--checkpoints", tmp.toString(), "--run", "ok", "--width", "8", "--depth", "2",
                "--opt", "adam", "--lr", "3e-3", "--steps", "6", "--batch", "32", "--checkpoint-every", "3");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("finished after 6 steps"), r.out());
        assertEquals(7, Files.readAllLines(tmp.resolve("ok").resolve("metrics.csv")).size());
        Run again = hpt("train", "--checkpoints", tmp.toString(), "--run", "ok", "--resume");
        assertEquals(0, again.code(), again.err());
        assertOneLineError(hpt("train", "--checkpoints", tmp.toString(), "--run", "ok", "--steps", "6"), "--resume");
    }

    @Test
    void everySubcommandHasHelp() {
        for (String[] cmd : new String[][]{{"--help"}, {"train", "--help"}, {"coord-check", "--help"}, {"limit", "--help"}, {"doctor", "--help"}, {"bench", "--help"},
                {"datasets", "--help"}, {"datasets", "download", "--help"}, {"datasets", "subset", "--help"}, {"sweep", "--help"},
                {"report", "--help"}, {"tune", "--help"}, {"transfer", "--help"}, {"quickstart", "--help"}}) {
            CommandLine cl = Hpt.commandLine();
            StringWriter out = new StringWriter();
            cl.setOut(new PrintWriter(out, true));
            assertEquals(0, cl.execute(cmd), String.join(" ", cmd));
            assertTrue(out.toString().contains("Usage:"), String.join(" ", cmd));
        }
    }

    @Test
    void doctorConfirmsOneDnnHelpersAndBundledData() {
        Run r = hpt("doctor");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("conv layers on oneDNN helpers") && r.out().contains("doctor: OK"), r.out());
    }
}
