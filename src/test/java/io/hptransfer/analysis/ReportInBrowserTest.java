package io.hptransfer.analysis;

import io.hptransfer.report.ReportWriter;
import io.hptransfer.report.SweepReport;
import io.hptransfer.sweep.Metric;
import io.hptransfer.sweep.TrialRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The HTML report as a browser sees it: Debian's chromium, headless, loads it and the DOM has the headline table and figures. */
class ReportInBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @Test
    void chromiumFindsTheHeadlineTableTheVerdictAndTheFigures(@TempDir Path tmp) throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "no chromium (.ci/run installs Debian's)");
        // a partial sweep: the report says how far it is
        List<TrialRecord> all = TransferAnalysisTest.table(1, 0.01);
        List<TrialRecord> part = all.subList(0, all.size() - 7);
        SweepReport r = SweepReport.of(TransferAnalysisTest.spec(), part, Metric.TRAIN_LOSS);
        Path html = ReportWriter.write(r, tmp.resolve("report"));
        Process p = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--user-data-dir=" + tmp.resolve("profile"), "--dump-dom",
                html.toUri().toString()).redirectError(tmp.resolve("chromium.err").toFile()).start();
        String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium did not finish");
        assertEquals(0, p.exitValue(), Files.readString(tmp.resolve("chromium.err")));
        assertTrue(dom.contains("<table class=\"headline\">"), "the headline is a table");
        assertTrue(dom.contains("<th>optimum moved (octaves)</th>"), "with its columns named");
        assertTrue(dom.contains("<p class=\"verdict\">"), "and the verdict in words");
        long figures = dom.split("<figure>", -1).length - 1, svgs = dom.split("<svg", -1).length - 1;
        assertTrue(figures >= 3 && svgs >= figures, figures + " figures, " + svgs + " inline SVGs");
        assertTrue(dom.contains("of 60 trials, 7 pending"), "a partial sweep says how far it is");
    }
}
