package io.hptransfer.bench;

import io.hptransfer.model.BuiltModel;
import io.hptransfer.model.OneDnn;
import io.hptransfer.model.ArchConfig;
import io.hptransfer.optim.OptimizerConfig;
import io.hptransfer.optim.ScheduleConfig;
import io.hptransfer.optim.UpdaterFactory;
import io.hptransfer.param.Parameterization;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Steady-state training throughput of one model config on random data (no data loading in the loop). */
public final class TrainingBenchmark {

    public record Result(ArchConfig model, int batch, int steps, double imagesPerSecond, double gflopsPerSecond,
                         OneDnn.HelperReport helpers, long peakRssMb) {
        public String summary() {
            return String.format("%s batch %d: %.1f img/s, %.1f GFLOP/s (training ~3x forward), %s, peak RSS %d MB",
                    model.describe(), batch, imagesPerSecond, gflopsPerSecond, helpers, peakRssMb);
        }
    }

    public static Result run(ArchConfig model, int channels, int size, int batch, int warmupSteps, int steps, long seed) {
        // tiny LR: random labels must not push the run to NaN during the measurement
        UpdaterFactory upd = new UpdaterFactory(OptimizerConfig.sgd(1e-4), ScheduleConfig.constant(), warmupSteps + steps);
        // SP at the model's own shape: throughput does not depend on the parameterization
        ArchConfig atBase = model.reshaped(model.width(), model.depth(), model.width(), model.depth());
        BuiltModel built = atBase.build(Parameterization.SP, upd, io.hptransfer.param.Optimizer.SGD, channels, size, 10, seed,
                DataType.FLOAT);
        ComputationGraph graph = built.graph();
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.randn(DataType.FLOAT, batch, channels, size, size);
        INDArray y = Nd4j.zeros(DataType.FLOAT, batch, 10);
        for (int i = 0; i < batch; i++) y.putScalar(i, i % 10, 1.0);
        DataSet ds = new DataSet(x, y);
        for (int i = 0; i < warmupSteps; i++) graph.fit(ds);
        long t0 = System.nanoTime();
        for (int i = 0; i < steps; i++) graph.fit(ds);
        double sec = (System.nanoTime() - t0) / 1e9;
        double ips = steps * (double) batch / sec;
        double gflops = ips * 3 * model.forwardFlops(channels, size) / 1e9;
        return new Result(model, batch, steps, ips, gflops, OneDnn.inspect(graph), peakRssMb());
    }

    static long peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: report unknown
        }
        return -1;
    }
}
