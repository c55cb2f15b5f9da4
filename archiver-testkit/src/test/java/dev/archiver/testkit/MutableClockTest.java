package dev.archiver.testkit;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MutableClockTest {
    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void instant_standsStill_untilMoved() {
        MutableClock clock = new MutableClock(START);

        assertEquals(START, clock.instant());
        assertEquals(START, clock.instant());
        assertEquals(START.toEpochMilli(), clock.millis());
        assertEquals(ZoneOffset.UTC, clock.getZone());
    }

    @Test
    void advance_movesForward_andReturnsNewInstant() {
        MutableClock clock = new MutableClock(START);

        assertEquals(START.plus(Duration.ofDays(30)), clock.advance(Duration.ofDays(30)));
        clock.advance(Duration.ofSeconds(1));

        assertEquals(Instant.parse("2025-01-31T00:00:01Z"), clock.instant());
    }

    @Test
    void advance_rejectsNegativeDuration_namingIt() {
        MutableClock clock = new MutableClock(START);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> clock.advance(Duration.ofHours(-1)));
        assertTrue(e.getMessage().contains("PT-1H"), e.getMessage());
        assertEquals(START, clock.instant());
    }

    @Test
    void set_movesEitherWay() {
        MutableClock clock = new MutableClock(START);
        clock.set(Instant.parse("2030-06-01T00:00:00Z"));
        assertEquals(Instant.parse("2030-06-01T00:00:00Z"), clock.instant());
        clock.set(Instant.parse("2020-06-01T00:00:00Z"));
        assertEquals(Instant.parse("2020-06-01T00:00:00Z"), clock.instant());
    }

    @Test
    void withZone_sharesTime_butReportsItsZone() {
        MutableClock clock = new MutableClock(START);
        Clock paris = clock.withZone(ZoneId.of("Europe/Paris"));

        clock.advance(Duration.ofHours(5));

        assertEquals(START.plus(Duration.ofHours(5)), paris.instant());
        assertEquals(ZoneId.of("Europe/Paris"), paris.getZone());
    }

    @Test
    void advance_fromManyThreads_losesNoUpdate() throws Exception {
        MutableClock clock = new MutableClock(START);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 1_000; i++) {
                        clock.advance(Duration.ofMillis(1));
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(START.plus(Duration.ofSeconds(8)), clock.instant());
    }
}
