package io.hptransfer.param;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * A named scaling scheme. {@code muP} switches on the width rules; {@code branchExponent} alpha
 * is the depth exponent of the residual branch multiplier beta * m_L^-alpha (0 = no depth scaling).
 * Specs, keys and config.json spell it by its name (sp, mup, mup-depth, completep, mup-alpha&lt;x&gt;).
 */
public record Parameterization(String name, boolean muP, double branchExponent) {

    public static final Parameterization SP = new Parameterization("sp", false, 0);
    public static final Parameterization MUP = new Parameterization("mup", true, 0);
    public static final Parameterization MUP_DEPTH = new Parameterization("mup-depth", true, 0.5);
    public static final Parameterization COMPLETEP = new Parameterization("completep", true, 1.0);

    public Parameterization {
        if (branchExponent != 0 && (branchExponent < 0.5 || branchExponent > 1)) {
            // The depth LR/eps rules (CompleteP Table 1) are derived for alpha in [1/2, 1].
            throw new IllegalArgumentException("branch exponent " + branchExponent
                    + " is outside [0.5, 1], the range the depth rules are derived for: use 0.5 (mup-depth) .. 1 (completep)");
        }
    }

    public boolean depthScaling() {
        return branchExponent > 0;
    }

    /** muP width rules with a custom depth exponent alpha. */
    public static Parameterization custom(double alpha) {
        if (alpha == 0) return MUP;
        return new Parameterization("mup-alpha" + alpha, true, alpha);
    }

    /** Parses sp, mup, mup-depth, completep, or mup-alpha&lt;x&gt;. */
    @JsonCreator
    public static Parameterization parse(String s) {
        if (s == null) throw new IllegalArgumentException("parameterization is missing: use sp, mup, mup-depth or completep");
        String k = s.trim().toLowerCase(Locale.ROOT);
        switch (k) {
            case "sp": return SP;
            case "mup": return MUP;
            case "mup-depth": return MUP_DEPTH;
            case "completep": return COMPLETEP;
            default:
        }
        if (k.startsWith("mup-alpha")) {
            try {
                return custom(Double.parseDouble(k.substring("mup-alpha".length())));
            } catch (NumberFormatException e) {
                // fall through to the error below
            }
        }
        throw new IllegalArgumentException("unknown parameterization '" + s
                + "': use sp, mup, mup-depth, completep (or --branch-exponent with mup)");
    }

    @JsonValue
    @Override
    public String toString() {
        return name;
    }
}
