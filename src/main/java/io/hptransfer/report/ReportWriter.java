package io.hptransfer.report;

import io.hptransfer.param.Axis;
import io.hptransfer.analysis.LrCurve;
import io.hptransfer.analysis.Optimum;
import io.hptransfer.analysis.SizeSeries;
import io.hptransfer.sweep.TrialRecord;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a sweep's report folder: index.html (self-contained: figures inlined), one PNG per
 * figure, CSV tables (trials, curves, optima, transfer) and summary.txt.
 */
public final class ReportWriter {
    private ReportWriter() {
    }

    public static Path write(SweepReport r, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<String[]> figures = new ArrayList<>(); // {file, caption}
        String yLabel = r.metric().label();
        for (Axis axis : Axis.values()) {
            for (Map.Entry<String, List<List<SizeSeries>>> e : r.figureRows(axis).entrySet()) {
                String file = "lr-" + axis + "-" + e.getKey() + ".png";
                LrCurvePlot.write(e.getValue(), yLabel, dir.resolve(file));
                figures.add(new String[]{file, "Loss vs log2 LR across " + axis + "s (" + e.getKey() + "): one column per "
                        + "parameterization, one row per fixed " + axis.other() + "."});
            }
        }
        List<List<SizeSeries>> optPanels = new ArrayList<>();
        for (Axis axis : Axis.values()) if (!r.headline(axis).isEmpty()) optPanels.add(r.headline(axis));
        if (!optPanels.isEmpty()) {
            OptimaPlot.write(optPanels, dir.resolve("optima.png"));
            figures.add(new String[]{"optima.png", "Optimal log2 LR (± uncertainty) against log2 size: flat = the LR transfers."});
            ConvergencePlot.write(optPanels, dir.resolve("convergence.png"));
            figures.add(new String[]{"convergence.png", "Convergence to the largest size (the sweep's stand-in for the limit): "
                    + "RMS gap in ln loss between each size's LR curve and the largest's (left) and the gap between their optimal "
                    + "LRs (right), against log2 size. Falling = the curves approach a limit curve, from which the optimum transfers."});
        }
        writeCsvs(r, dir);
        String summary = r.summaryText();
        Files.writeString(dir.resolve("summary.txt"), summary);
        Path index = dir.resolve("index.html");
        Files.writeString(index, html(r, summary, figures, dir), StandardCharsets.UTF_8);
        return index;
    }

