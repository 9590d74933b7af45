package io.hptransfer.sweep;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** `hpt sweep SPEC --out OUT --jobs 1` in a child JVM with this test's class path and one native thread. */
final class SweepProcess {
    private SweepProcess() {
    }

    /** Output appended to log; one OpenMP thread, so every run sums floats in the same order. */
    static Process start(Path spec, Path out, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), "io.hptransfer.cli.Hpt", "sweep", spec.toString(), "--out", out.toString(),
                "--jobs", "1")).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("OMP_NUM_THREADS", "1");
        return pb.start();
    }
}
