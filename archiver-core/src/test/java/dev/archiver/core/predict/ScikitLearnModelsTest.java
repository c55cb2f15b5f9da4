package dev.archiver.core.predict;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.archiver.core.ArchiverException;
import dev.archiver.core.feature.FeatureBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScikitLearnModelsTest {
    /** Written by tools/sklearn/export_model.py --fixture (scikit-learn 1.9.1). */
    static JsonNode fixture() throws Exception {
        try (InputStream in = ScikitLearnModelsTest.class.getResourceAsStream("sklearn-fixture.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void parse_matchesScikitLearnProbabilities_to1e9() throws Exception {
        JsonNode f = fixture();
        LogisticModel m = ScikitLearnModels.parse(f.get("model").toString(), "fixture");
        // Columns in a different order from the model's, plus one it does not use: binding is by name.
        List<String> names = new ArrayList<>(m.features());
        java.util.Collections.reverse(names);
        names.add("unused");
        int rows = f.get("rows").size();
        double[] values = new double[rows * names.size()];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < m.features().size(); c++) {
                values[r * names.size() + names.indexOf(m.features().get(c))] = f.get("rows").get(r).get(c).asDouble();
            }
            values[r * names.size() + names.size() - 1] = 1e6;
        }
        double[] p = m.predict(new FeatureBatch(names, values, rows));
        double worst = 0;
        for (int r = 0; r < rows; r++) {
            worst = Math.max(worst, Math.abs(p[r] - f.get("probabilities").get(r).asDouble()));
        }
        assertTrue(worst < 1e-9, "largest difference " + worst);
        assertTrue(rows >= 400);
    }

    @Test
    void loadAny_readsBothFormats(@TempDir Path dir) throws Exception {
        Path sk = dir.resolve("m.sklearn.json");
        Files.writeString(sk, fixture().get("model").toString());
        LogisticModel a = ScikitLearnModels.loadAny(sk);
        Path native_ = dir.resolve("m.json");
        a.write(native_);
        LogisticModel b = ScikitLearnModels.loadAny(native_);
        assertEquals(a.features(), b.features());
        assertEquals(a.intercept(), b.intercept());
    }

    @Test
    void parse_namesTheField_whenExportIsWrong() throws Exception {
        String bad = fixture().get("model").toString().replace("\"classes_\":[0,1]", "\"classes_\":[1,2]");
        ArchiverException e = assertThrows(ArchiverException.class, () -> ScikitLearnModels.parse(bad, "m.json"));
        assertTrue(e.getMessage().startsWith("m.json: field 'classes_'"), e.getMessage());
        ArchiverException e2 = assertThrows(ArchiverException.class, () -> ScikitLearnModels.parse("{", "m.json"));
        assertTrue(e2.getMessage().contains("not valid JSON"), e2.getMessage());
    }
}
