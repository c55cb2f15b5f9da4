package dev.archiver.testkit;

import dev.archiver.core.feature.FeatureBatch;
import dev.archiver.core.predict.PredictionException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScriptedPredictorTest {
    private static final List<String> NAMES = List.of("age_days", "size_log2");

    private static FeatureBatch batch(int rows) {
        double[] v = new double[rows * NAMES.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = i;
        }
        return new FeatureBatch(NAMES, v, rows);
    }

    @Test
    void predict_handsOutQueuedProbabilities_inRowOrder_acrossCalls() {
        ScriptedPredictor p = new ScriptedPredictor().enqueue(0.1, 0.2, 0.3);

        assertArrayEquals(new double[] {0.1, 0.2}, p.predict(batch(2)));
        assertArrayEquals(new double[] {0.3}, p.predict(batch(1)));
        assertEquals(0, p.remaining());
    }

    @Test
    void predict_fallsBackToConstant_whenQueueRunsOut() {
        ScriptedPredictor p = new ScriptedPredictor().enqueue(0.9).always(0.05);

        assertArrayEquals(new double[] {0.9, 0.05, 0.05}, p.predict(batch(3)));
        assertArrayEquals(new double[] {0.05}, p.predict(batch(1)));
    }

    @Test
    void predict_throwsIllegalState_whenScriptIsExhausted_withoutConsumingIt() {
        ScriptedPredictor p = new ScriptedPredictor().enqueue(0.5);

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> p.predict(batch(2)));
        assertTrue(e.getMessage().contains("2 rows but 1 probabilities"), e.getMessage());
        assertEquals(1, p.remaining());
    }

    @Test
    void failNext_throwsPredictionException_thenRecovers() {
        ScriptedPredictor p = new ScriptedPredictor("flaky").always(0.4).failNext(2);

        assertThrows(PredictionException.class, () -> p.predict(batch(1)));
        PredictionException e = assertThrows(PredictionException.class, () -> p.predict(batch(1)));
        assertTrue(e.getMessage().contains("flaky"), e.getMessage());
        assertArrayEquals(new double[] {0.4}, p.predict(batch(1)));
        assertEquals(3, p.calls());
    }

    @Test
    void failNext_doesNotConsumeQueue() {
        ScriptedPredictor p = new ScriptedPredictor().enqueue(0.7).failNext(1);

        assertThrows(PredictionException.class, () -> p.predict(batch(1)));
        assertArrayEquals(new double[] {0.7}, p.predict(batch(1)));
    }

    @Test
    void returnWrongRowCount_returnsOneExtraValue_once() {
        ScriptedPredictor p = new ScriptedPredictor().always(0.2).returnWrongRowCount();

        assertEquals(4, p.predict(batch(3)).length);
        assertEquals(3, p.predict(batch(3)).length);
    }

    @Test
    void predict_returnsScriptedValuesAsGiven_evenOutOfRange() {
        ScriptedPredictor p = new ScriptedPredictor().enqueue(Double.NaN, 1.5, -0.1);

        double[] out = p.predict(batch(3));

        assertTrue(Double.isNaN(out[0]));
        assertEquals(1.5, out[1]);
        assertEquals(-0.1, out[2]);
    }

    @Test
    void batches_areRecordedAsCopies_soCallerReuseOfTheArrayDoesNotChangeThem() {
        ScriptedPredictor p = new ScriptedPredictor().always(0.5);
        double[] shared = {1, 2, 3, 4};
        p.predict(new FeatureBatch(NAMES, shared, 2));
        shared[0] = 99;
        p.predict(new FeatureBatch(NAMES, shared, 1));

        List<FeatureBatch> seen = p.batches();
        assertEquals(2, seen.size());
        assertEquals(1.0, seen.get(0).get(0, 0));
        assertEquals(99.0, seen.get(1).get(0, 0));
        assertEquals(NAMES, seen.get(0).names());
        assertEquals(3, p.rowsSeen());
        assertEquals(2, p.calls());
    }

    @Test
    void name_isGiven_andBlankIsRejected() {
        assertEquals("scripted", new ScriptedPredictor().name());
        assertEquals("model-v2", new ScriptedPredictor("model-v2").name());
        assertThrows(IllegalArgumentException.class, () -> new ScriptedPredictor(" "));
    }
}
