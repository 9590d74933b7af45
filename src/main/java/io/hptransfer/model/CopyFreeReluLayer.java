package io.hptransfer.model;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/**
 * DL4J's ReLU ActivationLayer without its two copies. In training DL4J copies the input before its in-place
 * ReLU and copies it again in the backward pass before the in-place derivative (a 1.6 MB copy each at W8,
 * batch 64); here the ReLU writes into a fresh workspace array and the derivative reads the kept input: the
 * same ops on the same numbers, so the values are bit for bit DL4J's (CopyFreeLayersTest). Inference is DL4J's
 * own path, and so is every pass of a layer whose activation was changed to anything but ReLU.
 */
public final class CopyFreeReluLayer extends ActivationLayer {

    public CopyFreeReluLayer() {
        super(new Builder().activation(new InPlaceRelu()));
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray paramsView, boolean initializeParams, DataType dtype) {
        return Graphs.install(new Runtime(conf, dtype), this, conf, listeners, layerIndex, paramsView, initializeParams);
    }

    static final class Runtime extends org.deeplearning4j.nn.layers.ActivationLayer {
        Runtime(NeuralNetConfiguration conf, DataType dtype) {
            super(conf, dtype);
        }

        @Override
        public INDArray activate(boolean training, LayerWorkspaceMgr mgr) {
            if (!training || !relu()) return super.activate(training, mgr);
            assertInputSet(false);
            return InPlaceRelu.relu(input, mgr.createUninitialized(ArrayType.ACTIVATIONS, input.dataType(), input.shape(), input.ordering()));
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr mgr) {
            if (!relu()) return super.backpropGradient(epsilon, mgr);
            assertInputSet(true);
            INDArray delta = mgr.createUninitialized(ArrayType.ACTIVATION_GRAD, input.dataType(), input.shape(), input.ordering());
            return new Pair<>(new DefaultGradient(), InPlaceRelu.gradient(input, epsilon, delta));
        }

        private boolean relu() {
            return layerConf().getActivationFn() instanceof InPlaceRelu;
        }
    }
}
