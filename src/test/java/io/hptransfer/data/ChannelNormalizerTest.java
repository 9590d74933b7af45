package io.hptransfer.data;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ChannelNormalizerTest {

    /** As many pixels as the bundled set: a float32 accumulator drifts by ~1e-3 here (ND4J's did, by 1.0e-3 on the real data). */
    @Test
    void statisticsOfMillionsOfPixelsAreExactToFloatPrecision() {
        int n = 10_000, hw = 784;
        float[] v = new float[n * 2 * hw];
        for (int r = 0; r < n; r++) {
            for (int i = 0; i < hw; i++) {
                v[r * 2 * hw + i] = (r + i) % 2 == 0 ? 0.25f : 0.75f;   // channel 0: mean 0.5, std 0.25
                v[r * 2 * hw + hw + i] = 0.28668165f;                    // channel 1: constant
            }
        }
        ImageDataset d = new ImageDataset("t", Nd4j.create(v, new long[]{n, 2L * hw}, 'c'), new int[n], 2, 28, 28, 10);
        ChannelNormalizer cn = ChannelNormalizer.fit(d);
        assertEquals(0.5, cn.mean()[0], 1e-12);
        assertEquals(0.25, cn.std()[0], 1e-7);
        assertEquals(0.28668165f, cn.mean()[1], 1e-12);
        assertEquals(1e-6, cn.std()[1], 0.0, "a constant channel gets the floor std, not float noise");
    }
}
