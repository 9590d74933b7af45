package io.hptransfer.coord;

import io.hptransfer.param.Axis;
import io.hptransfer.data.ImageDataset;
import io.hptransfer.model.BuiltModel;
import io.hptransfer.optim.ScheduleConfig;
import io.hptransfer.optim.UpdaterFactory;
import io.hptransfer.train.Progress;
import io.hptransfer.util.WorkClock;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/** Runs a {@link CoordCheckSpec} (conv ResNet or ViT) and returns every measurement. */
public final class CoordCheck {
    private CoordCheck() {
    }

    /** Silent progress: the caller hears each model as it starts. */
    public static List<CoordRow> run(CoordCheckSpec spec, ImageDataset data, Consumer<String> progress) {
        return run(spec, data, new WorkClock(cost(spec)), progress, label -> Progress.silent());
    }

    /**
     * @param clock the whole check's clock (all its parameterizations): each model's {@link #cost} is done when it ends
     * @param lines hears each model as it starts, with the check's ETA
     * @param bars  the step-level bar of each model, by its label
     */
    public static List<CoordRow> run(CoordCheckSpec spec, ImageDataset data, WorkClock clock, Consumer<String> lines,
                                     Function<String, Progress> bars) {
        if (spec.batch() > data.size()) throw new IllegalArgumentException("batch " + spec.batch() + " exceeds the dataset");
        // one fixed real batch: the first `batch` images (the bundled subset is class-balanced, not sorted)
        INDArray x = data.images().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, spec.batch()),
                org.nd4j.linalg.indexing.NDArrayIndex.all()).reshape('c', spec.batch(), data.channels(), data.height(), data.width()).dup();
        INDArray y = Nd4j.zeros(DataType.FLOAT, spec.batch(), data.numClasses());
        for (int i = 0; i < spec.batch(); i++) y.putScalar(i, data.labels()[i], 1.0);
        DataSet ds = new DataSet(x, y);
        List<CoordRow> rows = new ArrayList<>();
        for (int size : spec.grid()) {
            for (int seed = 0; seed < spec.seeds(); seed++) {
                String label = spec.param() + " " + spec.optimizer().kind().key() + " " + spec.axis().name().toLowerCase() + " " + size + " seed " + seed;
                lines.accept(label + "  [" + clock.eta() + "]");
                rows.addAll(one(spec, size, seed, data, ds, bars.apply(label)));
                clock.done(cost(spec, size));
            }
        }
        return rows;
    }

    /**
     * A model's work in estimated seconds, for the ETA: its steps' forward+backward passes and the probe's forward pass
     * per step, over a 32x32 one-channel batch (the relative cost of sizes is what matters), plus building it.
     */
    static double cost(CoordCheckSpec spec, int size) {
        boolean width = spec.axis() == Axis.WIDTH;
        int w = width ? size : spec.fixedWidth(), d = width ? spec.fixedDepth() : size;
        double flops = spec.model(w, d, width ? spec.base() : w, width ? d : spec.base()).forwardFlops(1, 32) * spec.batch();
        return (4.0 * spec.steps() + 1) * flops / 1.7e11 + 0.3;
    }

    /** The whole check's work: every size, every seed. */
    public static double cost(CoordCheckSpec spec) {
        return spec.grid().stream().mapToDouble(size -> cost(spec, size)).sum() * spec.seeds();
    }

    private static List<CoordRow> one(CoordCheckSpec spec, int size, int seed, ImageDataset data, DataSet ds, Progress bar) {
        boolean width = spec.axis() == Axis.WIDTH;
        int w = width ? size : spec.fixedWidth(), d = width ? spec.fixedDepth() : size;
        int bw = width ? spec.base() : w, bd = width ? d : spec.base();
        io.hptransfer.util.NativeMemory.reclaim(); // the previous size's model is garbage now
        BuiltModel model = spec.model(w, d, bw, bd).build(spec.param(),
                new UpdaterFactory(spec.optimizer(), ScheduleConfig.constant(), spec.steps()), spec.optimizer().kind(),
                data.channels(), data.height(), data.numClasses(), 1000L * seed + 17, DataType.FLOAT);
        Map<String, INDArray> init = model.probe().activations(model.graph(), ds.getFeatures());
        List<CoordRow> rows = new ArrayList<>();
        String opt = spec.optimizer().kind().name().toLowerCase();
        for (int t = 0; t <= spec.steps(); t++) {
            if (t > 0) {
                model.graph().fit(ds);
                bar.update(t, model.graph().score(), Double.NaN, spec.batch());
            }
            Map<String, INDArray> act = t == 0 ? init : model.probe().activations(model.graph(), ds.getFeatures());
            for (var e : act.entrySet()) {
                INDArray a = e.getValue();
                rows.add(new CoordRow(spec.param().name(), opt, spec.axis(), size, seed, t, e.getKey(),
                        CoordStats.l1(a), CoordStats.rms(a), CoordStats.deltaL1(a, init.get(e.getKey()))));
            }
        }
        bar.end();
        return rows;
    }
}
