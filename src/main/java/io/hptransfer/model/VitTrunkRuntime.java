package io.hptransfer.model;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The trained ViT trunk inside DL4J: {@link VitTrunkLayer}'s parameters, flattened views and per-tensor
 * updaters are DL4J's SameDiff-layer machinery (so checkpoints and updaters are unchanged), but the passes
 * are {@link VitForward} and {@link VitBackward}: one forward a step, its arrays kept for the backward pass
 * in an {@link ArrayPool} outside DL4J's workspaces (they must outlive the forward call) and reused by the
 * next step; only the returned activations and input gradient enter DL4J's workspaces.
 */
final class VitTrunkRuntime extends org.deeplearning4j.nn.layers.samediff.SameDiffLayer {
    /** Every array of both passes, reused step after step (one batch size's worth at a time). */
    private final ArrayPool pool = new ArrayPool();
    /** The last training forward pass, waiting for its backward pass. */
    private VitForward.Saved saved;
    private long poolBatch = -1;

    VitTrunkRuntime(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private VitForward.Dims dims() {
        return ((VitTrunkLayer) layerConf()).dims();
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        INDArray pooled;
        VitForward.Saved s = new VitForward.Saved();
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            saved = null;
            pool.takeBackAll();
            if (input.size(0) != poolBatch) {
                // hold one batch size's arrays: an evaluation's last, smaller batch must not keep two sets
                pool.release();
                poolBatch = input.size(0);
            }
            pooled = VitForward.forward(input, paramTable, dims(), pool, s, null);
        }
        INDArray out = workspaceMgr.dup(ArrayType.ACTIVATIONS, pooled);
        if (training) saved = s;
        else pool.takeBackAll();
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        if (saved == null) {
            throw new IllegalStateException("ViT trunk: backward pass without a training forward pass");
        }
        INDArray dImages;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            dImages = VitBackward.backward(epsilon, saved, paramTable, gradTable, dims(), pool);
        }
        Gradient g = new DefaultGradient();
        for (String name : paramTable.keySet()) {
            g.gradientForVariable().put(name, gradTable.get(name));
        }
        INDArray dIn = workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, dImages);
        saved = null;
        pool.takeBackAll();
        return new Pair<>(g, dIn);
    }

    /** The named intermediates of one forward pass on x (copies), for the coordinate-check probe. */
    Map<String, INDArray> intermediates(INDArray x) {
        Map<String, INDArray> named = new LinkedHashMap<>();
        ArrayPool own = new ArrayPool();
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            VitForward.forward(x, paramTable, dims(), own, new VitForward.Saved(), named);
            named.replaceAll((k, v) -> v.dup());
        } finally {
            own.release();
        }
        return named;
    }

    /** Bytes the pool holds (a test checks that steps after the first allocate nothing). */
    long pooledBytes() {
        return pool.bytesHeld();
    }

    @Override
    public void clear() {
        super.clear();
        saved = null;
        pool.takeBackAll();
    }
}
