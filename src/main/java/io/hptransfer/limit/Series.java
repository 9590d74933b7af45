package io.hptransfer.limit;

import io.hptransfer.coord.SlopeFit;

/** One measured scaling curve of a check: y against x on log-log axes, with the exponent the theory predicts. */
public record Series(String name, String xLabel, String yLabel, double[] x, double[] y, double expectedSlope) {

    /** Measures y at every size of the sweep xs. */
    public static Series measure(String name, String xLabel, String yLabel, int[] xs, double expectedSlope,
                                 java.util.function.IntToDoubleFunction y) {
        double[] x = new double[xs.length], v = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            x[i] = xs[i];
            v[i] = y.applyAsDouble(xs[i]);
        }
        return new Series(name, xLabel, yLabel, x, v, expectedSlope);
    }

    public double slope() {
        return SlopeFit.logLogSlope(x, y);
    }
}
