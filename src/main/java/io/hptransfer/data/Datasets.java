package io.hptransfer.data;

import java.nio.file.Path;

/** Loads a {@link DataConfig} into memory, normalised per channel with the train split's statistics. */
public final class Datasets {
    private Datasets() {
    }

    public static TrainTest load(DataConfig cfg) {
        TrainTest raw = switch (cfg.dataset()) {
            case "fashion-mnist" -> FashionMnist.load(dir(cfg));
            case "cifar10" -> Cifar10Reader.load(dir(cfg));
            case "imagefolder" -> ImageFolderReader.load(dir(cfg), cfg.resolution());
            default -> throw new DataException("unknown dataset " + cfg.dataset());
        };
        return ChannelNormalizer.fit(raw.train()).applyTo(raw);
    }

    /** Where cfg's files are: its data dir, or the dataset's default place (relative to the working folder). */
    public static Path dir(DataConfig cfg) {
        if (cfg.dataDir() != null) return Path.of(cfg.dataDir());
        return switch (cfg.dataset()) {
            case "fashion-mnist" -> FashionMnist.BUNDLED;
            case "cifar10" -> Path.of("datasets", "cifar10");
            default -> throw new DataException("imagefolder needs --data-dir pointing at a folder with train/ and test/");
        };
    }

    /**
     * cfg with its data dir made absolute against base: a trial shipped to another JVM (a Spark
     * executor, whose working folder is its own) must find the files the driver meant.
     */
    public static DataConfig resolvedAgainst(DataConfig cfg, Path base) {
        return new DataConfig(cfg.dataset(), base.resolve(dir(cfg)).toAbsolutePath().normalize().toString(), cfg.resolution(), cfg.augment());
    }
}
