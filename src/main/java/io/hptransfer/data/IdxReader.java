package io.hptransfer.data;

import org.nd4j.linalg.factory.Nd4j;

import java.nio.ByteBuffer;
import java.nio.file.Path;

/** MNIST/Fashion-MNIST IDX files (raw or .gz): images 0x00000803, labels 0x00000801. */
public final class IdxReader {
    private static final int IMAGES_MAGIC = 0x00000803;
    private static final int LABELS_MAGIC = 0x00000801;

    private IdxReader() {
    }

    /** Reads images and labels into a dataset with pixels scaled to [0, 1]. */
    public static ImageDataset read(String name, Path images, Path labels, int numClasses) {
        byte[] ib = Bytes.readMaybeGzip(images);
        byte[] lb = Bytes.readMaybeGzip(labels);
        ByteBuffer ih = header(ib, images, IMAGES_MAGIC, 16);
        int n = ih.getInt(4), rows = ih.getInt(8), cols = ih.getInt(12);
        long need = 16L + (long) n * rows * cols;
        if (n <= 0 || rows <= 0 || cols <= 0 || ib.length != need) {
            throw new DataException(images + ": header says " + n + " images of " + rows + "x" + cols
                    + " (" + need + " bytes) but the file has " + ib.length + " bytes: the file is truncated or corrupt, download it again");
        }
        ByteBuffer lh = header(lb, labels, LABELS_MAGIC, 8);
        int nl = lh.getInt(4);
        if (nl != n || lb.length != 8 + n) {
            throw new DataException(labels + ": expected " + n + " labels (" + (8 + n) + " bytes), file has "
                    + lb.length + " bytes with header count " + nl + ": images and labels files do not match");
        }
        int px = rows * cols;
        float[] data = new float[n * px];
        for (int i = 0; i < data.length; i++) data[i] = (ib[16 + i] & 0xff) / 255f;
        int[] lab = new int[n];
        for (int i = 0; i < n; i++) lab[i] = lb[8 + i] & 0xff;
        return new ImageDataset(name, Nd4j.create(data, new long[]{n, px}, 'c'), lab, 1, rows, cols, numClasses);
    }

    private static ByteBuffer header(byte[] b, Path p, int magic, int size) {
        if (b.length < size) throw new DataException(p + " is too short (" + b.length + " bytes) to be an IDX file: download it again");
        ByteBuffer h = ByteBuffer.wrap(b, 0, size);
        if (h.getInt(0) != magic) {
            throw new DataException(p + " is not an IDX " + (magic == IMAGES_MAGIC ? "images" : "labels")
                    + " file (magic 0x" + Integer.toHexString(h.getInt(0)) + "): check the file name");
        }
        return h;
    }
}
