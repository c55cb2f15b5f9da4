package dev.archiver.core.predict;

import dev.archiver.core.feature.FeatureBatch;

/**
 * Forecasts how many times each object will be read within the cost horizon (the expected count, not a
 * probability). With {@link dev.archiver.core.decide.DecisionEngine.Builder#readCountPredictor}, the engine
 * prices the expected reads from it instead of p(read) × the reads of the last horizon.
 *
 * <pre>{@code
 * ReadCountPredictor counts = ReadCountModel.of(names, mean, scale, coefficients, intercept, Map.of());
 * double[] reads = counts.expectedReads(batch); // reads.length == batch.rows(), each >= 0
 * }</pre>
 */
public interface ReadCountPredictor {

    /** A short name recorded in reports. */
    String name();

    /**
     * One expected number of reads (finite, {@code >= 0}) per row of {@code batch}, in row order. The batch's
     * arrays belong to the caller and may be reused once this returns.
     *
     * @throws PredictionException when the batch cannot be scored
     */
    double[] expectedReads(FeatureBatch batch);
}
