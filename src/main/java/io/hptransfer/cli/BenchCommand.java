package io.hptransfer.cli;

import io.hptransfer.bench.TrainingBenchmark;
import io.hptransfer.bench.StudyEstimate;
import io.hptransfer.bench.TrialBenchmark;
import io.hptransfer.data.Datasets;
import io.hptransfer.data.TrainTest;
import io.hptransfer.parity.TorchPython;
import io.hptransfer.parity.TorchReference;
import io.hptransfer.sweep.SweepSpec;
import io.hptransfer.sweep.Trial;
import io.hptransfer.param.Parameterization;
import io.hptransfer.sweep.TrialKey;
import io.hptransfer.sweep.Trials;
import io.hptransfer.model.Arch;
import io.hptransfer.model.ResNetConfig;
import io.hptransfer.train.TrainConfig;
import io.hptransfer.model.VitConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Steady-state training throughput (img/s, GFLOP/s) of a ResNet or ViT config on random data; "
                + "--arch vit also benches the ResNet of the same width and depth beside it; "
                + "with --torch also runs bench/torch_resnet.py (PyTorch, same ResNet) and prints the ratio. Measure with nothing else running.")
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--arch", defaultValue = "resnet", description = "resnet or vit") String arch;
    @Option(names = "--patch", defaultValue = "" + VitConfig.PATCH, description = "ViT: patch side") int patch;
    @Option(names = "--head-dim", defaultValue = "" + VitConfig.HEAD_DIM, description = "ViT: head dim") int headDim;
    @Option(names = "--width", defaultValue = "32", description = "channels (ResNet) or model width (ViT)") int width;
    @Option(names = "--depth", defaultValue = "4", description = "residual blocks (ResNet) or transformer blocks (ViT)") int depth;
    @Option(names = "--stages", defaultValue = "" + ResNetConfig.STAGES, description = "ResNet: stages") int stages;
    @Option(names = "--batch-norm", description = "ResNet: batch norm inside the residual branches") boolean batchNorm;
    @Option(names = "--batch", defaultValue = "" + TrainConfig.BATCH, description = "images per step") int batch;
    @Option(names = "--size", defaultValue = "32", description = "input height = width") int size;
    @Option(names = "--warmup", defaultValue = "3", description = "untimed steps first (JIT, oneDNN primitive caches)") int warmup;
    @Option(names = "--steps", defaultValue = "10", description = "timed steps") int steps;
    @Option(names = "--torch", description = "also run the PyTorch reference (needs python3 with torch, e.g. Debian's python3-torch)")
    boolean torch;
    @Option(names = "--trial", description = "time whole study trials instead: each trained by hpt's trial path and by the PyTorch "
            + "reference (same initial tensors and batches), alternating, and print both wall times and the ratio")
    boolean trial;
    @Option(names = "--spec", defaultValue = "sweeps/quickstart.yaml", description = "--trial: the study whose trials to time")
    Path spec;
    @Option(names = "--sizes", split = ",", defaultValue = "8x2,32x2", description = "--trial: WIDTHxDEPTH list, or all (the "
            + "spec's shapes); with several, also the whole study's estimated time on each side")
    List<String> sizes;
    @Option(names = "--param", defaultValue = "mup-depth", description = "--trial: parameterization")
    String param;
    @Option(names = "--log2-lr", defaultValue = "-5", description = "--trial: log2 of the LR")
    double log2Lr;
    @Option(names = "--repeats", defaultValue = "3", description = "--trial: runs per side; the median is reported")
    int repeats;
    @Option(names = "--warmup-trials", defaultValue = "" + WARMUP_TRIALS, description = "--trial: untimed hpt trials of the "
            + "cheapest size first (the JIT compiles DL4J over a process's first ~600 steps, which a sweep pays once), and one "
            + "untimed PyTorch trial in each PyTorch process; 0 = time cold processes")
    int warmupTrials;

    /** 5 x 120 steps: past where a W8 L2 step stops getting faster (~600 steps, measured). */
    static final int WARMUP_TRIALS = 5;

    @Override
    public Integer call() throws Exception {
        if (trial) return trials();
        if (steps < 1 || warmup < 0) throw new IllegalArgumentException("--steps must be >= 1 and --warmup >= 0");
        ResNetConfig cfg = ResNetConfig.builder(width, depth).stages(stages).batchNorm(batchNorm).build();
        if (Arch.parse(arch) == Arch.VIT) {
            VitConfig v = VitConfig.builder(width, depth).patch(patch).heads(VitConfig.HeadScaling.FIXED_DIM, headDim).build();
            System.out.println("dl4j    " + TrainingBenchmark.run(v, 3, size, batch, warmup, steps, 0).summary());
            io.hptransfer.util.NativeMemory.reclaim();
        }
        TrainingBenchmark.Result r = TrainingBenchmark.run(cfg, 3, size, batch, warmup, steps, 0);
        System.out.println("dl4j    " + r.summary());
        if (torch) {
            Double t = torchImagesPerSecond();
            if (t == null) {
                System.out.println("torch   not available: install python3 with torch (apt-get install python3-torch) and run from the repo root");
            } else {
                System.out.printf(Locale.ROOT, "torch   %.1f img/s; dl4j/torch = %.2f%n", t, r.imagesPerSecond() / t);
            }
        }
        return 0;
    }

    private int trials() throws Exception {
        if (repeats < 1) throw new IllegalArgumentException("--repeats must be >= 1, got " + repeats);
        if (warmupTrials < 0) throw new IllegalArgumentException("--warmup-trials must be >= 0, got " + warmupTrials);
        if (!Files.exists(spec)) throw new IllegalArgumentException(spec + " not found: run hpt from the repository root, or pass --spec");
        SweepSpec s = SweepSpec.read(spec);
        List<int[]> shapes = shapes(sizes, s); // bad --sizes fail before anything loads
        TrainTest data = Datasets.load(s.data());
        int threads = nativeThreads();
        TorchReference ref = new TorchReference(TorchPython.require(), threads, null);
        Path work = Files.createTempDirectory("hpt-bench-trial");
        System.out.printf(Locale.ROOT, "trials of %s (%d steps of batch %d, %s), %d threads each side; ratio = PyTorch time / hpt time%n",
                spec, s.stepsFor(data.train().size()), s.batch(), s.optimizers().get(0).kind(), threads);
        try {
            List<Trial> trials = new ArrayList<>();
            for (int[] wd : shapes) {
                TrialKey k = new TrialKey(Parameterization.parse(param), s.optimizers().get(0).label(), wd[0], wd[1], log2Lr,
                        s.seeds().get(0));
                trials.add(Trials.of(s, k, data.train().size()));
            }
            if (warmupTrials > 0) {
                Trial cheapest = trials.stream().min(java.util.Comparator.comparingDouble(Trial::cost)).orElseThrow();
                System.out.printf(Locale.ROOT, "warming hpt up: %d untimed trials of %s%n", warmupTrials, cheapest.id());
                TrialBenchmark.warmUp(cheapest, data, warmupTrials, s.divergeAbove(), work.resolve("warm-up"));
            }
            List<TrialBenchmark.Result> results = new ArrayList<>();
            for (Trial t : trials) {
                TrialBenchmark.Result r = TrialBenchmark.run(t, data, ref, threads, repeats, warmupTrials > 0, s.divergeAbove(),
                        work.resolve(t.id()));
                System.out.println(r.summary());
                results.add(r);
            }
            if (trials.size() > 1) System.out.println(StudyEstimate.of(s, results).summary());
        } finally {
            io.hptransfer.util.FileTree.delete(work);
        }
        return 0;
    }

    /** --sizes as (width, depth) pairs; "all" is the spec's own grid. */
    static List<int[]> shapes(List<String> sizes, SweepSpec s) {
        if (sizes.size() == 1 && sizes.get(0).trim().equalsIgnoreCase("all")) return Trials.shapes(s);
        List<int[]> out = new ArrayList<>();
        for (String size : sizes) {
            String[] wd = size.toLowerCase(Locale.ROOT).split("x");
            if (wd.length != 2 || !wd[0].trim().matches("[1-9][0-9]*") || !wd[1].trim().matches("[1-9][0-9]*")) {
                throw new IllegalArgumentException("--sizes entry '" + size + "': use WIDTHxDEPTH, e.g. 8x2, or all");
            }
            out.add(new int[]{Integer.parseInt(wd[0].trim()), Integer.parseInt(wd[1].trim())});
        }
        return out;
    }

    /** ND4J's OpenMP threads: OMP_NUM_THREADS when set, else every core. */
    static int nativeThreads() {
        String env = System.getenv("OMP_NUM_THREADS");
        return env != null && env.matches("[1-9][0-9]*") ? Integer.parseInt(env) : Runtime.getRuntime().availableProcessors();
    }

    private Double torchImagesPerSecond() throws Exception {
        Path script = Path.of("bench", "torch_resnet.py");
        if (!Files.exists(script)) return null;
        String python = TorchPython.find(); // Debian's /usr/bin/python3 first: PATH's may be a pyenv one without torch
        if (python == null) return null;
        Process p = new ProcessBuilder(python, script.toString(), "--width", "" + width, "--depth", "" + depth,
                "--stages", "" + stages, "--batch", "" + batch, "--size", "" + size, "--warmup", "" + warmup,
                "--steps", "" + steps, batchNorm ? "--batch-norm" : "--no-batch-norm").redirectErrorStream(true).start();
        String last = null;
        try (BufferedReader br = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
            for (String l; (l = br.readLine()) != null; ) last = l;
        }
        System.out.println("torch   " + python + ": " + last);
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0 || last == null || !last.startsWith("img/s ")) return null;
        return Double.parseDouble(last.substring(6).trim());
    }
}
