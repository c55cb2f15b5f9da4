package dev.archiver.testkit;

import dev.archiver.core.simulate.TraceEvent;
import dev.archiver.core.simulate.TraceEvent.Operation;
import dev.archiver.core.simulate.TraceReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkloadGeneratorTest {
    private static final Instant START = WorkloadGenerator.DEFAULT_START;

    @TempDir
    Path dir;

    private static Workload small(long seed) {
        return WorkloadGenerator.builder().objects(2_000).days(120).seed(seed).build().generate();
    }

    @Test
    void generate_isIdentical_forTheSameSeed() {
        Workload a = small(7);
        Workload b = small(7);
        assertEquals(a.objects(), b.objects());
        assertEquals(a.events(), b.events());
        assertTrue(a.events().size() > a.objects().size(), "there are reads");
    }

    @Test
    void generate_differs_forDifferentSeeds() {
        Workload a = small(7);
        Workload b = small(8);
        assertNotEquals(a.objects(), b.objects());
        assertNotEquals(a.events(), b.events());
    }

    @Test
    void generate_sortsEventsByTime_withPutBeforeReadsBeforeDelete() {
        Workload w = small(1);
        List<TraceEvent> events = w.events();
        Map<String, Instant> put = new HashMap<>();
        Map<String, Instant> deleted = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            TraceEvent e = events.get(i);
            if (i > 0) {
                assertFalse(e.timestamp().isBefore(events.get(i - 1).timestamp()), "event " + i + " out of order");
            }
            assertFalse(e.timestamp().isBefore(w.start()), "event " + i + " before start");
            assertTrue(e.timestamp().isBefore(w.end()), "event " + i + " after end");
            switch (e.operation()) {
                case PUT -> assertNull(put.put(e.key(), e.timestamp()), "key written twice: " + e.key());
                case GET -> {
                    assertTrue(put.containsKey(e.key()), "read before PUT: " + e.key());
                    assertFalse(deleted.containsKey(e.key()), "read after DELETE: " + e.key());
                }
                case DELETE -> assertNull(deleted.put(e.key(), e.timestamp()));
            }
        }
        assertEquals(w.objects().size(), put.size());
    }

    @Test
    void writeTrace_passesTheStrictReader_andRoundTrips() {
        Workload w = WorkloadGenerator.builder().objects(3_000).days(200).seed(3).logRetentionDays(30).build().generate();
        Path file = dir.resolve("trace.csv.gz");
        w.writeTrace(file);
        long n = 0;
        try (TraceReader r = TraceReader.open(file)) {
            while (r.hasNext()) {
                assertEquals(w.events().get((int) n), r.next(), "event " + n);
                n++;
            }
            assertEquals(0, r.skippedRows());
        }
        assertEquals(w.events().size(), n);
        assertTrue(w.events().stream().anyMatch(e -> e.operation() == Operation.DELETE), "logs are deleted");
    }

    @Test
    void generate_mixesCohortsInTheConfiguredProportions() {
        Map<Cohort, Double> weights = new EnumMap<>(Cohort.class);
        weights.put(Cohort.LOGS, 4.0);
        weights.put(Cohort.THUMBNAILS, 3.0);
        weights.put(Cohort.BACKUPS, 2.0);
        weights.put(Cohort.DATASETS, 1.0);
        int n = 20_000;
        Workload w = WorkloadGenerator.builder().objects(n).days(30).weights(weights).build().generate();
        Map<Cohort, Integer> counts = new EnumMap<>(Cohort.class);
        w.objects().forEach(o -> counts.merge(o.cohort(), 1, Integer::sum));
        assertEquals(Set.of(Cohort.LOGS, Cohort.THUMBNAILS, Cohort.BACKUPS, Cohort.DATASETS), counts.keySet());
        for (Map.Entry<Cohort, Double> e : weights.entrySet()) {
            double share = counts.get(e.getKey()) / (double) n;
            assertEquals(e.getValue() / 10, share, 0.015, e.getKey() + " share");
        }
    }

    @Test
    void generate_givesEveryObjectAUniqueKeyShapedByItsCohort() {
        Workload w = WorkloadGenerator.builder().objects(20_000).days(60).build().generate();
        Map<Cohort, Pattern> shapes = Map.of(
                Cohort.LOGS, Pattern.compile("logs/[a-z]+/\\d{4}/\\d{2}/\\d{2}/ip-10-\\d+-\\d+-\\d+\\.log\\.gz"),
                Cohort.MEDIA, Pattern.compile("media/(images/[0-9a-f]{16}\\.jpg|videos/[0-9a-f]{16}\\.mp4)"),
                Cohort.BACKUPS, Pattern.compile("backups/[a-z]+(-\\d+)?/\\d{4}-\\d{2}-\\d{2}\\.(dump\\.gz|tar)"),
                Cohort.ANALYTICS, Pattern.compile("analytics/daily/dt=\\d{4}-\\d{2}-\\d{2}/part-\\d{5}\\.parquet"),
                Cohort.THUMBNAILS, Pattern.compile("thumbs/[0-9a-f]{16}_128\\.jpg"),
                Cohort.DATASETS, Pattern.compile("datasets/[a-z]+/run-\\d{6}\\.(h5|nc)"));
        Set<String> keys = new HashSet<>();
        Instant previous = Instant.MIN;
        for (WorkloadObject o : w.objects()) {
            assertTrue(shapes.get(o.cohort()).matcher(o.key()).matches(), o.cohort() + " key " + o.key());
            assertTrue(keys.add(o.key()), "duplicate key " + o.key());
            assertFalse(o.created().isBefore(previous), "objects are in creation order");
            previous = o.created();
        }
        WorkloadObject log = w.objects().stream().filter(o -> o.cohort() == Cohort.LOGS).findFirst().orElseThrow();
        String day = log.created().toString().substring(0, 10).replace('-', '/');
        assertTrue(log.key().contains("/" + day + "/"), log.key() + " carries its creation date " + day);
    }

    @Test
    void generate_sizesStayInsideEachCohortsRange() {
        Workload w = WorkloadGenerator.builder().objects(10_000).days(30).build().generate();
        for (WorkloadObject o : w.objects()) {
            long s = o.sizeBytes();
            switch (o.cohort()) {
                case THUMBNAILS -> assertTrue(s >= 2 << 10 && s <= 60 << 10, o.toString());
                case BACKUPS -> assertTrue(s >= 100L << 20 && s <= 5L << 30, o.toString());
                case LOGS -> assertTrue(s >= 1 << 20 && s <= 50 << 20, o.toString());
                default -> assertTrue(s > 0, o.toString());
            }
        }
    }

    @Test
    void generate_createsSomeObjectsBeforeTheStart_andTheRestDuringIt() {
        Workload w = WorkloadGenerator.builder().objects(10_000).days(100).initialFraction(0.3).build().generate();
        long before = w.objects().stream().filter(o -> o.created().isBefore(START)).count();
        assertEquals(0.3, before / 10_000.0, 0.02);
        assertTrue(w.objects().stream().allMatch(o -> o.created().isBefore(w.end())));
        assertTrue(w.objects().stream().filter(o -> o.cohort() == Cohort.LOGS)
                .allMatch(o -> o.created().isAfter(START.minus(Duration.ofDays(120)))), "old logs are already deleted");
        long putsAtStart = w.events().stream()
                .filter(e -> e.operation() == Operation.PUT && e.timestamp().equals(START)).count();
        assertEquals(before, putsAtStart);
        Workload none = WorkloadGenerator.builder().objects(1_000).days(100).initialFraction(0).build().generate();
        assertTrue(none.objects().stream().noneMatch(o -> o.created().isBefore(START)));
    }

    @Test
    void generate_deletesLogsAfterTheirRetention() {
        Workload w = WorkloadGenerator.builder().objects(5_000).days(200).logRetentionDays(30).build().generate();
        for (WorkloadObject o : w.objects()) {
            Instant due = o.created().plus(Duration.ofDays(30));
            if (o.cohort() == Cohort.LOGS && due.isBefore(w.end())) {
                assertEquals(due, o.deleted(), o.key());
            } else if (o.cohort() != Cohort.LOGS) {
                assertNull(o.deleted(), o.key());
            }
        }
    }

    /** Mean reads per object in days [from, to) of age, over objects whose whole window is in the trace. */
    private static Map<Cohort, Double> meanReads(Workload w, int from, int to) {
        Map<String, WorkloadObject> byKey = new HashMap<>();
        w.objects().forEach(o -> byKey.put(o.key(), o));
        Map<Cohort, long[]> acc = new EnumMap<>(Cohort.class);
        for (WorkloadObject o : w.objects()) {
            if (eligible(w, o, from, to)) {
                acc.computeIfAbsent(o.cohort(), c -> new long[2])[0]++;
            }
        }
        for (TraceEvent e : w.events()) {
            if (e.operation() != Operation.GET) {
                continue;
            }
            WorkloadObject o = byKey.get(e.key());
            double age = Duration.between(o.created(), e.timestamp()).getSeconds() / 86_400.0;
            if (age >= from && age < to && eligible(w, o, from, to)) {
                acc.get(o.cohort())[1]++;
            }
        }
        Map<Cohort, Double> mean = new EnumMap<>(Cohort.class);
        acc.forEach((c, a) -> mean.put(c, a[1] / (double) a[0]));
        return mean;
    }

    private static boolean eligible(Workload w, WorkloadObject o, int from, int to) {
        return !o.created().plus(Duration.ofDays(from)).isBefore(w.start())
                && !o.created().plus(Duration.ofDays(to)).isAfter(w.end());
    }

    @Test
    void generate_keysCarrySignal_thumbnailsAreReadFarMoreThanBackupsLater() {
        Workload w = WorkloadGenerator.builder().objects(20_000).days(365).seed(11).build().generate();
        Map<Cohort, Double> late = meanReads(w, 30, 90);
        Map<Cohort, Double> early = meanReads(w, 0, 3);
        // Expected from the rate functions: thumbnails ~26, datasets ~16, logs ~0.2, backups ~0.03 (see docs/workload-generator.md).
        assertTrue(late.get(Cohort.THUMBNAILS) > 20, "thumbnails " + late);
        assertTrue(late.get(Cohort.THUMBNAILS) > 100 * Math.max(late.get(Cohort.BACKUPS), 0.01), late.toString());
        assertTrue(late.get(Cohort.DATASETS) > 10 * late.get(Cohort.LOGS), late.toString());
        assertTrue(early.get(Cohort.LOGS) > 10 * late.get(Cohort.LOGS), "logs are read early: " + early + " vs " + late);
        assertTrue(late.get(Cohort.BACKUPS) < 0.1, "backups are almost never read: " + late);
    }

    @Test
    void generate_readsAnalyticsInMonthStartBursts() {
        Workload w = WorkloadGenerator.builder().objects(10_000).days(365).weights(Map.of(Cohort.ANALYTICS, 1.0))
                .initialFraction(0).build().generate();
        long inBurst = 0;
        long total = 0;
        for (TraceEvent e : w.events()) {
            if (e.operation() != Operation.GET) {
                continue;
            }
            total++;
            int dayOfMonth = Integer.parseInt(e.timestamp().toString().substring(8, 10));
            if (dayOfMonth <= 2) {
                inBurst++;
            }
        }
        // Besides the ETL read right after landing, most reads fall on the 1st and 2nd of the month (2 days in ~30).
        assertTrue(inBurst > 0.5 * total, inBurst + " of " + total);
    }

    @Test
    void generate_mediaPopularityIsHeavyTailed() {
        Workload w = WorkloadGenerator.builder().objects(10_000).days(180).weights(Map.of(Cohort.MEDIA, 1.0))
                .initialFraction(0).build().generate();
        Map<String, Integer> reads = new HashMap<>();
        w.events().stream().filter(e -> e.operation() == Operation.GET).forEach(e -> reads.merge(e.key(), 1, Integer::sum));
        long total = reads.values().stream().mapToLong(Integer::longValue).sum();
        long top1Percent = reads.values().stream().sorted((a, b) -> b - a).limit(100).mapToLong(Integer::longValue).sum();
        assertTrue(top1Percent > 0.1 * total, "top 1% of objects get " + top1Percent + " of " + total + " reads");
    }

    @Test
    void builder_rejectsBadValues_namingThem() {
        WorkloadGenerator.Builder b = WorkloadGenerator.builder();
        assertEquals("objects must be between 1 and 50000000, was 0",
                assertThrows(IllegalArgumentException.class, () -> b.objects(0)).getMessage());
        assertEquals("days must be between 1 and 10000, was -5",
                assertThrows(IllegalArgumentException.class, () -> b.days(-5)).getMessage());
        assertEquals("initialFraction must be between 0 and 1, was 1.5",
                assertThrows(IllegalArgumentException.class, () -> b.initialFraction(1.5)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.initialFraction(Double.NaN)).getMessage().contains("NaN"));
        assertEquals("weight of logs must be a finite number >= 0, was -1.0",
                assertThrows(IllegalArgumentException.class, () -> b.weight(Cohort.LOGS, -1)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.weight(Cohort.MEDIA, Double.POSITIVE_INFINITY))
                .getMessage().contains("Infinity"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.start(null)).getMessage().endsWith("was null"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.weights(Map.of(Cohort.LOGS, 0.0)))
                .getMessage().startsWith("weights must give some cohort a weight > 0"));
        assertEquals("logRetentionDays must be between 1 and 10000, was 0",
                assertThrows(IllegalArgumentException.class, () -> b.logRetentionDays(0)).getMessage());
        assertEquals("initialMaxAgeDays must be between 1 and 10000, was 10001",
                assertThrows(IllegalArgumentException.class, () -> b.initialMaxAgeDays(10_001)).getMessage());
        for (Cohort c : Cohort.values()) {
            b.weight(c, 0);
        }
        assertTrue(assertThrows(IllegalArgumentException.class, b::build).getMessage().startsWith("cohort weights must not all be 0"));
    }

    @Test
    void builder_keepsDefaults_andToBuilderRoundTrips() {
        WorkloadGenerator g = WorkloadGenerator.builder().build();
        assertEquals(10_000, g.objects());
        assertEquals(365, g.days());
        assertEquals(42, g.seed());
        assertEquals(START, g.start());
        assertEquals(0.2, g.initialFraction());
        assertEquals(120, g.logRetentionDays());
        assertEquals(1.0, g.weights().values().stream().mapToDouble(Double::doubleValue).sum(), 1e-9);
        WorkloadGenerator copy = g.toBuilder().objects(50).build();
        assertEquals(50, copy.objects());
        assertEquals(g.weights(), copy.weights());
        assertEquals(copy.toBuilder().build().generate().events(), copy.generate().events());
    }

    @Test
    void generate_honoursAnotherStart() {
        Instant start = Instant.parse("2030-06-15T12:00:00Z");
        Workload w = WorkloadGenerator.builder().objects(500).days(10).start(start).build().generate();
        assertEquals(start, w.start());
        assertEquals(start.plus(Duration.ofDays(10)), w.end());
        assertEquals(start, w.events().get(0).timestamp());
    }
}
