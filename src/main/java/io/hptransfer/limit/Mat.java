package io.hptransfer.limit;

/** The few dense double-precision matrix operations the limit references need (small D: clarity over speed). */
final class Mat {
    private Mat() {
    }

    static double[][] scaledIdentity(int n, double s) {
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) m[i][i] = s;
        return m;
    }

    static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) for (int j = 0; j < a[0].length; j++) t[j][i] = a[i][j];
        return t;
    }

    static double[][] mul(double[][] a, double[][] b) {
        int n = a.length, k = b.length, m = b[0].length;
        double[][] c = new double[n][m];
        for (int i = 0; i < n; i++)
            for (int x = 0; x < k; x++) {
                double aix = a[i][x];
                if (aix == 0) continue;
                for (int j = 0; j < m; j++) c[i][j] += aix * b[x][j];
            }
        return c;
    }

    static double[][] mul(double[][] a, double s) {
        double[][] c = new double[a.length][a[0].length];
        for (int i = 0; i < a.length; i++) for (int j = 0; j < a[0].length; j++) c[i][j] = a[i][j] * s;
        return c;
    }

    static double[] mul(double[][] a, double[] x) {
        double[] y = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            double s = 0;
            for (int j = 0; j < x.length; j++) s += a[i][j] * x[j];
            y[i] = s;
        }
        return y;
    }

    @SafeVarargs
    static double[][] sum(double[][]... ms) {
        double[][] c = new double[ms[0].length][ms[0][0].length];
        for (double[][] m : ms) for (int i = 0; i < c.length; i++) for (int j = 0; j < c[0].length; j++) c[i][j] += m[i][j];
        return c;
    }

    static void addOuter(double[][] p, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) for (int j = 0; j < y.length; j++) p[i][j] += x[i] * y[j];
    }

    /** Matrix exponential by scaling and squaring with a Taylor series (small, well-scaled matrices). */
    static double[][] expm(double[][] a) {
        double norm = 0;
        for (double[] r : a) {
            double s = 0;
            for (double v : r) s += Math.abs(v);
            norm = Math.max(norm, s);
        }
        int squarings = Math.max(0, (int) Math.ceil(Math.log(norm + 1e-300) / Math.log(2)) + 1);
        double[][] x = mul(a, Math.pow(2, -squarings));
        int n = a.length;
        double[][] result = scaledIdentity(n, 1), term = scaledIdentity(n, 1);
        for (int k = 1; k <= 20; k++) {
            term = mul(mul(term, x), 1.0 / k);
            result = sum(result, term);
        }
        for (int i = 0; i < squarings; i++) result = mul(result, result);
        return result;
    }

    /** x with a x = b (Gaussian elimination, partial pivoting); a is square and non-singular. */
    static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            m[i] = java.util.Arrays.copyOf(a[i], n + 1);
            m[i][n] = b[i];
        }
        for (int c = 0; c < n; c++) {
            int piv = c;
            for (int i = c + 1; i < n; i++) if (Math.abs(m[i][c]) > Math.abs(m[piv][c])) piv = i;
            double[] t = m[c];
            m[c] = m[piv];
            m[piv] = t;
            if (m[c][c] == 0) throw new IllegalArgumentException("singular system");
            for (int i = c + 1; i < n; i++) {
                double f = m[i][c] / m[c][c];
                for (int j = c; j <= n; j++) m[i][j] -= f * m[c][j];
            }
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = m[i][n];
            for (int j = i + 1; j < n; j++) s -= m[i][j] * x[j];
            x[i] = s / m[i][i];
        }
        return x;
    }
}
