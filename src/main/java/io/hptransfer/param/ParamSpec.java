package io.hptransfer.param;

/**
 * What the rule table needs to know about one parameter tensor.
 *
 * @param role      scaling role
 * @param inBranch  lives inside a residual branch (gets the depth rules)
 * @param fanIn     actual fan-in (inputs per output unit, incl. kernel area); 0 for vectors
 * @param fanInMult width multiplier of the fan-in dimension (1 if finite)
 * @param fanOutMult width multiplier of the fan-out dimension (1 if finite)
 * @param gain      init variance numerator: 2 for weights feeding a ReLU-like path (He), 1 otherwise
 */
public record ParamSpec(Role role, boolean inBranch, long fanIn, double fanInMult, double fanOutMult,
                        double gain) {

    public static ParamSpec input(long fanIn, double fanOutMult, double gain) {
        return new ParamSpec(Role.INPUT, false, fanIn, 1, fanOutMult, gain);
    }

    public static ParamSpec hidden(boolean inBranch, long fanIn, double fanInMult, double fanOutMult, double gain) {
        return new ParamSpec(Role.HIDDEN, inBranch, fanIn, fanInMult, fanOutMult, gain);
    }

    public static ParamSpec vector(boolean inBranch, double sizeMult) {
        return new ParamSpec(Role.VECTOR, inBranch, 0, 1, sizeMult, 1);
    }

    public static ParamSpec readout(long fanIn, double fanInMult) {
        return new ParamSpec(Role.READOUT, false, fanIn, fanInMult, 1, 1);
    }

    public static ParamSpec readoutBias() {
        return new ParamSpec(Role.READOUT_BIAS, false, 0, 1, 1, 1);
    }
}
