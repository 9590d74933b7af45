package io.hptransfer.model;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ReLU with the same forward op as DL4J's, and a backward pass written into the pre-activation DL4J hands
 * over (its IActivation contract allows that; ActivationTanH does the same). DL4J's ActivationReLU runs
 * libnd4j's relu_bp into a freshly allocated array: measured 0.75-2.0 ms per 64x8x28x28 tensor here, 20%
 * of a W8 L2 trial's op time, against 0.3 ms for step + multiply in place. Gradients are equal value for value
 * (epsilon times 1 or 0); only the sign of a zero can differ, which no later sum or Adam step sees.
 */
public final class InPlaceRelu extends BaseActivationFunction {
    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        return relu(in, in);
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        return new Pair<>(gradient(in, epsilon, in), null);
    }

    /** max(in, 0) into out (may be in): DL4J's own forward op. */
    static INDArray relu(INDArray in, INDArray out) {
        Nd4j.getExecutioner().exec(new RectifiedLinear(in, out));
        return out;
    }

    /** epsilon where in > 0, else 0, into out (may be in): a step and a multiply, no allocation. */
    static INDArray gradient(INDArray in, INDArray epsilon, INDArray out) {
        Nd4j.getExecutioner().exec(new Step(in, out, 0.0));
        return out.muli(epsilon);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InPlaceRelu;
    }

    @Override
    public int hashCode() {
        return InPlaceRelu.class.hashCode();
    }

    @Override
    public String toString() {
        return "relu";
    }
}
