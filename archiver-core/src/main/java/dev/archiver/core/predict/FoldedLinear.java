package dev.archiver.core.predict;

import dev.archiver.core.feature.FeatureBatch;

import java.util.List;

/**
 * The linear part both models share, {@code intercept + Σ coefficients[i] · (x[i] − mean[i]) / scale[i]},
 * with the standardisation folded into the weights ({@code z = foldedIntercept + Σ folded[i] · x[i]}) and
 * the model's features bound to a batch's columns by name (remembered for the last column list seen).
 * The models apply their link (logistic, exponential) to it. Immutable and thread-safe.
 */
final class FoldedLinear {
    private final List<String> features;
    private final double[] folded;
    private final double foldedIntercept;
    private final String owner;
    private volatile Binding binding;

    /** Where each model feature sits in the batch; {@code inOrder} when feature i is column i. */
    private record Binding(List<String> names, int[] columns, boolean inOrder) {
    }

    /** @param owner how a missing feature's error names the model, e.g. {@code "model 'x'"} */
    FoldedLinear(List<String> features, double[] mean, double[] scale, double[] coefficients, double intercept, String owner) {
        this.features = features;
        this.owner = owner;
        int n = features.size();
        folded = new double[n];
        double b = intercept;
        for (int i = 0; i < n; i++) {
            folded[i] = coefficients[i] / scale[i];
            b -= coefficients[i] * mean[i] / scale[i];
        }
        foldedIntercept = b;
    }

    /**
     * {@code z} for each row of {@code batch}.
     *
     * @throws PredictionException when the batch lacks one of the model's features
     */
    double[] linear(FeatureBatch batch) {
        Binding b = bind(batch.names());
        int[] cols = b.columns;
        int rows = batch.rows();
        int width = batch.width();
        double[] v = batch.values();
        double[] z = new double[rows];
        if (b.inOrder && cols.length == width) { // the extractor's own order: a straight dot product, no column look-up
            for (int r = 0; r < rows; r++) {
                int base = r * width;
                double s = foldedIntercept;
                for (int i = 0; i < width; i++) {
                    s += folded[i] * v[base + i];
                }
                z[r] = s;
            }
            return z;
        }
        for (int r = 0; r < rows; r++) {
            int base = r * width;
            double s = foldedIntercept;
            for (int i = 0; i < cols.length; i++) {
                s += folded[i] * v[base + cols[i]];
            }
            z[r] = s;
        }
        return z;
    }

    private Binding bind(List<String> names) {
        Binding b = binding;
        if (b != null && (b.names == names || b.names.equals(names))) {
            return b;
        }
        int[] cols = new int[features.size()];
        boolean inOrder = true;
        for (int i = 0; i < cols.length; i++) {
            cols[i] = names.indexOf(features.get(i));
            if (cols[i] < 0) {
                throw new PredictionException(owner + " needs feature '" + features.get(i)
                        + "', which the feature extractor does not produce (it produces " + names + ")");
            }
            inOrder &= cols[i] == i;
        }
        b = new Binding(names, cols, inOrder);
        binding = b;
        return b;
    }
}
