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
    private final double[] folded;
    private final double foldedIntercept;
    private volatile Binding binding;

    private record Binding(List<String> names, int[] columns) {
    }

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
        folded = new double[n];
        double b = intercept;
        for (int i = 0; i < n; i++) {
            folded[i] = coefficients[i] / scale[i];
            b -= coefficients[i] * mean[i] / scale[i];
        }
        foldedIntercept = b;
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
        int[] cols = bind(batch.names());
        int rows = batch.rows();
        int width = batch.width();
        double[] v = batch.values();
        double[] out = new double[rows];
        for (int r = 0; r < rows; r++) {
            int base = r * width;
            double z = foldedIntercept;
            for (int i = 0; i < cols.length; i++) {
                z += folded[i] * v[base + cols[i]];
            }
            out[r] = Math.exp(Math.min(MAX_ETA, z));
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

    private int[] bind(List<String> names) {
        Binding b = binding;
        if (b != null && (b.names == names || b.names.equals(names))) {
            return b.columns;
        }
        int[] cols = new int[features.size()];
        for (int i = 0; i < cols.length; i++) {
            cols[i] = names.indexOf(features.get(i));
            if (cols[i] < 0) {
                throw new PredictionException("read-count model '" + name() + "' needs feature '" + features.get(i)
                        + "', which the feature extractor does not produce (it produces " + names + ")");
            }
        }
        binding = new Binding(names, cols);
        return cols;
    }

    @Override
    public String toString() {
        return "ReadCountModel[" + name() + ", " + features.size() + " features]";
    }
}
