package io.hptransfer.model;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * The activations a coordinate check tracks, by label (stem, branch_first, branch_last,
 * stream_first, stream_last, logits, plus model-specific extras), from one inference forward pass.
 * Each model family knows where these live in its graph.
 */
public interface ActivationProbe {
    Map<String, INDArray> activations(ComputationGraph g, INDArray x);
}
