package io.hptransfer.analysis;

import io.hptransfer.param.Axis;
import io.hptransfer.sweep.Metric;
import io.hptransfer.report.ReportWriter;
import io.hptransfer.report.SweepReport;
import io.hptransfer.sweep.CurveKey;
import io.hptransfer.sweep.Log2Grid;
import io.hptransfer.sweep.ModelSpec;
import io.hptransfer.sweep.OptimizerGrid;
import io.hptransfer.sweep.SweepSpec;
import io.hptransfer.sweep.TrialRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.hptransfer.sweep.SyntheticRecords.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Report numbers on a synthetic results table with known optima: loss = base(size) + 0.05 (log2 lr - opt)^2,
 * where "sp" has opt = -7.3 - log2(width / 8) (one octave lower per doubling) and "mup" has opt = -7.3 at every width.
 */
class TransferAnalysisTest {
    static final int[] WIDTHS = {8, 16, 32};

    static double optimum(String p, int w) {
        return p.equals("sp") ? -7.3 - Math.log(w / 8.0) / Math.log(2) : -7.3;
    }

    static double loss(String p, int w, double lg) {
        double base = 1.0 / Math.sqrt(w); // wider is better at every LR
        double l = base + 0.05 * Math.pow(lg - optimum(p, w), 2);
        return lg >= -4 ? Double.POSITIVE_INFINITY : l; // the largest LR diverges
    }

    static List<TrialRecord> table(int seeds, double noise) {
        List<TrialRecord> out = new ArrayList<>();
        java.util.Random rnd = new java.util.Random(1);
        for (String p : List.of("sp", "mup")) {
            for (int w : WIDTHS) {
                for (int lg = -13; lg <= -4; lg++) {
                    for (long s = 0; s < seeds; s++) out.add(record(p, w, 2, lg, s, loss(p, w, lg) + noise * rnd.nextGaussian()));
                }
            }
        }
        return out;
    }

    static SweepSpec spec() {
        return new SweepSpec("synthetic", null, null, null, null, null, ModelSpec.defaults(), 8, 2, List.of(8, 16, 32), List.of(2),
                "cross", List.of(io.hptransfer.param.Parameterization.SP, io.hptransfer.param.Parameterization.MUP), List.of(new OptimizerGrid("adam", new Log2Grid(-13.0, -4.0, 1.0), null, null, null,
                null, null, null)), List.of(0L), 10, null, 8, null, null, null, null, null, null);
    }

    /** C10's view: each width's curve and optimum against the widest's, known exactly for this table. */
    @Test
    void convergenceToTheLargestSizeMatchesTheKnownCurves(@TempDir Path tmp) throws Exception {
        SweepReport r = SweepReport.of(spec(), table(1, 0), Metric.TRAIN_LOSS);
        for (SizeSeries s : r.headline(Axis.WIDTH)) {
            double[] cd = s.curveDistanceToLargest(), od = s.optimumDistanceToLargest();
            assertEquals(2, cd.length);
            for (int i = 0; i < 2; i++) {
                int w = WIDTHS[i];
                double sq = 0;
                int n = 0;
                for (int lg = -13; lg < -4; lg++) { // the diverged LR (-4) is not comparable
                    sq += Math.pow(Math.log(loss(s.param(), w, lg)) - Math.log(loss(s.param(), 32, lg)), 2);
                    n++;
                }
                assertEquals(Math.sqrt(sq / n), cd[i], 1e-12, s.param() + " W" + w);
                assertEquals(Math.abs(optimum(s.param(), w) - optimum(s.param(), 32)), od[i], 1e-9, s.param() + " W" + w);
            }
            if (s.param().equals("mup")) assertTrue(s.curvesConverge(), "mup's curves only differ by a shrinking offset");
        }
        ReportWriter.write(r, tmp);
        assertTrue(Files.exists(tmp.resolve("convergence.png")));
        List<String> csv = Files.readAllLines(tmp.resolve("convergence.csv"));
        assertEquals("param,optimizer,axis,fixed,size,largest,curve_rms_ln_loss_gap,optimum_gap_octaves", csv.get(0));
        assertTrue(csv.stream().anyMatch(l -> l.startsWith("sp,adam,width,2,8,32,") && l.endsWith(",2.00000")), String.join("\n", csv));
        assertTrue(r.summaryText().contains("gap to width 32 (mup adam)"), r.summaryText());
    }

