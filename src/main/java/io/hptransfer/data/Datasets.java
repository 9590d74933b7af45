package io.hptransfer.data;

import java.nio.file.Path;

/** Loads a {@link DataConfig} into memory, normalised per channel with the train split's statistics. */
public final class Datasets {
    private Datasets() {
    }

    public static TrainTest load(DataConfig cfg) {
        TrainTest raw = switch (cfg.dataset()) {
            case "fashion-mnist" -> FashionMnist.load(cfg.dataDir() == null ? FashionMnist.BUNDLED : Path.of(cfg.dataDir()));
            case "cifar10" -> Cifar10Reader.load(Path.of(cfg.dataDir() == null ? "datasets/cifar10" : cfg.dataDir()));
            case "imagefolder" -> {
                if (cfg.dataDir() == null) throw new DataException("imagefolder needs --data-dir pointing at a folder with train/ and test/");
                yield ImageFolderReader.load(Path.of(cfg.dataDir()), cfg.resolution());
            }
            default -> throw new DataException("unknown dataset " + cfg.dataset());
        };
        return ChannelNormalizer.fit(raw.train()).applyTo(raw);
    }
}