    private static void writeCsvs(SweepReport r, Path dir) throws IOException {
        StringBuilder t = new StringBuilder("id,param,optimizer,width,depth,log2_lr,lr,seed,diverged,steps,final_train_loss,"
                + "best_train_loss,final_train_acc,final_test_loss,final_test_acc,best_test_loss,best_test_acc,wall_s,images_per_s\n");
        for (TrialRecord x : r.records()) {
            var k = x.key();
            t.append(String.join(",", x.id(), k.param().name(), k.optimizer(), "" + k.width(), "" + k.depth(), num(k.log2Lr()), num(k.lr()),
                    "" + k.seed(), "" + x.diverged(), "" + x.steps(), num(x.finalTrainLoss()), num(x.bestTrainLoss()),
                    num(x.finalTrainAcc()), num(x.finalTestLoss()), num(x.finalTestAcc()), num(x.bestTestLoss()),
                    num(x.bestTestAcc()), num(x.wallSeconds()), num(x.imagesPerSecond()))).append('\n');
        }
        Files.writeString(dir.resolve("trials.csv"), t);
        StringBuilder c = new StringBuilder("param,optimizer,width,depth,log2_lr,mean_loss,seeds_run,seeds_diverged\n");
        StringBuilder o = new StringBuilder("param,optimizer,width,depth,log2_eta_star,uncertainty_octaves,uncertainty_from,seeds,"
                + "one_seed_scatter_octaves,grid_log2_lr,grid_loss,at_grid_edge\n");
        for (LrCurve curve : r.curves().values()) {
            var k = curve.key();
            String head = k.param() + "," + k.optimizer() + "," + k.width() + "," + k.depth() + ",";
            for (int i = 0; i < curve.log2Lr().length; i++) {
                long run = java.util.Arrays.stream(curve.lossBySeed()[i]).filter(v -> !Double.isNaN(v)).count();
                c.append(head).append(num(curve.log2Lr()[i])).append(',').append(num(curve.mean(i))).append(',').append(run)
                        .append(',').append(curve.diverged(i)).append('\n');
            }
            Optimum op = r.optima().get(k);
            o.append(head).append(String.join(",", num(op.log2Lr()), num(op.uncertainty()), op.method(), "" + op.seeds(),
                    num(op.seedScatter()), num(op.gridLog2Lr()), num(op.gridLoss()), "" + op.atEdge())).append('\n');
        }
        Files.writeString(dir.resolve("curves.csv"), c);
        Files.writeString(dir.resolve("optima.csv"), o);
        StringBuilder s = new StringBuilder("param,optimizer,axis,fixed,sizes,shift_octaves,shift_uncertainty,slope_octaves_per_doubling,"
                + "regret,bigger_is_better\n");
        for (SizeSeries x : r.series()) {
            s.append(String.join(",", x.param(), x.optimizer(), x.axis().label(), "" + x.fixed(),
                    x.sizes().stream().map(String::valueOf).reduce((a, b) -> a + " " + b).orElse(""), num(x.shift()),
                    num(x.shiftUncertainty()), num(x.slopePerDoubling()), num(x.regret()), num(x.biggerIsBetter()))).append('\n');
        }
        Files.writeString(dir.resolve("transfer.csv"), s);
        StringBuilder v = new StringBuilder("param,optimizer,axis,fixed,size,largest,curve_rms_ln_loss_gap,optimum_gap_octaves\n");
        for (SizeSeries x : r.series()) {
            double[] cd = x.curveDistanceToLargest(), od = x.optimumDistanceToLargest();
            for (int i = 0; i < cd.length; i++) {
                v.append(String.join(",", x.param(), x.optimizer(), x.axis().label(), "" + x.fixed(), "" + x.sizes().get(i),
                        "" + x.sizes().get(x.sizes().size() - 1), num(cd[i]), num(od[i]))).append('\n');
            }
        }
        Files.writeString(dir.resolve("convergence.csv"), v);
    }

    static String num(double v) {
        if (Double.isNaN(v)) return "";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        return String.format(Locale.ROOT, "%.6g", v);
    }

