package io.hptransfer.coord;

/** Least-squares slope of log(y) against log(x): the scaling exponent of a statistic. */
public final class SlopeFit {
    private SlopeFit() {
    }

    /** Exponent s of y ~ x^s; 0 if y is exactly 0 everywhere (flat); NaN if fewer than 2 points or mixed zeros. */
    public static double logLogSlope(double[] x, double[] y) {
        if (x.length != y.length || x.length < 2) return Double.NaN;
        if (java.util.Arrays.stream(y).allMatch(v -> v == 0)) return 0.0; // e.g. step 1 behind a zero-initialised readout
        double mx = 0, my = 0;
        for (int i = 0; i < x.length; i++) {
            if (!(x[i] > 0) || !(y[i] > 0) || Double.isInfinite(y[i])) return Double.NaN;
            mx += Math.log(x[i]);
            my += Math.log(y[i]);
        }
        mx /= x.length;
        my /= x.length;
        double sxy = 0, sxx = 0;
        for (int i = 0; i < x.length; i++) {
            double dx = Math.log(x[i]) - mx;
            sxy += dx * (Math.log(y[i]) - my);
            sxx += dx * dx;
        }
        return sxy / sxx;
    }
}
