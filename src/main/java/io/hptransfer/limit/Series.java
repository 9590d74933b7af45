package io.hptransfer.limit;

import io.hptransfer.coord.SlopeFit;

/** One measured scaling curve of a check: y against x on log-log axes, with the exponent the theory predicts. */
public record Series(String name, String xLabel, String yLabel, double[] x, double[] y, double expectedSlope) {

    public double slope() {
        return SlopeFit.logLogSlope(x, y);
    }
}
