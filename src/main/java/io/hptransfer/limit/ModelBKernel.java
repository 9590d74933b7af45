package io.hptransfer.limit;

/**
 * Model B (Bordelon et al. 2024) at initialisation, in the infinite-width limit, for ReLU:
 * h^1 = W^0 x / sqrt(D), h^{l+1} = h^l + beta0 / sqrt(L N) W^l relu(h^l). The feature kernel of a
 * set of inputs obeys the recursion K^{l+1} = K^l + beta0^2 / L * Phi(K^l) (the cross terms vanish:
 * W^l is independent of h^l), an Euler discretisation of the depth ODE dK/ds = beta0^2 Phi(K).
 */
public final class ModelBKernel {
    private ModelBKernel() {
    }

    /** K^1 = x x^T / D for the inputs (rows of x). */
    public static double[][] input(double[][] x) {
        int n = x.length, d = x[0].length;
        double[][] k = new double[n][n];
        for (int a = 0; a < n; a++)
            for (int b = 0; b < n; b++) {
                double s = 0;
                for (int j = 0; j < d; j++) s += x[a][j] * x[b][j];
                k[a][b] = s / d;
            }
        return k;
    }

    /** K^{L+1}: L residual blocks, each adding (beta0^2 / stepsPerUnit) Phi(K); stepsPerUnit = L with depth scaling, 1 without. */
    public static double[][] recursion(double[][] k1, int depth, double beta0, boolean depthScaled) {
        double[][] k = k1;
        double h = beta0 * beta0 / (depthScaled ? depth : 1);
        for (int l = 0; l < depth; l++) k = Mat.sum(k, Mat.mul(ReluKernel.phi(k), h));
        return k;
    }

    /** K(1) of the depth ODE by classical Runge-Kutta (fourth order) with the given number of steps. */
    public static double[][] ode(double[][] k0, double beta0, int steps) {
        double h = 1.0 / steps, b2 = beta0 * beta0;
        double[][] k = k0;
        for (int i = 0; i < steps; i++) {
            double[][] f1 = Mat.mul(ReluKernel.phi(k), b2);
            double[][] f2 = Mat.mul(ReluKernel.phi(Mat.sum(k, Mat.mul(f1, h / 2))), b2);
            double[][] f3 = Mat.mul(ReluKernel.phi(Mat.sum(k, Mat.mul(f2, h / 2))), b2);
            double[][] f4 = Mat.mul(ReluKernel.phi(Mat.sum(k, Mat.mul(f3, h))), b2);
            k = Mat.sum(k, Mat.mul(Mat.sum(f1, Mat.mul(f2, 2), Mat.mul(f3, 2), f4), h / 6));
        }
        return k;
    }

    /** The empirical kernel h^{L+1} h^{L+1}^T / N of one finite network of width N drawn from the seed. */
    public static double[][] empirical(double[][] x, int width, int depth, double beta0, long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(Gaussian.mix(seed));
        int n = x.length, d = x[0].length;
        double[][] h = new double[n][width];
        for (int i = 0; i < width; i++) {
            double[] w = new double[d];
            for (int j = 0; j < d; j++) w[j] = Gaussian.next(r);
            for (int a = 0; a < n; a++) {
                double s = 0;
                for (int j = 0; j < d; j++) s += w[j] * x[a][j];
                h[a][i] = s / Math.sqrt(d);
            }
        }
        double c = beta0 / Math.sqrt((double) depth * width);
        double[] row = new double[width];
        for (int l = 0; l < depth; l++) {
            double[][] act = new double[n][width];
            for (int a = 0; a < n; a++) for (int i = 0; i < width; i++) act[a][i] = Math.max(0, h[a][i]);
            double[][] next = new double[n][];
            for (int a = 0; a < n; a++) next[a] = h[a].clone();
            for (int i = 0; i < width; i++) {
                for (int j = 0; j < width; j++) row[j] = Gaussian.next(r);
                for (int a = 0; a < n; a++) {
                    double s = 0;
                    for (int j = 0; j < width; j++) s += row[j] * act[a][j];
                    next[a][i] += c * s;
                }
            }
            h = next;
        }
        double[][] k = new double[n][n];
        for (int a = 0; a < n; a++)
            for (int b = 0; b < n; b++) {
                double s = 0;
                for (int i = 0; i < width; i++) s += h[a][i] * h[b][i];
                k[a][b] = s / width;
            }
        return k;
    }

    /** Frobenius distance. */
    public static double distance(double[][] a, double[][] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) for (int j = 0; j < a.length; j++) s += (a[i][j] - b[i][j]) * (a[i][j] - b[i][j]);
        return Math.sqrt(s);
    }
}
