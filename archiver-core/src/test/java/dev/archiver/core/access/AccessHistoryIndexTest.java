package dev.archiver.core.access;

import dev.archiver.core.ArchiverException;
import dev.archiver.core.feature.FeatureExtractor;
import dev.archiver.core.object.ObjectInfo;
import dev.archiver.core.train.Dataset;
import dev.archiver.core.train.PointInTimeDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccessHistoryIndexTest {
    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private static final java.util.concurrent.atomic.AtomicLong REQUESTS = new java.util.concurrent.atomic.AtomicLong();

    /** A line with a Request ID of its own, as S3 gives every request. */
    static String at(Instant t, String op, String key, int status, String size) {
        return withRequestId(AccessLogParserTest.line(TIME.format(t), op, AccessLogParserTestKeys.encode(key), status, size),
                String.format("%016X", REQUESTS.incrementAndGet()));
    }

    /** A line with the fixture's placeholder Request ID, for {@link #withRequestId}. */
    static String raw(Instant t, String op, String key) {
        return AccessLogParserTest.line(TIME.format(t), op, AccessLogParserTestKeys.encode(key), 200, "1");
    }

    static String withRequestId(String line, String id) {
        return line.replace(" 3E57427F3EXAMPLE ", " " + id + " ");
    }

    static String put(Instant t, String key, long size) {
        return at(t, "REST.PUT.OBJECT", key, 200, Long.toString(size));
    }

    static String get(Instant t, String key) {
        return at(t, "REST.GET.OBJECT", key, 200, "100");
    }

    static String del(Instant t, String key) {
        return at(t, "REST.DELETE.OBJECT", key, 204, "-");
    }

    static Instant day(double d) {
        return T0.plusSeconds((long) (d * 86_400));
    }

    static AccessHistoryIndex index(List<String> lines) {
        return index(lines, AccessHistoryIndex.builder().build());
    }

    static AccessHistoryIndex index(List<String> lines, AccessHistoryIndex index) {
        AccessLogParser.builder().strict(true).build().parse(
                new ByteArrayInputStream((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8)), "t.log", index::add);
        return index;
    }

    /** A small bucket: keys written over 60 days, read at varied rates, some deleted. */
    static List<String> bucketLines(long seed) {
        Random r = new Random(seed);
        List<String> lines = new ArrayList<>();
        for (int k = 0; k < 60; k++) {
            String key = (k % 3 == 0 ? "logs/app " : k % 3 == 1 ? "media/café-" : "thumbs/t") + k + (k % 3 == 0 ? ".log.gz" : ".jpg");
            double created = r.nextDouble() * 30;
            lines.add(put(day(created), key, 1000 + k));
            int reads = r.nextInt(12);
            for (int i = 0; i < reads; i++) {
                lines.add(get(day(created + r.nextDouble() * 60), key));
            }
            if (k % 7 == 0) {
                lines.add(del(day(created + 40), key));
            }
        }
        return lines;
    }

    @Test
    void index_foldsCreationReadsLastReadAndDeletion() {
        AccessHistoryIndex idx = index(List.of(put(day(1), "a", 10), get(day(2), "a"), get(day(2.01), "a"),
                at(day(3), "REST.HEAD.OBJECT", "a", 200, "10"), get(day(5), "a"), del(day(9), "a")));
        AccessHistoryIndex.KeySummary s = idx.summary("a");
        assertEquals(day(1), s.created());
        assertEquals(10, s.sizeBytes());
        assertEquals(3, s.reads(), "HEAD is not a read");
        assertEquals(2, s.readWindows(), "two reads in one hour share a window");
        assertEquals(day(5), s.lastRead());
        assertEquals(day(9), s.lastDeleted());
        assertFalse(s.existedBefore());
        assertEquals(day(1), idx.start());
        assertEquals(day(9), idx.end());
        assertEquals(10, idx.objectAt("b", "a", day(8)).size());
        assertNull(idx.objectAt("b", "a", day(0.5)));
        assertNull(idx.objectAt("b", "a", day(9)));
        assertEquals(2, idx.readsIn("a", day(1), day(3)));
        assertEquals(1, idx.readsIn("a", day(3), day(9)));
    }

    @Test
    void index_keepsOneCounterPerWindow_notPerLine() {
        List<String> lines = new ArrayList<>();
        lines.add(put(day(0), "hot", 1));
        for (int i = 0; i < 5_000; i++) {
            lines.add(get(day(1).plusMillis(i * 500L), "hot")); // 2,500 seconds: within one hour
        }
        AccessHistoryIndex idx = index(lines);
        assertEquals(5_000, idx.summary("hot").reads());
        assertEquals(1, idx.summary("hot").readWindows());
    }

    @Test
    void index_treatsKeyFirstSeenByARead_asExistingSinceTheLogsBegan() {
        AccessHistoryIndex idx = index(List.of(put(day(1), "new", 5), get(day(3), "old"), put(day(6), "old", 7)));
        ObjectInfo old = idx.objectAt("b", "old", day(2));
        assertEquals(day(1), old.lastModified());
        assertEquals(100, old.size(), "size from the read's ObjectSize");
        assertEquals(7, idx.objectAt("b", "old", day(7)).size());
        assertTrue(idx.summary("old").existedBefore());
    }

    @Test
    void index_isTheSame_whenLinesAreReordered() {
        List<String> lines = bucketLines(3);
        AccessHistoryIndex sorted = index(lines);
        List<String> shuffled = new ArrayList<>(lines);
        Collections.shuffle(shuffled, new Random(9));
        AccessHistoryIndex reordered = index(shuffled);
        List<Instant> snaps = PointInTimeDataset.snapshots(day(7), day(90), Duration.ofDays(7), Duration.ofDays(14));
        Dataset a = PointInTimeDataset.build(sorted, FeatureExtractor.defaults(), snaps, Duration.ofDays(14));
        Dataset b = PointInTimeDataset.build(reordered, FeatureExtractor.defaults(), snaps, Duration.ofDays(14));
        assertTrue(a.rows() > 100);
        assertArrayEquals(a.values(), b.values());
        assertArrayEquals(a.labels(), b.labels());

    }

    @Test
    void index_featuresAreUnchanged_whenADeliveryIsDuplicated() {
        List<String> lines = bucketLines(3);
        List<Instant> snaps = PointInTimeDataset.snapshots(day(7), day(90), Duration.ofDays(7), Duration.ofDays(14));
        AccessHistoryIndex once = index(lines);
        Dataset a = PointInTimeDataset.build(once, FeatureExtractor.defaults(), snaps, Duration.ofDays(14));
        List<String> doubled = new ArrayList<>(lines);
        doubled.addAll(lines.subList(0, lines.size() / 2)); // half the logs delivered again, after the rest
        doubled.addAll(lines.subList(lines.size() / 3, lines.size())); // and an overlapping stretch a third time

        AccessHistoryIndex deduped = index(doubled);
        Dataset c = PointInTimeDataset.build(deduped, FeatureExtractor.defaults(), snaps, Duration.ofDays(14));
        assertEquals(doubled.size() - lines.size(), deduped.duplicateLines());
        assertArrayEquals(a.labels(), c.labels());
        assertArrayEquals(a.values(), c.values(), "read counts do not drift");
        for (String k : once.keys()) {
            assertEquals(once.summary(k), deduped.summary(k), k);
        }

        // the test can fail: without deduplication the read-count features drift (labels and ages do not)
        AccessHistoryIndex counted = index(doubled, AccessHistoryIndex.builder().dedupeWindow(0).build());
        Dataset d = PointInTimeDataset.build(counted, FeatureExtractor.defaults(), snaps, Duration.ofDays(14));
        assertEquals(0, counted.duplicateLines());
        assertArrayEquals(a.labels(), d.labels(), "read-or-not within the horizon does not change");
        assertFalse(java.util.Arrays.equals(a.values(), d.values()), "read counts drift without deduplication");
        int age = FeatureExtractor.defaults().featureNames().indexOf("age_days");
        for (int r = 0; r < a.rows(); r++) {
            assertEquals(a.values()[r * a.width() + age], d.values()[r * d.width() + age]);
        }
    }

    @Test
    void index_keepsSameRequestIdLines_whenKeyOperationOrSecondDiffer() {
        // one multi-object delete logs a line per key under one Request ID; a copy logs both halves under one
        String id = "AAAABBBBCCCCDDDD";
        AccessHistoryIndex idx = index(List.of(
                put(day(1), "a", 1), put(day(1), "b", 1),
                withRequestId(raw(day(2), "REST.GET.OBJECT", "a"), id), withRequestId(raw(day(2), "REST.GET.OBJECT", "b"), id),
                withRequestId(raw(day(2).plusSeconds(1), "REST.GET.OBJECT", "a"), id),
                withRequestId(raw(day(2), "REST.COPY.OBJECT_PUT", "a"), id),
                withRequestId(raw(day(3), "REST.GET.OBJECT", "a"), "-"), withRequestId(raw(day(3), "REST.GET.OBJECT", "a"), "-"),
                withRequestId(raw(day(2), "REST.GET.OBJECT", "a"), id))); // the only duplicate
        assertEquals(1, idx.duplicateLines());
        assertEquals(4, idx.summary("a").reads(), "two at day 2, two without a Request ID at day 3");
        assertEquals(1, idx.summary("b").reads());
    }

    @Test
    void index_dedupesOnlyWithinTheWindow_soMemoryStaysBounded() {
        List<String> lines = new ArrayList<>();
        lines.add(put(day(0), "k", 1));
        String first = get(day(1), "k");
        lines.add(first);
        for (int i = 0; i < 3; i++) {
            lines.add(get(day(1).plusSeconds(10 + i), "k"));
        }
        lines.add(first); // three requests later: remembered by a window of 5, forgotten by one of 3
        AccessHistoryIndex wide = index(lines, AccessHistoryIndex.builder().dedupeWindow(5).build());
        AccessHistoryIndex narrow = index(lines, AccessHistoryIndex.builder().dedupeWindow(3).build());
        assertEquals(1, wide.duplicateLines());
        assertEquals(4, wide.summary("k").reads());
        assertEquals(0, narrow.duplicateLines(), "forgotten: the window is bounded");
        assertEquals(5, narrow.summary("k").reads());
        assertThrows(IllegalArgumentException.class, () -> AccessHistoryIndex.builder().dedupeWindow(-1));
    }

    @Test
    void dataset_featuresCannotSeeTheFuture_whenTheFutureIsShuffled() {
        List<String> lines = bucketLines(5);
        Instant t = day(35);
        Duration h = Duration.ofDays(20);
        AccessHistoryIndex real = index(lines);
        // Same past; every future read moved to a random time after t and a random key that exists at t.
        List<String> existing = new ArrayList<>();
        for (String k : real.keys()) {
            if (real.objectAt("b", k, t) != null) {
                existing.add(k);
            }
        }
        Random r = new Random(11);
        List<String> alt = new ArrayList<>();
        for (String l : lines) {
            AccessLogRecord rec = parseOne(l);
            if (!rec.time().isAfter(t.minusSeconds(3600)) || !rec.operation().equals("REST.GET.OBJECT")) {
                alt.add(l);
            } else {
                alt.add(get(t.plusSeconds(3600 + r.nextInt(50 * 86_400)), existing.get(r.nextInt(existing.size()))));
            }
        }
        AccessHistoryIndex shuffled = index(alt);
        Dataset a = PointInTimeDataset.build(real, FeatureExtractor.defaults(), List.of(t), h);
        Dataset b = PointInTimeDataset.build(shuffled, FeatureExtractor.defaults(), List.of(t), h);
        assertEquals(a.rows(), b.rows());
        assertArrayEquals(a.values(), b.values(), "features at t depend only on lines before t");
        assertFalse(java.util.Arrays.equals(a.labels(), b.labels()), "the test can fail: the future did change");
    }

    static AccessLogRecord parseOne(String line) {
        List<AccessLogRecord> out = new ArrayList<>();
        AccessLogParser.builder().strict(true).build().parse(
                new ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8)), "x", l -> out.add(l.toRecord()));
        return out.get(0);
    }

    @Test
    void index_filtersByBucket_andListsBuckets() {
        String other = put(day(1), "x", 1).replace(" awsexamplebucket1 ", " other-bucket ");
        AccessHistoryIndex idx = AccessHistoryIndex.builder().bucket("other-bucket").build();
        AccessLogParser.builder().build().parse(new ByteArrayInputStream((put(day(1), "a", 1) + "\n" + other + "\n")
                .getBytes(StandardCharsets.UTF_8)), "t", idx::add);
        assertEquals(List.of("x"), idx.keys());
        assertEquals(1, idx.otherBucketLines());
        assertEquals(2, idx.buckets().size());
    }

    @Test
    void addAll_throwsClearError_whenInputIsEmpty(@TempDir Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("empty.log"), "");
        java.nio.file.Files.writeString(dir.resolve("junk.log"), "hello world\n");
        AccessHistoryIndex idx = AccessHistoryIndex.builder().build();
        ArchiverException e = assertThrows(ArchiverException.class,
                () -> idx.addAll(AccessLogSource.local(dir), AccessLogParser.builder().build()));
        assertTrue(e.getMessage().startsWith("no S3 server access log lines in "), e.getMessage());
        assertTrue(e.getMessage().contains("junk.log:1"), e.getMessage());
        ArchiverException none = assertThrows(ArchiverException.class,
                () -> AccessHistoryIndex.of(AccessLogSource.local(List.of())));
        assertTrue(none.getMessage().contains("no files"), none.getMessage());
        assertNotEquals(null, idx.toString());
    }

    @Test
    void sampled_keepsADeterministicSubset_independentOfLineOrder() {
        List<String> lines = bucketLines(3);
        AccessHistoryIndex a = index(lines);
        List<String> shuffled = new ArrayList<>(lines);
        Collections.shuffle(shuffled, new Random(4));
        List<String> s1 = a.sampled(0.5, 7).keys();
        assertEquals(s1, index(shuffled).sampled(0.5, 7).keys());
        assertTrue(a.keys().containsAll(s1));
        assertTrue(s1.size() > 15 && s1.size() < 45, "about half of 60: " + s1.size());
        assertNotEquals(s1, a.sampled(0.5, 8).keys(), "the seed matters");
        assertEquals(a.keys(), a.sampled(1, 7).keys());
        assertThrows(IllegalArgumentException.class, () -> a.sampled(0, 7));
    }

    @Test
    void builder_rejectsBadWindowAtOnce() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AccessHistoryIndex.builder().window(Duration.ofMinutes(7)));
        assertTrue(e.getMessage().contains("PT7M"), e.getMessage());
    }
}
