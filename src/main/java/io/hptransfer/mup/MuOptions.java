package io.hptransfer.mup;

import io.hptransfer.model.ArchConfig;
import io.hptransfer.param.Parameterization;
import io.hptransfer.param.Role;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How {@link MuP} parameterizes a model.
 *
 * @param param       sp, mup, or a depth variant (mup-depth, completep, mup-alpha&lt;x&gt;: these need the residual
 *                    branches and the depth); SP gives the same table with every multiplier 1
 * @param outputMult  readout multiplier at the base width (muP divides it by the readout's width multiplier)
 * @param initScale   multiplies every init std
 * @param zeroReadout muP option: the readout starts at 0
 * @param roles       a role by layer name, for a layer whose shapes say something else (e.g. a dense layer
 *                    that maps the width to a fixed size)
 * @param depth       residual blocks of the target (m_L = depth / baseDepth)
 * @param baseDepth   residual blocks of the proxy the rules are relative to
 * @param branchBeta  beta of the branch multiplier beta * m_L^-alpha
 * @param branches    the vertex ending each residual branch (the input of h + branch(h) that is not h): MuP puts the
 *                    branch multiplier after it, and every layer between the block's input and it is "in branch"
 */
public record MuOptions(Parameterization param, double outputMult, double initScale, boolean zeroReadout,
                        Map<String, Role> roles, int depth, int baseDepth, double branchBeta, List<String> branches) {
    public MuOptions {
        if (param == null) throw new IllegalArgumentException("parameterization is missing: use Parameterization.MUP or SP");
        if (!(outputMult > 0) || Double.isInfinite(outputMult)) throw new IllegalArgumentException("output multiplier must be finite and > 0, got " + outputMult);
        if (!(initScale >= 0) || Double.isInfinite(initScale)) throw new IllegalArgumentException("init scale must be finite and >= 0, got " + initScale);
        if (depth < 1 || baseDepth < 1) throw new IllegalArgumentException("depth and base depth must be >= 1, got " + depth + ", " + baseDepth);
        if (!(branchBeta > 0) || Double.isInfinite(branchBeta)) throw new IllegalArgumentException("branch beta must be finite and > 0, got " + branchBeta);
        roles = Map.copyOf(roles == null ? Map.of() : roles);
        branches = List.copyOf(branches == null ? List.of() : branches);
        if (param.depthScaling() && branches.isEmpty()) {
            throw new IllegalArgumentException(param + " scales residual branches with depth: name them with withBranches(depth, baseDepth, "
                    + "\"<vertex ending each branch>\", ...)");
        }
    }

    /** muP, multipliers 1, random readout (the defaults of hpt's own models). */
    public static MuOptions mup() {
        return of(Parameterization.MUP);
    }

    /** The same table with muP off: what muP must equal at the base shape. */
    public static MuOptions sp() {
        return of(Parameterization.SP);
    }

    /** Width rules only; a depth variant needs {@link #withBranches} next, so use {@link #depth} for those. */
    public static MuOptions of(Parameterization p) {
        return new MuOptions(p, ArchConfig.OUTPUT_MULT, ArchConfig.INIT_SCALE, ArchConfig.ZERO_READOUT, Map.of(), 1, 1,
                ArchConfig.BRANCH_BETA, List.of());
    }

    /** A depth variant (mup-depth, completep, ...) at {@code depth} blocks relative to {@code baseDepth}, with its branches. */
    public static MuOptions depth(Parameterization p, int depth, int baseDepth, String... branchOutputs) {
        return new MuOptions(p, ArchConfig.OUTPUT_MULT, ArchConfig.INIT_SCALE, ArchConfig.ZERO_READOUT, Map.of(), depth, baseDepth,
                ArchConfig.BRANCH_BETA, List.of(branchOutputs));
    }

    public MuOptions withOutputMult(double m) {
        return new MuOptions(param, m, initScale, zeroReadout, roles, depth, baseDepth, branchBeta, branches);
    }

    public MuOptions withInitScale(double s) {
        return new MuOptions(param, outputMult, s, zeroReadout, roles, depth, baseDepth, branchBeta, branches);
    }

    public MuOptions withZeroReadout(boolean z) {
        return new MuOptions(param, outputMult, initScale, z, roles, depth, baseDepth, branchBeta, branches);
    }

    public MuOptions withBranchBeta(double beta) {
        return new MuOptions(param, outputMult, initScale, zeroReadout, roles, depth, baseDepth, beta, branches);
    }

    /** The residual branches (by the vertex ending each) of a model with {@code depth} blocks, rules relative to {@code baseDepth}. */
    public MuOptions withBranches(int depth, int baseDepth, List<String> branchOutputs) {
        return new MuOptions(param, outputMult, initScale, zeroReadout, roles, depth, baseDepth, branchBeta, branchOutputs);
    }

    /** States the role of one layer's weight by its name (MultiLayerNetwork: its index unless named). */
    public MuOptions withRole(String layer, Role role) {
        Map<String, Role> m = new HashMap<>(roles);
        m.put(layer, role);
        return new MuOptions(param, outputMult, initScale, zeroReadout, m, depth, baseDepth, branchBeta, branches);
    }
}
