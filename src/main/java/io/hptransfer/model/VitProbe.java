package io.hptransfer.model;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the ViT's internal activations: the trunk is one DL4J layer, so its blocks are not graph
 * vertices. Runs the layer's own forward pass ({@link VitForward}) and keeps its named intermediates.
 */
final class VitProbe implements ActivationProbe {
    static final VitProbe INSTANCE = new VitProbe();

    @Override
    public Map<String, INDArray> activations(ComputationGraph g, INDArray x) {
        VitForward.Dims d = ((VitTrunkLayer) g.getLayer(VitBuilder.TRUNK).conf().getLayer()).dims();
        Map<String, INDArray> values = evaluate(g, x);
        int last = d.depth() - 1;
        Map<String, INDArray> out = new LinkedHashMap<>();
        out.put("stem", values.get(VitForward.EMBED));
        out.put("branch_first", values.get(VitForward.mlpBranch(0)));
        out.put("branch_last", values.get(VitForward.mlpBranch(last)));
        out.put("attn_last", values.get(VitForward.attnBranch(last)));
        out.put("stream_first", values.get(VitForward.streamAfter(0)));
        out.put("stream_last", values.get(VitForward.streamAfter(last)));
        INDArray pooled = g.feedForward(new INDArray[]{x}, false, false).get(Readout.INPUT);
        out.put("logits", Readout.logits(g, pooled));
        out.replaceAll((k, v) -> v.dup());
        return out;
    }

    /** Every named intermediate of {@link VitForward} on x, from the trained trunk's own forward pass and parameters. */
    static Map<String, INDArray> evaluate(ComputationGraph g, INDArray x) {
        return ((VitTrunkRuntime) g.getLayer(VitBuilder.TRUNK)).intermediates(x);
    }
}
