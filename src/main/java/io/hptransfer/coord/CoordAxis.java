package io.hptransfer.coord;

import java.util.Locale;

/** What a coordinate check varies: width at fixed depth, or depth at fixed width. */
public enum CoordAxis {
    WIDTH, DEPTH;

    public static CoordAxis parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown axis '" + s + "': use width or depth");
        }
    }
}
