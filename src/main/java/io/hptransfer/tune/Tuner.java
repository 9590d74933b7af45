package io.hptransfer.tune;

import io.hptransfer.data.TrainTest;
import io.hptransfer.sweep.MetricsTable;
import io.hptransfer.sweep.LocalExecutor;
import io.hptransfer.sweep.ResultStore;
import io.hptransfer.sweep.StudyEngine;
import io.hptransfer.sweep.Trial;
import io.hptransfer.train.Progress;
import io.hptransfer.train.TrainConfig;
import io.hptransfer.train.Trainer;
import io.hptransfer.util.Json;
import io.hptransfer.util.WorkClock;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds the optimal LR (optionally jointly with output multiplier and init scale) of one config:
 * a coarse log2 grid (optionally pruned by successive halving: every point trains to 1/9 of the
 * budget, the best third to 1/3, the best third of those to the end), then rounds of
 * Gaussian-process refinement, each training the point of lowest lower-confidence bound. Every
 * full-budget trial is stored in the sweep store, so an interrupted tune resumes.
 */
public final class Tuner {
    /** @param grids log2 grids of LR, output multiplier and init scale (a single value = not tuned) */
    public record Settings(List<List<Double>> grids, List<Long> seeds, int refine, boolean halving, double divergeAbove) {
    }

    private final ResultStore store;
    private final StudyEngine engine;
    private final PrintStream err;
    private final List<TuneResult.Evaluated> evaluated = new ArrayList<>();
    private final Map<TunePoint, Double> full = new LinkedHashMap<>();
    private WorkClock clock;
    private Plan plan;
    private int evaluations;
    private int halvedTo; // the last rung the survivors were trained to (0: no halving)

    /**
     * What a tune will train before it starts: trial-steps (every point of one config costs the same per step, so the
     * ETA counts steps) and point evaluations (rung points, full-budget points, refinement rounds).
     */
    record Plan(long trialSteps, int evaluations) {
        static Plan of(int steps, int coarse, boolean halving, int refine, int seeds) {
            long work = 0;
            int evals = 0, alive = coarse, from = 0;
            if (halving && coarse > 3) {
                for (int rung : rungs(steps)) {
                    if (rung < 1 || alive <= 3) break; // as halve() does
                    work += (long) alive * (rung - from);
                    evals += alive;
                    from = rung;
                    alive = (alive + 2) / 3;
                }
            }
            work += (long) alive * (steps - from) + (long) refine * steps;
            return new Plan(work * seeds, evals + alive + refine);
        }
    }

    /** Successive halving's rungs (eta = 3): 1/9 and 1/3 of the budget. */
    private static int[] rungs(int steps) {
        return new int[]{steps / 9, steps / 3};
    }

    public Tuner(ResultStore store, PrintStream err) {
        this.store = store;
        this.engine = new StudyEngine(store);
        this.err = err;
    }

