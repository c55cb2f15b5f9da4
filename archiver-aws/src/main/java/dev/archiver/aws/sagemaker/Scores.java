package dev.archiver.aws.sagemaker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.archiver.core.feature.FeatureBatch;
import dev.archiver.core.predict.PredictionException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Parsing and formatting shared by the built-in codecs. */
final class Scores {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final int SHOWN = 80;

    private Scores() {
    }

    /** Scores from a JSON array: each element a number, {@code [p]} or {@code {"score": p}}. */
    static double[] fromJsonArray(JsonNode array, int rows, String body) {
        if (!array.isArray()) {
            throw new PredictionException("response is JSON but not an array of scores: " + shorten(body));
        }
        if (array.size() != rows) {
            throw new PredictionException("response has " + array.size() + " scores for " + rows + " rows: " + shorten(body));
        }
        double[] p = new double[rows];
        for (int i = 0; i < rows; i++) {
            p[i] = element(array.get(i), i, body);
        }
        return p;
    }

    static double element(JsonNode e, int row, String body) {
        JsonNode n = e;
        if (n.isArray() && n.size() == 1) {
            n = n.get(0);
        } else if (n.isObject() && n.size() >= 1 && n.has("score")) {
            n = n.get("score");
        }
        if (!n.isNumber()) {
            throw new PredictionException("score " + (row + 1) + " is not a number: " + shorten(e.toString())
                    + " (response " + shorten(body) + ")");
        }
        return probability(n.asDouble(), row);
    }

    /** Scores from text: one per line, or one line of comma-separated scores. */
    static double[] fromText(String body, int rows) {
        List<String> lines = lines(body);
        String[] cells;
        if (lines.size() == rows) {
            cells = lines.toArray(new String[0]);
        } else if (lines.size() == 1 && rows > 1) {
            cells = lines.get(0).split(",", -1);
            if (cells.length != rows) {
                throw new PredictionException("response has " + cells.length + " scores for " + rows + " rows: " + shorten(body));
            }
        } else {
            throw new PredictionException("response has " + lines.size() + " lines for " + rows + " rows: " + shorten(body));
        }
        double[] p = new double[rows];
        for (int i = 0; i < rows; i++) {
            p[i] = parse(cells[i].strip(), i, body);
        }
        return p;
    }

    static List<String> lines(String body) {
        List<String> out = new ArrayList<>();
        int start = 0;
        int n = body.length();
        while (start < n) {
            int end = body.indexOf('\n', start);
            if (end < 0) {
                end = n;
            }
            String line = body.substring(start, end).strip();
            if (!line.isEmpty()) {
                out.add(line);
            }
            start = end + 1;
        }
        return out;
    }

    static double parse(String cell, int row, String body) {
        double v;
        try {
            v = Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw new PredictionException("score " + (row + 1) + " is not a number: '" + shorten(cell) + "' (response "
                    + shorten(body) + ")");
        }
        return probability(v, row);
    }

    static double probability(double v, int row) {
        if (!(v >= 0 && v <= 1)) {
            throw new PredictionException("score " + (row + 1) + " is " + v + ", not a probability in [0, 1]");
        }
        return v;
    }

    static JsonNode readJson(String text, String what) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new PredictionException(what + " is not valid JSON: " + shorten(text), e);
        }
    }

    static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Appends a feature value, refusing what a model container could not read. */
    static void appendValue(StringBuilder sb, FeatureBatch batch, int row, int column) {
        double v = batch.get(row, column);
        if (!Double.isFinite(v)) {
            throw new PredictionException("feature '" + batch.names().get(column) + "' of row " + (row + 1) + " is " + v
                    + "; only finite values can be sent");
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            sb.append((long) v);
        } else {
            sb.append(v);
        }
    }

    static String shorten(String s) {
        String t = s.replace("\n", "\\n");
        return t.length() <= SHOWN ? "'" + t + "'" : "'" + t.substring(0, SHOWN) + "…' (" + s.length() + " chars)";
    }
}
