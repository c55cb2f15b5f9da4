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

    /**
     * A rule written as text, as the CLI's {@code --rule} and the Lambda's {@code ARCHIVER_RULE}
     * take it: {@code age-days:N} is {@link #ageRule ageRule(N)}.
     *
     * @throws IllegalArgumentException naming what was expected and what {@code spec} was
     */
    static AccessPredictor rule(String spec) {
        String r = spec == null ? "" : spec.trim();
        if (!r.startsWith("age-days:")) {
            throw new IllegalArgumentException("expected age-days:N, was '" + spec + "'");
        }
        try {
            int days = Integer.parseInt(r.substring("age-days:".length()));
            if (days >= 0) {
                return ageRule(days);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("N in age-days:N must be a whole number of days >= 0, was '" + spec + "'");
    }
}
