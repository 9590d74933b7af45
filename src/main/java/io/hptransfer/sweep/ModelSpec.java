package io.hptransfer.sweep;

import io.hptransfer.model.ResNetConfig;
import io.hptransfer.model.VitConfig;

/**
 * The model options a sweep holds fixed (width and depth are the sweep's axes). Unset = `hpt train`
 * defaults. stages/batchNorm/convBias are ResNet options; patch/heads/headValue/mlpRatio/
 * classToken/attnMult/zeroQuery are ViT options.
 */
public record ModelSpec(Integer stages, Boolean batchNorm, Boolean convBias, Double branchBeta, Double outputMult,
                        Double initScale, Boolean zeroReadout, Integer patch, String heads, Integer headValue,
                        Integer mlpRatio, Boolean classToken, Double attnMult, Boolean zeroQuery) {
    public ModelSpec {
        if (stages == null) stages = 1;
        if (stages < 1) throw new IllegalArgumentException("model.stages must be >= 1, got " + stages);
        if (batchNorm == null) batchNorm = false;
        if (convBias == null) convBias = true;
        if (branchBeta == null) branchBeta = 1.0;
        if (outputMult == null) outputMult = 1.0;
        if (initScale == null) initScale = 1.0;
        if (zeroReadout == null) zeroReadout = false;
        if (patch == null) patch = 4;
        if (heads == null) heads = "dhead";
        VitConfig.HeadScaling.parse(heads);
        if (headValue == null) headValue = 8;
        if (mlpRatio == null) mlpRatio = 4;
        if (classToken == null) classToken = false;
        if (attnMult == null) attnMult = 1.0;
        if (zeroQuery == null) zeroQuery = false;
    }

    public static ModelSpec defaults() {
        return new ModelSpec(null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    public ResNetConfig resnet(int width, int depth, int baseWidth, int baseDepth) {
        return new ResNetConfig(width, depth, stages, baseWidth, baseDepth, batchNorm, convBias, branchBeta, outputMult,
                initScale, zeroReadout);
    }

    public VitConfig vit(int width, int depth, int baseWidth, int baseDepth) {
        return new VitConfig(width, depth, baseWidth, baseDepth, patch, VitConfig.HeadScaling.parse(heads), headValue,
                mlpRatio, classToken, branchBeta, outputMult, attnMult, initScale, zeroReadout, zeroQuery);
    }
}
