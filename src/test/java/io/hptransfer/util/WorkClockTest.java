package io.hptransfer.util;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A study's ETA: remaining work over the rate of this run's own work; stored work is done but no part of the rate. */
class WorkClockTest {
    @Test
    void etaIsTheRemainingWorkAtThisRunsRate() {
        AtomicLong now = new AtomicLong(0);
        WorkClock c = new WorkClock(100, now::get);
        assertEquals("ETA ?", c.eta(), "no rate before any work");
        now.set(10_000_000_000L); // 10 s for 20 units: 2 units/s
        c.done(20);
        assertEquals(40.0, c.etaSeconds(), 1e-9);
        assertEquals("ETA 0m40s", c.eta());
    }

    @Test
    void workFoundDoneIsNotPartOfTheRate() {
        AtomicLong now = new AtomicLong(0);
        WorkClock c = new WorkClock(100, now::get);
        c.skipped(50); // a rerun finds half the study stored, instantly
        assertTrue(Double.isNaN(c.etaSeconds()), "stored work alone gives no rate");
        now.set(10_000_000_000L);
        c.done(10); // 1 unit/s measured on this run's own work
        assertEquals(40.0, c.etaSeconds(), 1e-9, "40 units left at 1/s, not at the 6/s the skipped work would suggest");
        c.done(60);
        assertEquals(0.0, c.etaSeconds(), 1e-9, "never negative when the estimate was low");
    }

    @Test
    void clockFormats() {
        assertEquals("1m05s", WorkClock.clock(65));
        assertEquals("2h03m", WorkClock.clock(2 * 3600 + 3 * 60 + 10));
    }
}
