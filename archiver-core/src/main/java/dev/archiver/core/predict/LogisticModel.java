package dev.archiver.core.predict;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.archiver.core.ArchiverException;
import dev.archiver.core.feature.FeatureBatch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A logistic regression over standardised features: {@code p = 1 / (1 + exp(-(b + Σ w_i (x_i - mean_i) / scale_i)))}.
 * Thread-safe and allocation-free per row.
 *
 * <p>File format ({@code docs/model-format.md}):
 * <pre>{@code
 * {
 *   "format": "archiver-logistic-model", "version": 1,
 *   "features": ["log_age_days", "log_reads_30d"],
 *   "scaler": {"mean": [3.1, 0.4], "scale": [1.2, 0.8]},
 *   "coefficients": [-0.9, 2.1],
 *   "intercept": -1.4,
 *   "metadata": {"horizonDays": 90, "trainedOn": "..."}
 * }
 * }</pre>
 * A model may use any subset of the extractor's features, in any order; a feature the batch
 * lacks is a {@link PredictionException} naming it.
 *
 * <pre>{@code
 * LogisticModel model = LogisticModel.load(Path.of("model.json"));
 * double[] p = model.predict(batch);
 * }</pre>
 */
public final class LogisticModel implements AccessPredictor {
    /** The value of the {@code format} field. */
    public static final String FORMAT = "archiver-logistic-model";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final List<String> features;
    private final double[] mean;
    private final double[] scale;
    private final double[] coefficients;
    private final double intercept;
    private final Map<String, Object> metadata;
    private final String name;
    private final FoldedLinear linear;

