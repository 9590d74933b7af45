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

    /** measured >= bound. */
    public static Verdict atLeast(String what, double measured, double bound) {
        return new Verdict(what, measured, bound, 0, "at least");
    }

    /** A number reported beside the verdicts, judged against nothing (always passes). */
    public static Verdict info(String what, double measured) {
        return new Verdict(what, measured, Double.NaN, 0, "info");
    }

    public boolean pass() {
        if (kind.equals("info")) return true;
        if (!Double.isFinite(measured)) return false;
        return switch (kind) {
            case "at most" -> measured <= expected;
            case "at least" -> measured >= expected;
            default -> Math.abs(measured - expected) <= tolerance;
        };
    }

    @Override
    public String toString() {
        String value = Math.abs(measured) >= 1e4 ? String.format(Locale.ROOT, "%8.2e", measured) : String.format(Locale.ROOT, "%+8.3f", measured);
        if (kind.equals("info")) return String.format(Locale.ROOT, "  %-52s %s   (informational)", what, value);
        String exp = switch (kind) {
            case "at most" -> String.format(Locale.ROOT, "<= %.3g", expected);
            case "at least" -> String.format(Locale.ROOT, ">= %.3g", expected);
            default -> String.format(Locale.ROOT, "%+.2f +- %.2f", expected, tolerance);
        };
        return String.format(Locale.ROOT, "  %-52s %s   expected %-14s %s", what, value, exp, pass() ? "PASS" : "FAIL");
    }
}
