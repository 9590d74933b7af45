package io.hptransfer.data;

import java.util.Locale;

/**
 * Which data to train on.
 *
 * @param dataset    fashion-mnist (bundled subset by default), cifar10, imagefolder
 * @param dataDir    where the files are; null = the dataset's default place
 * @param resolution imagefolder only: images are resized to this (32 or 64)
 * @param augment    standard CIFAR augmentation: random crop (pad 4) + horizontal flip
 */
public record DataConfig(String dataset, String dataDir, int resolution, boolean augment) {
    public DataConfig {
        if (dataset == null) throw new DataException("dataset is missing: use fashion-mnist, cifar10 or imagefolder");
        dataset = dataset.toLowerCase(Locale.ROOT);
        if (!java.util.Set.of("fashion-mnist", "cifar10", "imagefolder").contains(dataset)) {
            throw new DataException("unknown dataset '" + dataset + "': use fashion-mnist, cifar10 or imagefolder");
        }
    }

    public static DataConfig bundled() {
        return new DataConfig("fashion-mnist", null, 32, false);
    }
}
