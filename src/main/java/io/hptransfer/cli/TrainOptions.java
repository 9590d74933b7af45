package io.hptransfer.cli;

import io.hptransfer.data.DataConfig;
import io.hptransfer.data.TrainTest;
import io.hptransfer.model.Arch;
import io.hptransfer.model.ArchConfig;
import io.hptransfer.model.ResNetConfig;
import io.hptransfer.model.VitConfig;
import io.hptransfer.optim.OptimizerConfig;
import io.hptransfer.optim.ScheduleConfig;
import io.hptransfer.param.Optimizer;
import io.hptransfer.param.Parameterization;
import io.hptransfer.train.TrainConfig;
import picocli.CommandLine.Option;

import java.util.Locale;

/** The options that define one training configuration, shared by `hpt train` and `hpt tune`. */
public final class TrainOptions {
    @Option(names = "--dataset", defaultValue = "fashion-mnist", description = "fashion-mnist (bundled subset), cifar10, imagefolder")
    String dataset;
    @Option(names = "--data-dir", description = "dataset location (default: the dataset's folder under datasets/)")
    String dataDir;
    @Option(names = "--resolution", defaultValue = "32", description = "imagefolder: resize to this (32 or 64)")
    int resolution;
    @Option(names = "--augment", description = "random crop (pad 4) + horizontal flip")
    boolean augment;

    @Option(names = "--arch", defaultValue = "resnet", description = "resnet, vit, or user (your --family class)") String arch;
    @Option(names = "--family", description = "arch user: your io.hptransfer.mup.ModelFamily class (on HPT_CLASSPATH)") String family;
    @Option(names = "--width", defaultValue = "16", description = "channels of the first stage") int width;
    @Option(names = "--depth", defaultValue = "4", description = "residual blocks in total") int depth;
    @Option(names = "--stages", defaultValue = "" + ResNetConfig.STAGES, description = "ResNet: stages; each after the first halves the resolution and doubles the width") int stages;
    @Option(names = "--base-width", description = "proxy width the rules are relative to (default: --width)") Integer baseWidth;
    @Option(names = "--base-depth", description = "proxy depth (default: --depth)") Integer baseDepth;
    @Option(names = "--batch-norm", description = "batch norm inside residual branches") boolean batchNorm;
    @Option(names = "--no-conv-bias", description = "convolutions without biases") boolean noConvBias;
    @Option(names = "--branch-beta", defaultValue = "" + ArchConfig.BRANCH_BETA, description = "beta of the residual branch multiplier beta * m_L^-alpha") double branchBeta;
    @Option(names = "--output-mult", defaultValue = "" + ArchConfig.OUTPUT_MULT, description = "readout multiplier at the base width (muP divides it by m_N)") double outputMult;
    @Option(names = "--init-scale", defaultValue = "" + ArchConfig.INIT_SCALE, description = "multiplies every init standard deviation") double initScale;
    @Option(names = "--zero-readout", description = "muP: readout weights start at 0") boolean zeroReadout;
    @Option(names = "--patch", defaultValue = "" + VitConfig.PATCH, description = "ViT: patch side in pixels") int patch;
    @Option(names = "--head-dim", defaultValue = "" + VitConfig.HEAD_DIM, description = "ViT: head dim, held fixed as width grows (heads = width/head-dim)")
    int headDim;
    @Option(names = "--num-heads", description = "ViT: hold the head count fixed instead (head dim = width/num-heads)")
    Integer numHeads;
    @Option(names = "--mlp-ratio", defaultValue = "" + VitConfig.MLP_RATIO, description = "ViT: MLP hidden width / width") int mlpRatio;
    @Option(names = "--class-token", description = "ViT: read out a class token instead of the token mean") boolean classToken;
    @Option(names = "--attn-mult", defaultValue = "" + VitConfig.ATTN_MULT, description = "ViT: attention logit multiplier") double attnMult;
    @Option(names = "--zero-query", description = "ViT, muP: query weights start at 0") boolean zeroQuery;

