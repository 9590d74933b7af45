package io.hptransfer.parity;

import com.fasterxml.jackson.databind.JsonNode;
import io.hptransfer.data.Datasets;
import io.hptransfer.data.TrainTest;
import io.hptransfer.train.TrainConfig;
import io.hptransfer.util.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the independent PyTorch implementation (resource torch_reference.py) on one case: writes
 * the case, hpt's initial tensors and batch rows into an {@link Exchange}, runs python, reads back
 * its trajectory. The script is told the config only, never hpt's per-tensor rules.
 */
public final class TorchReference {
    private static final String SCRIPT = "/io/hptransfer/parity/torch_reference.py";

    private final String python;
    private final int threads;
    private final String fault;

    /**
     * @param threads torch threads (1-2: never more native threads than cores while hpt's JVM is alive)
     * @param fault   null, or one of the script's FAULTS: break one rule on the reference side (tests)
     */
    public TorchReference(String python, int threads, String fault) {
        this.python = python;
        this.threads = threads;
        this.fault = fault;
    }

    /** What the reference reported besides the trajectory. */
    public record Result(Trajectory trajectory, List<InitCheck> initChecks, String torchVersion, JsonNode raw) {
    }

    /** One tensor's init against the rule the reference derives (exact constant or std within sampling error). */
    public record InitCheck(String tensor, String rule, String measured, boolean ok) {
    }

    /** Writes what both dtypes' runs read: the case, hpt's initial tensors, batch rows and images, the script. */
    public void prepare(Exchange ex, TrainConfig cfg, TrainTest data, Dl4jRun.Start start) throws IOException {
        writeInputs(ex, cfg, start, data);
        try (InputStream in = TorchReference.class.getResourceAsStream(SCRIPT)) {
            if (in == null) throw new IllegalStateException("the reference script " + SCRIPT + " is missing from the build");
            Files.write(ex.script(), in.readAllBytes());
        }
    }

