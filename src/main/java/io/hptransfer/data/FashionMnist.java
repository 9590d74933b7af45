package io.hptransfer.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Fashion-MNIST in IDX format: the bundled subset, a folder of the user's, or Debian's full set. */
public final class FashionMnist {
    /** The class-balanced real subset committed to the repo (10k train / 2k test). */
    public static final Path BUNDLED = Path.of("datasets", "fashion-mnist");
    /** Where Debian's dataset-fashion-mnist package installs the full set. */
    public static final Path DEBIAN = Path.of("/usr/share/datasets/fashion-mnist");
    static final List<String> FILES = List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
            "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");

    private FashionMnist() {
    }

    public static TrainTest load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new DataException("Fashion-MNIST folder " + dir + " does not exist: run from the repo root (bundled copy in "
                    + BUNDLED + ") or pass --data-dir; the full set comes with `apt-get install dataset-fashion-mnist`");
        }
        Checksums.verifyIfListed(dir);
        return new TrainTest(
                IdxReader.read("fashion-mnist-train", dir.resolve(FILES.get(0)), dir.resolve(FILES.get(1)), 10),
                IdxReader.read("fashion-mnist-test", dir.resolve(FILES.get(2)), dir.resolve(FILES.get(3)), 10));
    }
}
