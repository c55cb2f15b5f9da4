package dev.archiver.core.access;

import dev.archiver.core.ArchiverException;
import dev.archiver.core.object.AccessHistory;
import dev.archiver.core.object.AccessHistoryProvider;
import dev.archiver.core.object.ObjectInfo;
import dev.archiver.core.simulate.TraceEvent;
import dev.archiver.core.train.ObjectTimeline;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * S3 server access logs folded per key: creation and overwrites (with size), reads counted per
 * time window (one hour by default), the exact last read, and deletions. Memory grows with distinct
 * keys (and, for each key, the windows in which it was read), not with log lines: a key read a
 * million times in one hour costs one counter. Lines may arrive in any order (S3 delivers logs best
 * effort, not sorted); the index sorts as it goes.
 *
 * <pre>{@code
 * AccessHistoryIndex index = AccessHistoryIndex.builder().bucket("my-bucket").build();
 * ParseReport report = index.addAll(AccessLogSource.local(Path.of("logs/")), AccessLogParser.builder().build());
 * AccessHistoryIndex.KeySummary s = index.summary("photos/cat.jpg");
 * Dataset d = PointInTimeDataset.build(index, FeatureExtractor.defaults(), snapshots, Duration.ofDays(90));
 * }</pre>
 *
 * <p>Read times are known to the window: every read in a window is placed at the window's last second,
 * so snapshots aligned to the window (whole days, for the default hour) see exactly the reads before
 * them and label exactly the reads after. A key whose first logged event is a read or a delete existed
 * before the logs began: it is taken to exist from {@link #start()}, with the largest ObjectSize its
 * reads reported (its age is then a lower bound).
 *
 * <p>Duplicates: S3 delivers log records best effort, sometimes twice. A write, read or delete line whose
 * request (Request ID, operation, key and second) was among the last {@link Builder#dedupeWindow(int)}
 * distinct requests (default 2^20) is skipped and counted in {@link #duplicateLines()}, so read counts do
 * not drift; memory for this is bounded (at most 24 bytes per remembered request, 24 MiB by default)
 * whatever the number of keys or lines. A duplicate further back than the window adds one to its
 * window's read count (whether a key was read in a window, and so every label, is unchanged either
 * way); duplicated writes and deletes at the same second always collapse. Not thread-safe while adding;
 * safe to read from many threads afterwards.
 */
public final class AccessHistoryIndex implements ObjectTimeline, AccessHistoryProvider {
    private final long window;
    private final String bucketFilter;
    private final byte[] bucketFilterBytes;
    private final Map<String, KeyLife> keys = new HashMap<>();
    private final Set<String> buckets = new TreeSet<>();
    private byte[] lastBucket = new byte[0];
    private long minTime = Long.MAX_VALUE;
    private long maxTime = Long.MIN_VALUE;
    private long lines;
    private long events;
    private long otherBucket;
    private long duplicates;
    private final RecentRequests recent;
    private List<String> sortedKeys;

    private static final long COUNT_MASK = (1L << 24) - 1;

    /** The default {@link Builder#dedupeWindow(int)}: 2^20 requests. */
    public static final int DEFAULT_DEDUPE_WINDOW = 1 << 20;

    /** Per key: writes (time, size), deletes, reads as packed (window << 24 | count), sorted by time. */
    private static final class KeyLife {
        long[] puts;        // time, size pairs
        int nPuts;
        long[] deletes;
        int nDeletes;
        long[] reads;
        int nReads;
        long lastRead = Long.MIN_VALUE;
        long firstOther = Long.MAX_VALUE; // earliest read or delete
        long knownSize = -1;
    }

    private AccessHistoryIndex(Builder b) {
        this.window = b.window.getSeconds();
        this.bucketFilter = b.bucket;
        this.bucketFilterBytes = b.bucket == null ? null : b.bucket.getBytes(StandardCharsets.UTF_8);
        this.recent = b.dedupeWindow == 0 ? null : new RecentRequests(b.dedupeWindow);
    }

    /** A builder: one-hour read windows, every bucket. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * An index of every log line in {@code source}, parsed leniently.
     *
     * @throws ArchiverException when the source holds no log line at all
     */
    public static AccessHistoryIndex of(AccessLogSource source) {
        AccessHistoryIndex index = builder().build();
        index.addAll(source, AccessLogParser.builder().build());
        return index;
    }

    /**
     * Parses {@code source} with {@code parser} into this index.
     *
     * @return the parse report (malformed lines with file and line)
     * @throws ArchiverException when the source holds no well-formed log line (naming the files), or in strict mode
     */
    public ParseReport addAll(AccessLogSource source, AccessLogParser parser) {
        ParseReport r = parser.parse(source, this::add);
        if (r.parsedLines() == 0) {
            List<String> names = new ArrayList<>();
            for (AccessLogSource.LogFile f : source.files()) {
                if (names.size() == 5) {
                    names.add("…");
                    break;
                }
                names.add(f.name());
            }
            throw new ArchiverException("no S3 server access log lines in " + (names.isEmpty() ? "the input (no files)"
                    : String.join(", ", names)) + (r.malformedLines() > 0 ? " (" + r.malformedLines()
                    + " malformed lines, first: " + r.malformedSamples().get(0) + ")" : ""));
        }
        return r;
    }

    /** Adds one parsed line (a consumer for {@link AccessLogParser#parse}). */
    public void add(AccessLogLine line) {
        if (!bucketMatches(line)) {
            otherBucket++;
            return;
        }
        lines++;
        long t = line.epochSecond();
        minTime = Math.min(minTime, t);
        maxTime = Math.max(maxTime, t);
        TraceEvent.Operation op = line.traceOperation();
        if (op != null) {
            if (recent != null) {
                long fp = requestFingerprint(line);
                if (fp != 0 && !recent.add(fp)) {
                    duplicates++;
                    return;
                }
            }
            record(op, line.key(), t, op == TraceEvent.Operation.PUT ? Math.max(0, line.objectSize()) : line.objectSize());
        }
    }

    /** Adds one trace event (for traces and tests; the bucket filter does not apply). */
    public void add(TraceEvent e) {
        lines++;
        long t = e.timestamp().getEpochSecond();
        minTime = Math.min(minTime, t);
        maxTime = Math.max(maxTime, t);
        record(e.operation(), e.key(), t, e.sizeBytes());
    }

    /**
     * A 64-bit fingerprint of the request a line records: Request ID (field 6), operation (7), raw key (8)
     * and second. The Request ID alone is not enough: one multi-object delete logs a line per key, and a
     * copy logs its source and destination halves, under one Request ID. 0 when the line has no Request ID.
     */
    static long requestFingerprint(AccessLogLine line) {
        byte[] b = line.buf;
        int s = line.start[5];
        int e = line.end[5];
        if (e - s == 1 && b[s] == '-') {
            return 0;
        }
        long h = 0xcbf29ce484222325L;
        for (int f = 5; f <= 7; f++) {
            for (int i = line.start[f], end = line.end[f]; i < end; i++) {
                h = (h ^ (b[i] & 0xff)) * 0x100000001b3L;
            }
            h = (h ^ ' ') * 0x100000001b3L;
        }
        h ^= line.epochSecond() * 0x9E3779B97F4A7C15L;
        // MurmurHash3's fmix64, so every input bit reaches every output bit
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h == 0 ? 1 : h;
    }

    private boolean bucketMatches(AccessLogLine line) {
        int s = line.start[1];
        int len = line.end[1] - s;
        byte[] b = line.buf;
        if (!same(b, s, len, lastBucket)) {
            lastBucket = Arrays.copyOfRange(b, s, s + len);
            buckets.add(new String(lastBucket, StandardCharsets.UTF_8));
        }
        return bucketFilterBytes == null || Arrays.equals(lastBucket, bucketFilterBytes);
    }

    private static boolean same(byte[] b, int s, int len, byte[] other) {
        if (len != other.length) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (b[s + i] != other[i]) {
                return false;
            }
        }
        return true;
    }

    private void record(TraceEvent.Operation op, String key, long t, long size) {
        events++;
        sortedKeys = null;
        KeyLife life = keys.computeIfAbsent(key, k -> new KeyLife());
        switch (op) {
            case PUT -> addPut(life, t, size);
            case GET -> {
                addRead(life, t);
                life.firstOther = Math.min(life.firstOther, t);
                life.knownSize = Math.max(life.knownSize, size);
            }
            case DELETE -> {
                addDelete(life, t);
                life.firstOther = Math.min(life.firstOther, t);
            }
        }
    }

    private static void addPut(KeyLife life, long t, long size) {
        if (life.puts == null) {
            life.puts = new long[2];
        }
        int i = life.nPuts;
        while (i > 0 && life.puts[2 * (i - 1)] > t) {
            i--;
        }
        if (i > 0 && life.puts[2 * (i - 1)] == t && life.puts[2 * (i - 1) + 1] == size) {
            return; // duplicated line
        }
        if (2 * (life.nPuts + 1) > life.puts.length) {
            life.puts = Arrays.copyOf(life.puts, life.puts.length * 2);
        }
        System.arraycopy(life.puts, 2 * i, life.puts, 2 * i + 2, 2 * (life.nPuts - i));
        life.puts[2 * i] = t;
        life.puts[2 * i + 1] = size;
        life.nPuts++;
    }

    private static void addDelete(KeyLife life, long t) {
        if (life.deletes == null) {
            life.deletes = new long[1];
        }
        int i = life.nDeletes;
        while (i > 0 && life.deletes[i - 1] > t) {
            i--;
        }
        if (i > 0 && life.deletes[i - 1] == t) {
            return;
        }
        if (life.nDeletes == life.deletes.length) {
            life.deletes = Arrays.copyOf(life.deletes, life.deletes.length * 2);
        }
        System.arraycopy(life.deletes, i, life.deletes, i + 1, life.nDeletes - i);
        life.deletes[i] = t;
        life.nDeletes++;
    }

    private void addRead(KeyLife life, long t) {
        life.lastRead = Math.max(life.lastRead, t);
        long w = Math.floorDiv(t, window);
        if (life.reads == null) {
            life.reads = new long[1];
        }
        int i = life.nReads;
        while (i > 0 && (life.reads[i - 1] >> 24) > w) {
            i--;
        }
        if (i > 0 && (life.reads[i - 1] >> 24) == w) {
            if ((life.reads[i - 1] & COUNT_MASK) < COUNT_MASK) {
                life.reads[i - 1]++;
            }
            return;
        }
        if (life.nReads == life.reads.length) {
            life.reads = Arrays.copyOf(life.reads, life.reads.length * 2);
        }
        System.arraycopy(life.reads, i, life.reads, i + 1, life.nReads - i);
        life.reads[i] = (w << 24) | 1;
        life.nReads++;
    }

    /** The read-count window. */
    public Duration window() {
        return Duration.ofSeconds(window);
    }

    /** Every bucket seen in the logs (including those the bucket filter skipped). */
    public Set<String> buckets() {
        return Collections.unmodifiableSet(buckets);
    }

    /** Lines of the indexed bucket(s) added. */
    public long lines() {
        return lines;
    }

    /** Lines that were writes, reads or deletes of a key. */
    public long events() {
        return events;
    }

    /**
     * Write, read and delete lines skipped because the same request (Request ID, operation, key, second)
     * was already indexed within the dedupe window: S3's duplicated log deliveries.
     */
    public long duplicateLines() {
        return duplicates;
    }

    /** Lines skipped because they were for another bucket than the filter. */
    public long otherBucketLines() {
        return otherBucket;
    }

    /** Distinct keys. */
    public int size() {
        return keys.size();
    }

    /** Every key, sorted (so datasets do not depend on the order of the log lines). */
    @Override
    public List<String> keys() {
        List<String> k = sortedKeys;
        if (k == null) {
            String[] a = keys.keySet().toArray(new String[0]);
            Arrays.sort(a);
            k = List.of(a);
            sortedKeys = k;
        }
        return k;
    }

    /** The earliest logged instant, or {@code null} when empty. */
    @Override
    public Instant start() {
        return lines == 0 ? null : Instant.ofEpochSecond(minTime);
    }

    /** The latest logged instant, or {@code null} when empty. */
    @Override
    public Instant end() {
        return lines == 0 ? null : Instant.ofEpochSecond(maxTime);
    }

    @Override
    public ObjectInfo objectAt(String bucket, String key, Instant at) {
        KeyLife life = keys.get(key);
        if (life == null || lines == 0) {
            return null;
        }
        long t = at.getEpochSecond();
        long written;
        long size;
        int p = lastPutAtOrBefore(life, t);
        if (p >= 0) {
            written = life.puts[2 * p];
            size = life.puts[2 * p + 1];
        } else {
            long firstPut = life.nPuts == 0 ? Long.MAX_VALUE : life.puts[0];
            if (life.firstOther >= firstPut || t < minTime) {
                return null;
            }
            written = minTime; // existed before the logs began
            size = Math.max(0, life.knownSize);
        }
        int d = lastAtOrBefore(life.deletes, life.nDeletes, t);
        if (d >= 0 && life.deletes[d] >= written) {
            return null;
        }
        return ObjectInfo.builder(bucket, key).size(size).lastModified(Instant.ofEpochSecond(written))
                .eTag("\"" + Long.toHexString(key.hashCode() * 31L + written) + "\"").build();
    }

    /** Every read of {@code key}, each placed at the last second of its window. */
    @Override
    public AccessHistory history(String key) {
        KeyLife life = keys.get(key);
        if (life == null || life.nReads == 0) {
            return AccessHistory.none();
        }
        long total = 0;
        for (int i = 0; i < life.nReads; i++) {
            total += life.reads[i] & COUNT_MASK;
        }
        long[] times = new long[(int) Math.min(Integer.MAX_VALUE - 8, total)];
        int n = 0;
        for (int i = 0; i < life.nReads && n < times.length; i++) {
            long at = readTime(life.reads[i]);
            for (long c = life.reads[i] & COUNT_MASK; c > 0 && n < times.length; c--) {
                times[n++] = at;
            }
        }
        return AccessHistory.ofEpochSeconds(times);
    }

    @Override
    public AccessHistory historyOf(ObjectInfo object) {
        return history(object.key());
    }

    @Override
    public int readsIn(String key, Instant from, Instant to) {
        KeyLife life = keys.get(key);
        if (life == null) {
            return 0;
        }
        long f = from.getEpochSecond();
        long e = to.getEpochSecond();
        long n = 0;
        for (int i = 0; i < life.nReads; i++) {
            long at = readTime(life.reads[i]);
            if (at > f && at <= e) {
                n += life.reads[i] & COUNT_MASK;
            }
        }
        return (int) Math.min(Integer.MAX_VALUE, n);
    }

    private long readTime(long packed) {
        return ((packed >> 24) + 1) * window - 1;
    }

    /**
     * What the logs say about {@code key}, or {@code null} when they never mention it.
     */
    public KeySummary summary(String key) {
        KeyLife life = keys.get(key);
        if (life == null) {
            return null;
        }
        long reads = 0;
        for (int i = 0; i < life.nReads; i++) {
            reads += life.reads[i] & COUNT_MASK;
        }
        return new KeySummary(key,
                life.nPuts == 0 ? null : Instant.ofEpochSecond(life.puts[0]),
                life.nPuts == 0 ? null : Instant.ofEpochSecond(life.puts[2 * (life.nPuts - 1)]),
                life.nPuts > 0 ? life.puts[2 * (life.nPuts - 1) + 1] : life.knownSize,
                reads, life.nReads,
                life.lastRead == Long.MIN_VALUE ? null : Instant.ofEpochSecond(life.lastRead),
                life.nDeletes == 0 ? null : Instant.ofEpochSecond(life.deletes[life.nDeletes - 1]),
                life.firstOther < (life.nPuts == 0 ? Long.MAX_VALUE : life.puts[0]));
    }

    /**
     * One key's life in the logs.
     *
     * <pre>{@code
     * AccessHistoryIndex.KeySummary s = index.summary("logs/app.log.gz");
     * boolean cold = s.lastRead() == null || s.lastRead().isBefore(now.minus(Duration.ofDays(90)));
     * }</pre>
     *
     * @param key             the object key
     * @param created         the first logged write, or null
     * @param lastWritten     the last logged write, or null
     * @param sizeBytes       the size at the last write (or the largest size reads reported), -1 when unknown
     * @param reads           logged reads
     * @param readWindows     windows with at least one read
     * @param lastRead        the exact time of the last read, or null
     * @param lastDeleted     the last logged delete, or null
     * @param existedBefore   true when a read or delete precedes the first write: the object predates the logs
     */
    public record KeySummary(String key, Instant created, Instant lastWritten, long sizeBytes, long reads,
                             int readWindows, Instant lastRead, Instant lastDeleted, boolean existedBefore) {
    }

    private static int lastPutAtOrBefore(KeyLife life, long t) {
        int lo = 0;
        int hi = life.nPuts;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (life.puts[2 * mid] <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo - 1;
    }

    private static int lastAtOrBefore(long[] a, int n, long t) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo - 1;
    }

    @Override
    public String toString() {
        return "AccessHistoryIndex[" + keys.size() + " keys, " + events + " events, " + lines + " lines, window "
                + window() + (bucketFilter == null ? "" : ", bucket " + bucketFilter) + (duplicates == 0 ? "" : ", "
                + duplicates + " duplicated lines skipped") + "]";
    }

    /** Builds an empty index; every setter validates at once. */
    public static final class Builder {
        private Duration window = Duration.ofHours(1);
        private String bucket;
        private int dedupeWindow = DEFAULT_DEDUPE_WINDOW;

        private Builder() {
        }

        /**
         * How many distinct recent requests are remembered to skip duplicated log lines (default 2^20 =
         * 1,048,576, at most 24 MiB); 0 turns deduplication off. A duplicate is caught when fewer than this
         * many other write, read or delete requests were read between its two copies.
         *
         * @throws IllegalArgumentException when negative or above 2^29
         */
        public Builder dedupeWindow(int requests) {
            if (requests < 0 || requests > (1 << 29)) {
                throw new IllegalArgumentException("dedupeWindow must be 0..2^29 requests, was " + requests);
            }
            this.dedupeWindow = requests;
            return this;
        }

        /**
         * The read-count window (default one hour): reads are counted per window; snapshots should fall on window boundaries.
         *
         * @throws IllegalArgumentException when under one minute, not whole seconds, or not dividing a day
         */
        public Builder window(Duration window) {
            if (window.compareTo(Duration.ofMinutes(1)) < 0 || window.getNano() != 0
                    || 86_400 % window.getSeconds() != 0) {
                throw new IllegalArgumentException("window must be whole seconds, >= 1 minute and divide a day, was " + window);
            }
            this.window = window;
            return this;
        }

        /**
         * Index only lines of this bucket (default: every bucket; keys of different buckets then merge).
         *
         * @throws IllegalArgumentException when blank
         */
        public Builder bucket(String bucket) {
            if (bucket != null && bucket.isBlank()) {
                throw new IllegalArgumentException("bucket must not be blank, was '" + bucket + "'");
            }
            this.bucket = bucket;
            return this;
        }

        public AccessHistoryIndex build() {
            return new AccessHistoryIndex(this);
        }
    }
}
