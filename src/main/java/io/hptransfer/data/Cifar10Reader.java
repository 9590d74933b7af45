package io.hptransfer.data;

import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * CIFAR-10 binary version: records of 1 label byte + 3072 pixel bytes (R, G, B planes of 32x32),
 * files data_batch_1..5.bin and test_batch.bin, from a folder or the official
 * cifar-10-binary.tar.gz (checked against its published MD5).
 */
public final class Cifar10Reader {
    public static final String ARCHIVE = "cifar-10-binary.tar.gz";
    /** MD5 published with the official archive. */
    public static final String ARCHIVE_MD5 = "c32a1d4ab5d03f1284b67883e8d87530";
    public static final String URL = "https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz";
    static final int RECORD = 3073;
    static final int PER_FILE = 10000;
    static final List<String> TRAIN_FILES = List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin",
            "data_batch_4.bin", "data_batch_5.bin");
    static final String TEST_FILE = "test_batch.bin";
    private static final List<String> ALL_FILES = java.util.stream.Stream.concat(TRAIN_FILES.stream(), java.util.stream.Stream.of(TEST_FILE)).toList();

    private Cifar10Reader() {
    }

    /** {@code location}: a folder holding the .bin files (possibly in cifar-10-batches-bin/) or the tar.gz. */
    public static TrainTest load(Path location) {
        return decodeAll(Files.isDirectory(location) ? fromFolder(location) : fromArchive(location));
    }

    private static Map<String, byte[]> fromFolder(Path dir) {
        Path archive = dir.resolve(ARCHIVE);
        Path sub = dir.resolve("cifar-10-batches-bin");
        Path base = Files.isDirectory(sub) ? sub : dir;
        if (!Files.exists(base.resolve(TEST_FILE)) && Files.exists(archive)) return fromArchive(archive);
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (String f : ALL_FILES) {
            Path p = base.resolve(f);
            if (!Files.exists(p)) {
                throw new DataException("CIFAR-10 file " + p + " is missing: put the official " + ARCHIVE
                        + " (or its extracted .bin files) in " + dir + " (hpt datasets download cifar10 says how)");
            }
            out.put(f, checkSize(f, Bytes.readMaybeGzip(p)));
        }
        return out;
    }

    /** Reads the .bin members of a tar.gz; an archive under the official name must have the official MD5. */
    static Map<String, byte[]> fromArchive(Path archive) {
        if (!Files.exists(archive)) throw new DataException("missing " + archive + ": place the official " + ARCHIVE + " there");
        if (archive.getFileName().toString().equals(ARCHIVE)) {
            String md5 = Bytes.md5(archive);
            if (!md5.equals(ARCHIVE_MD5)) {
                throw new DataException(archive + " has MD5 " + md5 + ", expected " + ARCHIVE_MD5
                        + ": the download is corrupt or incomplete, fetch it again from " + URL);
            }
        }
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(archive), 1 << 16)) {
            byte[] header = new byte[512];
            while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
                String name = new String(header, 0, 100, StandardCharsets.US_ASCII).replaceAll("\0.*", "");
                long size = Long.parseLong(new String(header, 124, 12, StandardCharsets.US_ASCII).replaceAll("[\0 ]", "").trim(), 8);
                byte[] body = in.readNBytes((int) size);
                if (body.length != size) throw new DataException(archive + " is truncated inside " + name + ": download it again");
                in.skipNBytes((512 - size % 512) % 512);
                String base = name.substring(name.lastIndexOf('/') + 1);
                if (ALL_FILES.contains(base)) out.put(base, checkSize(base, body));
            }
        } catch (IOException | NumberFormatException e) {
            throw new DataException(archive + " is not a readable tar.gz (" + e.getMessage() + "): download it again", e);
        }
        for (String f : ALL_FILES) {
            if (!out.containsKey(f)) throw new DataException(archive + " has no " + f + ": is it the binary version (" + ARCHIVE + ")?");
        }
        return out;
    }


    private static byte[] checkSize(String name, byte[] b) {
        // official files hold 10000 records; any whole number is accepted (subsets, tests), a partial record is not
        if (b.length == 0 || b.length % RECORD != 0) {
            throw new DataException("CIFAR-10 " + name + " has " + b.length + " bytes, not a whole number of 3073-byte records"
                    + " (official: " + RECORD * PER_FILE + "): the file is truncated or corrupt, download it again");
        }
        return b;
    }

    private static TrainTest decodeAll(Map<String, byte[]> files) {
        List<byte[]> train = new ArrayList<>();
        for (String f : TRAIN_FILES) train.add(files.get(f));
        return new TrainTest(decode("cifar10-train", train), decode("cifar10-test", List.of(files.get(TEST_FILE))));
    }

    private static ImageDataset decode(String name, List<byte[]> parts) {
        int n = 0;
        for (byte[] p : parts) n += p.length / RECORD;
        float[] data = new float[n * 3072];
        int[] labels = new int[n];
        int i = 0;
        for (byte[] p : parts) {
            for (int r = 0; r < p.length / RECORD; r++, i++) {
                int off = r * RECORD;
                labels[i] = p[off] & 0xff;
                if (labels[i] > 9) {
                    throw new DataException(name + ": record " + i + " has label " + labels[i] + " (> 9): the file is corrupt");
                }
                for (int k = 0; k < 3072; k++) data[i * 3072 + k] = (p[off + 1 + k] & 0xff) / 255f;
            }
        }
        return new ImageDataset(name, Nd4j.create(data, new long[]{n, 3072}, 'c'), labels, 3, 32, 32, 10);
    }
}
