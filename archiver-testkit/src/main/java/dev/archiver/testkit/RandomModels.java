package dev.archiver.testkit;

import dev.archiver.core.feature.FeatureExtractor;
import dev.archiver.core.predict.LogisticModel;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Logistic models with seeded random weights over the default features: a stand-in for a trained
 * model where only the work of scoring matters (benchmarks, scale tests).
 *
 * <pre>{@code
 * LogisticModel model = RandomModels.logistic(new SplittableRandom(42), "benchmark");
 * }</pre>
 */
public final class RandomModels {
    private RandomModels() {
    }

    /** Draws the scaler and coefficients from {@code r} (three draws per feature, in feature order); intercept -1. */
    public static LogisticModel logistic(SplittableRandom r, String name) {
        List<String> names = FeatureExtractor.defaults().featureNames();
        int d = names.size();
        double[] mean = new double[d];
        double[] scale = new double[d];
        double[] coef = new double[d];
        for (int i = 0; i < d; i++) {
            mean[i] = r.nextDouble();
            scale[i] = 0.5 + r.nextDouble();
            coef[i] = r.nextGaussian();
        }
        return LogisticModel.of(names, mean, scale, coef, -1.0, Map.of("name", name));
    }
}
