package io.hptransfer.coord;

import io.hptransfer.param.Axis;
import io.hptransfer.data.ImageDataset;
import io.hptransfer.model.BuiltModel;
import io.hptransfer.optim.ScheduleConfig;
import io.hptransfer.optim.UpdaterFactory;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Runs a {@link CoordCheckSpec} (conv ResNet or ViT) and returns every measurement. */
public final class CoordCheck {
    private CoordCheck() {
    }

    public static List<CoordRow> run(CoordCheckSpec spec, ImageDataset data, Consumer<String> progress) {
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
                progress.accept(spec.param() + " " + spec.optimizer().kind() + " " + spec.axis().name().toLowerCase() + " " + size + " seed " + seed);
                rows.addAll(one(spec, size, seed, data, ds));
            }
        }
        return rows;
    }

    private static List<CoordRow> one(CoordCheckSpec spec, int size, int seed, ImageDataset data, DataSet ds) {
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
            if (t > 0) model.graph().fit(ds);
            Map<String, INDArray> act = t == 0 ? init : model.probe().activations(model.graph(), ds.getFeatures());
            for (var e : act.entrySet()) {
                INDArray a = e.getValue();
                rows.add(new CoordRow(spec.param().name(), opt, spec.axis(), size, seed, t, e.getKey(),
                        CoordStats.l1(a), CoordStats.rms(a), CoordStats.deltaL1(a, init.get(e.getKey()))));
            }
        }
        return rows;
    }
}
