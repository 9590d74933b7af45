package io.hptransfer.model;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.shade.jackson.annotation.JsonProperty;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The whole ViT trunk (patch embedding .. pooled features) as ONE DL4J layer, placed first in the graph.
 * It is a SameDiff layer for DL4J's parameter machinery only (flattened views, per-tensor updaters,
 * Jackson config): the passes run by hand in {@link VitTrunkRuntime} ({@link VitForward},
 * {@link VitBackward}), one forward a step. DL4J allows one updater per layer, so
 * {@link #getUpdaterByParam} hands each tensor the updater of its own rule-table entry.
 * Fields carry @JsonProperty: DL4J's Jackson only sees public getters, and checkpoints must
 * restore every per-tensor updater (VitModelTest).
 */
public class VitTrunkLayer extends SameDiffLayer {
    @JsonProperty private int channels, size, patch, width, depth, heads, headDim, mlpHidden;
    @JsonProperty private boolean classToken;
    @JsonProperty private double branchMult, attnScale;
    /** Init std per tensor; gains (names ending in "g") start at 1, tensors without an entry at 0. */
    @JsonProperty private LinkedHashMap<String, Double> initStd = new LinkedHashMap<>();
    @JsonProperty private LinkedHashMap<String, IUpdater> updaters = new LinkedHashMap<>();
    @JsonProperty private LinkedHashMap<String, List<Regularization>> regularizers = new LinkedHashMap<>();

    /** For Jackson. */
    protected VitTrunkLayer() {
    }

    VitTrunkLayer(VitForward.Dims d, Map<String, Double> initStd, Map<String, IUpdater> updaters,
                  Map<String, List<Regularization>> regularizers) {
        this.channels = d.channels();
        this.size = d.size();
        this.patch = d.patch();
        this.width = d.width();
        this.depth = d.depth();
        this.heads = d.heads();
        this.headDim = d.headDim();
        this.mlpHidden = d.mlpHidden();
        this.classToken = d.classToken();
        this.branchMult = d.branchMult();
        this.attnScale = d.attnScale();
        this.initStd = new LinkedHashMap<>(initStd);
        this.updaters = new LinkedHashMap<>(updaters);
        this.regularizers = new LinkedHashMap<>(regularizers);
        setLayerName("trunk");
    }

    VitForward.Dims dims() {
        return new VitForward.Dims(channels, size, patch, width, depth, heads, headDim, mlpHidden, classToken,
                branchMult, attnScale);
    }

    /** Every tensor of the trunk with its shape, in a fixed order (the init order). */
    static Map<String, long[]> shapes(VitForward.Dims d) {
        Map<String, long[]> s = new LinkedHashMap<>();
        long n = d.width(), hid = d.mlpHidden();
        s.put(VitForward.PATCH_W, new long[]{(long) d.channels() * d.patch() * d.patch(), n});
        s.put(VitForward.PATCH_B, new long[]{1, n});
        if (d.classToken()) s.put(VitForward.CLS, new long[]{1, 1, n});
        s.put(VitForward.POS, new long[]{1, d.tokens(), n});
        for (int i = 0; i < d.depth(); i++) {
            for (String ln : new String[]{"ln1", "ln2"}) {
                s.put(VitForward.p(i, ln + "g"), new long[]{1, n});
                s.put(VitForward.p(i, ln + "b"), new long[]{1, n});
            }
            for (String m : new String[]{"q", "k", "v", "o"}) {
                s.put(VitForward.p(i, m + "W"), new long[]{n, n});
                s.put(VitForward.p(i, m + "b"), new long[]{1, n});
            }
            s.put(VitForward.p(i, "fc1W"), new long[]{n, hid});
            s.put(VitForward.p(i, "fc1b"), new long[]{1, hid});
            s.put(VitForward.p(i, "fc2W"), new long[]{hid, n});
            s.put(VitForward.p(i, "fc2b"), new long[]{1, n});
        }
        s.put(VitForward.FINAL_G, new long[]{1, n});
        s.put(VitForward.FINAL_B, new long[]{1, n});
        return s;
    }

    static boolean isVector(String name) {
        return name.endsWith("b") || name.endsWith("g");
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        for (var e : shapes(dims()).entrySet()) {
            if (isVector(e.getKey())) params.addBiasParam(e.getKey(), e.getValue());
            else params.addWeightParam(e.getKey(), e.getValue());
        }
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        for (String name : shapes(dims()).keySet()) {
            INDArray a = params.get(name);
            double std = initStd.getOrDefault(name, 0.0);
            if (name.endsWith("g")) a.assign(1.0);
            else if (std == 0) a.assign(0.0);
            else a.assign(Nd4j.randn(a.dataType(), a.shape()).muli(std));
        }
    }

    /** Runs the trunk by hand (VitTrunkRuntime) on DL4J's parameter views. */
    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray paramsView, boolean initializeParams, DataType networkDataType) {
        return Graphs.install(new VitTrunkRuntime(conf, networkDataType), this, conf, listeners, layerIndex,
                paramsView, initializeParams);
    }

    /** Not used: the runtime above never builds a SameDiff graph. */
    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable input, Map<String, SDVariable> params, SDVariable mask) {
        throw new UnsupportedOperationException("the ViT trunk runs by hand (VitTrunkRuntime), not as a SameDiff graph");
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return InputType.feedForward(width);
    }

    @Override
    public IUpdater getUpdaterByParam(String paramName) {
        IUpdater u = updaters.get(paramName);
        if (u == null) throw new IllegalStateException("ViT tensor " + paramName + " has no rule-table updater");
        return u;
    }

    @Override
    public List<Regularization> getRegularizationByParam(String paramName) {
        return regularizers.getOrDefault(paramName, List.of());
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof VitTrunkLayer v) || !super.equals(o)) return false;
        return dims().equals(v.dims()) && initStd.equals(v.initStd) && updaters.equals(v.updaters)
                && regularizers.equals(v.regularizers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), dims(), initStd, updaters, regularizers);
    }
}
