package io.hptransfer.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which parameterization's optimal LR moved least along one size axis, per optimizer, and whether
 * that ranking is beyond noise: the runner-up's |shift| must exceed the steadiest's by more than
 * the two-sided 95% Student-t quantile (degrees of freedom: seeds - 1) times its standard error
 * (the two shifts' uncertainties in quadrature). t, not 2: with 2-4 seeds the standard error is
 * itself a rough estimate (in the quickstart's study, two seeds gave +-0.10 where four gave +-0.41).
 */
public record ShiftVerdict(String optimizer, SizeSeries steadiest, SizeSeries runnerUp, double sigma, Status status) {
    /** t_{0.975} for 1..20 degrees of freedom; beyond, 1.96 + 2.5/dof is within 0.002. */
    private static final double[] T975 = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201,
            2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086};

    /** Two-sided 95% quantile of Student's t with dof degrees of freedom (infinite for dof < 1). */
    public static double t975(int dof) {
        if (dof < 1) return Double.POSITIVE_INFINITY;
        return dof <= T975.length ? T975[dof - 1] : 1.96 + 2.5 / dof;
    }

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
            out.add(new ShiftVerdict(e.getKey(), best, next, z, z >= needed(best, next) ? Status.RESOLVED : Status.NOT_RESOLVED));
        }
        return out;
    }

    /** Seeds behind the comparison: the fewest of the four curves'. */
    public int seeds() {
        return seeds(steadiest, runnerUp);
    }

    /** The t quantile the difference had to reach, in standard errors. */
    public double needed() {
        return needed(steadiest, runnerUp);
    }

    private static int seeds(SizeSeries a, SizeSeries b) {
        return Math.min(Math.min(a.proxy().seeds(), a.target().seeds()), Math.min(b.proxy().seeds(), b.target().seeds()));
    }

    private static double needed(SizeSeries a, SizeSeries b) {
        return t975(seeds(a, b) - 1);
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
                        + "(difference %.2f = %.1f sigma; %s %.1f, Student's t at %d seeds)",
                status == Status.RESOLVED ? "resolved" : "not resolved", steadiest.param(), Math.abs(steadiest.shift()),
                steadiest.shiftUncertainty(), runnerUp.param(), Math.abs(runnerUp.shift()), runnerUp.shiftUncertainty(),
                margin(steadiest, runnerUp), sigma, status == Status.RESOLVED ? "beyond" : "needs", needed(), seeds());
    }
}
