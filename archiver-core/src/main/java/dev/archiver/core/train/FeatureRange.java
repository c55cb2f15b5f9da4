package dev.archiver.core.train;

import dev.archiver.core.feature.FeatureBatch;
import dev.archiver.core.feature.FeatureExtractor;
import dev.archiver.core.object.AccessHistory;
import dev.archiver.core.object.ObjectInfo;
import dev.archiver.core.predict.AccessPredictor;
import dev.archiver.core.predict.ReadCountPredictor;

import java.time.Instant;
import java.util.List;

/**
 * The range of every feature over a training set, and predictors that clamp each feature into it before scoring.
 * A linear model extrapolates its slopes beyond the data it saw (a model trained on 120 days of history has never
 * seen an object older than that, and its {@code age_days} slope says nothing about a 400-day-old one); clamping is
 * the usual guard: outside the range, the prediction is the one at the nearest edge.
 *
 * <pre>{@code
 * FeatureRange range = FeatureRange.of(dataset);
 * AccessPredictor p = range.clamp(model);           // scores clamp(x) instead of x
 * }</pre>
 *
 * @param featureNames the columns
 * @param min          the smallest value of each column
 * @param max          the largest value of each column
 */
public record FeatureRange(List<String> featureNames, double[] min, double[] max) {

    public FeatureRange {
        featureNames = List.copyOf(featureNames);
        if (min.length != featureNames.size() || max.length != featureNames.size()) {
            throw new IllegalArgumentException(featureNames.size() + " features, " + min.length + " minima, " + max.length + " maxima");
        }
        for (int j = 0; j < min.length; j++) {
            if (!(min[j] <= max[j])) {
                throw new IllegalArgumentException("feature '" + featureNames.get(j) + "': min " + min[j] + " > max " + max[j]);
            }
        }
        min = min.clone();
        max = max.clone();
    }

    /** The range of {@code data}'s columns. @throws IllegalArgumentException when it has no rows */
    public static FeatureRange of(Dataset data) {
        int d = data.width();
        int n = data.rows();
        if (n == 0) {
            throw new IllegalArgumentException("no rows to take a range from");
        }
        double[] x = data.values();
        double[] lo = new double[d];
        double[] hi = new double[d];
        System.arraycopy(x, 0, lo, 0, d);
        System.arraycopy(x, 0, hi, 0, d);
        for (int r = 1; r < n; r++) {
            for (int j = 0; j < d; j++) {
                double v = x[r * d + j];
                lo[j] = Math.min(lo[j], v);
                hi[j] = Math.max(hi[j], v);
            }
        }
        return new FeatureRange(data.featureNames(), lo, hi);
    }

    /** {@code batch} with every column this range names clamped into it (a copy; columns it does not name unchanged). */
    public FeatureBatch clamp(FeatureBatch batch) {
        int w = batch.width();
        int rows = batch.rows();
        double[] v = java.util.Arrays.copyOf(batch.values(), rows * w);
        List<String> names = batch.names();
        double[] lo = bounds(names, min, Double.NEGATIVE_INFINITY);
        double[] hi = bounds(names, max, Double.POSITIVE_INFINITY);
        // row by row, as the values lie (a pass per column strided through the whole batch was cache misses)
        for (int r = 0; r < rows; r++) {
            for (int c = 0, i = r * w; c < w; c++, i++) {
                v[i] = Math.max(lo[c], Math.min(hi[c], v[i]));
            }
        }
        return new FeatureBatch(names, v, rows);
    }

    /**
     * {@code extractor} writing its features clamped into this range (columns it does not name unchanged), in place:
     * every predictor of an engine then sees clamped features, clamped once per row rather than copied per predictor.
     */
    public FeatureExtractor clamp(FeatureExtractor extractor) {
        List<String> names = List.copyOf(extractor.featureNames());
        int w = names.size();
        double[] lo = bounds(names, min, Double.NEGATIVE_INFINITY);
        double[] hi = bounds(names, max, Double.POSITIVE_INFINITY);
        return new FeatureExtractor() {
            @Override
            public List<String> featureNames() {
                return names;
            }

            @Override
            public void extract(ObjectInfo object, AccessHistory history, Instant now, double[] out, int offset) {
                extractor.extract(object, history, now, out, offset);
                for (int c = 0; c < w; c++) {
                    out[offset + c] = Math.max(lo[c], Math.min(hi[c], out[offset + c]));
                }
            }
        };
    }

    /** {@code predictor} scoring clamped features; same name. */
    public AccessPredictor clamp(AccessPredictor predictor) {
        return new AccessPredictor() {
            @Override
            public String name() {
                return predictor.name();
            }

            @Override
            public double[] predict(FeatureBatch batch) {
                return predictor.predict(clamp(batch));
            }
        };
    }

    /** {@code predictor} forecasting from clamped features; same name. */
    public ReadCountPredictor clamp(ReadCountPredictor predictor) {
        return new ReadCountPredictor() {
            @Override
            public String name() {
                return predictor.name();
            }

            @Override
            public double[] expectedReads(FeatureBatch batch) {
                return predictor.expectedReads(clamp(batch));
            }
        };
    }

    /** For each of {@code columns}, its bound from {@code bound}, or {@code unbounded} when this range does not name it. */
    private double[] bounds(List<String> columns, double[] bound, double unbounded) {
        double[] b = new double[columns.size()];
        for (int c = 0; c < b.length; c++) {
            int j = featureNames.indexOf(columns.get(c));
            b[c] = j < 0 ? unbounded : bound[j];
        }
        return b;
    }
}