    @Option(names = "--param", defaultValue = "mup-depth", description = "sp, mup, mup-depth, completep")
    String param;
    @Option(names = "--branch-exponent", description = "muP with branch multiplier beta*m_L^-alpha, alpha in [0.5, 1]; overrides --param")
    Double branchExponent;
    @Option(names = "--opt", defaultValue = "sgd", description = "sgd or adam") String opt;
    @Option(names = "--lr", defaultValue = "0.1", description = "base learning rate (at the base shape; the rule table scales it per tensor)") double lr;
    @Option(names = "--momentum", defaultValue = "" + OptimizerConfig.MOMENTUM, description = "SGD: Nesterov momentum (0 = plain SGD)") double momentum;
    @Option(names = "--beta1", defaultValue = "" + OptimizerConfig.BETA1, description = "Adam: first-moment decay") double beta1;
    @Option(names = "--beta2", defaultValue = "" + OptimizerConfig.BETA2, description = "Adam: second-moment decay") double beta2;
    @Option(names = "--eps", defaultValue = "" + OptimizerConfig.EPSILON, description = "Adam: epsilon at the base shape (PyTorch form: added to the bias-corrected sqrt(v))") double eps;
    @Option(names = "--weight-decay", defaultValue = "" + OptimizerConfig.WEIGHT_DECAY, description = "weight-decay coefficient on weights (not biases or norm parameters), at the base shape") double weightDecay;
    @Option(names = "--wd-mode", defaultValue = "decoupled", description = "decoupled (AdamW-style) or coupled (L2 in the gradient)")
    String wdMode;
    @Option(names = "--schedule", defaultValue = "constant", description = "constant, cosine or linear") String schedule;
    @Option(names = "--warmup", defaultValue = "0", description = "linear warmup steps") int warmup;
    @Option(names = "--final-lr-fraction", defaultValue = "0", description = "cosine/linear: the LR at the last step, as a fraction of the peak") double finalFraction;
    @Option(names = "--steps", description = "optimizer steps") Integer steps;
    @Option(names = "--epochs", description = "epochs (alternative to --steps)") Double epochs;
    @Option(names = "--batch", defaultValue = "" + TrainConfig.BATCH, description = "images per step") int batch;
    @Option(names = "--seed", defaultValue = "0", description = "seed of the init and of the batch order") long seed;
    @Option(names = "--eval-every", defaultValue = "0", description = "test-set evaluation interval in steps (0 = only at the end)")
    int evalEvery;
    @Option(names = "--checkpoint-every", defaultValue = "" + TrainConfig.CHECKPOINT_EVERY, description = "save a resumable checkpoint every this many steps (and at the end)") int checkpointEvery;

    int stepsFor(TrainTest data) {
        if (steps != null && epochs != null) throw new IllegalArgumentException("give --steps or --epochs, not both");
        if (epochs != null) {
            if (!(epochs > 0)) throw new IllegalArgumentException("--epochs must be > 0, got " + epochs);
            return (int) Math.max(1, Math.round(epochs * (data.train().size() / batch)));
        }
        return steps == null ? 500 : steps;
    }

    TrainConfig fromOptions(int nSteps) {
        Parameterization p = branchExponent != null ? Parameterization.custom(branchExponent) : Parameterization.parse(param);
        int bw = baseWidth == null ? width : baseWidth, bd = baseDepth == null ? depth : baseDepth;
        ArchConfig model = switch (Arch.parse(arch)) {
            case RESNET -> ResNetConfig.builder(width, depth).base(bw, bd).stages(stages).batchNorm(batchNorm)
                    .convBias(!noConvBias).branchBeta(branchBeta).outputMult(outputMult).initScale(initScale)
                    .zeroReadout(zeroReadout).build();
            case VIT -> VitConfig.builder(width, depth).base(bw, bd).patch(patch)
                    .heads(numHeads != null ? VitConfig.HeadScaling.FIXED_COUNT : VitConfig.HeadScaling.FIXED_DIM,
                            numHeads != null ? numHeads : headDim)
                    .mlpRatio(mlpRatio).classToken(classToken).branchBeta(branchBeta).outputMult(outputMult)
                    .attnMult(attnMult).initScale(initScale).zeroReadout(zeroReadout).zeroQuery(zeroQuery).build();
            case USER -> new io.hptransfer.mup.UserModelConfig(family, width, depth, bw, bd, branchBeta, outputMult, initScale,
                    zeroReadout);
        };
        boolean decoupled = switch (wdMode.toLowerCase(Locale.ROOT)) {
            case "decoupled" -> true;
            case "coupled" -> false;
            default -> throw new IllegalArgumentException("unknown --wd-mode '" + wdMode + "': use decoupled or coupled");
        };
        OptimizerConfig o = new OptimizerConfig(Optimizer.parse(opt), lr, momentum, beta1, beta2, eps, weightDecay, decoupled);
        ScheduleConfig s = new ScheduleConfig(ScheduleConfig.Kind.parse(schedule), warmup, finalFraction);
        return TrainConfig.of(new DataConfig(dataset, dataDir, resolution, augment), model, p, o, s, nSteps,
                batch, seed, evalEvery, checkpointEvery);
    }

}
