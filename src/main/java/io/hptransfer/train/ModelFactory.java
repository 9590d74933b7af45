package io.hptransfer.train;

import io.hptransfer.data.ImageDataset;
import io.hptransfer.model.BuiltModel;
import io.hptransfer.optim.UpdaterFactory;
import org.nd4j.linalg.api.buffer.DataType;

/** TrainConfig + data shape -> a built model whose every tensor follows the rule table. */
public final class ModelFactory {
    private ModelFactory() {
    }

    public static BuiltModel build(TrainConfig cfg, ImageDataset train, DataType dtype) {
        if (train.height() != train.width()) {
            throw new IllegalArgumentException("images must be square, got " + train.height() + "x" + train.width());
        }
        MemoryEstimate.of(cfg, train.channels(), train.height()).refuseBeyond(MemoryEstimate.machineBytes(), cfg.model().describe()
                + " at batch " + cfg.batch());
        UpdaterFactory updaters = new UpdaterFactory(cfg.optimizer(), cfg.schedule(), cfg.steps());
        return cfg.model().build(cfg.parameterization(), updaters, cfg.optimizer().kind(), train.channels(), train.height(),
                train.numClasses(), cfg.seed(), dtype);
    }
}
