package io.hptransfer.parity;

import io.hptransfer.data.DataConfig;
import io.hptransfer.model.ArchConfig;
import io.hptransfer.model.ResNetConfig;
import io.hptransfer.model.VitConfig;
import io.hptransfer.optim.OptimizerConfig;
import io.hptransfer.optim.ScheduleConfig;
import io.hptransfer.param.Optimizer;
import io.hptransfer.param.Parameterization;
import io.hptransfer.train.TrainConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The configurations `hpt parity` checks. All train on the bundled Fashion-MNIST, relative to
 * the quickstart's proxy shape W8 L2, so at W32 L8 every width and depth
 * rule is active (m_N = m_L = 4). Adam and SGD (Nesterov momentum 0.9) at 2^-6: LRs near
 * the quickstart's optima, large enough that a wrong multiplier changes the trajectory.
 */
public final class ParityCases {
    public static final int STEPS = 20;
    /** Small batches keep PyTorch's float64 run (the exact reference) short; no rule depends on the batch size. */
    public static final int BATCH = 16;
    private static final double ADAM_LR = Math.pow(2, -6), SGD_LR = Math.pow(2, -6);

    private ParityCases() {
    }

    /** Every case, by name, in run order. */
    public static Map<String, ParityCase> all(int steps) {
        Map<String, ParityCase> m = new LinkedHashMap<>();
        ScheduleConfig cosine = new ScheduleConfig(ScheduleConfig.Kind.COSINE, 5, 0.0);
        ScheduleConfig constant = ScheduleConfig.constant();
        // the four parameterizations x two optimizers where every rule is active
        for (String p : List.of("sp", "mup", "mup-depth", "completep")) {
            for (Optimizer o : Optimizer.values()) add(m, resnet(32, 8, false), p, o, cosine, steps, "");
        }
        // the other shapes of the grid: the proxy itself, width only, depth only
        for (Optimizer o : Optimizer.values()) add(m, resnet(8, 2, false), "sp", o, cosine, steps, "");
        add(m, resnet(32, 2, false), "mup-depth", Optimizer.ADAM, cosine, steps, "");
        add(m, resnet(8, 8, false), "mup-depth", Optimizer.ADAM, cosine, steps, "");
        // no warm-up, no decay
        for (Optimizer o : Optimizer.values()) add(m, resnet(32, 8, false), "mup-depth", o, constant, steps, "-constant");
        // batch norm in the branches
        for (Optimizer o : Optimizer.values()) add(m, resnet(32, 8, true), "mup-depth", o, cosine, steps, "-bn");
        add(m, resnet(8, 2, true), "sp", Optimizer.ADAM, cosine, steps, "-bn");
        // two stages: a stride-2 transition conv (SAME padding) between them
        add(m, resnet(32, 8, false).withStages(2), "completep", Optimizer.ADAM, cosine, steps, "-2stages");
        // muP's zero readout under SGD (the coordinate check's default there)
        ResNetConfig zero = resnet(32, 8, false);
        zero = ResNetConfig.builder(zero.width(), zero.depth()).base(zero.baseWidth(), zero.baseDepth()).stages(zero.stages())
                .branchBeta(zero.branchBeta()).zeroReadout(true).build();
        add(m, zero, "mup", Optimizer.SGD, cosine, steps, "-zeroreadout");
        // weight decay: decoupled (AdamW-style, w -= lr wd w) under Adam, coupled (L2 in the gradient) under SGD
        add(m, resnet(32, 8, false), "mup-depth", new OptimizerConfig(Optimizer.ADAM, ADAM_LR, 0, 0.9, 0.999, 1e-8, 0.1, true),
                cosine, steps, "-adamw");
        add(m, resnet(32, 8, false), "mup-depth", new OptimizerConfig(Optimizer.SGD, SGD_LR, 0.9, 0.9, 0.999, 1e-8, 5e-3, false),
                cosine, steps, "-l2");
        // the ViT at one size, against its proxy W16 L2 (head dim 8: the head count grows)
        for (String p : List.of("sp", "mup-depth")) add(m, vit(32, 4), p, Optimizer.ADAM, cosine, steps, "");
        add(m, vit(32, 4), "mup-depth", Optimizer.SGD, cosine, steps, "");
        return m;
    }

    /** The reduced set CI runs: one case per model family and optimizer, every rule active. */
    public static List<String> ci() {
        return List.of("resnet-W32L8-mup-depth-adam", "resnet-W32L8-completep-sgd", "resnet-W32L8-mup-depth-adam-bn",
                "vit-W32L4-mup-depth-adam");
    }

    public static List<ParityCase> select(List<String> names, int steps) {
        Map<String, ParityCase> all = all(steps);
        List<ParityCase> out = new ArrayList<>();
        for (String n : names) {
            ParityCase c = all.get(n);
            if (c == null) throw new IllegalArgumentException("no parity case '" + n + "': `hpt parity --list` names them");
            out.add(c);
        }
        return out;
    }

    private static ResNetConfig resnet(int width, int depth, boolean bn) {
        return ResNetConfig.builder(width, depth).base(8, 2).batchNorm(bn).build();
    }

    private static VitConfig vit(int width, int depth) {
        return VitConfig.builder(width, depth).base(16, 2).build();
    }

    private static void add(Map<String, ParityCase> m, ArchConfig model, String param, Optimizer o, ScheduleConfig s,
                            int steps, String suffix) {
        add(m, model, param, o == Optimizer.ADAM ? OptimizerConfig.adam(ADAM_LR)
                : new OptimizerConfig(Optimizer.SGD, SGD_LR, 0.9, 0.9, 0.999, 1e-8, 0, true), s, steps, suffix);
    }

    private static void add(Map<String, ParityCase> m, ArchConfig model, String param, OptimizerConfig opt, ScheduleConfig s,
                            int steps, String suffix) {
        Optimizer o = opt.kind();
        TrainConfig cfg = TrainConfig.of(DataConfig.bundled(), model, Parameterization.parse(param), opt, s, steps, BATCH, 0, 0, 0);
        String name = String.format(Locale.ROOT, "%s-W%dL%d-%s-%s%s", model.arch(), model.width(), model.depth(), param,
                o.key(), suffix);
        m.put(name, new ParityCase(name, cfg));
    }
}