    private LogisticModel(List<String> features, double[] mean, double[] scale, double[] coefficients, double intercept,
                          Map<String, Object> metadata, String source) {
        int n = features.size();
        check(n > 0, source, "features", "must list at least one feature");
        check(mean.length == n, source, "scaler.mean", "has " + mean.length + " values for " + n + " features");
        check(scale.length == n, source, "scaler.scale", "has " + scale.length + " values for " + n + " features");
        check(coefficients.length == n, source, "coefficients", "has " + coefficients.length + " values for " + n + " features");
        check(Double.isFinite(intercept), source, "intercept", "must be a finite number, was " + intercept);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < n; i++) {
            String f = features.get(i);
            check(f != null && !f.isBlank(), source, "features[" + i + "]", "must be a non-empty string");
            check(seen.add(f), source, "features[" + i + "]", "duplicate feature '" + f + "'");
            check(Double.isFinite(mean[i]), source, "scaler.mean[" + i + "]", "must be a finite number, was " + mean[i]);
            check(Double.isFinite(scale[i]) && scale[i] != 0, source, "scaler.scale[" + i + "]",
                    "must be a finite non-zero number, was " + scale[i]);
            check(Double.isFinite(coefficients[i]), source, "coefficients[" + i + "]", "must be a finite number, was " + coefficients[i]);
        }
        this.features = List.copyOf(features);
        this.mean = mean.clone();
        this.scale = scale.clone();
        this.coefficients = coefficients.clone();
        this.intercept = intercept;
        this.metadata = metadata == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        Object n0 = this.metadata.get("name");
        this.name = n0 instanceof String s && !s.isBlank() ? s : "logistic";
        this.linear = new FoldedLinear(this.features, this.mean, this.scale, this.coefficients, intercept, "model '" + name + "'");
    }

    /**
     * A model from its parts.
     *
     * @throws ArchiverException naming the field when the parts do not fit together
     */
    public static LogisticModel of(List<String> features, double[] mean, double[] scale, double[] coefficients,
                                   double intercept, Map<String, Object> metadata) {
        return new LogisticModel(features, mean, scale, coefficients, intercept, metadata, "model");
    }

    /** Reads a model file. @throws ArchiverException naming the file and field when unreadable, malformed or inconsistent */
    public static LogisticModel load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ArchiverException(file + ": cannot read model: " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    /** Parses a model from JSON text; {@code sourceName} names it in errors. */
    public static LogisticModel parse(String json, String sourceName) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ArchiverException(sourceName + ": not valid JSON: " + e.getOriginalMessage()
                    + " (line " + e.getLocation().getLineNr() + ")", e);
        }
        check(root != null && root.isObject(), sourceName, "", "must be a JSON object");
        check(FORMAT.equals(root.path("format").asText(null)), sourceName, "format",
                "must be \"" + FORMAT + "\", was " + root.get("format"));
        check(root.path("version").isInt() && root.get("version").asInt() == 1, sourceName, "version",
                "unsupported version " + root.get("version") + " (this library reads version 1)");
        JsonNode fs = root.get("features");
        check(fs != null && fs.isArray(), sourceName, "features", "missing or not an array");
        List<String> features = new ArrayList<>();
        for (int i = 0; i < fs.size(); i++) {
            check(fs.get(i).isTextual(), sourceName, "features[" + i + "]", "must be a string, was " + fs.get(i));
            features.add(fs.get(i).asText());
        }
        JsonNode scaler = root.get("scaler");
        check(scaler != null && scaler.isObject(), sourceName, "scaler", "missing or not an object");
        double[] mean = numbers(scaler.get("mean"), sourceName, "scaler.mean");
        double[] scale = numbers(scaler.get("scale"), sourceName, "scaler.scale");
        double[] coefficients = numbers(root.get("coefficients"), sourceName, "coefficients");
        JsonNode ic = root.get("intercept");
        check(ic != null && ic.isNumber(), sourceName, "intercept", "missing or not a number");
        Map<String, Object> metadata = new LinkedHashMap<>();
        JsonNode md = root.get("metadata");
        if (md != null && !md.isNull()) {
            check(md.isObject(), sourceName, "metadata", "must be a JSON object");
            for (Iterator<Map.Entry<String, JsonNode>> it = md.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                metadata.put(e.getKey(), JSON.convertValue(e.getValue(), Object.class));
            }
        }
        return new LogisticModel(features, mean, scale, coefficients, ic.asDouble(), metadata, sourceName);
    }

    private static double[] numbers(JsonNode node, String source, String path) {
        check(node != null && node.isArray(), source, path, "missing or not an array");
        double[] d = new double[node.size()];
        for (int i = 0; i < d.length; i++) {
            check(node.get(i).isNumber(), source, path + "[" + i + "]", "must be a number, was " + node.get(i));
            d[i] = node.get(i).asDouble();
        }
        return d;
    }

    private static void check(boolean ok, String source, String path, String problem) {
        if (!ok) {
            throw new ArchiverException(source + ": " + (path.isEmpty() ? "" : path + ": ") + problem);
        }
    }

    /** The model as the JSON document {@link #parse} reads. */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", 1);
        ArrayNode fs = root.putArray("features");
        features.forEach(fs::add);
        ObjectNode scaler = root.putObject("scaler");
        ArrayNode m = scaler.putArray("mean");
        ArrayNode s = scaler.putArray("scale");
        ArrayNode c = root.putArray("coefficients");
        for (int i = 0; i < features.size(); i++) {
            m.add(mean[i]);
            s.add(scale[i]);
            c.add(coefficients[i]);
        }
        root.put("intercept", intercept);
        root.set("metadata", JSON.valueToTree(metadata));
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new ArchiverException("cannot write model: " + e.getMessage(), e);
        }
    }

    /** Writes {@link #toJson()} to {@code file}. */
    public void write(Path file) {
        try {
            Files.writeString(file, toJson(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ArchiverException(file + ": cannot write model: " + e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return name;
    }

    public List<String> features() {
        return features;
    }

    public double[] mean() {
        return mean.clone();
    }

    public double[] scale() {
        return scale.clone();
    }

    public double[] coefficients() {
        return coefficients.clone();
    }

    public double intercept() {
        return intercept;
    }

    /** Free-form metadata (the model card), as read from the file. */
    public Map<String, Object> metadata() {
        return metadata;
    }

    @Override
    public double[] predict(FeatureBatch batch) {
        double[] p = linear.linear(batch);
        for (int r = 0; r < p.length; r++) {
            p[r] = sigmoid(p[r]);
        }
        return p;
    }

    /** The probability for one row whose values are in the order of {@link #features()}, using the unfolded formula. */
    public double probability(double[] row) {
        if (row.length != features.size()) {
            throw new IllegalArgumentException("row has " + row.length + " values for " + features.size() + " features");
        }
        double z = intercept;
        for (int i = 0; i < row.length; i++) {
            z += coefficients[i] * ((row[i] - mean[i]) / scale[i]);
        }
        return sigmoid(z);
    }

    static double sigmoid(double z) {
        if (z >= 0) {
            return 1 / (1 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1 + e);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LogisticModel m && features.equals(m.features) && java.util.Arrays.equals(mean, m.mean)
                && java.util.Arrays.equals(scale, m.scale) && java.util.Arrays.equals(coefficients, m.coefficients)
                && Double.compare(intercept, m.intercept) == 0 && metadata.equals(m.metadata);
    }

    @Override
    public int hashCode() {
        return Objects.hash(features, java.util.Arrays.hashCode(coefficients), intercept);
    }

    @Override
    public String toString() {
        return "LogisticModel[" + name + ", " + features.size() + " features]";
    }
}
