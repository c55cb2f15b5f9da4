package dev.archiver.aws.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One CloudWatch Embedded Metric Format document: a JSON line that CloudWatch Logs turns into
 * metrics when a Lambda function prints it on stdout. No SDK, no API call, no extra latency.
 *
 * <pre>{@code
 * EmfMetrics m = EmfMetrics.of("Archiver", Map.of("Handler", "s3"));
 * m.put("Decisions", 3, "Count");
 * m.put("BytesMoved", 1 << 20, "Bytes");
 * System.out.println(m.toJson(Instant.now()));
 * }</pre>
 *
 * Format: {@code {"_aws":{"Timestamp":ms,"CloudWatchMetrics":[{"Namespace":…,"Dimensions":[[…]],
 * "Metrics":[{"Name":…,"Unit":…}]}]},"Dim":"value",…,"Metric":value,…}}.
 */
public final class EmfMetrics {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String namespace;
    private final Map<String, String> dimensions;
    private final Map<String, Double> values = new LinkedHashMap<>();
    private final Map<String, String> units = new LinkedHashMap<>();

    private EmfMetrics(String namespace, Map<String, String> dimensions) {
        if (namespace == null || namespace.isBlank()) {
            throw new IllegalArgumentException("namespace must not be blank");
        }
        this.namespace = namespace;
        this.dimensions = new LinkedHashMap<>(dimensions);
    }

    /** A document in {@code namespace} whose metrics all carry {@code dimensions} (iteration order kept). */
    public static EmfMetrics of(String namespace, Map<String, String> dimensions) {
        return new EmfMetrics(namespace, Objects.requireNonNull(dimensions, "dimensions"));
    }

    /**
     * Sets metric {@code name} to {@code value}; {@code unit} is a CloudWatch unit ({@code Count},
     * {@code Bytes}, {@code Milliseconds}, {@code None}).
     *
     * @throws IllegalArgumentException when the value is not finite or the name is a dimension
     */
    public EmfMetrics put(String name, double value, String unit) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("metric " + name + " must be finite, was " + value);
        }
        if (dimensions.containsKey(name) || name.equals("_aws")) {
            throw new IllegalArgumentException("metric name " + name + " clashes with a dimension");
        }
        values.put(name, value);
        units.put(name, unit);
        return this;
    }

    /** Adds {@code value} to metric {@code name} (0 when absent). */
    public EmfMetrics add(String name, double value, String unit) {
        return put(name, values.getOrDefault(name, 0.0) + value, unit);
    }

    /** The value of {@code name}, or 0. */
    public double value(String name) {
        return values.getOrDefault(name, 0.0);
    }

    /** The document as one line of JSON. */
    public String toJson(Instant timestamp) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode aws = root.putObject("_aws");
        aws.put("Timestamp", timestamp.toEpochMilli());
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", namespace);
        ArrayNode dimensionSet = directive.putArray("Dimensions").addArray();
        dimensions.keySet().forEach(dimensionSet::add);
        ArrayNode metrics = directive.putArray("Metrics");
        for (Map.Entry<String, String> u : units.entrySet()) {
            metrics.addObject().put("Name", u.getKey()).put("Unit", u.getValue());
        }
        dimensions.forEach(root::put);
        for (Map.Entry<String, Double> v : values.entrySet()) {
            double d = v.getValue();
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                root.put(v.getKey(), (long) d);
            } else {
                root.put(v.getKey(), d);
            }
        }
        return root.toString();
    }
}
