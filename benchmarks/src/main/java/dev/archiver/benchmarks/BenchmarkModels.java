package dev.archiver.benchmarks;

import dev.archiver.core.feature.FeatureExtractor;
import dev.archiver.core.predict.LogisticModel;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** The model every benchmark scores with: seeded random weights over the default features. */
final class BenchmarkModels {
    private BenchmarkModels() {
    }

    /** Draws the scaler and coefficients from {@code r} (three draws per feature, in feature order). */
    static LogisticModel random(SplittableRandom r) {
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
        return LogisticModel.of(names, mean, scale, coef, -1.0, Map.of("name", "benchmark"));
    }
}
