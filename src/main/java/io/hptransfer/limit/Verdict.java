package io.hptransfer.limit;

import java.util.Locale;

/** One PASS/FAIL line of a check: what was measured, the value, and the theory's expectation with its tolerance. */
public record Verdict(String what, double measured, double expected, double tolerance, String kind) {

    /** |measured - expected| <= tolerance. */
    public static Verdict slope(String what, double measured, double expected, double tolerance) {
        return new Verdict(what, measured, expected, tolerance, "slope");
    }

    /** measured <= bound. */
    public static Verdict atMost(String what, double measured, double bound) {
        return new Verdict(what, measured, bound, 0, "at most");
    }

    public boolean pass() {
        if (!Double.isFinite(measured)) return false;
        return kind.equals("at most") ? measured <= expected : Math.abs(measured - expected) <= tolerance;
    }

    @Override
    public String toString() {
        String exp = kind.equals("at most") ? String.format(Locale.ROOT, "<= %.2f", expected)
                : String.format(Locale.ROOT, "%+.2f +- %.2f", expected, tolerance);
        return String.format(Locale.ROOT, "  %-52s %+8.3f   expected %-14s %s", what, measured, exp, pass() ? "PASS" : "FAIL");
    }
}
