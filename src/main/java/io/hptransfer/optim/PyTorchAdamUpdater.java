package io.hptransfer.optim;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;

import java.util.Map;

/**
 * Runs libnd4j's fused Adam op (one native call per updater block) with epsilon_t = epsilon *
 * sqrt(1 - beta2^t). The op computes lr sqrt(1-beta2^t)/(1-beta1^t) m / (sqrt(v) + epsilon_t)
 * = lr m_hat / (sqrt(v_hat) + epsilon): torch.optim.Adam's update, exactly in real arithmetic.
 */
final class PyTorchAdamUpdater implements GradientUpdater<PyTorchAdam> {
    private final PyTorchAdam config;
    /** The fused op reads its hyperparameters from this private config; only epsilon changes per step. */
    private final Adam inner;
    private final AdamUpdater delegate;

    PyTorchAdamUpdater(PyTorchAdam config) {
        this.config = config;
        this.inner = Adam.builder().learningRateSchedule(config.getLearningRateSchedule()).beta1(config.getBeta1())
                .beta2(config.getBeta2()).epsilon(config.getEpsilon()).build();
        this.delegate = new AdamUpdater(inner);
    }

    /** As DL4J's Adam.instantiate: the view holds m then v, each shaped like the (flat) gradient block. */
    void initView(INDArray viewArray, boolean initialize) {
        INDArray flat = viewArray.reshape(viewArray.length());
        long[] gradientShape = flat.shape().clone();
        gradientShape[0] /= 2;
        delegate.setStateViewArray(flat, gradientShape, flat.ordering(), initialize);
    }

    @Override
    public PyTorchAdam getConfig() {
        return config;
    }

    @Override
    public void setState(Map<String, INDArray> stateMap, boolean initialize) {
        delegate.setState(stateMap, initialize);
    }

    @Override
    public Map<String, INDArray> getState() {
        return delegate.getState();
    }

    @Override
    public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
        delegate.setStateViewArray(viewArray, gradientShape, gradientOrder, initialize);
    }

    @Override
    public void applyUpdater(INDArray gradient, int iteration, int epoch) {
        // DL4J's iteration is 0-based; the op's bias corrections use t = iteration + 1
        inner.setEpsilon(config.getEpsilon() * Math.sqrt(1 - Math.pow(config.getBeta2(), iteration + 1)));
        delegate.applyUpdater(gradient, iteration, epoch);
    }
}
