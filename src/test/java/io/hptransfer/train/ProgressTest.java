package io.hptransfer.train;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A trial's progress inside a sweep: its id on each line, quiet off a terminal until it has run a while, wiped on a terminal. */
class ProgressTest {
    private static String run(Progress p, ByteArrayOutputStream b, int steps) {
        for (int s = 1; s <= steps; s++) p.update(s, 2.3 - 0.01 * s, 0.1, 16);
        return b.toString(StandardCharsets.UTF_8);
    }

    @Test
    void offATerminalALinePerTenthWithTheTrialsIdOnceItHasRunAWhile() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        String out = run(new Progress(new PrintStream(b, true, StandardCharsets.UTF_8), 20, "  sp_w8 ", 0, false), b, 20);
        assertEquals(11, out.lines().count(), "deciles 0..10: " + out);
        assertTrue(out.lines().allMatch(l -> l.startsWith("  sp_w8 [")), out);
        assertTrue(out.contains("20/20"), out);

        ByteArrayOutputStream q = new ByteArrayOutputStream();
        assertEquals("", run(new Progress(new PrintStream(q, true, StandardCharsets.UTF_8), 20, "  sp_w8 ", 1000, false), q, 20),
                "a trial shorter than the quiet time prints nothing: the sweep's line per trial is enough");
    }

    @Test
    void onATerminalTheBarIsRedrawnInPlaceAndWipedWhenTheTrialEnds() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        String out = run(new Progress(new PrintStream(b, true, StandardCharsets.UTF_8), 5, "  sp_w8 ", 30, true), b, 5);
        assertFalse(out.contains("\n"), "redrawn with \\r, never a new line");
        assertTrue(out.endsWith(" \r"), "wiped at the end, for the sweep's line to take its place");
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        assertTrue(run(new Progress(new PrintStream(plain, true, StandardCharsets.UTF_8), 5, "", 0, true), plain, 5).endsWith("\n"),
                "hpt train's own bar ends with a new line");
    }

    @Test
    void aRunThatStopsEarlyClosesItsBarOnce() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        Progress p = new Progress(new PrintStream(b, true, StandardCharsets.UTF_8), 10, "  sp_w8 ", 30, true);
        String drawn = run(p, b, 3); // diverged or paused at a rung after 3 of 10 steps
        p.end();
        p.end();
        String out = b.toString(StandardCharsets.UTF_8);
        assertTrue(out.startsWith(drawn) && out.substring(drawn.length()).matches("\r +\r"), "wiped once: " + out.substring(drawn.length()));
        ByteArrayOutputStream none = new ByteArrayOutputStream();
        new Progress(new PrintStream(none, true, StandardCharsets.UTF_8), 10, "  sp_w8 ", 30, true).end();
        assertEquals("", none.toString(StandardCharsets.UTF_8), "nothing drawn, nothing to close");
    }

    @Test
    void anUnmeasuredAccuracyIsLeftOut() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        Progress p = new Progress(new PrintStream(b, true, StandardCharsets.UTF_8), 2, "", 0, false);
        p.update(1, 1.5, Double.NaN, 8);
        String out = b.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("loss 1.5000 ") && !out.contains("acc"), out);
    }
}
