package dev.archiver.core.predict;

import dev.archiver.core.ArchiverException;
import dev.archiver.core.feature.FeatureBatch;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Poisson regression (log link) over standardised features: expected reads within the horizon
 * {@code exp(intercept + Σ coefficients[i] · (x[i] − mean[i]) / scale[i])}. Trained by
 * {@code dev.archiver.core.train.PoissonRegressionTrainer}. Immutable and thread-safe.
 *
 * <pre>{@code
 * ReadCountModel m = ReadCountModel.of(List.of("log_reads_30d"), new double[] {0}, new double[] {1},
 *         new double[] {1}, 0, Map.of());
 * m.expectedReads(new double[] {Math.log1p(3)}); // 4.0
 * }</pre>
 */
public final class ReadCountModel implements ReadCountPredictor {
    /** The linear predictor is capped here (e^30 reads) so that no feature value overflows the count. */
    static final double MAX_ETA = 30;

    private final List<String> features;
    private final double[] mean;
    private final double[] scale;
    private final double[] coefficients;
    private final double intercept;
    private final Map<String, Object> metadata;
    private final FoldedLinear linear;

    private ReadCountModel(List<String> features, double[] mean, double[] scale, double[] coefficients, double intercept,
                           Map<String, Object> metadata) {
        int n = features.size();
        if (n == 0 || mean.length != n || scale.length != n || coefficients.length != n) {
            throw new ArchiverException("read-count model: " + n + " features, " + mean.length + " means, " + scale.length
                    + " scales, " + coefficients.length + " coefficients");
        }
        if (!Double.isFinite(intercept)) {
            throw new ArchiverException("read-count model: intercept must be finite, was " + intercept);
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(mean[i]) || !Double.isFinite(scale[i]) || scale[i] == 0 || !Double.isFinite(coefficients[i])) {
                throw new ArchiverException("read-count model: feature '" + features.get(i) + "' has mean " + mean[i]
                        + ", scale " + scale[i] + ", coefficient " + coefficients[i]);
            }
        }
        this.features = List.copyOf(features);
        this.mean = mean.clone();
        this.scale = scale.clone();
        this.coefficients = coefficients.clone();
        this.intercept = intercept;
        this.metadata = metadata == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        this.linear = new FoldedLinear(this.features, this.mean, this.scale, this.coefficients, intercept,
                "read-count model '" + name() + "'");
    }

    /**
     * A model from its parts.
     *
     * @throws ArchiverException when the parts do not fit together or a value is not finite (or a scale is 0)
     */
    public static ReadCountModel of(List<String> features, double[] mean, double[] scale, double[] coefficients,
                                    double intercept, Map<String, Object> metadata) {
        return new ReadCountModel(features, mean, scale, coefficients, intercept, metadata);
    }

    @Override
    public String name() {
        Object n = metadata.get("name");
        return n instanceof String s && !s.isBlank() ? s : "poisson";
    }

    public List<String> features() {
        return features;
    }

    public double[] coefficients() {
        return coefficients.clone();
    }

    public double intercept() {
        return intercept;
    }

    public Map<String, Object> metadata() {
        return metadata;
    }

    @Override
    public double[] expectedReads(FeatureBatch batch) {
        double[] out = linear.linear(batch);
        for (int r = 0; r < out.length; r++) {
            out[r] = Math.exp(Math.min(MAX_ETA, out[r]));
        }
        return out;
    }

    /** The expected reads for one row whose values are in the order of {@link #features()}. */
    public double expectedReads(double[] row) {
        if (row.length != features.size()) {
            throw new IllegalArgumentException("row has " + row.length + " values for " + features.size() + " features");
        }
        double z = intercept;
        for (int i = 0; i < row.length; i++) {
            z += coefficients[i] * ((row[i] - mean[i]) / scale[i]);
        }
        return Math.exp(Math.min(MAX_ETA, z));
    }

    @Override
    public String toString() {
        return "ReadCountModel[" + name() + ", " + features.size() + " features]";
    }
}
