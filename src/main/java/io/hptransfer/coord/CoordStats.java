package io.hptransfer.coord;

import io.hptransfer.model.BuiltModel;
import io.hptransfer.model.ResNetBuilder;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The per-layer quantities a coordinate check tracks, read off one forward pass: for each
 * tracked layer, mean |activation| (l1), RMS, and mean |a_t - a_0| (change since init).
 * Tracked layers: stem output, first/last residual-branch outputs, residual stream after the
 * first/last block, and the readout logits.
 */
public final class CoordStats {
    private CoordStats() {
    }

    /** Tracked layer label -> graph vertex name (logits are rebuilt from the readout's input). */
    public static Map<String, String> trackedLayers(ComputationGraph g, int depth) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("stem", "stem");
        m.put("branch_first", "block0_scale");
        m.put("branch_last", "block" + (depth - 1) + "_scale");
        m.put("stream_first", "block0_add");
        m.put("stream_last", "block" + (depth - 1) + "_add");
        m.put("logits", ResNetBuilder.READOUT_INPUT);
        return m;
    }

    /** Activations of the tracked layers on x (inference mode: no batch-norm statistic updates). */
    public static Map<String, INDArray> activations(BuiltModel model, INDArray x, Map<String, String> tracked) {
        ComputationGraph g = model.graph();
        Map<String, INDArray> all = g.feedForward(new INDArray[]{x}, false, false);
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (var e : tracked.entrySet()) {
            INDArray a = all.get(e.getValue());
            if (e.getKey().equals("logits")) {
                var readout = g.getLayer(ResNetBuilder.OUTPUT);
                a = a.mmul(readout.getParam("W")).addiRowVector(readout.getParam("b"));
            }
            out.put(e.getKey(), a.dup());
        }
        return out;
    }

    public static double l1(INDArray a) {
        return a.norm1Number().doubleValue() / a.length();
    }

    public static double rms(INDArray a) {
        return a.norm2Number().doubleValue() / Math.sqrt(a.length());
    }

    public static double deltaL1(INDArray a, INDArray a0) {
        return a.sub(a0).norm1Number().doubleValue() / a.length();
    }
}
