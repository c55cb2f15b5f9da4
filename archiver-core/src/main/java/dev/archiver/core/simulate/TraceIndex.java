package dev.archiver.core.simulate;

import dev.archiver.core.ArchiverException;
import dev.archiver.core.object.AccessHistory;
import dev.archiver.core.object.ObjectInfo;
import dev.archiver.core.train.ObjectTimeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trace folded per key, to ask what the bucket looked like at any instant: which objects
 * existed, their size and LastModified, and the reads of each. Memory is proportional to keys
 * plus events per key.
 *
 * <pre>{@code
 * TraceIndex index = TraceIndex.of(workload.events());
 * ObjectInfo o = index.objectAt("bucket", "logs/a.log.gz", t);  // null when absent at t
 * int next90 = index.readsIn("logs/a.log.gz", t, t.plus(Duration.ofDays(90)));
 * }</pre>
 */
public final class TraceIndex implements ObjectTimeline {
    private final Map<String, KeyLife> keys;
    private final Instant start;
    private final Instant end;

    private static final class KeyLife {
        long[] putTimes = new long[1];
        long[] putSizes = new long[1];
        int puts;
        long[] deleteTimes = new long[0];
        int deletes;
        long[] reads = new long[0];
        int readCount;

        void put(long t, long size) {
            if (puts == putTimes.length) {
                putTimes = Arrays.copyOf(putTimes, puts * 2);
                putSizes = Arrays.copyOf(putSizes, puts * 2);
            }
            putTimes[puts] = t;
            putSizes[puts++] = size;
        }

        void delete(long t) {
            if (deletes == deleteTimes.length) {
                deleteTimes = Arrays.copyOf(deleteTimes, Math.max(1, deletes * 2));
            }
            deleteTimes[deletes++] = t;
        }

        void read(long t) {
            if (readCount == reads.length) {
                reads = Arrays.copyOf(reads, Math.max(2, readCount * 2));
            }
            reads[readCount++] = t;
        }
    }

    private TraceIndex(Map<String, KeyLife> keys, Instant start, Instant end) {
        this.keys = keys;
        this.start = start;
        this.end = end;
    }

    /**
     * Folds events given in non-decreasing time order (as {@link TraceReader} delivers them).
     *
     * @throws ArchiverException when the events are out of order or an event names a key that does not exist then
     */
    public static TraceIndex of(Iterable<TraceEvent> events) {
        Map<String, KeyLife> keys = new LinkedHashMap<>();
        Instant first = null;
        Instant last = null;
        long n = 0;
        for (TraceEvent e : events) {
            n++;
            if (last != null && e.timestamp().isBefore(last)) {
                throw new ArchiverException("event " + n + " (" + e + ") is earlier than the one before it; a trace is in time order");
            }
            if (first == null) {
                first = e.timestamp();
            }
            last = e.timestamp();
            long t = e.timestamp().getEpochSecond();
            KeyLife life = keys.get(e.key());
            switch (e.operation()) {
                case PUT:
                    if (life == null) {
                        life = new KeyLife();
                        keys.put(e.key(), life);
                    }
                    life.put(t, e.sizeBytes());
                    break;
                case GET:
                    if (life == null) {
                        throw new ArchiverException("event " + n + ": GET of key '" + e.key() + "' that was never written");
                    }
                    life.read(t);
                    break;
                case DELETE:
                    if (life == null) {
                        throw new ArchiverException("event " + n + ": DELETE of key '" + e.key() + "' that was never written");
                    }
                    life.delete(t);
                    break;
                default:
                    throw new IllegalStateException("unknown operation " + e.operation());
            }
        }
        return new TraceIndex(keys, first, last);
    }

    /** The first event's instant, or {@code null} for an empty trace. */
    @Override
    public Instant start() {
        return start;
    }

    /** The last event's instant, or {@code null} for an empty trace. */
    @Override
    public Instant end() {
        return end;
    }

    /** Every key the trace ever wrote, in order of first write. */
    @Override
    public List<String> keys() {
        return Collections.unmodifiableList(new ArrayList<>(keys.keySet()));
    }

    /**
     * The object {@code key} as it was at {@code at} (its last PUT at or before {@code at}, not deleted since),
     * in STANDARD with an ETag derived from key and write time, or {@code null} when it did not exist then.
     */
    @Override
    public ObjectInfo objectAt(String bucket, String key, Instant at) {
        KeyLife life = keys.get(key);
        if (life == null) {
            return null;
        }
        long t = at.getEpochSecond();
        int p = lastAtOrBefore(life.putTimes, life.puts, t);
        if (p < 0) {
            return null;
        }
        long written = life.putTimes[p];
        int d = lastAtOrBefore(life.deleteTimes, life.deletes, t);
        if (d >= 0 && life.deleteTimes[d] >= written) {
            return null;
        }
        return ObjectInfo.builder(bucket, key).size(life.putSizes[p]).lastModified(Instant.ofEpochSecond(written))
                .eTag("\"" + Long.toHexString(key.hashCode() * 31L + written) + "\"").build();
    }

    /** Every read of {@code key} in the trace; features ignore those at or after their decision instant. */
    @Override
    public AccessHistory history(String key) {
        KeyLife life = keys.get(key);
        return life == null ? AccessHistory.none() : AccessHistory.ofEpochSeconds(Arrays.copyOf(life.reads, life.readCount));
    }

    /** Reads of {@code key} with {@code from < t <= to}: what happened after a decision made at {@code from}. */
    @Override
    public int readsIn(String key, Instant from, Instant to) {
        KeyLife life = keys.get(key);
        if (life == null) {
            return 0;
        }
        long f = from.getEpochSecond();
        long e = to.getEpochSecond();
        return lastAtOrBefore(life.reads, life.readCount, e) - lastAtOrBefore(life.reads, life.readCount, f);
    }

    /** Index of the last value {@code <= t} in the sorted prefix {@code a[0..n)}, or -1. */
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
}
