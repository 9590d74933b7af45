package io.hptransfer.mup;

import io.hptransfer.model.Graphs;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/**
 * The readout multiplier x -> c x in a MultiLayerNetwork (which has no ScaleVertex): an ActivationLayer with
 * {@link ScaleActivation} whose output is always its own array. DL4J's ActivationLayer hands the activation
 * the previous layer's own output in inference, which an in-place scale would change (and a new array would
 * sit in the wrong workspace: DL4J refuses it).
 */
public class ReadoutMultiplierLayer extends ActivationLayer {
    /** For JSON (model save/load). */
    public ReadoutMultiplierLayer() {
    }

    public ReadoutMultiplierLayer(double multiplier) {
        super(new ScaleActivation(multiplier));
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray paramsView, boolean initializeParams, DataType dataType) {
        return Graphs.install(new Impl(conf, dataType), this, conf, listeners, layerIndex, paramsView, initializeParams);
    }

    static final class Impl extends org.deeplearning4j.nn.layers.ActivationLayer {
        Impl(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        @Override
        public INDArray activate(boolean training, LayerWorkspaceMgr mgr) {
            assertInputSet(false);
            return layerConf().getActivationFn().getActivation(mgr.dup(ArrayType.ACTIVATIONS, input, input.ordering()), training);
        }
    }
}
