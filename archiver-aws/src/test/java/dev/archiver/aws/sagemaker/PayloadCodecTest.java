package dev.archiver.aws.sagemaker;

import dev.archiver.core.feature.FeatureBatch;
import dev.archiver.core.predict.PredictionException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PayloadCodecTest {
    private static final FeatureBatch BATCH = new FeatureBatch(List.of("a", "b", "c"),
            new double[]{1, 2.5, -3, 40, 0.125, 6, 7, 8, 9e-7}, 3);

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void csv_encodesSelectedColumnsInOrder_oneRowPerLine() {
        byte[] body = PayloadCodec.csv().encode(BATCH, new int[]{2, 0}, 0, 3);
        assertEquals("-3,1\n6,40\n9.0E-7,7\n", new String(body, StandardCharsets.UTF_8));
    }

    @Test
    void csv_encodesOnlyTheAskedRows() {
        byte[] body = PayloadCodec.csv().encode(BATCH, new int[]{1}, 1, 2);
        assertEquals("0.125\n", new String(body, StandardCharsets.UTF_8));
    }

    @Test
    void csv_decodesOneScorePerLine() {
        assertArrayEquals(new double[]{0.1, 1, 0}, PayloadCodec.csv().decode(bytes("0.1\n1\r\n0.0\n"), "text/csv", 3));
    }

    @Test
    void csv_decodesJsonArray_likeTheScikitLearnContainer() {
        assertArrayEquals(new double[]{0.25, 0.5}, PayloadCodec.csv("application/json").decode(bytes("[0.25, [0.5]]"), "application/json", 2));
    }

    @Test
    void csv_decodesOneCommaSeparatedLine_likeTheXgboostContainer() {
        assertArrayEquals(new double[]{0.2, 0.3, 0.4}, PayloadCodec.csv().decode(bytes("0.2,0.3,0.4"), "text/csv", 3));
    }

    @Test
    void csv_refusesResponse_whenRowCountDiffers() {
        PredictionException e = assertThrows(PredictionException.class,
                () -> PayloadCodec.csv().decode(bytes("0.1\n0.2\n0.3\n0.4\n"), "text/csv", 3));
        assertTrue(e.getMessage().contains("4 lines for 3 rows"), e.getMessage());
        assertThrows(PredictionException.class, () -> PayloadCodec.csv().decode(bytes("[0.1, 0.2]"), "application/json", 3));
        assertThrows(PredictionException.class, () -> PayloadCodec.csv().decode(bytes(""), "text/csv", 1));
    }

    @Test
    void csv_refusesRowsWithManyValues_insteadOfPickingOne() {
        // Two lines of two class probabilities for two rows: which column is p(read) is a guess.
        assertThrows(PredictionException.class, () -> PayloadCodec.csv().decode(bytes("0.3,0.7\n0.6,0.4\n"), "text/csv", 2));
    }

    @Test
    void csv_refusesGarbageAndNonProbabilities() {
        PredictionException e = assertThrows(PredictionException.class,
                () -> PayloadCodec.csv().decode(bytes("<html>oops</html>\n"), "text/html", 1));
        assertTrue(e.getMessage().contains("not a number"), e.getMessage());
        assertThrows(PredictionException.class, () -> PayloadCodec.csv().decode(bytes("1.5\n"), "text/csv", 1));
        assertThrows(PredictionException.class, () -> PayloadCodec.csv().decode(bytes("NaN\n"), "text/csv", 1));
        assertThrows(PredictionException.class, () -> PayloadCodec.csv().decode(bytes("-0.1\n"), "text/csv", 1));
        assertThrows(PredictionException.class, () -> PayloadCodec.csv().decode(bytes("[\"0.5\"]"), "application/json", 1));
        assertThrows(PredictionException.class, () -> PayloadCodec.csv().decode(bytes("[0.5"), "application/json", 1));
    }

    @Test
    void encode_refusesNonFiniteFeature_namingIt() {
        FeatureBatch bad = new FeatureBatch(List.of("x", "y"), new double[]{1, 2, 3, Double.NaN}, 2);
        PredictionException e = assertThrows(PredictionException.class, () -> PayloadCodec.csv().encode(bad, new int[]{0, 1}, 0, 2));
        assertTrue(e.getMessage().contains("'y' of row 2"), e.getMessage());
    }

    @Test
    void jsonLines_encodesOneArrayPerLine_andDecodesNumbersArraysAndScores() {
        PayloadCodec c = PayloadCodec.jsonLines();
        assertEquals("application/jsonlines", c.contentType());
        assertEquals("[1,2.5]\n[40,0.125]\n", new String(c.encode(BATCH, new int[]{0, 1}, 0, 2), StandardCharsets.UTF_8));
        assertArrayEquals(new double[]{0.1, 0.2, 0.3}, c.decode(bytes("0.1\n[0.2]\n{\"score\": 0.3, \"predicted_label\": 0}\n"), null, 3));
        assertThrows(PredictionException.class, () -> c.decode(bytes("0.1\n"), null, 2));
        assertThrows(PredictionException.class, () -> c.decode(bytes("{\"label\": 1}\n"), null, 1));
    }

    @Test
    void originalDesign_sendsOneRowAsData_andReadsZeroOrOne() {
        PayloadCodec c = PayloadCodec.originalDesign();
        assertEquals(1, c.maxRowsPerRequest());
        assertEquals("{\"data\": [40]}", new String(c.encode(BATCH, new int[]{0}, 1, 2), StandardCharsets.UTF_8));
        assertArrayEquals(new double[]{1}, c.decode(bytes("[1]"), "application/json", 1));
        assertArrayEquals(new double[]{0}, c.decode(bytes("[0]"), "application/json", 1));
        PredictionException e = assertThrows(PredictionException.class, () -> c.decode(bytes("[0.7]"), "application/json", 1));
        assertTrue(e.getMessage().contains("0 or 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> c.encode(BATCH, new int[]{0}, 0, 2));
    }

    @Test
    void csv_refusesBlankAccept() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PayloadCodec.csv(" "));
        assertTrue(e.getMessage().contains("' '"), e.getMessage());
    }
}
