package dev.archiver.aws.sagemaker;

import dev.archiver.core.feature.FeatureBatch;

import java.nio.charset.StandardCharsets;

/** {@code text/csv} rows in; scores as text lines or a JSON array out. See {@link PayloadCodec#csv()}. */
final class CsvCodec implements PayloadCodec {
    private final String accept;

    CsvCodec(String accept) {
        this.accept = accept;
    }

    @Override
    public String contentType() {
        return "text/csv";
    }

    @Override
    public String accept() {
        return accept;
    }

    @Override
    public byte[] encode(FeatureBatch batch, int[] columns, int fromRow, int toRow) {
        StringBuilder sb = new StringBuilder((toRow - fromRow) * columns.length * 8);
        for (int r = fromRow; r < toRow; r++) {
            for (int c = 0; c < columns.length; c++) {
                if (c > 0) {
                    sb.append(',');
                }
                Scores.appendValue(sb, batch, r, columns[c]);
            }
            sb.append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public double[] decode(byte[] body, String contentType, int rows) {
        String text = Scores.text(body);
        String t = text.strip();
        if (t.startsWith("[") || t.startsWith("{")) {
            return Scores.fromJsonArray(Scores.readJson(t, "response"), rows, text);
        }
        return Scores.fromText(text, rows);
    }

    @Override
    public String toString() {
        return "csv(accept " + accept + ")";
    }
}
