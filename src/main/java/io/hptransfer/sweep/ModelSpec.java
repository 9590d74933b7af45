package io.hptransfer.sweep;

import io.hptransfer.model.ResNetConfig;

/** The model options a sweep holds fixed (width and depth are the sweep's axes). Unset = `hpt train` defaults. */
public record ModelSpec(Integer stages, Boolean batchNorm, Boolean convBias, Double branchBeta, Double outputMult,
                        Double initScale, Boolean zeroReadout) {
    public ModelSpec {
        if (stages == null) stages = 1;
        if (batchNorm == null) batchNorm = false;
        if (convBias == null) convBias = true;
        if (branchBeta == null) branchBeta = 1.0;
        if (outputMult == null) outputMult = 1.0;
        if (initScale == null) initScale = 1.0;
        if (zeroReadout == null) zeroReadout = false;
    }

    public static ModelSpec defaults() {
        return new ModelSpec(null, null, null, null, null, null, null);
    }

    public ResNetConfig resnet(int width, int depth, int baseWidth, int baseDepth) {
        return new ResNetConfig(width, depth, stages, baseWidth, baseDepth, batchNorm, convBias, branchBeta, outputMult,
                initScale, zeroReadout);
    }
}
