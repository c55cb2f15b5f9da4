package dev.archiver.core.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.InputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvaluationTest {
    static double[] array(JsonNode a) {
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).asDouble();
        }
        return v;
    }

    /** The scikit-learn fixture also holds sklearn.metrics values for its probabilities and for a tied 0/1 rule. */
    @Test
    void of_matchesScikitLearnMetrics_withAndWithoutTies() throws Exception {
        JsonNode f;
        try (InputStream in = getClass().getResourceAsStream("/dev/archiver/core/predict/sklearn-fixture.json")) {
            f = new ObjectMapper().readTree(in);
        }
        double[] y = array(f.get("labels"));
        for (String which : new String[]{"", "rule_"}) {
            double[] p = array(f.get(which + "probabilities"));
            JsonNode m = f.get(which + "metrics");
            Evaluation e = Evaluation.of("x", p, y, 0.5, 10);
            assertEquals(m.get("roc_auc").asDouble(), e.rocAuc(), 1e-12, which + "roc");
            assertEquals(m.get("average_precision").asDouble(), e.prAuc(), 1e-12, which + "ap");
            assertEquals(m.get("log_loss").asDouble(), e.logLoss(), 1e-9, which + "log loss");
            assertEquals(m.get("brier").asDouble(), e.brier(), 1e-12, which + "brier");
        }
    }

    @Test
    void of_countsConfusionAndCalibrationBins() {
        double[] p = {0.05, 0.15, 0.55, 0.95, 0.95, 1.0};
        double[] y = {0, 1, 0, 1, 1, 0};
        Evaluation e = Evaluation.of("x", p, y, 0.5, 10);
        assertEquals(new Evaluation.Confusion(2, 2, 1, 1), e.confusion());
        assertEquals(4, e.calibration().size());
        Evaluation.CalibrationBin last = e.calibration().get(3);
        assertEquals(0.9, last.lower(), 1e-12);
        assertEquals(3, last.rows(), "p = 1 falls in the last bin");
        assertEquals(2 / 3.0, last.observedRate(), 1e-12);
        assertEquals(0.5, e.positiveRate());
        assertTrue(Double.isNaN(Evaluation.of("x", new double[]{0.2}, new double[]{0}, 0.5, 10).rocAuc()));
        assertThrows(IllegalArgumentException.class, () -> Evaluation.of("x", new double[]{1.2}, new double[]{0}, 0.5, 10));
    }
}
