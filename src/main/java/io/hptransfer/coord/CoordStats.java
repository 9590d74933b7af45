package io.hptransfer.coord;

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
    public static Map<String, String> trackedLayers(int depth) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("stem", ResNetBuilder.STEM);
        m.put("branch_first", ResNetBuilder.branchOutput(0));
        m.put("branch_last", ResNetBuilder.branchOutput(depth - 1));
        m.put("stream_first", ResNetBuilder.streamAfter(0));
        m.put("stream_last", ResNetBuilder.streamAfter(depth - 1));
        m.put("logits", ResNetBuilder.READOUT_INPUT);
        return m;
    }

    /** Activations of the tracked layers on x (inference mode: no batch-norm statistic updates). */
    public static Map<String, INDArray> activations(ComputationGraph g, INDArray x, Map<String, String> tracked) {
        Map<String, INDArray> all = g.feedForward(new INDArray[]{x}, false, false);
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (var e : tracked.entrySet()) {
            INDArray a = all.get(e.getValue());
            if (e.getKey().equals("logits")) a = ResNetBuilder.logits(g, a);
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
