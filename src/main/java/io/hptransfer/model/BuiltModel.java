package io.hptransfer.model;

import org.deeplearning4j.nn.graph.ComputationGraph;

import java.util.List;

/** An initialised graph, the rule-table entry of each of its trainable tensors, and how to read its activations. */
public record BuiltModel(ComputationGraph graph, List<TensorRole> tensors, ActivationProbe probe) {
}
