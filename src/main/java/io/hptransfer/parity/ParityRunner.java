package io.hptransfer.parity;

import io.hptransfer.data.TrainTest;
import org.nd4j.linalg.api.buffer.DataType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs one case in hpt and in the PyTorch reference from the same start, and compares them. */
public final class ParityRunner {
    private final TorchReference reference;
    private final Path workDir;
    private final Tolerance tolerance;
    private final DataType dtype;

    private boolean keepHpt;

    /** Also write hpt's trajectory into each exchange folder (for --keep). */
    public ParityRunner keepHptTrajectory() {
        keepHpt = true;
        return this;
    }

    public ParityRunner(TorchReference reference, Path workDir, Tolerance tolerance, DataType dtype) {
        this.reference = reference;
        this.workDir = workDir;
        this.tolerance = tolerance;
        this.dtype = dtype;
    }

    public CaseResult run(ParityCase c, TrainTest data) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Dl4jRun.Start start = Dl4jRun.prepare(c.config(), data, dtype);
        Trajectory hpt = Dl4jRun.train(c.config(), data, start, dtype);
        long t1 = System.nanoTime();
        Exchange ex = new Exchange(workDir.resolve(c.name()));
        reference.prepare(ex, c.config(), data, start);
        boolean forced = tolerance.mode() == Tolerance.Mode.TEACHER_FORCED;
        if (forced || keepHpt) TorchReference.writeTrajectory(hpt, ex.hptJson(), ex.hptGrads(), ex.hptParams());
        // the reference always computes in float64: it is the exact side of the comparison
        TorchReference.Result exact = reference.run(ex, "float64", forced, start);
        long t2 = System.nanoTime();
        Comparison cmp = Comparison.of(hpt, exact.trajectory(), tolerance);
        return new CaseResult(c, hpt, exact.trajectory(), cmp, exact.initChecks(), (t1 - t0) / 1e9, (t2 - t1) / 1e9);
    }

    public static Path tempWorkDir() throws IOException {
        return Files.createTempDirectory("hpt-parity");
    }
}
