package io.hptransfer.train;

import java.util.Locale;

/**
 * A lower bound on the memory one training run needs: each parameter four times (value, gradient, two
 * optimizer moments) plus the activations a step keeps per image times the batch, in float32. Shapes
 * whose lower bound exceeds this machine's memory are refused before anything is allocated (depths of
 * 100000 used to allocate for minutes until killed; widths of 100000 died in std::bad_alloc).
 */
public record MemoryEstimate(double parameters, double activationsPerImage, int batch) {
    public static MemoryEstimate of(TrainConfig cfg, int channels, int size) {
        return new MemoryEstimate(cfg.model().parameterCount(channels, size), cfg.model().activationsPerImage(channels, size), cfg.batch());
    }

    public double bytes() {
        return 4.0 * (4.0 * parameters + (double) batch * activationsPerImage);
    }

    /** Refuses the run when even the lower bound exceeds the machine's physical memory. */
    public void refuseBeyond(long machineBytes, String what) {
        if (bytes() > machineBytes) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s needs at least %s (%.3g parameters x 4 with gradients and "
                            + "optimizer state, %.3g activations per image x batch %d) but this machine has %s: use a smaller width, "
                            + "depth or batch", what, size(bytes()), parameters, activationsPerImage, batch, size(machineBytes)));
        }
    }

    /** This machine's physical memory in bytes. */
    public static long machineBytes() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean s ? s.getTotalMemorySize() : Long.MAX_VALUE;
    }

    static String size(double bytes) {
        String[] units = {"B", "KB", "MB", "GB", "TB", "PB"};
        int u = 0;
        while (bytes >= 1024 && u < units.length - 1) {
            bytes /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", bytes, units[u]);
    }
}
