package io.hptransfer.optim;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonProperty;

import java.util.Map;
import java.util.Objects;

/**
 * Adam exactly as torch.optim.Adam (Kingma and Ba's Algorithm 1): epsilon is added to the
 * bias-corrected sqrt(v_hat). DL4J's own Adam adds it to the uncorrected sqrt(v), which equals
 * torch's with epsilon / sqrt(1 - beta2^t): 31.6x larger at step 1, a time-varying epsilon the
 * muP/CompleteP epsilon rules were not derived for. `hpt parity` measured the difference (2.6e-5
 * relative in the first update of a W8 stem) and nothing else at the base shape.
 * Jackson-annotated with equals/hashCode: checkpoints restore it and DL4J merges equal updaters into blocks.
 */
public final class PyTorchAdam extends ScheduledUpdater {
    private final double beta1;
    private final double beta2;
    private final double epsilon;

    public PyTorchAdam(@JsonProperty("learningRateSchedule") ISchedule learningRateSchedule,
                       @JsonProperty("beta1") double beta1,
                       @JsonProperty("beta2") double beta2,
                       @JsonProperty("epsilon") double epsilon) {
        super(learningRateSchedule);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    public double getBeta1() {
        return beta1;
    }

    public double getBeta2() {
        return beta2;
    }

    public double getEpsilon() {
        return epsilon;
    }

    @Override
    public long stateSize(long numParams) {
        return 2 * numParams;
    }

    @Override
    public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
        PyTorchAdamUpdater u = new PyTorchAdamUpdater(this);
        u.initView(viewArray, initializeViewArray);
        return u;
    }

    @Override
    public GradientUpdater instantiate(Map<String, INDArray> updaterState, boolean initializeStateArrays) {
        PyTorchAdamUpdater u = new PyTorchAdamUpdater(this);
        u.setState(updaterState, initializeStateArrays);
        return u;
    }

    @Override
    public PyTorchAdam clone() {
        return new PyTorchAdam(getLearningRateSchedule().clone(), beta1, beta2, epsilon);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PyTorchAdam a && a.getLearningRateSchedule().equals(getLearningRateSchedule())
                && a.beta1 == beta1 && a.beta2 == beta2 && a.epsilon == epsilon;
    }

    @Override
    public int hashCode() {
        return Objects.hash(getLearningRateSchedule(), beta1, beta2, epsilon);
    }

    @Override
    public String toString() {
        return "PyTorchAdam(" + getLearningRateSchedule() + ", beta1=" + beta1 + ", beta2=" + beta2 + ", eps=" + epsilon + ")";
    }
}
