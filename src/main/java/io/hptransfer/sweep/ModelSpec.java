package io.hptransfer.sweep;

import io.hptransfer.model.ArchConfig;
import io.hptransfer.model.ResNetConfig;
import io.hptransfer.model.VitConfig;

/**
 * The model options a sweep holds fixed (width and depth are the sweep's axes). Unset = `hpt train`
 * defaults. stages/batchNorm/convBias are ResNet options; patch/heads/headValue/mlpRatio/
 * classToken/attnMult/zeroQuery are ViT options; family (a io.hptransfer.mup.ModelFamily class) is arch user's.
 */
public record ModelSpec(Integer stages, Boolean batchNorm, Boolean convBias, Double branchBeta, Double outputMult,
                        Double initScale, Boolean zeroReadout, Integer patch, String heads, Integer headValue,
                        Integer mlpRatio, Boolean classToken, Double attnMult, Boolean zeroQuery,
                        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) String family) {
    public ModelSpec {
        // unset keys take the model families' defaults (ResNetConfig, VitConfig, ArchConfig)
        if (stages == null) stages = ResNetConfig.STAGES;
        if (stages < 1) throw new IllegalArgumentException("model.stages must be >= 1, got " + stages);
        if (batchNorm == null) batchNorm = ResNetConfig.BATCH_NORM;
        if (convBias == null) convBias = ResNetConfig.CONV_BIAS;
        if (branchBeta == null) branchBeta = ArchConfig.BRANCH_BETA;
        if (outputMult == null) outputMult = ArchConfig.OUTPUT_MULT;
        if (initScale == null) initScale = ArchConfig.INIT_SCALE;
        if (zeroReadout == null) zeroReadout = ArchConfig.ZERO_READOUT;
        if (patch == null) patch = VitConfig.PATCH;
        if (heads == null) heads = VitConfig.HEADS.key();
        VitConfig.HeadScaling.parse(heads);
        if (headValue == null) headValue = VitConfig.HEAD_DIM;
        if (mlpRatio == null) mlpRatio = VitConfig.MLP_RATIO;
        if (classToken == null) classToken = VitConfig.CLASS_TOKEN;
        if (attnMult == null) attnMult = VitConfig.ATTN_MULT;
        if (zeroQuery == null) zeroQuery = VitConfig.ZERO_QUERY;
    }

    public static ModelSpec defaults() {
        return new ModelSpec(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    public ResNetConfig resnet(int width, int depth, int baseWidth, int baseDepth) {
        return ResNetConfig.builder(width, depth).base(baseWidth, baseDepth).stages(stages).batchNorm(batchNorm)
                .convBias(convBias).branchBeta(branchBeta).outputMult(outputMult).initScale(initScale)
                .zeroReadout(zeroReadout).build();
    }

    public io.hptransfer.mup.UserModelConfig user(int width, int depth, int baseWidth, int baseDepth) {
        return new io.hptransfer.mup.UserModelConfig(family, width, depth, baseWidth, baseDepth, branchBeta, outputMult, initScale,
                zeroReadout);
    }

    public VitConfig vit(int width, int depth, int baseWidth, int baseDepth) {
        return VitConfig.builder(width, depth).base(baseWidth, baseDepth).patch(patch)
                .heads(VitConfig.HeadScaling.parse(heads), headValue).mlpRatio(mlpRatio).classToken(classToken)
                .branchBeta(branchBeta).outputMult(outputMult).attnMult(attnMult).initScale(initScale)
                .zeroReadout(zeroReadout).zeroQuery(zeroQuery).build();
    }
}
