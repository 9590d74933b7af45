package io.hptransfer.mup;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;

import java.util.List;

/**
 * A MultiLayerConfiguration as the equivalent one-path ComputationGraphConfiguration (DL4J's own
 * NetworkUtils.toComputationGraph does this for a built network; hpt's trainer works on graphs). Layers keep
 * their names, unnamed ones are named by their index, as {@link MuP} names them.
 */
final class SingleStack {
    static final String INPUT = "input";

    private SingleStack() {
    }

    static ComputationGraphConfiguration toGraph(MultiLayerConfiguration m) {
        NeuralNetConfiguration first = m.getConf(0);
        var g = new NeuralNetConfiguration.Builder().seed(first.getSeed()).dataType(m.getDataType()).graphBuilder().addInputs(INPUT);
        List<String> names = List.copyOf(MuP.layers(m).keySet());
        String last = INPUT;
        for (int i = 0; i < names.size(); i++) {
            Layer l = m.getConf(i).getLayer().clone();
            l.setLayerName(names.get(i));
            g.addLayer(names.get(i), l, m.getInputPreProcess(i), last);
            last = names.get(i);
        }
        ComputationGraphConfiguration c = g.setOutputs(last).build();
        c.setCacheMode(m.getCacheMode());
        return c;
    }
}