    private static String html(SweepReport r, String summary, List<String[]> figures, Path dir) throws IOException {
        StringBuilder h = new StringBuilder();
        h.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>hpt report: ").append(esc(r.spec().name()))
                .append("</title><style>body{font-family:sans-serif;max-width:1400px;margin:20px auto;padding:0 16px;color:#222}"
                        + "pre{background:#f6f6f6;padding:10px;overflow-x:auto}img{max-width:100%;border:1px solid #ddd}figure{margin:16px 0}figure svg{width:100%;height:auto}"
                        + ".verdict{font-weight:bold}table.headline td{text-align:left}"
                        + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}"
                        + "th{background:#eee}td:first-child,td:nth-child(2){text-align:left}</style></head><body>");
        h.append("<h1>Transfer report: ").append(esc(r.spec().name())).append("</h1>");
        h.append("<p>Dataset <b>").append(esc(r.spec().dataset())).append("</b>, widths ").append(r.spec().widths())
                .append(", depths ").append(r.spec().depths()).append(" (grid ").append(r.spec().grid()).append(", base W")
                .append(r.spec().baseWidth()).append(" L").append(r.spec().baseDepth()).append("), seeds ").append(r.spec().seeds())
                .append(", loss = ").append(esc(r.metric().key())).append(". Every number below is computed from the stored trials.</p>");
        h.append("<h2>Headline</h2>");
        for (io.hptransfer.param.Axis axis : io.hptransfer.param.Axis.values()) {
            List<io.hptransfer.analysis.SizeSeries> hl = r.headline(axis);
            if (hl.isEmpty()) continue;
            var f = hl.get(0);
            h.append("<h3>").append(axis).append(" transfer: ").append(axis.letter()).append(f.sizes().get(0)).append(" &rarr; ")
                    .append(axis.letter()).append(f.sizes().get(f.sizes().size() - 1)).append(axis == io.hptransfer.param.Axis.WIDTH
                            ? " at depth " : " at width ").append(f.fixed()).append("</h3>");
            h.append("<table class=\"headline\"><tr><th>parameterization</th><th>optimizer</th><th>optimum moved (octaves)</th>"
                    + "<th>octaves per doubling</th><th>transfer regret</th><th>bigger is better</th></tr>");
            for (var x : hl) {
                h.append("<tr><td>").append(esc(x.param())).append("</td><td>").append(esc(x.optimizer())).append("</td><td>")
                        .append(esc(SweepReport.fmtPm(x.shift(), x.shiftUncertainty()))).append("</td><td>")
                        .append(esc(SweepReport.fmt(x.slopePerDoubling(), "%+.2f"))).append("</td><td>").append(esc(SweepReport.pct(x.regret())))
                        .append("</td><td>").append(esc(SweepReport.pct(x.biggerIsBetter()).replace("+", ""))).append("</td></tr>");
            }
            // the verdict in words: the summary's "-> ..." line for this axis
            h.append("</table><p class=\"verdict\">").append(esc(SweepReport.verdict(hl).strip().replaceFirst("^-> ", ""))).append("</p>");
        }
        h.append("<details><summary>The summary as text (summary.txt)</summary><pre>").append(esc(summary)).append("</pre></details>");
        h.append("<p><b>How to read it.</b> <i>shift</i>: log2 of the largest model's optimal LR minus the smallest's (octaves; 0 = "
                + "perfect transfer, -1 = the large model wants half the LR). <i>oct/doubling</i>: least-squares slope of log2 eta* "
                + "against log2 size. <i>regret</i>: the largest model's loss at the smallest model's best grid LR, relative to its "
                + "own best grid loss (what tuning on the proxy costs). <i>bigger is better</i>: fraction of LRs at which the loss "
                + "falls with every size step. eta* is the vertex of a least-squares parabola (in log2 LR) fitted to the seed-mean "
                + "curve " + esc(r.fitPoints()) + "; its uncertainty is a seed bootstrap (standard error), and "
                + "unknown (?) with one seed. "
                + "<i>one seed's optimum scatters</i>: the standard deviation across seeds of each seed's own optimum, per size: "
                + "above 0.5 octave, one seed cannot place the optimum there, and the report names a quieter proxy. "
                + "A ranking of shifts is <i>resolved</i> when the difference reaches the 95% Student-t quantile (seeds - 1 "
                + "degrees of freedom) in standard errors: 4.3 at 3 seeds, 2.4 at 8.</p>");
        h.append("<h2>Figures</h2>");
        for (String[] f : figures) {
            // the vector figure inline (it scales to the page); the PNG beside it is for other documents
            Path svg = dir.resolve(f[0].replaceFirst("\\.png$", ".svg"));
            String fig;
            if (Files.exists(svg)) {
                String x = Files.readString(svg);
                fig = x.substring(x.indexOf("<svg"));
            } else {
                fig = "<img alt=\"" + esc(f[0]) + "\" src=\"data:image/png;base64,"
                        + Base64.getEncoder().encodeToString(Files.readAllBytes(dir.resolve(f[0]))) + "\">";
            }
            h.append("<figure>").append(fig).append("<figcaption>").append(esc(f[1])).append(" (").append(esc(f[0]))
                    .append(", .svg)</figcaption></figure>");
        }
        h.append("<h2>Optima per curve</h2><table><tr><th>param</th><th>opt</th><th>W</th><th>L</th><th>log2 eta*</th><th>±</th>"
                + "<th>seeds</th><th>one seed's scatter</th><th>best grid log2 LR</th><th>loss there</th><th>at edge</th></tr>");
        for (LrCurve c : r.curves().values()) {
            Optimum o = r.optima().get(c.key());
            h.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%s</td><td>%d</td><td>%d</td><td>%s</td><td>%s</td><td>%d</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>",
                    esc(c.key().param()), c.key().optimizer(), c.key().width(), c.key().depth(), num(o.log2Lr()),
                    o.uncertaintyKnown() ? num(o.uncertainty()) : "?", o.seeds(), num(o.seedScatter()),
                    num(o.gridLog2Lr()), num(o.gridLoss()), o.atEdge() ? "yes" : ""));
        }
        h.append("</table><p>Tables as CSV: trials.csv, curves.csv, optima.csv, transfer.csv, convergence.csv (next to this file).</p></body></html>");
        return h.toString();
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
