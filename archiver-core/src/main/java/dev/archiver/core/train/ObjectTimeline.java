package dev.archiver.core.train;

import dev.archiver.core.object.AccessHistory;
import dev.archiver.core.object.ObjectInfo;

import java.time.Instant;
import java.util.List;

/**
 * The life of a bucket's keys as the {@link PointInTimeDataset} needs it: which objects existed at an
 * instant, their reads, and how many reads fell in a window. Implemented by
 * {@link dev.archiver.core.access.AccessHistoryIndex} (from S3 server access logs) and by
 * {@link dev.archiver.core.simulate.TraceIndex}, a simulator trace.
 *
 * <pre>{@code
 * ObjectTimeline timeline = AccessHistoryIndex.build(AccessLogSource.local(Path.of("logs/")));
 * Dataset d = PointInTimeDataset.build(timeline, FeatureExtractor.defaults(), snapshots, Duration.ofDays(90));
 * }</pre>
 */
public interface ObjectTimeline {

    /** Every key, in a stable order. */
    List<String> keys();

    /** The first instant the timeline covers, or {@code null} when empty. */
    Instant start();

    /** The last instant the timeline covers (labels need data up to here), or {@code null} when empty. */
    Instant end();

    /** The object {@code key} as it was at {@code at}, in {@code bucket}, or {@code null} when it did not exist then. */
    ObjectInfo objectAt(String bucket, String key, Instant at);

    /** All known reads of {@code key} (features ignore those at or after their decision instant). */
    AccessHistory history(String key);

    /** Reads of {@code key} with {@code from < t <= to}. */
    int readsIn(String key, Instant from, Instant to);

    /**
     * This timeline restricted to a deterministic sample of its keys: a key is kept when a hash of it and
     * {@code seed} falls under {@code fraction}, whatever the order or number of other keys, so the same
     * key is in or out of every snapshot (a dataset of a billion-object bucket can be cut to size without
     * mixing an object's rows across samples).
     *
     * <pre>{@code
     * Dataset d = PointInTimeDataset.build(index.sampled(0.05, 1), extractor, snapshots, horizon);
     * }</pre>
     *
     * @throws IllegalArgumentException unless {@code 0 < fraction <= 1}
     */
    default ObjectTimeline sampled(double fraction, long seed) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("key sample fraction must be in (0, 1], was " + fraction);
        }
        if (fraction == 1) {
            return this;
        }
        ObjectTimeline all = this;
        long limit = (long) (fraction * (1L << 53));
        return new ObjectTimeline() {
            private List<String> keys;

            @Override
            public List<String> keys() {
                if (keys == null) {
                    List<String> k = new java.util.ArrayList<>();
                    for (String key : all.keys()) {
                        long h = (key.hashCode() * 0x9E3779B97F4A7C15L) ^ seed;
                        h ^= h >>> 31;
                        h *= 0xBF58476D1CE4E5B9L;
                        h ^= h >>> 29;
                        if ((h >>> 11) < limit) {
                            k.add(key);
                        }
                    }
                    keys = List.copyOf(k);
                }
                return keys;
            }

            @Override
            public Instant start() {
                return all.start();
            }

            @Override
            public Instant end() {
                return all.end();
            }

            @Override
            public ObjectInfo objectAt(String bucket, String key, Instant at) {
                return all.objectAt(bucket, key, at);
            }

            @Override
            public AccessHistory history(String key) {
                return all.history(key);
            }

            @Override
            public int readsIn(String key, Instant from, Instant to) {
                return all.readsIn(key, from, to);
            }
        };
    }
}
