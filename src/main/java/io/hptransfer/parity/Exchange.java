package io.hptransfer.parity;

import java.nio.file.Path;

/**
 * The folder hpt and the PyTorch reference exchange one case through, and the only place that
 * names its files. hpt writes the case, its initial weights and the batch indices; the reference
 * writes its trajectory.
 */
public record Exchange(Path dir) {
    /** {"config": TrainConfig}. */
    public Path caseJson() {
        return dir.resolve("case.json");
    }

    /** [{"name", "shape"}] in the order of init.bin. */
    public Path initIndex() {
        return dir.resolve("init.json");
    }

    /** Initial tensors, float64 little-endian, concatenated. */
    public Path initValues() {
        return dir.resolve("init.bin");
    }

    /** int32 little-endian [steps, batch]: the training-set rows of each step's batch. */
    public Path batches() {
        return dir.resolve("batches.bin");
    }

    /** float32 LE [rows, C*H*W]: hpt's normalised training images, the rows listed in rows.bin, in that order. */
    public Path images() {
        return dir.resolve("images.bin");
    }

    /** int32 LE: the training-set row of each image in images.bin (every row some batch uses). */
    public Path imageRows() {
        return dir.resolve("rows.bin");
    }

    /** The reference's summary of its run in dtype: losses, tensor order and sizes, init check, multipliers, LR and eps per tensor. */
    public Path torchJson(String dtype) {
        return dir.resolve("torch-" + dtype + ".json");
    }

    /** float64 LE, step-major, tensors in the summary's order. */
    public Path torchGrads(String dtype) {
        return dir.resolve("grads-" + dtype + ".bin");
    }

    public Path torchParams(String dtype) {
        return dir.resolve("params-" + dtype + ".bin");
    }

    /** hpt's own run in the reference's format (written with --keep, for inspection). */
    public Path hptJson() {
        return dir.resolve("hpt.json");
    }

    public Path hptGrads() {
        return dir.resolve("grads-hpt.bin");
    }

    public Path hptParams() {
        return dir.resolve("params-hpt.bin");
    }

    /** Where the reference script is written for python to run. */
    public Path script() {
        return dir.resolve("torch_reference.py");
    }
}
