package io.hptransfer.data;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.SplittableRandom;

/** Standard CIFAR augmentation: zero-pad 4, random crop back to size, random horizontal flip. */
public final class Augmentation {
    static final int PAD = 4;

    private Augmentation() {
    }

    /** x: [B, C*H*W] rows; returns a new array of the same shape. */
    public static INDArray cropAndFlip(INDArray x, int c, int h, int w, SplittableRandom rng) {
        int b = (int) x.rows();
        float[] in = x.dup('c').data().asFloat();
        float[] out = new float[in.length];
        int px = c * h * w;
        for (int i = 0; i < b; i++) {
            int dy = rng.nextInt(2 * PAD + 1) - PAD, dx = rng.nextInt(2 * PAD + 1) - PAD;
            boolean flip = rng.nextBoolean();
            for (int ch = 0; ch < c; ch++) {
                int base = i * px + ch * h * w;
                for (int y = 0; y < h; y++) {
                    int sy = y + dy;
                    if (sy < 0 || sy >= h) continue; // zero padding
                    for (int xx = 0; xx < w; xx++) {
                        int sx = (flip ? w - 1 - xx : xx) + dx;
                        if (sx >= 0 && sx < w) out[base + y * w + xx] = in[base + sy * w + sx];
                    }
                }
            }
        }
        return Nd4j.create(out, new long[]{b, px}, 'c').castTo(x.dataType());
    }
}
