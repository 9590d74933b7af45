package io.hptransfer.param;

import com.fasterxml.jackson.annotation.JsonCreator;

import java.util.Locale;

/**
 * Optimizer family: the LR rules differ between SGD-like and Adam-like updates. config.json spells it SGD /
 * ADAM (the enum's name), sweep specs and trial ids sgd / adam ({@link #key()}); both are read.
 */
public enum Optimizer {
    SGD, ADAM;

    /** The lower-case spelling of specs, trial ids and options. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Optimizer parse(String s) {
        return switch (s == null ? "" : s.trim().toLowerCase(Locale.ROOT)) {
            case "sgd" -> SGD;
            case "adam" -> ADAM;
            default -> throw new IllegalArgumentException(
                    "unknown optimizer '" + s + "': use sgd or adam");
        };
    }
}
