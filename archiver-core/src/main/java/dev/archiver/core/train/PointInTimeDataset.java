package dev.archiver.core.train;

import dev.archiver.core.feature.FeatureExtractor;
import dev.archiver.core.object.ObjectInfo;
import dev.archiver.core.simulate.TraceIndex;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Builds a leak-free training set from a trace or any {@link ObjectTimeline} (such as S3 server access logs): at each snapshot instant {@code t}, one row per
 * object that exists at {@code t}, with features computed only from what happened before
 * {@code t} and the label "read within {@code (t, t + horizon]}".
 *
 * <pre>{@code
 * Dataset d = PointInTimeDataset.build(index, FeatureExtractor.defaults(), snapshots, Duration.ofDays(90));
 * }</pre>
 *
 * Each snapshot's label window must end by the trace's end, or rows would be labelled "not
 * read" for lack of data; such snapshots are refused.
 */
public final class PointInTimeDataset {
    private PointInTimeDataset() {
    }

    /**
     * @throws IllegalArgumentException when a snapshot's label window runs past the trace's end
     */
    public static Dataset build(TraceIndex index, FeatureExtractor extractor, List<Instant> snapshots, Duration horizon) {
        return build((ObjectTimeline) index, extractor, snapshots, horizon);
    }

    /**
     * The same from any {@link ObjectTimeline}, such as an {@code AccessHistoryIndex} built from S3 server access logs.
     *
     * @throws IllegalArgumentException when a snapshot's label window runs past the timeline's end
     */
    public static Dataset build(ObjectTimeline index, FeatureExtractor extractor, List<Instant> snapshots, Duration horizon) {
        Rows r = rows(index, extractor, snapshots, horizon);
        double[] labels = new double[r.count];
        for (int i = 0; i < r.count; i++) {
            labels[i] = r.reads[i] > 0 ? 1 : 0;
        }
        List<String> names = extractor.featureNames();
        return new Dataset(names, Arrays.copyOf(r.values, r.count * names.size()), labels);
    }

    /**
     * The number of reads in each row's label window {@code (t, t + horizon]}, in the order of the rows of
     * {@link #build(ObjectTimeline, FeatureExtractor, List, Duration)} over the same snapshots: the labels of a
     * read-count model ({@link PoissonRegressionTrainer}).
     *
     * @throws IllegalArgumentException when a snapshot's label window runs past the timeline's end
     */
    public static double[] readCounts(ObjectTimeline index, List<Instant> snapshots, Duration horizon) {
        Rows r = rows(index, null, snapshots, horizon);
        return Arrays.copyOf(r.reads, r.count);
    }

    /** One row per snapshot and object alive at it: the features (none without an extractor) and the reads in its label window. */
    private record Rows(double[] values, double[] reads, int count) {
    }

    private static Rows rows(ObjectTimeline index, FeatureExtractor extractor, List<Instant> snapshots, Duration horizon) {
        int width = extractor == null ? 0 : extractor.featureNames().size();
        List<String> keys = index.keys();
        double[] values = new double[Math.max(16, keys.size()) * width];
        double[] reads = new double[Math.max(16, keys.size())];
        int rows = 0;
        for (Instant t : snapshots) {
            Instant until = t.plus(horizon);
            if (index.end() == null || until.isAfter(index.end())) {
                throw new IllegalArgumentException("snapshot " + t + ": its label window ends " + until
                        + ", after the trace's last event " + index.end());
            }
            for (String key : keys) {
                ObjectInfo o = index.objectAt("dataset", key, t);
                if (o == null) {
                    continue;
                }
                if (rows == reads.length) {
                    reads = Arrays.copyOf(reads, rows * 2);
                    values = Arrays.copyOf(values, rows * 2 * width);
                }
                if (extractor != null) {
                    extractor.extract(o, index.history(key), t, values, rows * width);
                }
                reads[rows++] = index.readsIn(key, t, until);
            }
        }
        return new Rows(values, reads, rows);
    }

    /**
     * Snapshot instants {@code first, first + every, …} whose label window {@code (t, t + horizon]} ends by {@code end}.
     *
     * <pre>{@code
     * List<Instant> ts = PointInTimeDataset.snapshots(start.plus(Duration.ofDays(7)), end, Duration.ofDays(7), horizon);
     * }</pre>
     *
     * @throws IllegalArgumentException when {@code every} or {@code horizon} is not positive
     */
    public static List<Instant> snapshots(Instant first, Instant end, Duration every, Duration horizon) {
        if (every.isZero() || every.isNegative()) {
            throw new IllegalArgumentException("snapshot interval must be positive, was " + every);
        }
        if (horizon.isZero() || horizon.isNegative()) {
            throw new IllegalArgumentException("horizon must be positive, was " + horizon);
        }
        List<Instant> out = new java.util.ArrayList<>();
        for (Instant t = first; !t.plus(horizon).isAfter(end); t = t.plus(every)) {
            out.add(t);
        }
        return out;
    }
}
