package io.hptransfer.mup;

import io.hptransfer.model.ArchConfig;
import io.hptransfer.param.Parameterization;
import io.hptransfer.param.Role;

import java.util.HashMap;
import java.util.Map;

/**
 * How {@link MuP} parameterizes a model.
 *
 * @param param       sp, mup (or a depth variant: see the README); SP gives the same table with every multiplier 1
 * @param outputMult  readout multiplier at the base width (muP divides it by the readout's width multiplier)
 * @param initScale   multiplies every init std
 * @param zeroReadout muP option: the readout starts at 0
 * @param roles       a role by layer name, for a layer whose shapes say something else (e.g. a dense layer
 *                    that maps the width to a fixed size and is a readout-like projection)
 */
public record MuOptions(Parameterization param, double outputMult, double initScale, boolean zeroReadout,
                        Map<String, Role> roles) {
    public MuOptions {
        if (param == null) throw new IllegalArgumentException("parameterization is missing: use Parameterization.MUP or SP");
        if (!(outputMult > 0) || Double.isInfinite(outputMult)) throw new IllegalArgumentException("output multiplier must be finite and > 0, got " + outputMult);
        if (!(initScale >= 0) || Double.isInfinite(initScale)) throw new IllegalArgumentException("init scale must be finite and >= 0, got " + initScale);
        roles = Map.copyOf(roles == null ? Map.of() : roles);
    }

    /** muP, multipliers 1, random readout (the defaults of hpt's own models). */
    public static MuOptions mup() {
        return of(Parameterization.MUP);
    }

    /** The same table with muP off: what muP must equal at the base shape. */
    public static MuOptions sp() {
        return of(Parameterization.SP);
    }

    public static MuOptions of(Parameterization p) {
        return new MuOptions(p, ArchConfig.OUTPUT_MULT, ArchConfig.INIT_SCALE, ArchConfig.ZERO_READOUT, Map.of());
    }

    public MuOptions withOutputMult(double m) {
        return new MuOptions(param, m, initScale, zeroReadout, roles);
    }

    public MuOptions withInitScale(double s) {
        return new MuOptions(param, outputMult, s, zeroReadout, roles);
    }

    public MuOptions withZeroReadout(boolean z) {
        return new MuOptions(param, outputMult, initScale, z, roles);
    }

    /** States the role of one layer's weight by its name (MultiLayerNetwork: its index unless named). */
    public MuOptions withRole(String layer, Role role) {
        Map<String, Role> m = new HashMap<>(roles);
        m.put(layer, role);
        return new MuOptions(param, outputMult, initScale, zeroReadout, m);
    }
}