    @Test
    void parabolaRefinementRecoversTheKnownOptimumBetweenGridPoints() {
        Map<CurveKey, LrCurve> curves = LrCurve.from(table(1, 0), Metric.TRAIN_LOSS);
        for (LrCurve c : curves.values()) {
            Optimum o = OptimumFinder.find(c);
            // the loss is exactly quadratic near the optimum, so the 3-point vertex is exact
            assertEquals(optimum(c.key().param(), c.key().width()), o.log2Lr(), 1e-9, c.key().label());
            assertTrue(Double.isNaN(o.uncertainty()), "one seed: the scatter across seeds is unknown, not half a grid step");
            assertEquals("one seed", o.method());
            assertFalse(o.atEdge());
            assertEquals(Math.round(optimum(c.key().param(), c.key().width())), o.gridLog2Lr(), 1e-9);
            assertEquals(1, c.diverged(c.log2Lr().length - 1), "the diverged LR is +inf, not dropped");
        }
    }

    @Test
    void shiftSlopeRegretAndBiggerIsBetterMatchTheConstruction() {
        List<SizeSeries> series = TransferAnalysis.series(LrCurve.from(table(1, 0), Metric.TRAIN_LOSS));
        assertEquals(2, series.size(), "one width series per parameterization; no depth series from a single depth");
        SizeSeries sp = series.stream().filter(s -> s.param().equals("sp")).findFirst().orElseThrow();
        SizeSeries mup = series.stream().filter(s -> s.param().equals("mup")).findFirst().orElseThrow();
        assertEquals(List.of(8, 16, 32), sp.sizes());
        assertEquals(-2.0, sp.shift(), 1e-9);
        assertEquals(-1.0, sp.slopePerDoubling(), 1e-9);
        assertEquals(0.0, mup.shift(), 1e-9);
        assertEquals(0.0, mup.slopePerDoubling(), 1e-9);
        // sp proxy's best grid LR is -7; the W32 optimum is -9.3 (grid -9): regret = L32(-7) / L32(-9) - 1
        double expected = loss("sp", 32, -7) / loss("sp", 32, -9) - 1;
        assertEquals(expected, sp.regret(), 1e-12);
        assertEquals(0.0, mup.regret(), 1e-12, "same grid optimum at every width: nothing lost");
        // base(size) falls with width at every finite LR; the diverged LR does not count
        assertEquals(1.0, mup.biggerIsBetter(), 1e-12);
    }

    @Test
    void seedBootstrapGivesAnUncertaintyThatGrowsWithNoise() {
        double quiet = uncertainty(table(4, 0.001));
        double noisy = uncertainty(table(4, 0.05));
        assertTrue(quiet < 0.05, "nearly noise-free seeds agree: " + quiet);
        assertTrue(noisy > 2 * quiet && noisy > 0.1, "noisy seeds disagree: " + noisy + " vs " + quiet);
    }

    private static double uncertainty(List<TrialRecord> t) {
        LrCurve c = LrCurve.from(t, Metric.TRAIN_LOSS).values().iterator().next();
        Optimum o = OptimumFinder.find(c);
        assertEquals("bootstrap", o.method());
        return o.uncertainty();
    }

    @Test
    void optimaAtTheGridEdgeAndAllDivergedCurvesAreFlagged() {
        List<TrialRecord> t = new ArrayList<>();
        for (int lg = -3; lg <= 0; lg++) t.add(record("sp", 8, 2, lg, 0, 1.0 - 0.1 * lg)); // falls towards the small end
        for (int lg = -3; lg <= 0; lg++) t.add(record("sp", 16, 2, lg, 0, Double.POSITIVE_INFINITY));
        SweepReport r = SweepReport.of(spec(), t, Metric.TRAIN_LOSS);
        List<String> w = r.warnings();
        assertTrue(w.stream().anyMatch(s -> s.contains("W8") && s.contains("edge")), w.toString());
        assertTrue(w.stream().anyMatch(s -> s.contains("W16") && s.contains("every LR diverged")), w.toString());
        SizeSeries s = r.series().get(0);
        assertEquals(Double.NaN, s.regret());
        assertEquals(Double.NaN, s.shift());
    }

    static SizeSeries shifted(String param, double shift, double u) {
        return shifted(param, shift, u, 4);
    }

    static SizeSeries shifted(String param, double shift, double u, int seeds) {
        List<Optimum> optima = List.of(new Optimum(-5, u, "bootstrap", seeds, 2 * u, -5, 1, false),
                new Optimum(-5 + shift, u, "bootstrap", seeds, 2 * u, -5, 1, false));
        LrCurve flat = new LrCurve(null, new double[]{-6, -5, -4}, new long[]{0}, new double[][]{{1}, {1}, {1}});
        return new SizeSeries(param, "adam", Axis.WIDTH, 2, List.of(8, 32), List.of(flat, flat), optima);
    }

