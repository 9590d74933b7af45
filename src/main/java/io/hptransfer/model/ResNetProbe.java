package io.hptransfer.model;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.LinkedHashMap;
import java.util.Map;

/** The ResNet's tracked activations are graph vertices: stem, block outputs and the readout input. */
record ResNetProbe(int depth) implements ActivationProbe {

    @Override
    public Map<String, INDArray> activations(ComputationGraph g, INDArray x) {
        Map<String, String> tracked = new LinkedHashMap<>();
        tracked.put("stem", ResNetBuilder.STEM);
        tracked.put("branch_first", ResNetBuilder.branchOutput(0));
        tracked.put("branch_last", ResNetBuilder.branchOutput(depth - 1));
        tracked.put("stream_first", ResNetBuilder.streamAfter(0));
        tracked.put("stream_last", ResNetBuilder.streamAfter(depth - 1));
        tracked.put("logits", Readout.INPUT);
        Map<String, INDArray> all = g.feedForward(new INDArray[]{x}, false, false);
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (var e : tracked.entrySet()) {
            INDArray a = all.get(e.getValue());
            if (e.getKey().equals("logits")) a = Readout.logits(g, a);
            out.put(e.getKey(), a.dup());
        }
        return out;
    }
}
