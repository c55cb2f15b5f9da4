package dev.archiver.core.predict;

import dev.archiver.core.feature.FeatureBatch;

/**
 * Scores objects with the probability that each will be read within the cost horizon. Batched:
 * one call scores many rows, so a remote predictor makes one request per batch, not per object.
 *
 * <pre>{@code
 * AccessPredictor model = LogisticModel.load(Path.of("model.json"));
 * AccessPredictor baseline = AccessPredictor.ageRule(30);
 * double[] p = model.predict(batch); // p.length == batch.rows()
 * }</pre>
 *
 * A predictor that cannot score throws {@link PredictionException}; the decision engine then
 * keeps the objects where they are and counts the failure.
 */
public interface AccessPredictor {

    /** A short name recorded in plans and reports. */
    String name();

    /**
     * One probability in [0, 1] per row of {@code batch}, in row order. The batch's arrays belong
     * to the caller and may be reused once this returns: copy whatever must outlive the call.
     *
     * @throws PredictionException when the batch cannot be scored (missing feature, endpoint down)
     */
    double[] predict(FeatureBatch batch);

    /**
     * The original design's rule as a predictor: an object {@code days} days old or older will not
     * be read (p = 0), a younger one will (p = 1); {@code ageRule(0)} says nothing is read again.
     * Needs the {@code age_days} feature.
     */
    static AccessPredictor ageRule(int days) {
        return new AgeRulePredictor(days);
    }
}
