package io.hptransfer.model;

import io.hptransfer.optim.OptimizerConfig;
import io.hptransfer.optim.ScheduleConfig;
import io.hptransfer.param.Parameterization;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** At base width and depth, every muP variant trains bit-for-bit like SP. */
class BaseShapeEquivalenceTest {

    /** ND4J seeds 0 from the clock: without the builder's mapping, two seed-0 builds differed. */
    @ParameterizedTest
    @ValueSource(longs = {0, 1, -1, 42})
    void everySeedGivesTheSameInitOnEveryBuild(long seed) {
        ResNetConfig cfg = ResNetConfig.of(8, 2);
        OptimizerConfig opt = OptimizerConfig.adam(1e-3);
        var rules = cfg.rules(Parameterization.SP, opt.kind());
        var updaters = new io.hptransfer.optim.UpdaterFactory(opt, ScheduleConfig.constant(), 3);
        ComputationGraph a = new ResNetBuilder(cfg, rules, updaters).build(1, 8, 3, seed, DataType.FLOAT).graph();
        ComputationGraph b = new ResNetBuilder(cfg, rules, updaters).build(1, 8, 3, seed, DataType.FLOAT).graph();
        ComputationGraph c = new ResNetBuilder(cfg, rules, updaters).build(1, 8, 3, seed + 7, DataType.FLOAT).graph();
        assertEquals(a.params(), b.params(), "seed " + seed);
        org.junit.jupiter.api.Assertions.assertNotEquals(a.params(), c.params(), "another seed, another init");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mup", "mup-depth", "completep"})
    void mupVariantsEqualSpAtBaseShape(String name) {
        ResNetConfig cfg = new ResNetConfig(8, 2, 1, 8, 2, true, true, 1.0, 1.0, 1.0, false);
        for (OptimizerConfig opt : new OptimizerConfig[]{OptimizerConfig.sgd(0.1), OptimizerConfig.adam(1e-2)}) {
            ComputationGraph sp = TestModels.build(cfg, Parameterization.SP, opt, ScheduleConfig.constant(), 3, DataType.FLOAT).graph();
            ComputationGraph mup = TestModels.build(cfg, Parameterization.parse(name), opt, ScheduleConfig.constant(), 3, DataType.FLOAT).graph();
            assertEquals(sp.params(), mup.params(), "init differs");
            DataSet ds = TestModels.batch(8, DataType.FLOAT, 3);
            for (int i = 0; i < 3; i++) {
                sp.fit(ds);
                mup.fit(ds);
                assertEquals(sp.score(), mup.score(), 0.0, name + " " + opt.kind() + " step " + i);
            }
            assertEquals(sp.params(), mup.params(), "parameters diverged from SP");
        }
    }
}
