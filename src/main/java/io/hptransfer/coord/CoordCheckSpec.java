package io.hptransfer.coord;

import io.hptransfer.param.Axis;
import io.hptransfer.model.ArchConfig;
import io.hptransfer.model.ResNetConfig;
import io.hptransfer.model.VitConfig;
import io.hptransfer.optim.OptimizerConfig;
import io.hptransfer.param.Parameterization;

import java.util.List;

/**
 * One coordinate check: a parameterization and optimizer, trained {@code steps} steps at a
 * deliberately large LR on one fixed real batch, over a grid of widths (depth fixed) or depths
 * (width fixed), {@code seeds} times. branchBeta: beta of the branch multiplier beta * m_L^-alpha.
 * vit: null checks the conv ResNet; otherwise the ViT with these options (its shape, beta and
 * readout init are the check's).
 */
public record CoordCheckSpec(Parameterization param, OptimizerConfig optimizer, Axis axis, List<Integer> grid,
                             int fixedWidth, int fixedDepth, int steps, int seeds, int batch, boolean batchNorm,
                             double branchBeta, boolean zeroReadout, VitConfig vit) {
    public CoordCheckSpec {
        if (grid == null || grid.size() < 2) throw new IllegalArgumentException("a coordinate check needs a grid of at least 2 sizes");
        if (grid.stream().anyMatch(g -> g < 1)) throw new IllegalArgumentException("grid sizes must be >= 1, got " + grid);
        if (steps < 1 || seeds < 1 || batch < 1) throw new IllegalArgumentException("steps, seeds and batch must be >= 1");
        if (!(branchBeta > 0)) throw new IllegalArgumentException("branch beta must be > 0, got " + branchBeta);
        grid = grid.stream().sorted().toList();
    }

    /**
     * Default beta: 1 over width; 0.5/sqrt(base depth) over depth, because finite-depth
     * corrections scale with beta^2 * base depth / L (beta = 1 from base 2 left mup-depth at L^0.45).
     */
    public static double defaultBranchBeta(Axis axis, List<Integer> grid) {
        return axis == Axis.DEPTH ? 0.5 / Math.sqrt(grid.stream().min(Integer::compare).orElseThrow()) : 1.0;
    }

    /** The model at one grid point, rules relative to (baseWidth, baseDepth). */
    public ArchConfig model(int w, int d, int bw, int bd) {
        if (vit == null) {
            return ResNetConfig.builder(w, d).base(bw, bd).batchNorm(batchNorm).branchBeta(branchBeta).zeroReadout(zeroReadout)
                    .build();
        }
        return vit.toBuilder(w, d).base(bw, bd).branchBeta(branchBeta).outputMult(ArchConfig.OUTPUT_MULT)
                .initScale(ArchConfig.INIT_SCALE).zeroReadout(zeroReadout).build();
    }

    /** The smallest grid size is the base shape the rules are relative to. */
    public int base() {
        return grid.get(0);
    }
}
