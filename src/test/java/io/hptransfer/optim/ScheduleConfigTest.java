package io.hptransfer.optim;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ScheduleConfigTest {
    @Test
    void warmupThenDecayShapes() {
        ScheduleConfig cos = new ScheduleConfig(ScheduleConfig.Kind.COSINE, 10, 0.1);
        assertEquals(0.1, cos.factor(0, 110), 1e-12);
        assertEquals(1.0, cos.factor(9, 110), 1e-12);
        assertEquals(1.0, cos.factor(10, 110), 1e-12);
        assertEquals(0.55, cos.factor(60, 110), 1e-12); // halfway: midpoint of 1 and 0.1
        assertEquals(0.1, cos.factor(110, 110), 1e-12);
        ScheduleConfig lin = new ScheduleConfig(ScheduleConfig.Kind.LINEAR, 0, 0.0);
        assertEquals(0.75, lin.factor(25, 100), 1e-12);
        assertEquals(1.0, ScheduleConfig.constant().factor(99, 100), 0);
    }

    @Test
    void scaledScheduleIsPeakTimesFactorAndRoundTripsThroughDl4jJson() throws Exception {
        ScaledSchedule s = new ScaledSchedule(0.4, new ScheduleConfig(ScheduleConfig.Kind.COSINE, 5, 0.0), 50);
        assertEquals(0.4 * 0.6, s.valueAt(2, 0), 1e-12);
        var mapper = org.nd4j.shade.jackson.databind.json.JsonMapper.builder().build();
        ScaledSchedule back = mapper.readValue(mapper.writeValueAsString(s), ScaledSchedule.class);
        assertEquals(s, back);
    }

    @Test
    void invalidSchedulesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new ScheduleConfig(ScheduleConfig.Kind.COSINE, -1, 0));
        assertThrows(IllegalArgumentException.class, () -> new ScheduleConfig(ScheduleConfig.Kind.COSINE, 0, 2));
        assertThrows(IllegalArgumentException.class, () -> ScheduleConfig.Kind.parse("exp"));
    }
}
