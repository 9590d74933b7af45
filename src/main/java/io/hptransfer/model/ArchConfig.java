package io.hptransfer.model;

import io.hptransfer.optim.UpdaterFactory;
import io.hptransfer.param.Optimizer;
import io.hptransfer.param.Parameterization;
import io.hptransfer.param.ScalingRules;
import org.nd4j.linalg.api.buffer.DataType;

/** What the trainer, sweeps, tuner and transfer need from a model family (ResNet or ViT). */
public interface ArchConfig {
    // Defaults both families share; the CLI, sweep specs and the builders read them here.
    double BRANCH_BETA = 1.0;
    double OUTPUT_MULT = 1.0;
    double INIT_SCALE = 1.0;
    boolean ZERO_READOUT = false;

    /** Which family this is (the key config.json and specs spell). */
    Arch arch();

    int width();

    int depth();

    int baseWidth();

    int baseDepth();

    double outputMult();

    double initScale();

    ScalingRules rules(Parameterization p, Optimizer o);

    /** The same family and options at another shape, with the rules relative to (baseWidth, baseDepth). */
    ArchConfig reshaped(int width, int depth, int baseWidth, int baseDepth);

    /** The same model with the tunable multipliers replaced. */
    ArchConfig withMultipliers(double outputMult, double initScale);

    BuiltModel build(Parameterization p, UpdaterFactory updaters, Optimizer o, int channels, int size, int numClasses,
                     long seed, DataType dtype);

    /** One line naming the family and its shape options, for logs and benchmarks. */
    String describe();

    /** Forward FLOPs per image (multiply-adds x2). */
    double forwardFlops(int channels, int size);

    /** Trained tensors' element count (weights, biases, gains, embeddings; readout at 10 classes). */
    double parameterCount(int channels, int size);

    /**
     * A lower bound on the activation elements one training image keeps alive between the forward and the
     * backward pass (what a training step needs per image besides the parameters): for refusing absurd shapes
     * up front, not for predicting memory (DL4J keeps more: the ViT several times more).
     */
    double activationsPerImage(int channels, int size);
}