    @Test
    void aShiftRankingIsResolvedOnlyBeyondStudentsTAtTheSeedCount() {
        // shift uncertainty = hypot(0.5, 0.5) = 0.71 per series; the difference's = 1.0
        String v = SweepReport.verdict(List.of(shifted("sp", -0.73, 0.5), shifted("mup-depth", 0.82, 0.5)));
        assertTrue(v.contains("not resolved: sp's optimum moves least, |shift| 0.73 ± 0.71 vs mup-depth's 0.82 ± 0.71 "
                + "(difference 0.09 = 0.1 sigma; needs 3.2, Student's t at 4 seeds)"), v);
        // 2.3 standard errors: enough with 30 seeds (t = 2.04), not with 4 (t = 3.18)
        String clear = SweepReport.verdict(List.of(shifted("sp", -2.5, 0.5, 30), shifted("mup-depth", 0.2, 0.5, 30)));
        assertTrue(clear.contains("resolved: mup-depth's optimum moves least, |shift| 0.20 ± 0.71 vs sp's 2.50 ± 0.71 "
                + "(difference 2.30 = 2.3 sigma; beyond 2.0, Student's t at 30 seeds)"), clear);
        String few = SweepReport.verdict(List.of(shifted("sp", -2.5, 0.5, 4), shifted("mup-depth", 0.2, 0.5, 4)));
        assertTrue(few.contains("not resolved: mup-depth's optimum moves least"), few);
        String unknown = SweepReport.verdict(List.of(shifted("sp", -2.5, Double.NaN), shifted("mup-depth", 0.2, Double.NaN)));
        assertTrue(unknown.contains("no verdict on the shift (one seed: ± unknown)"), unknown);
        assertEquals(12.706, ShiftVerdict.t975(1), 1e-9);
        assertEquals(2.042, ShiftVerdict.t975(30), 0.002);
    }

    /**
     * Seeds whose optima are offset from the curve's by a known pattern: per-size sample sd exactly
     * 1.5 octaves at W8 and 0.3 at W16 and W32 (the loss is exactly quadratic, so each seed's vertex is exact).
     */
    static List<TrialRecord> scatteredSeeds() {
        return scatteredSeeds(1.5, 0.3);
    }

    static List<TrialRecord> scatteredSeeds(double sdW8, double sdWider) {
        double[] unit = {-1.5, -0.5, 0.5, 1.5};
        double unitSd = Math.sqrt((2.25 + 0.25 + 0.25 + 2.25) / 3);
        List<TrialRecord> out = new ArrayList<>();
        for (String p : List.of("sp", "mup")) {
            for (int w : WIDTHS) {
                double sd = w == 8 ? sdW8 : sdWider;
                for (int k = 0; k < unit.length; k++) {
                    double opt = optimum(p, w) + sd * unit[k] / unitSd;
                    for (int lg = -16; lg <= -1; lg++) {
                        out.add(record(p, w, 2, lg, k, 1.0 / Math.sqrt(w) + 0.05 * Math.pow(lg - opt, 2)));
                    }
                }
            }
        }
        return out;
    }

    @Test
    void perSizeSeedScatterAndTheProxyWarningMatchTheKnownScatter(@TempDir Path tmp) throws Exception {
        SweepReport r = SweepReport.of(spec(), scatteredSeeds(), Metric.TRAIN_LOSS);
        for (SizeSeries s : r.headline(Axis.WIDTH)) {
            double[] sc = s.seedScatter();
            assertEquals(1.5, sc[0], 1e-9, s.param() + " W8");
            assertEquals(0.3, sc[1], 1e-9, s.param() + " W16");
            assertEquals(0.3, sc[2], 1e-9, s.param() + " W32");
            assertEquals(4, s.proxy().seeds());
            assertTrue(s.shiftUncertainty() > 0 && s.shiftUncertainty() < 1.5, "bootstrap of 4 seeds: " + s.shiftUncertainty());
        }
        assertTrue(r.warnings().contains("sp adam: the proxy W8's optimum scatters 1.50 octaves across seeds; W16's 0.30: "
                + "use W16 as the proxy (baseWidth: 16), or more seeds"), r.warnings().toString());
        String summary = r.summaryText();
        assertTrue(summary.contains("one seed's optimum scatters (sd, octaves, 4 seeds) mup adam: W8 1.50, W16 0.30, W32 0.30"), summary);
        Path html = ReportWriter.write(r, tmp);
        String h = Files.readString(html);
        assertTrue(h.contains("use W16 as the proxy"), "the warning is in the HTML report");
        assertTrue(Files.readAllLines(tmp.resolve("optima.csv")).get(0).contains("one_seed_scatter_octaves"));
    }

