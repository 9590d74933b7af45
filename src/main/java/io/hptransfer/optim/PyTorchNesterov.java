package io.hptransfer.optim;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonProperty;

import java.util.Map;
import java.util.Objects;

/**
 * Nesterov momentum exactly as torch.optim.SGD(momentum=mu, nesterov=True): the buffer sums raw
 * gradients (b = mu b + g) and the step's own LR multiplies the whole update, lr_t (g + mu b).
 * DL4J's Nesterovs folds each step's LR into its velocity (v = mu v - lr_t g), which is the same
 * only while the LR is constant: under warm-up or cosine decay the two trajectories part.
 */
public final class PyTorchNesterov extends ScheduledUpdater {
    private final double momentum;

    public PyTorchNesterov(@JsonProperty("learningRateSchedule") ISchedule learningRateSchedule,
                           @JsonProperty("momentum") double momentum) {
        super(learningRateSchedule);
        this.momentum = momentum;
    }

    public double getMomentum() {
        return momentum;
    }

    @Override
    public long stateSize(long numParams) {
        return numParams;
    }

    @Override
    public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
        Updater u = new Updater(this);
        u.setStateViewArray(viewArray, viewArray.shape(), viewArray.ordering(), initializeViewArray);
        return u;
    }

    @Override
    public GradientUpdater instantiate(Map<String, INDArray> updaterState, boolean initializeStateArrays) {
        Updater u = new Updater(this);
        u.setState(updaterState, initializeStateArrays);
        return u;
    }

    @Override
    public PyTorchNesterov clone() {
        return new PyTorchNesterov(getLearningRateSchedule().clone(), momentum);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PyTorchNesterov n && n.getLearningRateSchedule().equals(getLearningRateSchedule())
                && n.momentum == momentum;
    }

    @Override
    public int hashCode() {
        return Objects.hash(getLearningRateSchedule(), momentum);
    }

    @Override
    public String toString() {
        return "PyTorchNesterov(" + getLearningRateSchedule() + ", momentum=" + momentum + ")";
    }

    /** The momentum buffer b lives in DL4J's updater state view, so checkpoints save and restore it. */
    static final class Updater implements GradientUpdater<PyTorchNesterov> {
        static final String BUFFER = "b";
        private final PyTorchNesterov config;
        private INDArray buffer;

        Updater(PyTorchNesterov config) {
            this.config = config;
        }

        @Override
        public PyTorchNesterov getConfig() {
            return config;
        }

        @Override
        public void setState(Map<String, INDArray> stateMap, boolean initialize) {
            if (!stateMap.containsKey(BUFFER) || stateMap.size() != 1) {
                throw new IllegalStateException("Nesterov state should hold only [" + BUFFER + "], has " + stateMap.keySet());
            }
            buffer = stateMap.get(BUFFER);
            if (initialize) buffer.assign(0);
        }

        @Override
        public Map<String, INDArray> getState() {
            return Map.of(BUFFER, buffer);
        }

        @Override
        public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
            if (initialize) viewArray.assign(0);
            buffer = viewArray.reshape(gradientOrder, gradientShape);
        }

        /** In place: gradient becomes the update lr_t (g + mu b) that DL4J subtracts from the parameters. */
        @Override
        public void applyUpdater(INDArray gradient, int iteration, int epoch) {
            double mu = config.getMomentum();
            INDArray g = gradient.reshape(buffer.shape());
            buffer.muli(mu).addi(g);
            g.addi(buffer.mul(mu)).muli(config.getLearningRate(iteration, epoch));
        }
    }
}
