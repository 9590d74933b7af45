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
        Nd4j.getExecutioner().exec(new RectifiedLinear(in, in));
        return in;
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        Nd4j.getExecutioner().exec(new Step(in, in, 0.0));
        return new Pair<>(in.muli(epsilon), null);
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
