package io.hptransfer.mup;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The layers inside a graph's residual branches, from the vertex ending each branch: it feeds one add vertex
 * h + branch(h), and the branch is every vertex it depends on that h does not.
 */
final class ResidualBranches {
    private ResidualBranches() {
    }

    /**
     * @param adds filled with each branch end's add vertex
     * @return the names of every vertex inside some branch (the ends included)
     */
    static Set<String> layersIn(ComputationGraphConfiguration c, List<String> ends, Map<String, String> adds) {
        Set<String> in = new HashSet<>();
        for (String end : ends) {
            if (!c.getVertices().containsKey(end)) {
                throw new IllegalArgumentException("residual branch end '" + end + "' is no vertex of the graph: name the layer or vertex "
                        + "whose output is added to the stream");
            }
            List<String> consumers = c.getVertexInputs().entrySet().stream().filter(e -> e.getValue().contains(end)).map(Map.Entry::getKey).toList();
            String add = consumers.size() == 1 ? consumers.get(0) : null;
            GraphVertex v = add == null ? null : c.getVertices().get(add);
            if (!(v instanceof ElementWiseVertex ew) || ew.getOp() != ElementWiseVertex.Op.Add || c.getVertexInputs().get(add).size() != 2) {
                throw new IllegalArgumentException("residual branch end '" + end + "' must feed exactly one two-input add vertex "
                        + "(h + branch(h)); it feeds " + consumers + ": name the vertex that is added to the stream");
            }
            adds.put(end, add);
            String skip = c.getVertexInputs().get(add).stream().filter(x -> !x.equals(end)).findFirst().orElse(end);
            Set<String> branch = ancestors(c, end);
            branch.add(end);
            Set<String> stream = ancestors(c, skip);
            stream.add(skip);
            branch.removeAll(stream);
            in.addAll(branch);
        }
        return in;
    }

    private static Set<String> ancestors(ComputationGraphConfiguration c, String v) {
        Set<String> seen = new HashSet<>();
        ArrayDeque<String> todo = new ArrayDeque<>(c.getVertexInputs().getOrDefault(v, List.of()));
        while (!todo.isEmpty()) {
            String x = todo.pop();
            if (seen.add(x)) todo.addAll(c.getVertexInputs().getOrDefault(x, List.of()));
        }
        return seen;
    }
}