    public TuneResult run(TrainConfig base, Settings s, TrainTest data) throws IOException {
        boolean[] active = new boolean[3];
        active[0] = true;
        for (int d = 1; d < 3; d++) active[d] = s.grids().get(d).size() > 1;
        List<TunePoint> coarse = new ArrayList<>();
        for (double lr : s.grids().get(0)) for (double om : s.grids().get(1)) for (double is : s.grids().get(2)) coarse.add(new TunePoint(lr, om, is));
        plan = Plan.of(base.steps(), coarse.size(), s.halving(), s.refine(), s.seeds().size());
        clock = new WorkClock(plan.trialSteps());
        evaluations = 0;
        halvedTo = 0;
        boolean halved = s.halving() && coarse.size() > 3;
        List<TunePoint> survivors = halved ? halve(base, s, coarse, data) : coarse;
        for (TunePoint p : survivors) evaluate(base, s, p, data, "grid", halvedTo);

        double[] lo = new double[count(active)], hi = new double[lo.length];
        for (int d = 0, j = 0; d < 3; d++) {
            if (!active[d]) continue;
            lo[j] = s.grids().get(d).stream().min(Double::compare).orElseThrow();
            hi[j++] = s.grids().get(d).stream().max(Double::compare).orElseThrow();
        }
        double step = lo.length == 1 ? 0.125 : 0.25;
        List<double[]> lattice = GpSurrogate.lattice(lo, hi, step);
        for (int round = 0; round < s.refine(); round++) {
            GpSurrogate gp = fit(active);
            double[] next = null;
            double best = Double.POSITIVE_INFINITY;
            for (double[] x : lattice) {
                if (tooClose(x, active, coarse)) continue;
                double[] ms = gp.predict(x);
                if (ms[0] - ms[1] < best) {
                    best = ms[0] - ms[1];
                    next = x;
                }
            }
            if (next == null) break;
            evaluate(base, s, point(next, active, coarse.get(0)), data, "refine " + (round + 1), 0);
        }
        GpSurrogate gp = fit(active);
        double[] star = null;
        double min = Double.POSITIVE_INFINITY;
        for (double[] x : lattice) {
            double m = gp.predict(x)[0];
            if (m < min) {
                min = m;
                star = x;
            }
        }
        double bandLo = Double.POSITIVE_INFINITY, bandHi = Double.NEGATIVE_INFINITY;
        for (double[] x : lattice) {
            double[] ms = gp.predict(x);
            if (ms[0] - ms[1] <= min) {
                bandLo = Math.min(bandLo, x[0]);
                bandHi = Math.max(bandHi, x[0]);
            }
        }
        TunePoint starPoint = point(star, active, coarse.get(0));
        var bestMeasured = full.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow();
        TuneResult r = new TuneResult(starPoint, bandLo, bandHi, min, bestMeasured.getKey(), bestMeasured.getValue(),
                List.copyOf(evaluated), starPoint.apply(base, base.seed()));
        Json.writeAtomic(store.tuneFile(), r);
        return r;
    }

    private GpSurrogate fit(boolean[] active) {
        List<double[]> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        full.forEach((p, l) -> {
            xs.add(p.x(active));
            ys.add(l);
        });
        return GpSurrogate.fit(xs, ys);
    }

    private boolean tooClose(double[] x, boolean[] active, List<TunePoint> coarse) {
        List<TunePoint> seen = new ArrayList<>(coarse);
        seen.addAll(full.keySet());
        for (TunePoint p : seen) {
            double[] y = p.x(active);
            double dist = 0;
            for (int i = 0; i < x.length; i++) dist = Math.max(dist, Math.abs(x[i] - y[i]));
            if (dist < 0.2) return true;
        }
        return false;
    }

    private static TunePoint point(double[] x, boolean[] active, TunePoint fixed) {
        double[] all = {fixed.log2Lr(), fixed.log2OutputMult(), fixed.log2InitScale()};
        for (int d = 0, j = 0; d < 3; d++) if (active[d]) all[d] = x[j++];
        return new TunePoint(all[0], all[1], all[2]);
    }

    private static int count(boolean[] a) {
        int n = 0;
        for (boolean b : a) if (b) n++;
        return n;
    }

    /** The point's trials, one per seed, under the tune's ids. */
    private static List<StudyEngine.Planned> trials(TrainConfig base, Settings s, TunePoint p) {
        return s.seeds().stream().map(seed -> new StudyEngine.Planned(p.id(seed), new Trial(p.key(base, seed), p.apply(base, seed)))).toList();
    }

