package dev.archiver.core.train;

import dev.archiver.core.ArchiverException;
import dev.archiver.core.predict.ReadCountModel;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PoissonRegressionTrainerTest {

    @Test
    void fit_predictsTheMeanCount_whenTheOnlyFeatureIsConstant() {
        // counts 0, 1, 2, 3: the maximum-likelihood constant rate is their mean, 1.5
        ReadCountModel m = PoissonRegressionTrainer.builder().build()
                .fit(List.of("c"), new double[] {7, 7, 7, 7}, new double[] {0, 1, 2, 3}, Map.of());
        assertEquals(1.5, m.expectedReads(new double[] {7}), 1e-9);
        assertEquals(1.5, m.expectedReads(new double[] {100}), 1e-9, "a constant feature's coefficient is pinned at 0");
    }

    @Test
    void fit_predictsEachGroupsMean_whenOneBinaryFeatureSplitsThem() {
        // x = 0: counts 0, 2 (mean 1); x = 1: counts 3, 5 (mean 4); unpenalised, the fit is the two means
        ReadCountModel m = PoissonRegressionTrainer.builder().l2(0).build()
                .fit(List.of("x"), new double[] {0, 0, 1, 1}, new double[] {0, 2, 3, 5}, Map.of("name", "t"));
        assertEquals(1.0, m.expectedReads(new double[] {0}), 1e-6);
        assertEquals(4.0, m.expectedReads(new double[] {1}), 1e-6);
        assertEquals("t", m.name());
        assertEquals(2.5, (double) m.metadata().get("trainingMeanCount"), 1e-12);
    }

    @Test
    void fit_refusesEmptyUnreadOrNegativeCounts() {
        PoissonRegressionTrainer t = PoissonRegressionTrainer.builder().build();
        assertThrows(ArchiverException.class, () -> t.fit(List.of("x"), new double[0], new double[0], Map.of()));
        assertThrows(ArchiverException.class, () -> t.fit(List.of("x"), new double[] {1, 2}, new double[] {0, 0}, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> t.fit(List.of("x"), new double[] {1, 2}, new double[] {1, -1}, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> t.fit(List.of("x"), new double[] {1, 2, 3}, new double[] {1, 1}, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> PoissonRegressionTrainer.builder().l2(-1));
    }
}
