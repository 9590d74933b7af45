package io.hptransfer.sweep;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;

/** What "the loss" of a trial is when LRs are ranked; spelled trainLoss / testLoss in specs and on disk. */
public enum Metric {
    /** Mean train loss over the last 10% of steps (one batch's loss is too noisy). */
    TRAIN_LOSS("trainLoss", "train loss"),
    /** Loss on the whole test split at the end. */
    TEST_LOSS("testLoss", "test loss");

    private final String key;
    private final String label;

    Metric(String key, String label) {
        this.key = key;
        this.label = label;
    }

    @JsonValue
    public String key() {
        return key;
    }

    /** For axis titles: "train loss". */
    public String label() {
        return label;
    }

    @JsonCreator
    public static Metric parse(String s) {
        for (Metric m : values()) if (m.key.equalsIgnoreCase(s == null ? "" : s.trim())) return m;
        throw new IllegalArgumentException("unknown metric '" + s + "': use " + Arrays.stream(values()).map(Metric::key).toList());
    }

    /** As specs spell it (the summary prints "loss = trainLoss"). */
    @Override
    public String toString() {
        return key;
    }
}
