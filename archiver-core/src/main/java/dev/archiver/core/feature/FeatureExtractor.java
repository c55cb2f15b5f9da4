package dev.archiver.core.feature;

import dev.archiver.core.object.AccessHistory;
import dev.archiver.core.object.ObjectInfo;

import java.time.Instant;
import java.util.List;

/**
 * Turns an object and its known reads into the numbers a predictor scores. Features must be
 * computed only from what was known before {@code now}; the extractor writes into a caller's
 * array so the hot path allocates nothing.
 *
 * <pre>{@code
 * FeatureExtractor fx = FeatureExtractor.defaults();
 * FeatureVector v = fx.extract(object, history, now);
 * double age = v.value("age_days");
 * }</pre>
 */
public interface FeatureExtractor {

    /** The names of the features, in the order {@link #extract(ObjectInfo, AccessHistory, Instant, double[], int)} writes them. */
    List<String> featureNames();

    /**
     * Writes {@code featureNames().size()} values for {@code object} into {@code out} from {@code offset}.
     * Reads at or after {@code now} in {@code history} must not influence the values.
     */
    void extract(ObjectInfo object, AccessHistory history, Instant now, double[] out, int offset);

    /** The features of one object as a {@link FeatureVector}. */
    default FeatureVector extract(ObjectInfo object, AccessHistory history, Instant now) {
        double[] values = new double[featureNames().size()];
        extract(object, history, now, values, 0);
        return new FeatureVector(featureNames(), values);
    }

    /** The default extractor: age, size, reads in recent windows, time since the last read, key prefix and extension signals. */
    static FeatureExtractor defaults() {
        return DefaultFeatureExtractor.INSTANCE;
    }
}
