package dev.archiver.core.predict;

import dev.archiver.core.feature.FeatureBatch;

/** The original design's rule: an object N days old or older is never read again. See {@link AccessPredictor#ageRule(int)}. */
final class AgeRulePredictor implements AccessPredictor {
    private final int days;

    AgeRulePredictor(int days) {
        if (days < 0) {
            throw new IllegalArgumentException("age rule days must be >= 0, was " + days);
        }
        this.days = days;
    }

    @Override
    public String name() {
        return "age-rule:" + days;
    }

    @Override
    public double[] predict(FeatureBatch batch) {
        int col;
        try {
            col = batch.column("age_days");
        } catch (IllegalArgumentException e) {
            throw new PredictionException(name() + " needs the age_days feature: " + e.getMessage(), e);
        }
        double[] p = new double[batch.rows()];
        for (int r = 0; r < p.length; r++) {
            p[r] = batch.get(r, col) >= days ? 0 : 1;
        }
        return p;
    }

    @Override
    public String toString() {
        return name();
    }
}
