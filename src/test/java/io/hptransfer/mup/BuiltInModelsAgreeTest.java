package io.hptransfer.mup;

import io.hptransfer.model.BuiltModel;
import io.hptransfer.model.ResNetBuilder;
import io.hptransfer.model.ResNetConfig;
import io.hptransfer.model.TensorRole;
import io.hptransfer.optim.OptimizerConfig;
import io.hptransfer.optim.ScheduleConfig;
import io.hptransfer.optim.UpdaterFactory;
import io.hptransfer.param.Optimizer;
import io.hptransfer.param.Parameterization;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * hpt's ResNet states every tensor's role; MuP infers them from sizes. Both read ScalingRules: here the two paths
 * give the same role, depth flag and LR / epsilon / weight-decay multipliers for every tensor of the ResNet (with
 * batch norm and two stages), and the same readout and branch multipliers.
 */
class BuiltInModelsAgreeTest {
    private static BuiltModel resnet(int width, Parameterization p, Optimizer o) {
        ResNetConfig cfg = ResNetConfig.builder(width, 8).base(8, 2).stages(2).batchNorm(true).build();
        OptimizerConfig opt = o == Optimizer.ADAM ? OptimizerConfig.adam(1e-3) : OptimizerConfig.sgd(0.1);
        return new ResNetBuilder(cfg, cfg.rules(p, o), new UpdaterFactory(opt, ScheduleConfig.constant(), 10))
                .build(1, 16, 10, 0, DataType.FLOAT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mup-depth:ADAM", "completep:SGD", "mup:ADAM"})
    void muPInfersWhatTheResNetBuilderStates(String which) {
        Parameterization p = Parameterization.parse(which.split(":")[0]);
        Optimizer o = Optimizer.valueOf(which.split(":")[1]);
        BuiltModel own = resnet(32, p, o);
        // the same graph at SP (plain updaters) at the target, base and delta widths, through MuP
        ComputationGraphConfiguration t = resnet(32, Parameterization.SP, o).graph().getConfiguration(),
                b = resnet(8, Parameterization.SP, o).graph().getConfiguration(), d = resnet(16, Parameterization.SP, o).graph().getConfiguration();
        String[] ends = new String[8];
        for (int i = 0; i < 8; i++) ends[i] = ResNetBuilder.branchOutput(i);
        MuOptions opts = p.depthScaling() ? MuOptions.depth(p, 8, 2, ends) : MuOptions.of(p);
        MuModel<ComputationGraphConfiguration> m = MuP.apply(t, b, d, opts);

        Function<TensorRole, String> key = r -> r.layer() + "/" + r.paramKey();
        Map<String, TensorRole> inferred = m.tensors().stream().collect(Collectors.toMap(key, r -> r));
        assertEquals(own.tensors().size(), inferred.size(), m.table());
        for (TensorRole stated : own.tensors()) {
            TensorRole got = inferred.get(key.apply(stated));
            String k = which + " " + key.apply(stated);
            assertEquals(stated.spec().role(), got.spec().role(), k);
            // plain muP has no depth rules, so only the depth variants are told which layers are in branches
            if (p.depthScaling()) assertEquals(stated.spec().inBranch(), got.spec().inBranch(), k);
            assertEquals(stated.rule().lrMult(), got.rule().lrMult(), 1e-15, k);
            assertEquals(stated.rule().adamEpsMult(), got.rule().adamEpsMult(), 1e-15, k);
            assertEquals(stated.rule().weightDecayMult(), got.rule().weightDecayMult(), 1e-12, k);
        }
        ResNetConfig cfg = ResNetConfig.builder(32, 8).base(8, 2).build();
        assertEquals(cfg.rules(p, o).readoutMultiplier(1.0), m.readoutMultiplier(), 1e-15);
        if (p.depthScaling()) assertEquals(cfg.rules(p, o).branchMultiplier(1.0), m.branchMultiplier(), 1e-15);
    }
}
