package io.hptransfer.param;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScalingRulesTest {
    private static final double TOL = 1e-12;

    private static ScalingRules rules(Parameterization p, double mN, double mL, Optimizer o) {
        return new ScalingRules(p, new Shape(mN, mL), o, 1.0, false);
    }

    /** Specs for a width multiplier m, as the ResNet builder makes them (base width 16). */
    private static List<ParamSpec> specs(double m) {
        long w = Math.round(16 * m);
        return List.of(ParamSpec.input(27, m, 1), ParamSpec.hidden(true, 9 * w, m, m, 2),
                ParamSpec.hidden(false, 9 * w, m, m, 1), ParamSpec.vector(true, m), ParamSpec.vector(false, m),
                ParamSpec.readout(w, m), ParamSpec.readoutBias());
    }

    @ParameterizedTest
    @ValueSource(strings = {"mup", "mup-depth", "completep", "mup-alpha0.75"})
    void everyMupVariantEqualsSpAtBaseShape(String name) {
        Parameterization p = Parameterization.parse(name);
        for (Optimizer o : Optimizer.values()) {
            ScalingRules mup = rules(p, 1, 1, o), sp = rules(Parameterization.SP, 1, 1, o);
            for (ParamSpec s : specs(1)) assertEquals(sp.rule(s), mup.rule(s), name + " " + o + " " + s);
            assertEquals(sp.branchMultiplier(0.7), mup.branchMultiplier(0.7));
            assertEquals(sp.readoutMultiplier(2.5), mup.readoutMultiplier(2.5));
        }
    }

    @Test
    void spIgnoresShape() {
        for (Optimizer o : Optimizer.values()) {
            ScalingRules sp = rules(Parameterization.SP, 8, 4, o);
            for (ParamSpec s : specs(8)) {
                assertEquals(1.0, sp.rule(s).lrMult(), TOL);
                assertEquals(1.0, sp.rule(s).adamEpsMult(), TOL);
            }
            assertEquals(1.0, sp.branchMultiplier(1.0), TOL);
            assertEquals(3.0, sp.readoutMultiplier(3.0), TOL);
        }
    }

    @Test
    void mupWidthTableSgdAndAdam() {
        double m = 4;
        ParamSpec in = ParamSpec.input(27, m, 1), hid = ParamSpec.hidden(false, 9 * 64, m, m, 2),
                vec = ParamSpec.vector(false, m), out = ParamSpec.readout(64, m), ob = ParamSpec.readoutBias();
        ScalingRules sgd = rules(Parameterization.MUP, m, 8, Optimizer.SGD);
        assertEquals(4.0, sgd.rule(in).lrMult(), TOL);
        assertEquals(1.0, sgd.rule(hid).lrMult(), TOL);
        assertEquals(4.0, sgd.rule(vec).lrMult(), TOL);
        assertEquals(4.0, sgd.rule(out).lrMult(), TOL);
        assertEquals(1.0, sgd.rule(ob).lrMult(), TOL);
        // hidden whose fan-in and fan-out scale differently (fan-in x2, fan-out x4): microsoft/mup's MuSGD
        // divides the LR by fanin_mult/fanout_mult = 0.5, i.e. x fanout_mult/fanin_mult = 2
        assertEquals(2.0, sgd.rule(ParamSpec.hidden(false, 9, 2, 4, 1)).lrMult(), TOL);
        ScalingRules adam = rules(Parameterization.MUP, m, 8, Optimizer.ADAM);
        assertEquals(1.0, adam.rule(in).lrMult(), TOL);
        assertEquals(0.25, adam.rule(hid).lrMult(), TOL);
        assertEquals(0.25, adam.rule(hid).adamEpsMult(), TOL);
        assertEquals(1.0, adam.rule(vec).lrMult(), TOL);
        assertEquals(1.0, adam.rule(out).lrMult(), TOL);
        // muP alone has no depth rule even at m_L = 8
        assertEquals(1.0, adam.branchMultiplier(1.0), TOL);
        assertEquals(0.25, adam.readoutMultiplier(1.0), TOL);
    }

    @Test
    void initVariances() {
        ScalingRules mup = rules(Parameterization.MUP, 4, 1, Optimizer.SGD);
        ScalingRules sp = rules(Parameterization.SP, 4, 1, Optimizer.SGD);
        ParamSpec hid = ParamSpec.hidden(true, 9 * 64, 4, 4, 2);
        assertEquals(Math.sqrt(2.0 / (9 * 64)), mup.rule(hid).initStd(), TOL);
        assertEquals(sp.rule(hid).initStd(), mup.rule(hid).initStd(), TOL);
        ParamSpec out = ParamSpec.readout(64, 4);
        assertEquals(Math.sqrt(1.0 / 16), mup.rule(out).initStd(), TOL); // constant: 1/base_fan_in
        assertEquals(Math.sqrt(1.0 / 64), sp.rule(out).initStd(), TOL);
        assertEquals(0.0, new ScalingRules(Parameterization.MUP, new Shape(4, 1), Optimizer.SGD, 1, true).rule(out).initStd());
        assertEquals(0.5 * Math.sqrt(1.0 / 27), new ScalingRules(Parameterization.MUP, new Shape(4, 1), Optimizer.SGD, 0.5, false)
                .rule(ParamSpec.input(27, 4, 1)).initStd(), TOL);
    }

    @Test
    void depthRulesAtSeveralShapes() {
        double[][] shapes = {{1, 4}, {2, 4}, {4, 16}, {8, 0.5}};
        for (double[] sh : shapes) {
            double mN = sh[0], mL = sh[1];
            ParamSpec hidB = ParamSpec.hidden(true, 9, mN, mN, 2), vecB = ParamSpec.vector(true, mN),
                    hidOut = ParamSpec.hidden(false, 9, mN, mN, 1);
            // alpha = 1/2
            ScalingRules a = rules(Parameterization.MUP_DEPTH, mN, mL, Optimizer.ADAM);
            assertEquals(1 / mN / Math.sqrt(mL), a.rule(hidB).lrMult(), TOL);
            assertEquals(1 / Math.sqrt(mL), a.rule(vecB).lrMult(), TOL);
            assertEquals(1 / mN / Math.sqrt(mL), a.rule(hidB).adamEpsMult(), TOL);
            assertEquals(1 / mN, a.rule(hidOut).lrMult(), TOL); // transitions: no depth factor
            assertEquals(1 / Math.sqrt(mL), a.branchMultiplier(1), TOL);
            ScalingRules s = rules(Parameterization.MUP_DEPTH, mN, mL, Optimizer.SGD);
            assertEquals(1.0, s.rule(hidB).lrMult(), TOL);
            assertEquals(mN, s.rule(vecB).lrMult(), TOL);
            // alpha = 1 (CompleteP)
            ScalingRules c = rules(Parameterization.COMPLETEP, mN, mL, Optimizer.ADAM);
            assertEquals(1 / mN, c.rule(hidB).lrMult(), TOL);
            assertEquals(1 / mN / mL, c.rule(hidB).adamEpsMult(), TOL);
            assertEquals(2.0 / mL, c.branchMultiplier(2), TOL);
            ScalingRules cs = rules(Parameterization.COMPLETEP, mN, mL, Optimizer.SGD);
            assertEquals(mL, cs.rule(hidB).lrMult(), TOL);
            assertEquals(mN * mL, cs.rule(vecB).lrMult(), TOL);
        }
    }

    @Test
    void weightDecayKeepsLrTimesWdInvariant() {
        ScalingRules a = rules(Parameterization.COMPLETEP, 4, 2, Optimizer.ADAM);
        for (ParamSpec s : specs(4)) {
            assertEquals(1.0, a.rule(s).lrMult() * a.rule(s).weightDecayMult(), TOL);
        }
    }

    @Test
    void badParameterizationsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Parameterization.parse("mupp"));
        assertTrue(e.getMessage().contains("sp, mup, mup-depth, completep"));
        assertThrows(IllegalArgumentException.class, () -> Parameterization.custom(2.0));
        assertEquals(Parameterization.MUP, Parameterization.custom(0));
        assertThrows(IllegalArgumentException.class, () -> new Shape(0, 1));
    }
}
