package io.hptransfer.data;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Makes the bundled subset: the first k images of each class, in file order, from the full
 * Fashion-MNIST IDX files. Deterministic (Java's gzip writes no timestamp), so the committed
 * checksums can be reproduced with `hpt datasets subset`.
 */
public final class FashionMnistSubset {
    private FashionMnistSubset() {
    }

    public static void write(Path source, Path dest, int perClassTrain, int perClassTest) throws IOException {
        Files.createDirectories(dest);
        copy(source, dest, "train", perClassTrain);
        copy(source, dest, "t10k", perClassTest);
        Checksums.write(dest, FashionMnist.FILES);
    }

    private static void copy(Path src, Path dest, String split, int perClass) throws IOException {
        byte[] img = Bytes.readMaybeGzip(src.resolve(split + "-images-idx3-ubyte.gz"));
        byte[] lab = Bytes.readMaybeGzip(src.resolve(split + "-labels-idx1-ubyte.gz"));
        int n = ByteBuffer.wrap(lab).getInt(4);
        int px = 28 * 28;
        int[] taken = new int[10];
        int total = perClass * 10;
        byte[] outImg = new byte[16 + total * px];
        byte[] outLab = new byte[8 + total];
        System.arraycopy(img, 0, outImg, 0, 16);
        System.arraycopy(lab, 0, outLab, 0, 8);
        ByteBuffer.wrap(outImg).putInt(4, total);
        ByteBuffer.wrap(outLab).putInt(4, total);
        int k = 0;
        for (int i = 0; i < n && k < total; i++) {
            int c = lab[8 + i] & 0xff;
            if (taken[c] >= perClass) continue;
            taken[c]++;
            outLab[8 + k] = lab[8 + i];
            System.arraycopy(img, 16 + i * px, outImg, 16 + k * px, px);
            k++;
        }
        if (k != total) throw new DataException("source has fewer than " + perClass + " images of some class in " + split);
        gzip(dest.resolve(split + "-images-idx3-ubyte.gz"), outImg);
        gzip(dest.resolve(split + "-labels-idx1-ubyte.gz"), outLab);
    }

    private static void gzip(Path p, byte[] b) throws IOException {
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(p), 1 << 16)) {
            o.write(b);
        }
    }
}
