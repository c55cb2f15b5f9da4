package dev.archiver.core.train;

import java.util.List;
import java.util.Objects;

/**
 * Labelled feature rows for training and evaluation: row-major features and a 0/1 label per row.
 *
 * <pre>{@code
 * Dataset d = new Dataset(extractor.featureNames(), values, labels);
 * LogisticModel m = LogisticRegressionTrainer.builder().build().fit(d).model();
 * }</pre>
 *
 * @param featureNames the columns
 * @param values       row-major values, {@code rows() * featureNames.size()} long (not copied)
 * @param labels       1 when the object was read within the horizon after the snapshot, else 0 (not copied)
 */
public record Dataset(List<String> featureNames, double[] values, double[] labels) {
    public Dataset {
        featureNames = List.copyOf(featureNames);
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(labels, "labels");
        if ((long) labels.length * featureNames.size() != values.length) {
            throw new IllegalArgumentException(labels.length + " labels do not fit " + values.length + " values of "
                    + featureNames.size() + " features");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != 0 && labels[i] != 1) {
                throw new IllegalArgumentException("label of row " + i + " must be 0 or 1, was " + labels[i]);
            }
        }
    }

    public int rows() {
        return labels.length;
    }

    public int width() {
        return featureNames.size();
    }

    /** Fraction of rows labelled 1. */
    public double positiveRate() {
        double s = 0;
        for (double y : labels) {
            s += y;
        }
        return labels.length == 0 ? 0 : s / labels.length;
    }
}
