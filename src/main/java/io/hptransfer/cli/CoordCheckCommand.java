package io.hptransfer.cli;

import io.hptransfer.coord.CoordAnalysis;
import io.hptransfer.param.Axis;
import io.hptransfer.coord.CoordCheck;
import io.hptransfer.train.Progress;
import io.hptransfer.util.WorkClock;
import io.hptransfer.coord.CoordCheckSpec;
import io.hptransfer.coord.CoordPlot;
import io.hptransfer.coord.CoordRow;
import io.hptransfer.coord.CoordVerdict;
import io.hptransfer.data.DataConfig;
import io.hptransfer.data.Datasets;
import io.hptransfer.data.ImageDataset;
import io.hptransfer.optim.OptimizerConfig;
import io.hptransfer.model.Arch;
import io.hptransfer.model.VitConfig;
import io.hptransfer.param.Optimizer;
import io.hptransfer.param.Parameterization;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "coord-check", mixinStandardHelpOptions = true,
        description = "Coordinate check: train a few steps at a large LR over a width (or depth) grid and test that each "
                + "layer's change since init stays Theta(1) (fitted log-log exponent within --tolerance of 0). "
                + "Writes <opt>-<axis>.csv, -summary.txt and .png (one row per --param). Exit 0 all PASS, 4 any FAIL, 1 error.")
public final class CoordCheckCommand implements Callable<Integer> {
    public static final int EXIT_FAIL = Hpt.EXIT_CHECK_FAILED;

    @Option(names = "--arch", defaultValue = "resnet", description = "resnet or vit") String arch;
    @Option(names = "--patch", defaultValue = "" + VitConfig.PATCH, description = "ViT: patch side") int patch;
    @Option(names = "--head-dim", defaultValue = "" + VitConfig.HEAD_DIM, description = "ViT: fixed head dim (heads grow with width; mutransformers' dhead check)")
    int headDim;
    @Option(names = "--num-heads", description = "ViT: fix the head count instead (head dim grows; the nhead check)") Integer numHeads;
    @Option(names = "--zero-query", description = "ViT, muP: query weights start at 0") boolean zeroQuery;
    @Option(names = "--class-token", description = "ViT: class-token readout instead of the token mean") boolean classToken;
    @Option(names = "--param", defaultValue = "sp,mup", split = ",",
            description = "one or more of sp, mup, mup-depth, completep, compared side by side")
    List<String> params;
    @Option(names = "--branch-exponent", description = "muP with branch exponent alpha in [0.5, 1]; overrides --param") Double alpha;
    @Option(names = "--opt", defaultValue = "adam", description = "sgd or adam") String opt;
    @Option(names = "--lr", description = "large LR for the check (default: adam 3e-3, sgd 0.05)") Double lr;
    @Option(names = "--axis", defaultValue = "width", description = "width or depth") String axis;
    @Option(names = "--grid", split = ",", description = "sizes; the smallest is the base (default: width 16,32,64,128,256; depth 2,4,8,16,32)")
    List<Integer> grid;
    @Option(names = "--width", defaultValue = "16", description = "width for a depth check") int width;
    @Option(names = "--depth", defaultValue = "2", description = "depth for a width check") int depth;
    @Option(names = "--steps", defaultValue = "3", description = "optimizer steps on the fixed batch") int steps;
    @Option(names = "--seeds", defaultValue = "3", description = "inits per size; statistics are averaged over them") int seeds;
    @Option(names = "--batch", defaultValue = "32", description = "images in the one fixed batch") int batch;
    @Option(names = "--batch-norm", description = "ResNet: batch norm inside the residual branches") boolean batchNorm;
    @Option(names = "--branch-beta", description = "beta of the branch multiplier beta*m_L^-alpha (default: 1 for width; "
            + "0.5/sqrt(base depth) for depth: finite-depth corrections are O(beta^2 * base depth / L), so keep that product small)")
    Double branchBeta;
    @Option(names = "--readout-init", defaultValue = "auto", description = "muP readout init: zero, random (variance "
            + "1/base fan-in), or auto (default) = zero for an SGD width check, else random. Under SGD a random readout's initial "
            + "logits, O(m_N^-1/2), dominate the first steps' updates at these widths (measured); see the README")
    String readoutInit;
    @Option(names = "--tolerance", description = "max |exponent| for PASS (default 0.25; mup's own: 0.13)") Double tolerance;
    @Option(names = "--dataset", defaultValue = "fashion-mnist", description = "fashion-mnist (bundled subset), cifar10, imagefolder") String dataset;
    @Option(names = "--data-dir", description = "dataset location (default: the dataset's folder under datasets/)") String dataDir;
    @Option(names = "--out", defaultValue = "checkpoints/coord-check", description = "output folder") Path out;