    @Test
    void aQuietProxyGetsNoWarningAndAllNoisySizesAskForSeeds() {
        SweepReport quiet = SweepReport.of(spec(), scatteredSeeds(0.4, 0.3), Metric.TRAIN_LOSS);
        assertTrue(quiet.warnings().stream().noneMatch(w -> w.contains("scatters")), quiet.warnings().toString());
        SweepReport noisy = SweepReport.of(spec(), scatteredSeeds(1.5, 0.9), Metric.TRAIN_LOSS);
        assertTrue(noisy.warnings().stream().anyMatch(w -> w.startsWith("mup adam: the proxy W8's optimum scatters 1.50 octaves")
                && w.contains("no size here is below 0.5: average more seeds")), noisy.warnings().toString());
    }

    @Test
    void reportWritesHtmlWithInlinedFiguresCsvAndAMeasuredVerdict(@TempDir Path tmp) throws Exception {
        SweepReport r = SweepReport.of(spec(), table(1, 0), Metric.TRAIN_LOSS);
        Path html = ReportWriter.write(r, tmp);
        String h = Files.readString(html);
        assertTrue(h.contains("<figure><svg"), "figures are inlined as SVG (self-contained HTML)");
        for (String f : List.of("lr-width-adam.png", "optima.png", "trials.csv", "curves.csv", "optima.csv", "transfer.csv", "summary.txt")) {
            assertTrue(Files.size(tmp.resolve(f)) > 100, f);
        }
        // the LR curves come from the charting library, as PNG and SVG, one 440-px panel per parameterization
        assertTrue(Files.readString(tmp.resolve("lr-width-adam.svg")).contains("<svg"), "an SVG beside the PNG");
        assertEquals(2 * 440, javax.imageio.ImageIO.read(tmp.resolve("lr-width-adam.png").toFile()).getWidth());
        List<String> transfer = Files.readAllLines(tmp.resolve("transfer.csv"));
        String[] sp = transfer.get(1).split(",");
        assertEquals(List.of("sp", "adam", "width", "2", "8 16 32"), List.of(sp).subList(0, 5));
        assertEquals(-2.0, Double.parseDouble(sp[5]), 1e-9, "shift in octaves");
        assertEquals(-1.0, Double.parseDouble(sp[7]), 1e-9, "slope per doubling");
        String summary = r.summaryText();
        // one seed: shifts are printed with an unknown uncertainty and no verdict, never with half a grid step
        assertTrue(summary.contains("-2.00 ± ?"), summary);
        assertFalse(summary.matches("(?s).*± 0\\.\\d.*"), "no invented uncertainty: " + summary);
        assertTrue(summary.contains("no verdict on the shift (one seed: ± unknown)"), summary);
        assertTrue(summary.contains("Add seeds"), summary);
        assertTrue(summary.contains("lowest transfer regret mup"), summary);
    }

    @Test
    void aWiderFitWindowUsesMorePointsAndTheSummaryNamesIt() {
        // exactly quadratic near the optimum: a 2-octave window finds the true optimum as the 3-point vertex does
        SweepReport wide = SweepReport.of(spec(), table(1, 0), Metric.TRAIN_LOSS, 2.0);
        wide.optima().forEach((k, o) -> assertEquals(optimum(k.param(), k.width()), o.log2Lr(), 1e-9, k.label()));
        assertTrue(wide.summaryText().contains("eta* = least-squares parabola within 2 octaves"), wide.summaryText());
        assertFalse(SweepReport.of(spec(), table(1, 0), Metric.TRAIN_LOSS).summaryText().contains("least-squares"));
        // a bump two octaves from the best grid LR (-7) moves the wide fit, and not the 3-point vertex
        List<TrialRecord> bumped = new ArrayList<>();
        for (int lg = -13; lg <= -4; lg++) bumped.add(record("mup", 8, 2, lg, 0, loss("mup", 8, lg) + (lg == -9 ? 0.3 : 0)));
        double three = SweepReport.of(spec(), bumped, Metric.TRAIN_LOSS).optima().values().iterator().next().log2Lr();
        double five = SweepReport.of(spec(), bumped, Metric.TRAIN_LOSS, 2.0).optima().values().iterator().next().log2Lr();
        assertEquals(-7.3, three, 1e-9);
        assertTrue(five > -7.3 + 0.1, "the bump at 2^-9 pushes the wide fit's vertex up: " + five);
        assertThrows(IllegalArgumentException.class, () -> SweepReport.of(spec(), bumped, Metric.TRAIN_LOSS, -1));
    }
}
