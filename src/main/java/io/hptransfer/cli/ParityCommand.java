package io.hptransfer.cli;

import io.hptransfer.data.Datasets;
import io.hptransfer.data.TrainTest;
import io.hptransfer.parity.CaseResult;
import io.hptransfer.parity.Comparison;
import io.hptransfer.parity.ParityCase;
import io.hptransfer.parity.ParityCases;
import io.hptransfer.parity.ParityRunner;
import io.hptransfer.parity.Tolerance;
import io.hptransfer.parity.TorchPython;
import io.hptransfer.parity.TorchReference;
import io.hptransfer.parity.Trajectory;
import org.nd4j.linalg.api.buffer.DataType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "parity", mixinStandardHelpOptions = true,
        description = {"Trains the same trials in hpt (DL4J) and in an independent PyTorch implementation "
                + "(Debian's python3-torch) from identical initial weights on identical batches, and compares every "
                + "step's loss, every tensor's gradient and every tensor's update.",
                "The PyTorch side derives muP from the model's shapes as microsoft/mup does and the depth rules from "
                        + "CompleteP / Bordelon et al.; it never reads hpt's rule table. It always computes in float64. "
                        + "--dtype float32 (hpt's training precision) is teacher-forced: each reference step starts from hpt's "
                        + "tensors, so every step is judged on its own; float64 runs both sides freely for the whole run.",
                "Exit 0 all agree within tolerance, 4 any differs (the first step, phase and tensor are named), "
                        + "2 no python3 with torch, 1 error."})
public final class ParityCommand implements Callable<Integer> {
    public static final int EXIT_DIFFER = Hpt.EXIT_CHECK_FAILED;

    @Option(names = "--cases", split = ",", description = "case names (default: all; see --list)") List<String> cases;
    @Option(names = "--ci", description = "the reduced set CI runs: " + "resnet mup-depth adam, completep sgd, batch norm; vit")
    boolean ci;
    @Option(names = "--list", description = "list the cases and exit") boolean list;
    @Option(names = "--steps", defaultValue = "" + ParityCases.STEPS, description = "training steps per case")
    int steps;
    @Option(names = "--dtype", defaultValue = "float32", description = "hpt's precision: float32 (what it trains in, with oneDNN; "
            + "teacher-forced) or float64 (free-running; slow: DL4J has no oneDNN path for float64)") String dtype;
    @Option(names = "--threads", defaultValue = "2", description = "PyTorch threads (hpt's run has ended when it starts)")
    int threads;
    @Option(names = "--losses", description = "print both losses at every step of every case") boolean losses;
    @Option(names = "--keep", description = "keep the exchange folders here: inputs, both runs' trajectories (torch-*.json, hpt.json "
            + "and step-major float64 grads-*.bin / params-*.bin)") Path keep;
    @Option(names = "--fault", hidden = true, description = "tests: break one rule on the PyTorch side") String fault;


    @Override
    public Integer call() throws Exception {
        if (steps < 1) throw new IllegalArgumentException("--steps must be >= 1, got " + steps);
        if (threads < 1) throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
        DataType dt = switch (dtype) {
            case "float32" -> DataType.FLOAT;
            case "float64" -> DataType.DOUBLE;
            default -> throw new IllegalArgumentException("unknown --dtype '" + dtype + "': use float32 or float64");
        };
        if (list) {
            ParityCases.all(steps).keySet().forEach(System.out::println);
            return 0;
        }
        List<ParityCase> todo = ci ? ParityCases.select(ParityCases.ci(), steps)
                : cases != null ? ParityCases.select(cases, steps) : new ArrayList<>(ParityCases.all(steps).values());
        String python;
        try {
            python = TorchPython.require();
        } catch (TorchPython.MissingTorchException e) {
            System.err.println("error: " + e.getMessage());
            return Hpt.EXIT_USAGE;
        }
        Tolerance tol = Tolerance.forDtype(dt);

        Path work = keep != null ? Files.createDirectories(keep) : ParityRunner.tempWorkDir();
        TrainTest data = Datasets.load(todo.get(0).config().data());
        ParityRunner runner = new ParityRunner(new TorchReference(python, threads, fault), work, tol, dt);
        if (keep != null) runner.keepHptTrajectory();
        System.out.printf(Locale.ROOT, "parity: %d cases, %d steps, hpt in %s against PyTorch in float64, %s%n", todo.size(), steps,
                dtype, tol.mode().label());
        System.out.printf(Locale.ROOT, "allowed relative difference: loss %.0e, gradient %.0e, update %.0e%n", tol.loss(),
                tol.gradient(), tol.update());
        System.out.printf(Locale.ROOT, "%-38s %9s %9s %9s %7s %5s  %s%n", "case (max relative difference)", "loss", "gradient",
                "update", "margin", "init", "verdict");
        List<CaseResult> results = new ArrayList<>();
        long t0 = System.nanoTime();
        try {
            for (ParityCase c : todo) {
                CaseResult r = runner.run(c, data);
                results.add(r);
                print(r);
            }
        } finally {
            if (keep == null) io.hptransfer.util.FileTree.delete(work);
        }
        long bad = results.stream().filter(r -> !r.agree()).count();
        double hptSec = results.stream().mapToDouble(CaseResult::hptSeconds).sum();
        double torchSec = results.stream().mapToDouble(CaseResult::torchSeconds).sum();
        System.out.printf(Locale.ROOT, "%nparity: %d of %d cases agree (hpt %.0f s, PyTorch %.0f s, total %.1f min)%n",
                results.size() - bad, results.size(), hptSec, torchSec, (System.nanoTime() - t0) / 6e10);
        return bad == 0 ? 0 : EXIT_DIFFER;
    }

    private void print(CaseResult r) {
        Comparison c = r.comparison();
        System.out.printf(Locale.ROOT, "%-38s %9.2e %9.2e %9.2e %7.2f %5s  %s%n", r.parityCase().name(), c.maxLoss(), c.maxGradient(),
                c.maxUpdate(), c.worstMargin(), r.initOk() ? "ok" : "WRONG", r.agree() ? "agree" : "DIFFER");
        r.initChecks().stream().filter(x -> !x.ok()).forEach(x ->
                System.out.printf(Locale.ROOT, "    init of %s: rule %s, hpt has %s%n", x.tensor(), x.rule(), x.measured()));
        if (!c.agree()) {
            System.out.println("    " + c.first());
            System.out.printf(Locale.ROOT, "    largest differences: gradient of %s, update of %s%n", c.worstGradientTensor(), c.worstUpdateTensor());
        }
        if (losses || !c.agree()) {
            Trajectory h = r.hpt(), t = r.torch();
            System.out.printf(Locale.ROOT, "    %5s %14s %14s %10s%n", "step", "hpt loss", "PyTorch loss", "rel diff");
            for (int s = 0; s < h.steps(); s++) {
                System.out.printf(Locale.ROOT, "    %5d %14.8f %14.8f %10.2e%n", s + 1, h.losses()[s], t.losses()[s],
                        Math.abs(h.losses()[s] - t.losses()[s]) / Math.abs(t.losses()[s]));
            }
        }
    }
}
