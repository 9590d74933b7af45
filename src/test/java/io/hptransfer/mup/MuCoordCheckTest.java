package io.hptransfer.mup;

import io.hptransfer.coord.CoordAnalysis;
import io.hptransfer.coord.CoordPlot;
import io.hptransfer.coord.CoordRow;
import io.hptransfer.data.DataConfig;
import io.hptransfer.data.Datasets;
import io.hptransfer.data.ImageDataset;
import io.hptransfer.model.OneDnn;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The coordinate check on models a user wrote (UserModels), widths 16..256: muP passes where SP fails. */
class MuCoordCheckTest {
    private static final List<Integer> WIDTHS = List.of(16, 32, 64, 128, 256);

    @Test
    void aUsersCnnAndResidualGraphPassUnderMupAndFailUnderSp() throws Exception {
        OneDnn.enable();
        DataSet batch = batch(32);
        Map<String, List<CoordRow>> byParam = new LinkedHashMap<>();
        for (MuOptions o : List.of(MuOptions.sp(), MuOptions.mup())) {
            MuCoordCheck.Result cnn = MuCoordCheck.width((w, d) -> UserModels.cnn(w, new Adam(1e-2), 1), WIDTHS, 1, o, batch, 3, 2,
                    CoordAnalysis.DEFAULT_TOLERANCE);
            MuCoordCheck.Result res = MuCoordCheck.width((w, d) -> UserModels.resnet(w, d, new Adam(1e-2), 1), WIDTHS, 2, o, batch, 3, 2,
                    CoordAnalysis.DEFAULT_TOLERANCE);
            System.out.println("user CNN (MultiLayerNetwork), " + o.param() + ": " + cnn.summary());
            System.out.println("user residual CNN (ComputationGraph), " + o.param() + ": " + res.summary());
            boolean mup = o.param().muP();
            assertTrue(cnn.verdict().pass() == mup, o.param() + " CNN: " + cnn.summary());
            assertTrue(res.verdict().pass() == mup, o.param() + " graph: " + res.summary());
            if (!mup) assertFalse(cnn.verdict().failures().isEmpty());
            byParam.put(o.param().name(), cnn.rows());
        }
        Path png = Path.of("target", "mup-user-cnn-coord.png");
        Files.createDirectories(png.getParent());
        CoordPlot.write(byParam, png);
        assertTrue(Files.size(png) > 1000);
    }

    /** Depth 2..32 at width 16: the last residual stream and the logits stay Theta(1) under mup-depth, not under SP. */
    @Test
    void aUsersResidualGraphPassesTheDepthCheckUnderMupDepth() throws Exception {
        OneDnn.enable();
        DataSet batch = batch(32);
        ModelFamily<org.deeplearning4j.nn.conf.ComputationGraphConfiguration> family = new ModelFamily<>() {
            public org.deeplearning4j.nn.conf.ComputationGraphConfiguration at(int width, int depth) {
                return UserModels.resnet(width, depth, new Adam(3e-3), 1);
            }

            public List<String> branchEnds(int depth) {
                return java.util.stream.IntStream.range(0, depth).mapToObj(UserModels::branchEnd).toList();
            }
        };
        List<Integer> depths = List.of(2, 4, 8, 16, 32);
        double beta = io.hptransfer.coord.CoordCheckSpec.defaultBranchBeta(io.hptransfer.param.Axis.DEPTH, depths);
        Map<String, List<CoordRow>> byParam = new LinkedHashMap<>();
        for (var p : List.of(io.hptransfer.param.Parameterization.SP, io.hptransfer.param.Parameterization.MUP_DEPTH)) {
            MuCoordCheck.Result r = MuCoordCheck.depth(family, 16, depths, p, beta, batch, 3, 2, CoordAnalysis.DEFAULT_TOLERANCE);
            System.out.println("user residual CNN depth, " + p + ": " + r.summary());
            assertTrue(r.verdict().pass() == p.depthScaling(), p + ": " + r.summary());
            byParam.put(p.name(), r.rows());
        }
        Path png = Path.of("target", "mup-user-resnet-depth-coord.png");
        CoordPlot.write(byParam, png);
    }

    static DataSet batch(int n) throws Exception {
        ImageDataset d = Datasets.load(DataConfig.bundled()).train();
        INDArray x = d.images().get(NDArrayIndex.interval(0, n), NDArrayIndex.all()).reshape('c', n, d.channels(), d.height(), d.width()).dup();
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, d.numClasses());
        for (int i = 0; i < n; i++) y.putScalar(i, d.labels()[i], 1.0);
        return new DataSet(x, y);
    }
}
