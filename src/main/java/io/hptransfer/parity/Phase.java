package io.hptransfer.parity;

/** Which part of a training step two implementations disagree in, in the order a step runs them. */
public enum Phase {
    LOSS("loss (forward pass)"),
    GRADIENT("gradient (backward pass)"),
    UPDATE("update (optimizer step)");

    private final String label;

    Phase(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
