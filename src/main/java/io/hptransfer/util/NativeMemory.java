package io.hptransfer.util;

/**
 * ND4J frees an array's native memory only when its Java object is garbage collected. A model's
 * arrays are big natively but tiny on the heap, so the heap never fills and the GC never runs:
 * a process that builds model after model (sweeps, tunes, coordinate checks) grew by ~0.5 GB per
 * W256 model until the kernel killed it (measured: 24 GB RSS). Collecting once before each new
 * model returns the previous one's memory (measured: RSS stays at 2-3 GB).
 */
public final class NativeMemory {
    private NativeMemory() {
    }

    /** Call before building or loading a model, when the previous one is unreachable. */
    public static void reclaim() {
        System.gc();
    }

    /** Resident memory of this process, in bytes (what the kernel's OOM killer looks at). */
    public static long residentBytes() {
        return org.bytedeco.javacpp.Pointer.physicalBytes();
    }
}
