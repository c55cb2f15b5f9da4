package dev.archiver.aws.sagemaker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.archiver.core.feature.FeatureBatch;
import dev.archiver.core.predict.PredictionException;

import java.nio.charset.StandardCharsets;

/** The original design's {@code {"data": [...]}} → {@code [0|1]}, one object per request. See {@link PayloadCodec#originalDesign()}. */
final class OriginalDesignCodec implements PayloadCodec {

    @Override
    public String contentType() {
        return "application/json";
    }

    @Override
    public String accept() {
        return "application/json";
    }

    @Override
    public int maxRowsPerRequest() {
        return 1;
    }

    @Override
    public byte[] encode(FeatureBatch batch, int[] columns, int fromRow, int toRow) {
        if (toRow - fromRow != 1) {
            throw new IllegalArgumentException("the original design sends one row per request, asked for " + (toRow - fromRow));
        }
        StringBuilder sb = new StringBuilder("{\"data\": [");
        for (int c = 0; c < columns.length; c++) {
            if (c > 0) {
                sb.append(", ");
            }
            Scores.appendValue(sb, batch, fromRow, columns[c]);
        }
        return sb.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public double[] decode(byte[] body, String contentType, int rows) {
        String text = Scores.text(body);
        JsonNode root = Scores.readJson(text.strip(), "response");
        double[] p = Scores.fromJsonArray(root, rows, text);
        for (int i = 0; i < p.length; i++) {
            if (p[i] != 0 && p[i] != 1) {
                throw new PredictionException("the original design answers 0 or 1, got " + p[i] + " (response " + Scores.shorten(text) + ")");
            }
        }
        return p;
    }

    @Override
    public String toString() {
        return "original-design";
    }
}
