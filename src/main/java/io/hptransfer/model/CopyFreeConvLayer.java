package io.hptransfer.model;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/**
 * DL4J's ConvolutionLayer without the copy of its output that its cache mode keeps for the backward pass when
 * the activation is the identity (the ResNet's stem and each branch's second conv). DL4J caches the
 * pre-activation so the backward pass need not run the convolution again, but an identity's derivative only
 * checks its shape and passes the incoming gradient on; the output itself serves as that cache. Same numbers
 * bit for bit (CopyFreeLayersTest); every other activation, and inference, is DL4J's own path.
 */
public final class CopyFreeConvLayer extends ConvolutionLayer {

    /** For Jackson (checkpoints). */
    public CopyFreeConvLayer() {
    }

    private CopyFreeConvLayer(ConvolutionLayer.Builder b) {
        super(b);
    }

    /** The layer the builder describes, as this class (the builder's own checks run first). */
    public static CopyFreeConvLayer of(ConvolutionLayer.Builder b) {
        b.build();
        return new CopyFreeConvLayer(b);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray paramsView, boolean initializeParams, DataType dtype) {
        return Graphs.install(new Runtime(conf, dtype), this, conf, listeners, layerIndex, paramsView, initializeParams);
    }

    static final class Runtime extends org.deeplearning4j.nn.layers.convolution.ConvolutionLayer {
        Runtime(NeuralNetConfiguration conf, DataType dtype) {
            super(conf, dtype);
        }

        @Override
        public INDArray activate(boolean training, LayerWorkspaceMgr mgr) {
            // DL4J keeps the pre-activation only under a cache mode; without one its backward pass recomputes it
            boolean caching = cacheMode != null && cacheMode != CacheMode.NONE;
            if (!training || !caching || !(layerConf().getActivationFn() instanceof ActivationIdentity)) {
                return super.activate(training, mgr);
            }
            if (input == null) throw new IllegalArgumentException("Cannot perform forward pass with null input " + layerId());
            applyDropOutIfNecessary(true, mgr);
            INDArray z = preOutput(true, false, mgr).getFirst();
            preOutput = z;  // what backpropGradient reads as the cached pre-activation: the identity only checks its shape
            return z;       // DL4J's identity activation (its oneDNN helper's too) returns z itself
        }
    }
}