    @Override
    public Integer call() throws Exception {
        VitConfig vit = switch (Arch.parse(arch)) {
            case RESNET -> null;
            case USER -> throw new IllegalArgumentException("--arch user: check your own model family from Java with "
                    + "io.hptransfer.mup.MuCoordCheck (README, \"Your own DL4J model\")");
            // a template for the ViT options only: its width (one head's worth) is replaced at every grid point
            case VIT -> {
                int h = numHeads != null ? numHeads : headDim;
                yield VitConfig.builder(h, 1).patch(patch)
                        .heads(numHeads != null ? VitConfig.HeadScaling.FIXED_COUNT : VitConfig.HeadScaling.FIXED_DIM, h)
                        .classToken(classToken).zeroQuery(zeroQuery).build();
            }
        };
        Axis ax = Axis.parse(axis);
        Optimizer kind = Optimizer.parse(opt);
        double rate = lr != null ? lr : kind == Optimizer.ADAM ? 3e-3 : 0.05;
        OptimizerConfig oc = kind == Optimizer.ADAM ? OptimizerConfig.adam(rate) : OptimizerConfig.sgd(rate);
        List<Parameterization> ps = alpha != null ? List.of(Parameterization.custom(alpha))
                : params.stream().map(Parameterization::parse).toList();
        List<Integer> g = grid != null ? grid : ax == Axis.WIDTH ? List.of(16, 32, 64, 128, 256) : List.of(2, 4, 8, 16, 32);
        double beta = branchBeta != null ? branchBeta : CoordCheckSpec.defaultBranchBeta(ax, g);
        boolean zeroReadout = switch (readoutInit) {
            case "zero" -> true;
            case "random" -> false;
            case "auto" -> kind == Optimizer.SGD && ax == Axis.WIDTH; // the logit term varies with width only
            default -> throw new IllegalArgumentException("unknown --readout-init '" + readoutInit + "': use zero, random or auto");
        };
        double tol = tolerance != null ? tolerance : CoordAnalysis.DEFAULT_TOLERANCE;
        ImageDataset data = Datasets.load(new DataConfig(dataset, dataDir, 32, false)).train();
        Files.createDirectories(out);
        String tag = (vit != null ? "vit-" : "") + kind.name().toLowerCase() + "-" + ax.name().toLowerCase();
        List<String> csv = new ArrayList<>();
        csv.add(CoordRow.CSV_HEADER);
        StringBuilder summary = new StringBuilder();
        Map<String, List<CoordRow>> byParam = new LinkedHashMap<>();
        boolean allPass = true;
        List<CoordCheckSpec> specs = new ArrayList<>();
        for (Parameterization p : ps) {
            CoordCheckSpec spec = new CoordCheckSpec(p, oc, ax, g, width, depth, steps, seeds, batch, batchNorm, beta, zeroReadout, vit);
            if (vit != null && ax == Axis.WIDTH) for (int s : g) spec.model(s, 1, g.get(0), 1); // widths vs heads, up front
            if (vit != null && ax == Axis.DEPTH) spec.model(width, 1, width, 1);
            specs.add(spec);
        }
        WorkClock clock = new WorkClock(specs.stream().mapToDouble(CoordCheck::cost).sum());
        for (CoordCheckSpec spec : specs) {
            Parameterization p = spec.param();
            List<CoordRow> rows = CoordCheck.run(spec, data, clock, s -> System.err.println("coord-check: " + s),
                    label -> Progress.inStudy(System.err, steps, label));
            CoordVerdict v = CoordAnalysis.judge(rows, tol);
            rows.forEach(r -> csv.add(r.csv()));
            summary.append(CoordAnalysis.summary(spec, v));
            byParam.put(p.name(), rows);
            allPass &= v.pass();
        }
        Files.write(out.resolve(tag + ".csv"), csv);
        Files.writeString(out.resolve(tag + "-summary.txt"), summary);
        CoordPlot.write(byParam, kind.key() + " lr " + oc.lr(), out.resolve(tag + ".png"));
        System.out.print(summary);
        System.out.println("wrote " + out.resolve(tag + ".csv") + ", " + out.resolve(tag + ".png"));
        return allPass ? 0 : EXIT_FAIL;
    }
}
