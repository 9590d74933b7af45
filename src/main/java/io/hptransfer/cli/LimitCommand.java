package io.hptransfer.cli;

import io.hptransfer.limit.CheckResult;
import io.hptransfer.limit.AlphaSweepCheck;
import io.hptransfer.limit.CurveConvergenceCheck;
import io.hptransfer.limit.DepthBiasCheck;
import io.hptransfer.limit.HiddenWidthCheck;
import io.hptransfer.limit.InitKernelCheck;
import io.hptransfer.limit.LargeDCheck;
import io.hptransfer.limit.LimitPlot;
import io.hptransfer.limit.LrTransferCheck;
import io.hptransfer.limit.ModelBLrTransferCheck;
import io.hptransfer.limit.ShapeCheck;
import io.hptransfer.limit.TotalErrorCheck;
import io.hptransfer.limit.WidthFluctuationCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;

@Command(name = "limit", mixinStandardHelpOptions = true,
        description = {"Check finite networks against the large-width/large-depth limit theory (Model A: ResNet with "
                + "two-layer-perceptron blocks, plain-Java double precision, full-batch GD).",
                "c1: fluctuations ~ sqrt(D/(L M)) (depth and width only through L*M); c2: depth bias to the exact linear "
                        + "Mean ODE ~ 1/L, flat in M; c3: total error over an (L, M) grid fits sqrt((a/L)^2 + b^2 D/(LM)); "
                        + "c4: alpha sweep, block movement ~ 1/alpha (lazy), output spread ~ alpha, 1/sqrt(L) branch lazy in depth; "
                        + "c5: the large-D term, outputs approach the linear DMFT solution as 1/sqrt(D); "
                        + "c6: Model B (muP + 1/sqrt(L)) trained output fluctuations ~ 1/sqrt(N); c7: Model B init kernels "
                        + "converge to the depth ODE as 1/L and 1/sqrt(N); c8: Model B's optimal LR across N and L under muP + 1/sqrt(L), "
                        + "and its drift without the depth factor; c9: Model A loss-vs-LR curves and eta* across (L, M, D), "
                        + "with a control that drops the L factor from the LR; c10: along a width and a depth axis of Model A the LR "
                        + "curves converge to the largest size's and its optimum predicts theirs (the same view of any sweep is in "
                        + "`hpt report`); shape: at parameter budgets P = L M D, the (L, M, D) with the least error to the linear DMFT "
                        + "limit, in output space (D* ~ P^2/5, error ~ P^-1/5) and in embedding space against the DMFT coordinate "
                        + "trajectories (L* ~ P^1/6, D* ~ P^1/3, error ~ P^-1/6); all: C1-C10 and shape.",
                "Writes <out>/<check>.csv and .png (theory slope drawn) and prints PASS/FAIL per measured exponent. "
                        + "Exit 0 all PASS, 4 any FAIL, 1 error."})
public final class LimitCommand implements Callable<Integer> {
    /** Every check by id, in the order `all` runs them; each takes the seeds per network size. */
    static final Map<String, IntFunction<CheckResult>> CHECKS = new LinkedHashMap<>();

    static {
        CHECKS.put("c1", HiddenWidthCheck::run);
        CHECKS.put("c2", DepthBiasCheck::run);
        CHECKS.put("c3", TotalErrorCheck::run);
        CHECKS.put("c4", AlphaSweepCheck::run);
        CHECKS.put("c5", LargeDCheck::run);
        CHECKS.put("c6", WidthFluctuationCheck::run);
        CHECKS.put("c7", InitKernelCheck::run);
        CHECKS.put("c8", ModelBLrTransferCheck::run);
        CHECKS.put("c9", LrTransferCheck::run);
        CHECKS.put("c10", CurveConvergenceCheck::run);
        CHECKS.put("shape", ShapeCheck::run);
    }

    @Parameters(index = "0", description = "c1 .. c10, shape, or all")
    String check;
    @Option(names = "--seeds", defaultValue = "16", description = "seeds per network size")
    int seeds;
    @Option(names = "--out", defaultValue = "checkpoints/limit", description = "output folder")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (seeds < 2) throw new IllegalArgumentException("--seeds must be >= 2 (fluctuations are across-seed statistics)");
        String want = check.toLowerCase(Locale.ROOT);
        if (!want.equals("all") && !CHECKS.containsKey(want))
            throw new IllegalArgumentException("unknown limit check '" + check + "': use c1 .. c10, shape or all "
                    + (want.equals("c0") ? "(C0 runs in the test suite: mvn test)" : ""));
        List<String> ids = want.equals("all") ? List.copyOf(CHECKS.keySet()) : List.of(want);
        Files.createDirectories(out);
        List<CheckResult> results = new ArrayList<>();
        for (String id : ids) {
            long t0 = System.nanoTime();
            System.err.println("limit: running " + id + " (" + seeds + " seeds per size)");
            CheckResult r = CHECKS.get(id).apply(seeds);
            Files.writeString(out.resolve(id + ".csv"), r.csv());
            LimitPlot.write(r, out.resolve(id + ".png"));
            System.out.print(r.summary());
            System.out.printf(Locale.ROOT, "  (%.1f s; %s, %s)%n", (System.nanoTime() - t0) / 1e9, out.resolve(id + ".csv"), out.resolve(id + ".png"));
            if (r.verdicts().stream().anyMatch(v -> Double.isNaN(v.measured()))) {
                // a slope through a zero is NaN: at few seeds the seed noise taken out of a bias can exceed the bias itself
                System.out.println("  NaN: a measured value was 0 or undefined (see " + id + ".csv); with " + seeds + " seeds the "
                        + "seed noise can swamp what is measured: rerun with more --seeds (default 16)");
            }
            results.add(r);
        }
        return results.stream().allMatch(CheckResult::pass) ? 0 : Hpt.EXIT_CHECK_FAILED;
    }
}
