package io.hptransfer.sweep;

import io.hptransfer.train.TrainConfig;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Expands a spec into its trials, in a fixed order (cheap shapes first, so early results cover the grid). */
public final class Trials {
    private Trials() {
    }

    public static List<Trial> expand(SweepSpec s, int trainSize) {
        List<Trial> out = new ArrayList<>();
        for (TrialKey k : keys(s)) out.add(of(s, k, trainSize));
        out.sort((a, b) -> Double.compare(a.cost(), b.cost())); // stable: keeps the grid order within a shape
        return out;
    }

    /** Every trial's key in grid order (shape, parameterization, optimizer, LR, seed), without building configs. */
    public static List<TrialKey> keys(SweepSpec s) {
        List<TrialKey> out = new ArrayList<>();
        for (int[] shape : shapes(s)) {
            for (io.hptransfer.param.Parameterization p : s.parameterizations()) {
                for (OptimizerGrid o : s.optimizers()) {
                    for (double lg : o.log2Lr().values()) {
                        for (long seed : s.seeds()) out.add(new TrialKey(p, o.label(), shape[0], shape[1], lg, seed));
                    }
                }
            }
        }
        return out;
    }

    /** The (width, depth) pairs of the sweep's grid. */
    public static List<int[]> shapes(SweepSpec s) {
        Set<List<Integer>> seen = new LinkedHashSet<>();
        if (s.grid().equals("full")) {
            for (int w : s.widths()) for (int d : s.depths()) seen.add(List.of(w, d));
        } else {
            for (int w : s.widths()) seen.add(List.of(w, s.baseDepth()));
            for (int d : s.depths()) seen.add(List.of(s.baseWidth(), d));
        }
        return seen.stream().map(l -> new int[]{l.get(0), l.get(1)}).toList();
    }

    /** Refuses the whole sweep up front if any trial's shape cannot fit this machine's memory (one line, with the estimate). */
    public static void refuseOversized(List<Trial> trials, io.hptransfer.data.ImageDataset train) {
        long machine = io.hptransfer.train.MemoryEstimate.machineBytes();
        for (Trial t : trials) {
            io.hptransfer.train.MemoryEstimate.of(t.config(), train.channels(), train.height()).refuseBeyond(machine, "trial " + t.id());
        }
    }

    /** The trial of one key: the spec's fixed settings plus the key's shape, parameterization, LR and seed. */
    public static Trial of(SweepSpec s, TrialKey k, int trainSize) {
        TrainConfig cfg = TrainConfig.of(s.data(), s.architecture(k.width(), k.depth()),
                k.param(), s.optimizer(k.optimizer()).config(k.lr()), s.scheduleConfig(), s.stepsFor(trainSize), s.batch(),
                k.seed(), 0, s.checkpointEvery());
        return new Trial(k, cfg);
    }
}