    /**
     * Trains a point to the full budget on every seed (reusing stored trials; a trial another tune trains now is
     * waited for, its result is ours too); its loss is the seeds' mean.
     */
    private void evaluate(TrainConfig base, Settings s, TunePoint p, TrainTest data, String stage, int fromStep) throws IOException {
        List<StudyEngine.Planned> trials = trials(base, s, p);
        Trained trained = new Trained();
        engine.run(trials, StudyEngine.Options.everyTrial(), executor(data, s), trained);
        trained.clock(clock, (long) (base.steps() - fromStep) * s.seeds().size());
        double sum = 0;
        for (StudyEngine.Planned t : trials) {
            sum += store.get(t.id()).orElseThrow(() -> new IllegalStateException("trial " + t.id() + " has no record after training"))
                    .loss(io.hptransfer.sweep.Metric.TRAIN_LOSS);
        }
        double loss = sum / s.seeds().size();
        full.put(p, loss);
        evaluated.add(new TuneResult.Evaluated(p, loss, base.steps(), stage));
        line(stage, p, loss);
    }

    /** One line per evaluated point, with the tune's progress and ETA (the trials' own bars run in between). */
    private void line(String stage, TunePoint p, double loss) {
        evaluations++;
        err.printf(Locale.ROOT, "%-9s %s -> loss %s  [%d/%d points, %s]%n", stage, p,
                Double.isFinite(loss) ? String.format(Locale.ROOT, "%.4f", loss) : "diverged", evaluations, plan.evaluations(), clock.eta());
    }

    private LocalExecutor executor(TrainTest data, Settings s) {
        return new LocalExecutor(store, data, s.divergeAbove(), t -> Progress.inStudy(err, t.config().steps(), t.id()));
    }

    /** Hears whether the engine trained anything for a point: work only taken from the store is not part of the ETA's rate. */
    private static class Trained implements StudyEngine.Listener {
        boolean any;
        final java.util.Set<String> divergedBeforeRung = new java.util.HashSet<>();

        @Override
        public void finished(StudyEngine.Planned p, io.hptransfer.sweep.TrialRecord r) {
            any = true;
        }

        @Override
        public void paused(StudyEngine.Planned t, boolean diverged) {
            any = true;
            if (diverged) divergedBeforeRung.add(t.id());
        }

        void clock(WorkClock clock, long work) {
            if (any) clock.done(work);
            else clock.skipped(work);
        }
    }

    /** Successive halving (eta = 3) over the coarse points; returns the points worth the full budget. */
    private List<TunePoint> halve(TrainConfig base, Settings s, List<TunePoint> points, TrainTest data) throws IOException {
        List<TunePoint> alive = new ArrayList<>(points);
        for (int rung : rungs(base.steps())) {
            if (rung < 1 || alive.size() <= 3) break;
            Map<TunePoint, Double> loss = new LinkedHashMap<>();
            for (TunePoint p : alive) {
                List<StudyEngine.Planned> trials = trials(base, s, p);
                Trained trained = new Trained();
                engine.run(trials, StudyEngine.Options.toRung(rung), executor(data, s), trained);
                trained.clock(clock, (long) (rung - halvedTo) * s.seeds().size());
                double sum = 0;
                for (StudyEngine.Planned t : trials) {
                    sum += trained.divergedBeforeRung.contains(t.id()) ? Double.POSITIVE_INFINITY : windowLoss(store.runDir(t.id()).resolve(Trainer.METRICS), rung);
                }
                loss.put(p, sum / s.seeds().size());
                evaluated.add(new TuneResult.Evaluated(p, sum / s.seeds().size(), rung, "rung " + rung));
                line("rung " + rung, p, sum / s.seeds().size());
            }
            halvedTo = rung;
            int keep = (int) Math.ceil(alive.size() / 3.0);
            alive = loss.entrySet().stream().sorted(Map.Entry.comparingByValue()).limit(keep).map(Map.Entry::getKey).toList();
            err.printf(Locale.ROOT, "halving at step %d: kept %d of %d points%n", rung, alive.size(), loss.size());
        }
        return alive.stream().sorted(Comparator.comparingDouble(TunePoint::log2Lr)).toList();
    }

    /** Mean train loss over the 10% of steps before `step` (+inf if the run diverged before it). */
    static double windowLoss(Path metrics, int step) throws IOException {
        return MetricsTable.trainLossAt(MetricsTable.read(metrics), step, Math.max(1, step / 10));
    }
}
