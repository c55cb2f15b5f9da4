package dev.archiver.aws.sagemaker;

import dev.archiver.core.feature.FeatureBatch;
import dev.archiver.core.predict.PredictionException;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** {@code application/jsonlines} in and out. See {@link PayloadCodec#jsonLines()}. */
final class JsonLinesCodec implements PayloadCodec {

    @Override
    public String contentType() {
        return "application/jsonlines";
    }

    @Override
    public String accept() {
        return "application/jsonlines";
    }

    @Override
    public byte[] encode(FeatureBatch batch, int[] columns, int fromRow, int toRow) {
        StringBuilder sb = new StringBuilder((toRow - fromRow) * columns.length * 8);
        for (int r = fromRow; r < toRow; r++) {
            sb.append('[');
            for (int c = 0; c < columns.length; c++) {
                if (c > 0) {
                    sb.append(',');
                }
                Scores.appendValue(sb, batch, r, columns[c]);
            }
            sb.append("]\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public double[] decode(byte[] body, String contentType, int rows) {
        String text = Scores.text(body);
        List<String> lines = Scores.lines(text);
        if (lines.size() != rows) {
            throw new PredictionException("response has " + lines.size() + " lines for " + rows + " rows: " + Scores.shorten(text));
        }
        double[] p = new double[rows];
        for (int i = 0; i < rows; i++) {
            p[i] = Scores.element(Scores.readJson(lines.get(i), "response line " + (i + 1)), i, text);
        }
        return p;
    }

    @Override
    public String toString() {
        return "jsonlines";
    }
}
