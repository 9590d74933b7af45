package io.hptransfer.sweep;

import io.hptransfer.param.Parameterization;
import io.hptransfer.train.Trainer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Every trial of a sweep, finished or not, as rows to list or filter (`hpt trials`, `hpt best`; Optuna's
 * `trials` and `best-trial`). Read-only: it takes no claims, so a trial not recorded yet is "pending" whether or
 * not a process is training it; its run folder says how far it got.
 */
public final class TrialListing {
    /** complete and diverged trials have a record; pending ones do not (yet). */
    public enum State {
        COMPLETE, DIVERGED, PENDING;

        @com.fasterxml.jackson.annotation.JsonValue
        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One trial. Losses are null for a pending trial; stepsDone is how far its run folder got (0: not started).
     *
     * @param loss the study's metric (trainLoss or testLoss) for ranking
     */
    @com.fasterxml.jackson.annotation.JsonPropertyOrder({"id", "state", "param", "optimizer", "width", "depth", "log2Lr", "seed",
            "stepsDone", "loss", "trainLoss", "testLoss", "testAcc", "wallSeconds"})
    public record Row(String id, State state, String param, String optimizer, int width, int depth, double log2Lr, long seed,
                      int stepsDone, Double loss, Double trainLoss, Double testLoss, Double testAcc, Double wallSeconds) {
    }

    /** Which rows to keep; null fields match everything. */
    public record Filter(String param, String optimizer, Integer width, Integer depth, State state) implements Predicate<Row> {
        public static final Filter ALL = new Filter(null, null, null, null, null);

        @Override
        public boolean test(Row r) {
            return (param == null || Parameterization.parse(param).name().equals(r.param()))
                    && (optimizer == null || optimizer.equalsIgnoreCase(r.optimizer()))
                    && (width == null || width == r.width()) && (depth == null || depth == r.depth())
                    && (state == null || state == r.state());
        }
    }

    private TrialListing() {
    }

    /** The spec's trials in grid order, each with its record where there is one. */
    public static List<Row> of(Path studyDir, Metric metricOverride) throws IOException {
        ResultStore store = ResultStore.existing(studyDir);
        SweepSpec spec = store.spec();
        Metric metric = metricOverride != null ? metricOverride : spec.metric();
        Map<String, TrialRecord> records = new LinkedHashMap<>();
        for (TrialRecord r : store.all()) records.put(r.id(), r);
        List<Row> rows = new ArrayList<>();
        for (TrialKey k : Trials.keys(spec)) {
            TrialRecord r = records.get(k.id());
            if (r == null) {
                rows.add(new Row(k.id(), State.PENDING, k.param().name(), k.optimizer(), k.width(), k.depth(), k.log2Lr(), k.seed(),
                        stepsDone(store.runDir(k.id())), null, null, null, null, null));
            } else {
                rows.add(new Row(r.id(), r.diverged() ? State.DIVERGED : State.COMPLETE, k.param().name(), k.optimizer(), k.width(),
                        k.depth(), k.log2Lr(), k.seed(), r.steps(), finite(r.loss(metric)), finite(r.finalTrainLoss()),
                        finite(r.finalTestLoss()), finite(r.finalTestAcc()), r.wallSeconds()));
            }
        }
        return rows;
    }

    /** The lowest-loss complete trial among the rows. */
    public static Optional<Row> best(List<Row> rows) {
        return rows.stream().filter(r -> r.state() == State.COMPLETE && r.loss() != null).min(Comparator.comparingDouble(Row::loss));
    }

    /** The lowest-loss complete trial of each LR curve (parameterization, optimizer, width, depth), in grid order. */
    public static List<Row> bestPerCurve(List<Row> rows) {
        Map<String, Row> best = new LinkedHashMap<>();
        for (Row r : rows) {
            if (r.state() != State.COMPLETE || r.loss() == null) continue;
            best.merge(r.param() + "|" + r.optimizer() + "|" + r.width() + "|" + r.depth(), r, (a, b) -> b.loss() < a.loss() ? b : a);
        }
        return List.copyOf(best.values());
    }

    private static int stepsDone(Path runDir) {
        Path csv = runDir.resolve(Trainer.METRICS);
        if (!Files.exists(csv)) return 0;
        try {
            return MetricsTable.read(csv).size();
        } catch (IOException | RuntimeException e) {
            return 0; // being written right now, or cut: the listing is a snapshot
        }
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
