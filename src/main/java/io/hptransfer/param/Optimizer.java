package io.hptransfer.param;

/** Optimizer family: the LR rules differ between SGD-like and Adam-like updates. */
public enum Optimizer {
    SGD, ADAM;

    public static Optimizer parse(String s) {
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "sgd" -> SGD;
            case "adam" -> ADAM;
            default -> throw new IllegalArgumentException(
                    "unknown optimizer '" + s + "': use sgd or adam");
        };
    }
}
