package io.hptransfer.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.hptransfer.data.TrainTest;
import io.hptransfer.parity.Dl4jRun;
import io.hptransfer.parity.Exchange;
import io.hptransfer.parity.TorchReference;
import io.hptransfer.sweep.MetricsTable;
import io.hptransfer.sweep.Trial;
import io.hptransfer.sweep.TrialRecord;
import io.hptransfer.sweep.TrialRunner;
import io.hptransfer.util.NativeMemory;
import io.hptransfer.train.Trainer;
import org.nd4j.linalg.api.buffer.DataType;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One study trial trained by hpt's production trial path (TrialRunner: build, steps, checkpoints, test
 * evaluation) and by the PyTorch reference from the same initial tensors and batches, each timed on its own
 * (alternating, never both at once: two native-threaded processes on 2 cores slow each other 5-17x).
 */
public final class TrialBenchmark {
    private TrialBenchmark() {
    }

    /** One side's run: wall time of the trial, its last step's train loss and its test loss. */
    public record Run(double wallSeconds, double finalLoss, double testLoss) {
    }

    /** warm: hpt's process had trained warm-up trials and each PyTorch process trained the trial once first. */
    public record Result(Trial trial, int threads, boolean warm, String torchVersion, List<Run> hpt, List<Run> torch) {
        public double hptSeconds() {
            return median(hpt);
        }

        public double torchSeconds() {
            return median(torch);
        }

        /** PyTorch time / hpt time: above 1 hpt is faster. */
        public double ratio() {
            return torchSeconds() / hptSeconds();
        }

        public String summary() {
            Run h = hpt.get(hpt.size() - 1), t = torch.get(torch.size() - 1);
            return String.format(Locale.ROOT, "%-34s hpt %6.2f s  torch %6.2f s  ratio %.2f   (median of %d, %s; %d threads; "
                            + "last-step loss %.4f vs %.4f, test loss %.4f vs %.4f)%n    runs in order: hpt %s, torch %s", trial.id(),
                    hptSeconds(), torchSeconds(), ratio(), hpt.size(), warm ? "warm" : "cold", threads, h.finalLoss(), t.finalLoss(),
                    h.testLoss(), t.testLoss(), times(hpt), times(torch));
        }

        /** Every run's wall time in order: a cold process's first runs show the JIT warming up. */
        private static String times(List<Run> runs) {
            return String.join(" ", runs.stream().map(r -> String.format(Locale.ROOT, "%.2f", r.wallSeconds())).toList());
        }

        private static double median(List<Run> runs) {
            double[] w = runs.stream().mapToDouble(Run::wallSeconds).sorted().toArray();
            return w.length % 2 == 1 ? w[w.length / 2] : (w[w.length / 2 - 1] + w[w.length / 2]) / 2;
        }
    }

    /**
     * Trains this trial untimed n times in this process: the JIT compiles DL4J's per-step Java over the first
     * ~600 steps, which a sweep pays once in its first trials and a cold benchmark would charge to every run.
     */
    public static void warmUp(Trial trial, TrainTest data, int n, double divergeAbove, Path work) throws IOException {
        for (int i = 0; i < n; i++) new TrialRunner(divergeAbove).run(trial, work.resolve("warm-up-" + i), data);
        NativeMemory.reclaim();
    }

    /**
     * @param repeats runs per side, alternating hpt and torch; the median is reported
     * @param warm    whether hpt's process was warmed up ({@link #warmUp}); the PyTorch process then also trains
     *                the trial once untimed before its timed run
     */
    public static Result run(Trial trial, TrainTest data, TorchReference torch, int threads, int repeats, boolean warm,
                             double divergeAbove, Path work) throws IOException, InterruptedException {
        Exchange ex = new Exchange(work.resolve("exchange"));
        // hpt's initial tensors and batches, for the reference; the model built for them is garbage afterwards
        torch.prepare(ex, trial.config(), data, Dl4jRun.prepare(trial.config(), data, DataType.FLOAT));
        NativeMemory.reclaim();
        List<Run> hpt = new ArrayList<>(), ref = new ArrayList<>();
        String version = "?";
        for (int i = 0; i < repeats; i++) {
            Path dir = work.resolve("hpt-" + i);
            TrialRecord r = new TrialRunner(divergeAbove).run(trial, dir, data);
            List<double[]> rows = MetricsTable.read(dir.resolve(Trainer.METRICS));
            hpt.add(new Run(r.wallSeconds(), rows.get(rows.size() - 1)[2], r.finalTestLoss()));
            JsonNode j = torch.bench(ex, warm);
            if (j.path("warm").asBoolean() != warm) {
                throw new IllegalStateException("the PyTorch trial reports warm=" + j.path("warm") + ", asked " + warm);
            }
            version = j.path("torch").asText("?");
            ref.add(new Run(j.path("wallSeconds").asDouble(), j.path("finalLoss").asDouble(), j.path("testLoss").asDouble()));
        }
        return new Result(trial, threads, warm, version, hpt, ref);
    }
}
