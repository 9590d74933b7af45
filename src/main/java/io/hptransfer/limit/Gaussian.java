package io.hptransfer.limit;

import java.util.SplittableRandom;

/** Standard normal draws from a SplittableRandom (Box-Muller), so every draw is reproducible from a seed. */
final class Gaussian {
    private Gaussian() {
    }

    /**
     * A well-mixed 64-bit state for seed number s. SplittableRandom(s) and SplittableRandom(s') walk
     * one sequence shifted by (s' - s) / gamma draws: seeds s * gamma + c gave the next seed's stream
     * shifted by one draw (measured: all "independent" networks nearly identical).
     */
    static long mix(long seed) {
        long z = seed + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static double next(SplittableRandom r) {
        double u1 = r.nextDouble(), u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }
}
