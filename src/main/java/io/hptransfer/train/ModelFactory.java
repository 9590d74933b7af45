package io.hptransfer.train;

import io.hptransfer.data.ImageDataset;
import io.hptransfer.model.BuiltModel;
import io.hptransfer.model.ResNetBuilder;
import io.hptransfer.model.ResNetConfig;
import io.hptransfer.optim.UpdaterFactory;
import io.hptransfer.param.ScalingRules;
import io.hptransfer.param.Shape;
import org.nd4j.linalg.api.buffer.DataType;

/** TrainConfig + data shape -> a built model whose every tensor follows the rule table. */
public final class ModelFactory {
    private ModelFactory() {
    }

    public static ScalingRules rules(TrainConfig cfg) {
        ResNetConfig r = cfg.resnet();
        return new ScalingRules(cfg.param(), Shape.of(r.width(), r.baseWidth(), r.depth(), r.baseDepth()),
                cfg.optimizer().kind(), r.initScale(), r.zeroReadout());
    }

    public static BuiltModel build(TrainConfig cfg, ImageDataset train, DataType dtype) {
        if (train.height() != train.width()) {
            throw new IllegalArgumentException("images must be square, got " + train.height() + "x" + train.width());
        }
        UpdaterFactory updaters = new UpdaterFactory(cfg.optimizer(), cfg.schedule(), cfg.steps());
        return new ResNetBuilder(cfg.resnet(), rules(cfg), updaters)
                .build(train.channels(), train.height(), train.numClasses(), cfg.seed(), dtype);
    }
}
