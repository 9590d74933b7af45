package io.hptransfer.parity;

import io.hptransfer.train.TrainConfig;

/** One configuration both implementations train: a name for the table and the full hpt TrainConfig. */
public record ParityCase(String name, TrainConfig config) {
    public ParityCase {
        if (config.data().augment()) {
            // augmentation draws crops in Java; the reference only gets the batch rows
            throw new IllegalArgumentException("parity case " + name + ": augmentation is not supported, turn it off");
        }
    }

    public ParityCase withSteps(int steps) {
        return new ParityCase(name, config.withSteps(steps));
    }
}
