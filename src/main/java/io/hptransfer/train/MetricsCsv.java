package io.hptransfer.train;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * metrics.csv: one row per step (train loss/accuracy, lr) with test loss/accuracy filled on eval
 * steps. Rows are flushed as written, so a crash loses at most the step in flight.
 */
final class MetricsCsv implements AutoCloseable {
    static final String HEADER = "step,lr,train_loss,train_acc,test_loss,test_acc";
    private final BufferedWriter out;
    private final Path path;

    private MetricsCsv(BufferedWriter out, Path path) {
        this.out = out;
        this.path = path;
    }

    static MetricsCsv create(Path p) throws IOException {
        return replace(p, List.of(HEADER));
    }

    /** Reopens for appending after dropping rows past the checkpoint (they will be recomputed). */
    static MetricsCsv resumeAt(Path p, int checkpointStep) throws IOException {
        List<String> keep = new ArrayList<>();
        keep.add(HEADER);
        if (Files.exists(p)) {
            for (String l : Files.readAllLines(p)) {
                if (l.isEmpty() || l.startsWith("step")) continue;
                try {
                    if (Integer.parseInt(l.substring(0, l.indexOf(','))) <= checkpointStep) keep.add(l);
                } catch (RuntimeException e) {
                    // a half-written last line from a crash: drop it
                }
            }
        }
        return replace(p, keep);
    }

    /**
     * A new file with these lines renamed over the old, then appended to: a process still writing the old one
     * (whose claim was taken) writes into the unlinked file, never between this run's rows.
     */
    private static MetricsCsv replace(Path p, List<String> lines) throws IOException {
        Path tmp = p.resolveSibling(p.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        Files.write(tmp, lines, StandardCharsets.UTF_8);
        Files.move(tmp, p, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return new MetricsCsv(Files.newBufferedWriter(p, StandardCharsets.UTF_8, StandardOpenOption.APPEND), p);
    }

    void row(int step, double lr, double loss, double acc, Evaluator.Score test) throws IOException {
        line(String.format(Locale.ROOT, "%d,%.6g,%.6f,%.4f,%s,%s", step, lr, loss, acc,
                test == null ? "" : String.format(Locale.ROOT, "%.6f", test.loss()),
                test == null ? "" : String.format(Locale.ROOT, "%.4f", test.accuracy())));
    }

    private void line(String s) {
        try {
            out.write(s);
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw io.hptransfer.util.Json.cannotWrite(path, e);
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
