package io.hptransfer.limit;

import java.util.List;

/**
 * Across-seed statistics of a network quantity (an N x k array per seed): the RMS over entries
 * of the across-seed standard deviation (the fluctuation), and the bias of the seed mean to a
 * reference with the seed noise removed: sqrt(max(0, |mean - ref|^2 - sum var / S)) / sqrt(entries).
 */
public record SeedStats(double fluctuation, double bias) {

    public static SeedStats of(List<double[][]> perSeed, double[][] reference) {
        int s = perSeed.size();
        if (s < 2) throw new IllegalArgumentException("seed statistics need at least 2 seeds");
        int rows = perSeed.get(0).length, cols = perSeed.get(0)[0].length, n = rows * cols;
        double varSum = 0, sq = 0;
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++) {
                double mean = 0;
                for (double[][] a : perSeed) mean += a[i][j];
                mean /= s;
                double var = 0;
                for (double[][] a : perSeed) var += (a[i][j] - mean) * (a[i][j] - mean);
                var /= s - 1;
                varSum += var;
                if (reference != null) sq += (mean - reference[i][j]) * (mean - reference[i][j]);
            }
        double noise = varSum / s;
        double bias = reference == null ? Double.NaN : Math.sqrt(Math.max(0, sq - noise) / n);
        return new SeedStats(Math.sqrt(varSum / n), bias);
    }
}
