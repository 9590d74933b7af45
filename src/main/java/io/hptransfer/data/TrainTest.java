package io.hptransfer.data;

/** A train split and a test split of the same dataset. */
public record TrainTest(ImageDataset train, ImageDataset test) {
}
