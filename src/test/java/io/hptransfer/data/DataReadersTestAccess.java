package io.hptransfer.data;

import java.nio.file.Path;

/** Lets tests in other packages write CIFAR files in the real binary layout. */
public final class DataReadersTestAccess {
    private DataReadersTestAccess() {
    }

    public static void writeCifarFolder(Path dir, int perFile) throws Exception {
        DataReadersTest.writeCifarFolder(dir, perFile);
    }
}
