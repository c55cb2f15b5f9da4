package dev.archiver.core.feature;

import java.util.List;
import java.util.Objects;

/**
 * Feature rows of many objects in one row-major array, the unit a batched
 * {@link dev.archiver.core.predict.AccessPredictor} scores.
 *
 * <pre>{@code
 * FeatureBatch batch = new FeatureBatch(fx.featureNames(), values, rows);
 * double[] p = predictor.predict(batch);
 * }</pre>
 */
public final class FeatureBatch {
    private final List<String> names;
    private final double[] values;
    private final int rows;

    /**
     * @param names  feature names (the columns)
     * @param values row-major values, at least {@code rows * names.size()} long; not copied
     * @param rows   number of rows
     */
    public FeatureBatch(List<String> names, double[] values, int rows) {
        this.names = Objects.requireNonNull(names, "names");
        this.values = Objects.requireNonNull(values, "values");
        if (rows < 0 || (long) rows * names.size() > values.length) {
            throw new IllegalArgumentException(rows + " rows of " + names.size() + " features do not fit in " + values.length + " values");
        }
        this.rows = rows;
    }

    /** A batch of one vector. */
    public static FeatureBatch of(FeatureVector vector) {
        return new FeatureBatch(vector.names(), vector.values(), 1);
    }

    public List<String> names() {
        return names;
    }

    public int rows() {
        return rows;
    }

    public int width() {
        return names.size();
    }

    /** The backing row-major array (not a copy): row {@code r}, column {@code c} is at {@code r * width() + c}. */
    public double[] values() {
        return values;
    }

    public double get(int row, int column) {
        return values[row * names.size() + column];
    }

    /** The index of the named column. @throws IllegalArgumentException when absent */
    public int column(String name) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("feature '" + name + "' is not in the batch (have " + names + ")");
        }
        return i;
    }

    /** Row {@code row} as a {@link FeatureVector}. */
    public FeatureVector row(int row) {
        double[] v = new double[width()];
        System.arraycopy(values, row * width(), v, 0, width());
        return new FeatureVector(names, v);
    }
}
