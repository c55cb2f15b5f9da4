package dev.archiver.core.predict;

import dev.archiver.core.ArchiverException;
import dev.archiver.core.feature.FeatureBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogisticModelTest {
    final LogisticModel model = LogisticModel.of(List.of("a", "b"), new double[]{1, 2}, new double[]{2, 4},
            new double[]{0.5, -1.5}, 0.25, Map.of("name", "test-model", "horizonDays", 90));

    @Test
    void predict_matchesFormula_andBindsColumnsByName() {
        // batch columns in another order, with an extra column the model ignores
        FeatureBatch batch = new FeatureBatch(List.of("b", "x", "a"), new double[]{6, 99, 3, 2, 99, 1}, 2);
        double[] p = model.predict(batch);
        double z0 = 0.25 + 0.5 * (3 - 1) / 2.0 - 1.5 * (6 - 2) / 4.0;
        double z1 = 0.25 + 0.5 * (1 - 1) / 2.0 - 1.5 * (2 - 2) / 4.0;
        assertEquals(1 / (1 + Math.exp(-z0)), p[0], 1e-12);
        assertEquals(1 / (1 + Math.exp(-z1)), p[1], 1e-12);
        assertEquals(model.probability(new double[]{3, 6}), p[0], 1e-12);
        assertEquals("test-model", model.name());
    }

    @Test
    void predict_inTheModelsOwnOrder_isTheSameAsThroughTheColumnLookUp() {
        double[] rows = {3, 6, 1, 2, -4, 0.5};
        double[] inOrder = model.predict(new FeatureBatch(List.of("a", "b"), rows, 3));
        double[] swapped = model.predict(new FeatureBatch(List.of("b", "a"), new double[]{6, 3, 2, 1, 0.5, -4}, 3));
        for (int r = 0; r < 3; r++) {
            assertEquals(swapped[r], inOrder[r], 0.0);
            assertEquals(model.probability(new double[]{rows[2 * r], rows[2 * r + 1]}), inOrder[r], 1e-12);
        }
        // a batch with the model's features first and more after them is not in order: the extra column is never read
        double[] extra = model.predict(new FeatureBatch(List.of("a", "b", "x"), new double[]{3, 6, Double.NaN}, 1));
        assertEquals(inOrder[0], extra[0], 0.0);
    }

    @Test
    void predict_missingFeature_isPredictionException() {
        PredictionException e = assertThrows(PredictionException.class,
                () -> model.predict(new FeatureBatch(List.of("a"), new double[]{1}, 1)));
        assertTrue(e.getMessage().contains("'b'"), e.getMessage());
    }

    @Test
    void json_roundTripsExactly(@TempDir Path dir) {
        Path f = dir.resolve("model.json");
        model.write(f);
        LogisticModel back = LogisticModel.load(f);
        assertEquals(model, back);
        assertEquals(90, ((Number) back.metadata().get("horizonDays")).intValue());
    }

    @Test
    void parse_errorsNameField() {
        String ok = model.toJson();
        assertTrue(assertThrows(ArchiverException.class, () -> LogisticModel.parse(ok.replace("\"intercept\"", "\"icept\""), "m.json"))
                .getMessage().startsWith("m.json: intercept: missing"));
        String zeroScale = ok.replaceFirst("\"scale\" : \\[ 2\\.0", "\"scale\" : [ 0.0");
        assertTrue(assertThrows(ArchiverException.class, () -> LogisticModel.parse(zeroScale, "m.json"))
                .getMessage().contains("scaler.scale[0]"));
        String shortCoef = ok.replace("\"coefficients\" : [ 0.5, -1.5 ]", "\"coefficients\" : [ 0.5 ]");
        assertTrue(assertThrows(ArchiverException.class, () -> LogisticModel.parse(shortCoef, "m.json"))
                .getMessage().contains("coefficients: has 1 values for 2 features"));
        assertTrue(assertThrows(ArchiverException.class, () -> LogisticModel.parse("[]", "m.json")).getMessage().startsWith("m.json"));
        assertTrue(assertThrows(ArchiverException.class, () -> LogisticModel.parse(ok.replace(LogisticModel.FORMAT, "x"), "m.json"))
                .getMessage().contains("format"));
    }

    @Test
    void ageRule_scoresByAge() {
        AccessPredictor rule = AccessPredictor.ageRule(30);
        double[] p = rule.predict(new FeatureBatch(List.of("age_days"), new double[]{10, 31}, 2));
        assertEquals(1, p[0]);
        assertEquals(0, p[1]);
        assertThrows(PredictionException.class, () -> rule.predict(new FeatureBatch(List.of("x"), new double[]{1}, 1)));
    }
}
