package io.hptransfer.model;

import io.hptransfer.optim.UpdaterFactory;
import io.hptransfer.param.LayerRule;
import io.hptransfer.param.ParamSpec;
import io.hptransfer.param.ScalingRules;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.List;

/**
 * The readout every hpt model ends with: the muP readout multiplier on its input (mup's MuReadout, so the
 * bias stays unscaled), then a dense softmax layer with cross-entropy. The trainer, evaluator and probes
 * read the logits through {@link #logits}.
 */
public final class Readout {
    /** The softmax output layer (the graph's output). */
    public static final String NAME = "readout";
    /** The vertex holding the readout's scaled input features. */
    public static final String INPUT = "readout_scale";

    private Readout() {
    }

    /**
     * Adds the multiplier vertex and the output layer after {@code from}, returning the two tensors' rules.
     *
     * @param nIn features entering the readout (the model's final width)
     */
    public static List<TensorRole> add(GraphBuilder g, String from, int nIn, int numClasses, double outputMult,
                                       ScalingRules rules, UpdaterFactory updaters) {
        double mN = rules.shape().widthMult();
        g.addVertex(INPUT, new ScaleVertex(rules.readoutMultiplier(outputMult)), from);
        ParamSpec ws = ParamSpec.readout(nIn, mN), bs = ParamSpec.readoutBias();
        LayerRule wr = rules.rule(ws), br = rules.rule(bs);
        g.addLayer(NAME, new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .nIn(nIn).nOut(numClasses).activation(Activation.SOFTMAX)
                .weightInit(Graphs.init(wr)).biasInit(0)
                .updater(updaters.updater(wr)).biasUpdater(updaters.updater(br))
                .regularization(updaters.weightDecay(wr))
                .build(), INPUT);
        g.setOutputs(NAME);
        return List.of(new TensorRole(NAME, "W", ws, wr), new TensorRole(NAME, "b", bs, br));
    }

    /**
     * Logits from the readout's input activations (DL4J's output layer only exposes softmax), for any graph ending
     * in one dense output layer: hpt's models and users' (whose readout has their name).
     */
    public static INDArray logits(ComputationGraph g, INDArray readoutInput) {
        return logits(g.getOutputLayer(0), readoutInput);
    }

    /** Logits of one dense output layer from its input activations (flattened if they are not rows yet). */
    public static INDArray logits(org.deeplearning4j.nn.api.Layer out, INDArray readoutInput) {
        INDArray x = readoutInput.rank() == 2 ? readoutInput : readoutInput.reshape(readoutInput.size(0), -1);
        return x.mmul(out.getParam("W")).addiRowVector(out.getParam("b"));
    }

    /** The vertex feeding the output layer: {@link #INPUT} in hpt's models, MuP's multiplier in users'. */
    public static String inputOf(ComputationGraph g) {
        var c = g.getConfiguration();
        return c.getVertexInputs().get(c.getNetworkOutputs().get(0)).get(0);
    }
}
