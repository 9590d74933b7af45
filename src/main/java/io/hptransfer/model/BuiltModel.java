package io.hptransfer.model;

import org.deeplearning4j.nn.graph.ComputationGraph;

import java.util.List;

/** An initialised graph plus the rule-table entry of each of its trainable tensors. */
public record BuiltModel(ComputationGraph graph, List<TensorRole> tensors) {
}
