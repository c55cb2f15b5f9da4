package dev.archiver.core.feature;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Named feature values of one object, for explanations and tests. The hot path uses
 * {@link FeatureBatch} instead.
 */
public final class FeatureVector {
    private final List<String> names;
    private final double[] values;

    /** @throws IllegalArgumentException when names and values differ in length */
    public FeatureVector(List<String> names, double[] values) {
        this.names = List.copyOf(names);
        this.values = values.clone();
        if (this.names.size() != this.values.length) {
            throw new IllegalArgumentException(names.size() + " feature names but " + values.length + " values");
        }
    }

    public List<String> names() {
        return names;
    }

    /** A copy of the values, in the order of {@link #names()}. */
    public double[] values() {
        return values.clone();
    }

    /** The value of the named feature. @throws IllegalArgumentException when there is no such feature */
    public double value(String name) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no feature named '" + name + "' (have " + names + ")");
        }
        return values[i];
    }

    /** Name to value, in order. */
    public Map<String, Double> asMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            m.put(names.get(i), values[i]);
        }
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureVector v && names.equals(v.names) && Arrays.equals(values, v.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(names, Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        return asMap().toString();
    }
}