    /**
     * Trains the prepared case in PyTorch in dtype ("float32" or "float64") and reads its trajectory;
     * teacher-forced, every step starts from hpt's tensors (its trajectory must be in the exchange).
     */
    public Result run(Exchange ex, String dtype, boolean teacherForced, Dl4jRun.Start start) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("--dtype", dtype));
        if (teacherForced) args.add("--teacher-forced");
        if (fault != null) args.addAll(List.of("--fault", fault));
        python(ex, "the PyTorch reference", args);
        return read(ex, dtype, start.names(), start.init());
    }

    /**
     * Trains the prepared case in PyTorch as a user would (float32, no per-step recording) and returns its own
     * timing and results (`hpt bench --trial`): wallSeconds, trainSeconds, evalSeconds, finalLoss, testLoss.
     * warm: the process trains the trial once untimed first, as a sweep script's later trials run.
     */
    public JsonNode bench(Exchange ex, boolean warm) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("--dtype", "float32", "--bench"));
        if (warm) args.add("--bench-warm");
        String[] lines = python(ex, "the PyTorch trial", args);
        return Json.JSON.readTree(lines[lines.length - 1]);
    }

    /** Runs the script on the exchange with these arguments at this object's thread count; its output lines. */
    private String[] python(Exchange ex, String what, List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(python, ex.script().toString(), "--exchange", ex.dir().toString(),
                "--threads", Integer.toString(threads)));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
        pb.environment().put("OPENBLAS_NUM_THREADS", Integer.toString(threads)); // Debian's BLAS alternative may be OpenBLAS
        Process p = pb.start();
        String[] lines = new String(p.getInputStream().readAllBytes()).strip().split("\n");
        if (!p.waitFor(60, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException(what + " did not finish within 60 minutes");
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(what + " failed (exit " + p.exitValue() + "): " + lines[lines.length - 1]);
        }
        return lines;
    }

    static void writeInputs(Exchange ex, TrainConfig cfg, Dl4jRun.Start start, TrainTest data) throws IOException {
        Files.createDirectories(ex.dir());
        // the reference reads the dataset files itself, from the absolute folder hpt used
        TrainConfig absolute = cfg.withData(Datasets.resolvedAgainst(cfg.data(), Path.of("")));
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("config", absolute);
        Json.writeAtomic(ex.caseJson(), c);
        List<Map<String, Object>> index = new ArrayList<>();
        int total = 0;
        for (int i = 0; i < start.names().size(); i++) {
            long[] shape = start.model().graph().getLayer(start.names().get(i).split("/")[0])
                    .getParam(start.names().get(i).split("/")[1]).shape();
            index.add(Map.of("name", start.names().get(i), "shape", shape));
            total += start.init()[i].length;
        }
        Json.writeAtomic(ex.initIndex(), index);
        ByteBuffer init = ByteBuffer.allocate(8 * total).order(ByteOrder.LITTLE_ENDIAN);
        for (double[] t : start.init()) for (double v : t) init.putDouble(v);
        Files.write(ex.initValues(), init.array());
        int[][] b = start.batches();
        ByteBuffer rows = ByteBuffer.allocate(4 * b.length * b[0].length).order(ByteOrder.LITTLE_ENDIAN);
        for (int[] step : b) for (int r : step) rows.putInt(r);
        Files.write(ex.batches(), rows.array());
        writeImages(ex, data, b);
    }

    /**
     * hpt's normalised images of every row a batch uses, so both sides train on the same numbers
     * (hpt holds images in float32); the reference normalises the raw files itself and checks them.
     */
    private static void writeImages(Exchange ex, TrainTest data, int[][] batches) throws IOException {
        java.util.TreeSet<Integer> used = new java.util.TreeSet<>();
        for (int[] step : batches) for (int r : step) used.add(r);
        int px = data.train().pixelsPerImage();
        ByteBuffer img = ByteBuffer.allocate(4 * px * used.size()).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer idx = ByteBuffer.allocate(4 * used.size()).order(ByteOrder.LITTLE_ENDIAN);
        for (int r : used) {
            idx.putInt(r);
            for (float v : data.train().images().getRow(r).dup().data().asFloat()) img.putFloat(v);
        }
        Files.write(ex.images(), img.array());
        Files.write(ex.imageRows(), idx.array());
    }

    static Result read(Exchange ex, String dtype, List<String> names, double[][] init) throws IOException {
        // python's json writes a diverged loss as NaN
        JsonNode j = Json.JSON.copy().enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS.mappedFeature())
                .readTree(ex.torchJson(dtype).toFile());
        List<String> order = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (JsonNode t : j.get("tensors")) {
            order.add(t.get("name").asText());
            sizes.add(t.get("size").asInt());
        }
        double[] losses = new double[j.get("losses").size()];
        for (int i = 0; i < losses.length; i++) losses[i] = j.get("losses").get(i).asDouble();
        double[][][] grads = readSteps(ex.torchGrads(dtype), names, order, sizes, losses.length);
        double[][][] params = readSteps(ex.torchParams(dtype), names, order, sizes, losses.length);
        List<InitCheck> checks = new ArrayList<>();
        for (JsonNode r : j.get("init")) {
            checks.add(new InitCheck(r.get("tensor").asText(), r.get("rule").asText(), r.get("measured").asText(),
                    r.get("ok").asBoolean()));
        }
        return new Result(new Trajectory(names, init, losses, grads, params), checks, j.get("torch").asText(), j);
    }

    /** Writes a trajectory as the reference writes its own (losses in a json, grads and params as step-major float64). */
    static void writeTrajectory(Trajectory t, Path json, Path grads, Path params) throws IOException {
        List<Map<String, Object>> tensors = new ArrayList<>();
        for (int i = 0; i < t.tensors().size(); i++) tensors.add(Map.of("name", t.tensors().get(i), "size", t.init()[i].length));
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("tensors", tensors);
        j.put("losses", t.losses());
        Json.writeAtomic(json, j);
        writeSteps(t.grads(), grads);
        writeSteps(t.params(), params);
    }

    private static void writeSteps(double[][][] v, Path file) throws IOException {
        int n = 0;
        for (double[][] step : v) for (double[] x : step) n += x.length;
        ByteBuffer b = ByteBuffer.allocate(8 * n).order(ByteOrder.LITTLE_ENDIAN);
        for (double[][] step : v) for (double[] x : step) for (double d : x) b.putDouble(d);
        Files.write(file, b.array());
    }

    /** Reads a step-major float64 file in the reference's tensor order into hpt's order. */
    private static double[][][] readSteps(Path file, List<String> names, List<String> order, List<Integer> sizes, int steps)
            throws IOException {
        double[][][] out = new double[steps][names.size()][];
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size()).order(ByteOrder.LITTLE_ENDIAN);
            for (int s = 0; s < steps; s++) {
                for (int k = 0; k < order.size(); k++) {
                    double[] v = new double[sizes.get(k)];
                    for (int i = 0; i < v.length; i++) v[i] = buf.getDouble();
                    int at = names.indexOf(order.get(k));
                    if (at < 0) throw new IllegalStateException("the reference has a tensor hpt does not: " + order.get(k));
                    out[s][at] = v;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the reference's " + file.getFileName() + ": " + e.getMessage(), e);
        }
        return out;
    }
}
