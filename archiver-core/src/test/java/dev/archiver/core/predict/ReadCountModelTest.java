package dev.archiver.core.predict;

import dev.archiver.core.ArchiverException;
import dev.archiver.core.feature.FeatureBatch;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ReadCountModelTest {
    // exp(ln 2 · (a − 1) / 2 + ln 3 · b): a = 3, b = 0 → 2; a = 1, b = 1 → 3; a = 3, b = 1 → 6
    static final ReadCountModel M = ReadCountModel.of(List.of("a", "b"), new double[] {1, 0}, new double[] {2, 1},
            new double[] {Math.log(2), Math.log(3)}, 0, Map.of());

    @Test
    void expectedReads_isTheExponentOfTheStandardisedLinearPredictor() {
        assertEquals(2, M.expectedReads(new double[] {3, 0}), 1e-12);
        assertEquals(3, M.expectedReads(new double[] {1, 1}), 1e-12);
        assertEquals(6, M.expectedReads(new double[] {3, 1}), 1e-12);
    }

    @Test
    void expectedReads_bindsBatchColumnsByName() {
        FeatureBatch batch = new FeatureBatch(List.of("b", "other", "a"), new double[] {0, 9, 3, 1, 9, 1, 1, 9, 3}, 3);
        assertArrayEquals(new double[] {2, 3, 6}, M.expectedReads(batch), 1e-12);
        assertThrows(PredictionException.class, () -> M.expectedReads(new FeatureBatch(List.of("a"), new double[] {1}, 1)));
    }

    @Test
    void of_refusesPartsThatDoNotFit() {
        assertThrows(ArchiverException.class, () -> ReadCountModel.of(List.of("a"), new double[] {0}, new double[] {0},
                new double[] {1}, 0, Map.of()));
        assertThrows(ArchiverException.class, () -> ReadCountModel.of(List.of("a", "b"), new double[] {0}, new double[] {1},
                new double[] {1}, 0, Map.of()));
    }
}
