package io.hptransfer.model;

import io.hptransfer.param.LayerRule;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.weights.WeightInitDistribution;

import java.util.Collection;

/**
 * What every hpt model graph shares besides its readout: the input's name, the RNG seed, the init of a rule,
 * and how a config layer with its own runtime class wires that runtime up.
 */
public final class Graphs {
    /** The graph's image input. */
    public static final String INPUT = "input";

    private Graphs() {
    }

    /**
     * ND4J's native RNG treats seed 0 as "seed from the clock", so seed 0 gave a different init on
     * every build (measured); every user seed maps to a distinct non-zero RNG seed instead.
     */
    public static long rngSeed(long seed) {
        long s = seed ^ 0x5DEECE66DL;
        return s == 0 ? 1 : s;
    }

    /** N(0, std^2) with the rule's std; all zeros where the rule says 0 (muP's zero readout or query). */
    public static IWeightInit init(LayerRule r) {
        return r.initStd() == 0 ? WeightInit.ZERO.getWeightInitFunction()
                : new WeightInitDistribution(new NormalDistribution(0, r.initStd()));
    }

    /**
     * DL4J's instantiate idiom for a config layer that brings its own runtime layer: listeners, index, the
     * parameter views (initialised when asked) and the config.
     */
    public static Layer install(Layer runtime, org.deeplearning4j.nn.conf.layers.Layer config, NeuralNetConfiguration conf,
                                Collection<TrainingListener> listeners, int layerIndex, INDArray paramsView,
                                boolean initializeParams) {
        runtime.setListeners(listeners);
        runtime.setIndex(layerIndex);
        runtime.setParamsViewArray(paramsView);
        runtime.setParamTable(config.initializer().init(conf, paramsView, initializeParams));
        runtime.setConf(conf);
        return runtime;
    }
}
