package dev.archiver.core.predict;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.archiver.core.ArchiverException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads a scikit-learn {@code StandardScaler} + {@code LogisticRegression} exported as JSON by
 * {@code tools/sklearn/export_model.py} (format in {@code docs/training.md}) as a {@link LogisticModel}:
 * {@code mean_} and {@code scale_} become the scaler, {@code coef_[0]} the coefficients,
 * {@code intercept_[0]} the intercept, so {@code predict_proba(X)[:, 1]} and {@link LogisticModel#predict}
 * agree (a committed fixture proves it to 1e-9).
 *
 * <pre>{@code
 * LogisticModel model = ScikitLearnModels.load(Path.of("model.sklearn.json"));
 * double[] p = model.predict(batch);
 * }</pre>
 *
 * {@link #loadAny(Path)} accepts either this export or the native {@code archiver-logistic-model} file.
 */
public final class ScikitLearnModels {
    /** The value of the export's {@code format} field. */
    public static final String FORMAT = "sklearn-logistic-regression";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ScikitLearnModels() {
    }

    /**
     * Reads an export from {@code file}.
     *
     * @throws ArchiverException naming the file and field when it is not a valid export
     */
    public static LogisticModel load(Path file) {
        return parse(read(file), file.toString());
    }

    /** Reads {@code file} as a scikit-learn export or a native model, whichever its {@code format} says. */
    public static LogisticModel loadAny(Path file) {
        String text = read(file);
        JsonNode root = tree(text, file.toString());
        if (FORMAT.equals(root.path("format").asText())) {
            return parse(text, file.toString());
        }
        return LogisticModel.parse(text, file.toString());
    }

    /**
     * Parses an export; {@code source} names it in errors.
     *
     * @throws ArchiverException naming the source and field when it is not a valid export
     */
    public static LogisticModel parse(String json, String source) {
        JsonNode root = tree(json, source);
        check(FORMAT.equals(root.path("format").asText()), source, "format", "must be \"" + FORMAT + "\"");
        check(root.path("version").asInt() == 1, source, "version", "must be 1");
        JsonNode classes = root.get("classes_");
        check(classes != null && classes.size() == 2 && classes.get(0).asInt() == 0 && classes.get(1).asInt() == 1,
                source, "classes_", "must be [0, 1] (a binary classifier; p is the probability of class 1)");
        List<String> names = new ArrayList<>();
        JsonNode fn = root.get("feature_names");
        check(fn != null && fn.isArray() && fn.size() > 0, source, "feature_names", "must be a non-empty array");
        fn.forEach(n -> names.add(n.asText()));
        int d = names.size();
        JsonNode coef = root.get("coef_");
        check(coef != null && coef.isArray() && coef.size() == 1, source, "coef_", "must hold exactly one row");
        double[] w = numbers(coef.get(0), d, source, "coef_[0]");
        JsonNode ic = root.get("intercept_");
        check(ic != null && ic.isArray() && ic.size() == 1 && ic.get(0).isNumber(), source, "intercept_", "must be one number");
        double[] mean = new double[d];
        double[] scale = new double[d];
        java.util.Arrays.fill(scale, 1);
        JsonNode sc = root.get("scaler");
        if (sc != null && !sc.isNull()) {
            mean = numbers(sc.get("mean_"), d, source, "scaler.mean_");
            scale = numbers(sc.get("scale_"), d, source, "scaler.scale_");
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", "sklearn-logistic-regression");
        metadata.put("importedFrom", "scikit-learn " + root.path("sklearn_version").asText("?"));
        return LogisticModel.of(names, mean, scale, w, ic.get(0).asDouble(), metadata);
    }

    private static double[] numbers(JsonNode a, int d, String source, String field) {
        check(a != null && a.isArray() && a.size() == d, source, field, "must be an array of " + d + " numbers");
        double[] v = new double[d];
        for (int i = 0; i < d; i++) {
            check(a.get(i).isNumber() && Double.isFinite(a.get(i).asDouble()), source, field + "[" + i + "]",
                    "must be a finite number");
            v[i] = a.get(i).asDouble();
        }
        return v;
    }

    private static void check(boolean ok, String source, String field, String what) {
        if (!ok) {
            throw new ArchiverException(source + ": field '" + field + "' " + what);
        }
    }

    private static JsonNode tree(String json, String source) {
        try {
            JsonNode root = JSON.readTree(json);
            check(root != null && root.isObject(), source, "(root)", "must be a JSON object");
            return root;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ArchiverException(source + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ArchiverException(file + ": cannot read: " + e.getMessage(), e);
        }
    }
}
