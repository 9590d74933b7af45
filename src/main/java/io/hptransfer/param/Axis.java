package io.hptransfer.param;

import java.util.Locale;

/**
 * A model's two size axes: width (channels, embedding dim) and depth (residual blocks). Sweeps, their
 * analysis and report, the coordinate check and the limit checks all vary one of them at a time.
 * Printed (and written to files) as "width" / "depth".
 */
public enum Axis {
    WIDTH("width", "W"),
    DEPTH("depth", "L");

    private final String label;
    private final String letter;

    Axis(String label, String letter) {
        this.label = label;
        this.letter = letter;
    }

    /** "width" or "depth". */
    public String label() {
        return label;
    }

    /** "W" or "L", as in the size labels W32 and L8. */
    public String letter() {
        return letter;
    }

    /** The axis held fixed while this one varies. */
    public Axis other() {
        return this == WIDTH ? DEPTH : WIDTH;
    }

    public static Axis parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown axis '" + s + "': use width or depth");
        }
    }

    @Override
    public String toString() {
        return label;
    }
}
