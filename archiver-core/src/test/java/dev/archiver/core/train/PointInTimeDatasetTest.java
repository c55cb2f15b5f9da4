package dev.archiver.core.train;

import dev.archiver.core.feature.FeatureExtractor;
import dev.archiver.core.object.ObjectInfo;
import dev.archiver.core.simulate.TraceEvent;
import dev.archiver.core.simulate.TraceIndex;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PointInTimeDatasetTest {
    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    static final Instant SNAP = T0.plus(Duration.ofDays(50));

    static Instant day(double d) {
        return T0.plusSeconds((long) (d * 86_400));
    }

    static List<TraceEvent> trace(long futureSeed) {
        List<TraceEvent> e = new ArrayList<>();
        e.add(TraceEvent.put(day(0), "a/hot.log", 1000));
        e.add(TraceEvent.put(day(1), "b/cold.tar", 5000));
        e.add(TraceEvent.put(day(2), "c/gone.jpg", 10));
        for (int d = 3; d < 50; d += 3) {
            e.add(TraceEvent.get(day(d), "a/hot.log"));
        }
        e.add(TraceEvent.delete(day(40), "c/gone.jpg"));
        // the future: random reads after the snapshot, different per seed
        SplittableRandom r = new SplittableRandom(futureSeed);
        for (int i = 0; i < 20; i++) {
            e.add(TraceEvent.get(day(50.5 + r.nextDouble() * 100), r.nextBoolean() ? "a/hot.log" : "b/cold.tar"));
        }
        e.add(TraceEvent.get(day(170), "a/hot.log"));
        e.sort(Comparator.comparing(TraceEvent::timestamp));
        return e;
    }

    @Test
    void objectAt_followsPutsAndDeletes() {
        TraceIndex index = TraceIndex.of(trace(1));
        ObjectInfo hot = index.objectAt("b", "a/hot.log", SNAP);
        assertEquals(1000, hot.size());
        assertEquals(day(0), hot.lastModified());
        assertNull(index.objectAt("b", "c/gone.jpg", SNAP));
        assertNull(index.objectAt("b", "b/cold.tar", day(0.5)));
    }

    @Test
    void build_featuresNeverSeeTheFuture_labelsDo() {
        FeatureExtractor fx = FeatureExtractor.defaults();
        Dataset a = PointInTimeDataset.build(TraceIndex.of(trace(1)), fx, List.of(SNAP), Duration.ofDays(90));
        Dataset b = PointInTimeDataset.build(TraceIndex.of(trace(2)), fx, List.of(SNAP), Duration.ofDays(90));
        assertEquals(2, a.rows(), "the deleted object has no row");
        assertArrayEquals(a.values(), b.values(), "shuffling the future must not change any feature");
        Dataset none = PointInTimeDataset.build(TraceIndex.of(trace(1).stream().filter(e -> !e.timestamp().isAfter(SNAP)
                || e.timestamp().isAfter(day(140))).toList()), fx, List.of(SNAP), Duration.ofDays(90));
        assertArrayEquals(a.values(), none.values(), "removing the future must not change any feature");
        assertNotEquals(0, a.positiveRate());
        assertEquals(0, none.positiveRate(), "with no reads in (t, t+90d] every label is 0");
    }

    @Test
    void build_refusesSnapshotsWhoseLabelWindowOutrunsTheTrace() {
        TraceIndex index = TraceIndex.of(trace(1));
        assertThrows(IllegalArgumentException.class,
                () -> PointInTimeDataset.build(index, FeatureExtractor.defaults(), List.of(day(100)), Duration.ofDays(90)));
    }

    @Test
    void readCounts_countTheReadsInEachRowsLabelWindow_inTheRowsOrder() {
        TraceIndex index = TraceIndex.of(trace(1));
        List<Instant> snaps = List.of(day(10), day(20));
        Dataset d = PointInTimeDataset.build(index, FeatureExtractor.defaults(), snaps, Duration.ofDays(10));
        double[] counts = PointInTimeDataset.readCounts(index, snaps, Duration.ofDays(10));
        assertEquals(d.rows(), counts.length);
        // both snapshots: a/hot.log, b/cold.tar, c/gone.jpg (deleted on day 40); hot.log is read every 3 days:
        // (10, 20] has days 12, 15, 18 → 3; (20, 30] has 21, 24, 27, 30 → 4
        assertArrayEquals(new double[] {3, 0, 0, 4, 0, 0}, counts);
        for (int r = 0; r < counts.length; r++) {
            assertEquals(counts[r] > 0 ? 1 : 0, d.labels()[r], "row " + r);
        }
    }
}
