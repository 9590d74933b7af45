package io.hptransfer.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataReadersTest {

    /** n CIFAR records; record i has label i % 10 and pixel k = (i + k) % 256. */
    static byte[] cifarRecords(int n, int offset) {
        byte[] b = new byte[n * 3073];
        for (int i = 0; i < n; i++) {
            b[i * 3073] = (byte) ((i + offset) % 10);
            for (int k = 0; k < 3072; k++) b[i * 3073 + 1 + k] = (byte) ((i + offset + k) % 256);
        }
        return b;
    }

    static void writeCifarFolder(Path dir, int perFile) throws Exception {
        Files.createDirectories(dir);
        for (int f = 1; f <= 5; f++) Files.write(dir.resolve("data_batch_" + f + ".bin"), cifarRecords(perFile, f * perFile));
        Files.write(dir.resolve("test_batch.bin"), cifarRecords(perFile, 0));
    }

    @Test
    void cifarFolderInTheRealBinaryLayout(@TempDir Path tmp) throws Exception {
        writeCifarFolder(tmp, 7);
        TrainTest tt = Cifar10Reader.load(tmp);
        assertEquals(35, tt.train().size());
        assertEquals(7, tt.test().size());
        assertEquals(3, tt.test().channels());
        // record 2 of test: label 2, first red pixel 2/255, first green pixel (2+1024)%256/255
        assertEquals(2, tt.test().labels()[2]);
        assertEquals(2 / 255f, tt.test().images().getFloat(2, 0), 1e-7);
        assertEquals(((2 + 1024) % 256) / 255f, tt.test().images().getFloat(2, 1024), 1e-7);
        assertEquals((7 + 3) % 10, tt.train().labels()[3]); // data_batch_1 offset 7
    }

    @Test
    void cifarTarGzIsReadAndTheOfficialNameIsChecksummed(@TempDir Path tmp) throws Exception {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        for (int f = 1; f <= 5; f++) tarEntry(tar, "cifar-10-batches-bin/data_batch_" + f + ".bin", cifarRecords(3, f));
        tarEntry(tar, "cifar-10-batches-bin/test_batch.bin", cifarRecords(4, 0));
        tarEntry(tar, "cifar-10-batches-bin/batches.meta.txt", "airplane\n".getBytes(StandardCharsets.US_ASCII));
        tar.write(new byte[1024]);
        Path small = tmp.resolve("small.tar.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(small))) {
            o.write(tar.toByteArray());
        }
        TrainTest tt = Cifar10Reader.load(small);
        assertEquals(15, tt.train().size());
        assertEquals(4, tt.test().size());
        Path official = tmp.resolve("dir").resolve(Cifar10Reader.ARCHIVE);
        Files.createDirectories(official.getParent());
        Files.copy(small, official);
        DataException e = assertThrows(DataException.class, () -> Cifar10Reader.load(official.getParent()));
        assertTrue(e.getMessage().contains("MD5"), e.getMessage());
    }

    @Test
    void truncatedOrMissingCifarFilesGiveClearErrors(@TempDir Path tmp) throws Exception {
        writeCifarFolder(tmp, 2);
        byte[] b = Files.readAllBytes(tmp.resolve("data_batch_3.bin"));
        Files.write(tmp.resolve("data_batch_3.bin"), Arrays.copyOf(b, b.length - 100));
        DataException e = assertThrows(DataException.class, () -> Cifar10Reader.load(tmp));
        assertTrue(e.getMessage().contains("data_batch_3.bin") && e.getMessage().contains("truncated"), e.getMessage());
        Files.write(tmp.resolve("data_batch_3.bin"), b);
        Files.delete(tmp.resolve("test_batch.bin"));
        e = assertThrows(DataException.class, () -> Cifar10Reader.load(tmp));
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
        e = assertThrows(DataException.class, () -> Cifar10Reader.load(tmp.resolve("nowhere.tar.gz")));
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void bundledFashionMnistSubsetIsRealBalancedAndChecksummed() {
        TrainTest tt = FashionMnist.load(FashionMnist.BUNDLED);
        assertEquals(10000, tt.train().size());
        assertEquals(2000, tt.test().size());
        int[] counts = new int[10];
        for (int l : tt.train().labels()) counts[l]++;
        for (int c : counts) assertEquals(1000, c);
        assertEquals(28, tt.train().height());
        double mean = tt.train().images().meanNumber().doubleValue();
        assertTrue(mean > 0.2 && mean < 0.4, "Fashion-MNIST pixel mean ~0.29, got " + mean);
    }

    @Test
    void corruptedIdxFileIsDetected(@TempDir Path tmp) throws Exception {
        for (String f : FashionMnist.FILES) Files.copy(FashionMnist.BUNDLED.resolve(f), tmp.resolve(f));
        Files.copy(FashionMnist.BUNDLED.resolve(Checksums.FILE), tmp.resolve(Checksums.FILE));
        byte[] raw = Files.readAllBytes(tmp.resolve(FashionMnist.FILES.get(2)));
        Files.write(tmp.resolve(FashionMnist.FILES.get(2)), Arrays.copyOf(raw, raw.length / 2));
        DataException e = assertThrows(DataException.class, () -> FashionMnist.load(tmp));
        assertTrue(e.getMessage().contains("SHA-256"), e.getMessage());
        Files.delete(tmp.resolve(Checksums.FILE)); // without checksums, the IDX reader itself must notice
        e = assertThrows(DataException.class, () -> FashionMnist.load(tmp));
        assertTrue(e.getMessage().contains("truncated") || e.getMessage().contains("corrupt"), e.getMessage());
    }

    @Test
    void normalizationUsesTrainStatisticsPerChannel(@TempDir Path tmp) throws Exception {
        writeCifarFolder(tmp, 20);
        TrainTest raw = Cifar10Reader.load(tmp);
        TrainTest n = ChannelNormalizer.fit(raw.train()).applyTo(raw);
        for (int ch = 0; ch < 3; ch++) {
            var plane = n.train().images().get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.interval(ch * 1024, (ch + 1) * 1024));
            assertEquals(0.0, plane.meanNumber().doubleValue(), 1e-4);
            assertEquals(1.0, plane.stdNumber().doubleValue(), 1e-3);
        }
    }

    @Test
    void batchesAreAPureFunctionOfSeedAndStep() {
        TrainTest tt = FashionMnist.load(FashionMnist.BUNDLED);
        BatchSampler a = new BatchSampler(tt.train(), 32, 9, true), b = new BatchSampler(tt.train(), 32, 9, true);
        b.batch(500); // a different position first must not change what step 3 returns
        assertEquals(a.batch(3).data().getFeatures(), b.batch(3).data().getFeatures());
        assertArrayEquals(a.batch(3).labels(), b.batch(3).labels());
        assertNotEquals(a.batch(3).data().getFeatures(), a.batch(4).data().getFeatures());
        // one epoch visits every example once
        int[] seen = new int[tt.train().size()];
        for (int s = 0; s < a.batchesPerEpoch(); s++) for (int i : a.indices(s)) seen[i]++;
        assertEquals(a.batchesPerEpoch() * 32, Arrays.stream(seen).sum());
        assertTrue(Arrays.stream(seen).allMatch(c -> c <= 1));
    }

    @Test
    void flipAndCropMoveThePixelsWhereTheyShould() {
        float[] img = new float[2 * 4 * 4];
        for (int i = 0; i < img.length; i++) img[i] = i + 1;
        var x = org.nd4j.linalg.factory.Nd4j.create(img, new long[]{1, 32}, 'c');
        for (int seed = 0; seed < 50; seed++) {
            float[] out = Augmentation.cropAndFlip(x, 2, 4, 4, new SplittableRandom(seed)).toFloatVector();
            // every output pixel is 0 (padding) or an input pixel of the same channel
            for (int i = 0; i < out.length; i++) {
                int ch = i / 16;
                assertTrue(out[i] == 0 || (out[i] > ch * 16 && out[i] <= (ch + 1) * 16), "channel mixing at " + i);
            }
        }
        // find a pure flip (dx = dy = 0): row 0 of channel 0 reversed
        boolean sawFlip = false;
        for (int seed = 0; seed < 500 && !sawFlip; seed++) {
            float[] out = Augmentation.cropAndFlip(x, 2, 4, 4, new SplittableRandom(seed)).toFloatVector();
            sawFlip = Arrays.equals(Arrays.copyOf(out, 4), new float[]{4, 3, 2, 1}) && out[31] == 29;
        }
        assertTrue(sawFlip);
    }

    private static void tarEntry(ByteArrayOutputStream tar, String name, byte[] body) {
        byte[] h = new byte[512];
        byte[] nb = name.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(nb, 0, h, 0, nb.length);
        put(h, 100, "0000644");
        put(h, 124, String.format("%011o", body.length));
        put(h, 136, "00000000000");
        h[156] = '0';
        put(h, 257, "ustar");
        Arrays.fill(h, 148, 156, (byte) ' ');
        int sum = 0;
        for (byte x : h) sum += x & 0xff;
        put(h, 148, String.format("%06o", sum));
        tar.writeBytes(h);
        tar.writeBytes(body);
        tar.writeBytes(new byte[(512 - body.length % 512) % 512]);
    }

    private static void put(byte[] h, int off, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, off, b.length);
    }

}
