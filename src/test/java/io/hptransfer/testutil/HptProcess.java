package io.hptransfer.testutil;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** `hpt ARGS` in a child JVM with this test's class path and one native thread, output appended to a log. */
public final class HptProcess {
    private HptProcess() {
    }

    /** One OpenMP thread, so every run sums floats in the same order. */
    public static Process start(Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), "io.hptransfer.cli.Hpt"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("OMP_NUM_THREADS", "1");
        return pb.start();
    }

    /** `hpt sweep SPEC --out OUT --jobs 1`. */
    public static Process sweep(Path spec, Path out, Path log) throws IOException {
        return start(log, "sweep", spec.toString(), "--out", out.toString(), "--jobs", "1");
    }
}
