package io.hptransfer.sweep;

/** One loss-vs-LR curve: a model shape under one parameterization and optimizer. */
public record CurveKey(String param, String optimizer, int width, int depth) {
    public String label() {
        return param + " " + optimizer + " W" + width + " L" + depth;
    }
}
