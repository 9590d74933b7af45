package io.hptransfer.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which parameterization's optimal LR moved least along one size axis, per optimizer, and whether
 * that ranking is beyond noise: the runner-up's |shift| must exceed the steadiest's by at least
 * {@link #RESOLVED_SIGMA} standard errors (the two shifts' uncertainties in quadrature).
 */
public record ShiftVerdict(String optimizer, SizeSeries steadiest, SizeSeries runnerUp, double sigma, Status status) {
    public static final double RESOLVED_SIGMA = 2.0;

    public enum Status {
        RESOLVED, NOT_RESOLVED,
        /** one seed: the shifts' scatter across seeds was not measured */
        UNKNOWN_UNCERTAINTY
    }

    /** One verdict per optimizer with at least two parameterizations whose shift exists. */
    public static List<ShiftVerdict> of(List<SizeSeries> headline) {
        Map<String, List<SizeSeries>> byOpt = new LinkedHashMap<>();
        for (SizeSeries s : headline) byOpt.computeIfAbsent(s.optimizer(), k -> new ArrayList<>()).add(s);
        List<ShiftVerdict> out = new ArrayList<>();
        for (var e : byOpt.entrySet()) {
            List<SizeSeries> finite = e.getValue().stream().filter(s -> Double.isFinite(s.shift()))
                    .sorted((a, c) -> Double.compare(Math.abs(a.shift()), Math.abs(c.shift()))).toList();
            if (finite.size() < 2) continue;
            SizeSeries best = finite.get(0), next = finite.get(1);
            double u = Math.hypot(best.shiftUncertainty(), next.shiftUncertainty());
            if (Double.isNaN(u)) {
                out.add(new ShiftVerdict(e.getKey(), best, next, Double.NaN, Status.UNKNOWN_UNCERTAINTY));
                continue;
            }
            double z = margin(best, next) / u;
            out.add(new ShiftVerdict(e.getKey(), best, next, z, z >= RESOLVED_SIGMA ? Status.RESOLVED : Status.NOT_RESOLVED));
        }
        return out;
    }

    private static double margin(SizeSeries best, SizeSeries next) {
        return Math.abs(next.shift()) - Math.abs(best.shift());
    }

    /** One line: the ranking, both |shift| ± uncertainty, the difference in sigma. */
    public String describe() {
        if (status == Status.UNKNOWN_UNCERTAINTY) {
            return String.format(Locale.ROOT, "no verdict on the shift (one seed: ± unknown); smallest |shift| %s %.2f vs %s %.2f",
                    steadiest.param(), Math.abs(steadiest.shift()), runnerUp.param(), Math.abs(runnerUp.shift()));
        }
        return String.format(Locale.ROOT, "%s: %s's optimum moves least, |shift| %.2f ± %.2f vs %s's %.2f ± %.2f "
                        + "(difference %.2f = %.1f sigma%s)", status == Status.RESOLVED ? "resolved" : "not resolved",
                steadiest.param(), Math.abs(steadiest.shift()), steadiest.shiftUncertainty(), runnerUp.param(),
                Math.abs(runnerUp.shift()), runnerUp.shiftUncertainty(), margin(steadiest, runnerUp), sigma,
                status == Status.RESOLVED ? "" : String.format(Locale.ROOT, ", needs %.0f", RESOLVED_SIGMA));
    }
}
