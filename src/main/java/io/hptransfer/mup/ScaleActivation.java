package io.hptransfer.mup;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/** x -> c x, in place: the activation of {@link ReadoutMultiplierLayer}. */
public final class ScaleActivation extends BaseActivationFunction {
    private final double scale;

    public ScaleActivation(@JsonProperty("scale") double scale) {
        this.scale = scale;
    }

    public double getScale() {
        return scale;
    }

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        return in.muli(scale); // ReadoutMultiplierLayer always passes its own copy
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        // DL4J's ActivationLayer passes a copy of the input here: reuse it rather than touch the caller's epsilon
        return new Pair<>(in.assign(epsilon).muli(scale), null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScaleActivation s && s.scale == scale;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(scale);
    }

    @Override
    public String toString() {
        return "scale(" + scale + ")";
    }
}
