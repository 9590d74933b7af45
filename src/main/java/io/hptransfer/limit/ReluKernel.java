package io.hptransfer.limit;

/**
 * Phi(K)_ab = E[relu(u_a) relu(u_b)] for (u_a, u_b) ~ N(0, K): the arc-cosine kernel of degree 1,
 * sqrt(K_aa K_bb) / (2 pi) * (sin t + (pi - t) cos t) with cos t = K_ab / sqrt(K_aa K_bb).
 */
final class ReluKernel {
    private ReluKernel() {
    }

    static double[][] phi(double[][] k) {
        int n = k.length;
        double[][] out = new double[n][n];
        for (int a = 0; a < n; a++)
            for (int b = 0; b < n; b++) {
                double s = Math.sqrt(k[a][a] * k[b][b]);
                if (s == 0) continue;
                double c = Math.max(-1, Math.min(1, k[a][b] / s)), t = Math.acos(c);
                out[a][b] = s / (2 * Math.PI) * (Math.sin(t) + (Math.PI - t) * c);
            }
        return out;
    }
}
