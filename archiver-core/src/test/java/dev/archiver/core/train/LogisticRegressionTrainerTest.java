package dev.archiver.core.train;

import dev.archiver.core.ArchiverException;
import dev.archiver.core.predict.LogisticModel;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogisticRegressionTrainerTest {

    static Dataset synthetic(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n * 3];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double a = r.nextGaussian();
            double b = r.nextGaussian() * 3 + 5;
            x[i * 3] = a;
            x[i * 3 + 1] = b;
            x[i * 3 + 2] = 7; // constant feature
            double z = -0.5 + 2.0 * a - 0.8 * (b - 5) / 3;
            y[i] = r.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
        }
        return new Dataset(List.of("a", "b", "c"), x, y);
    }

    @Test
    void fit_recoversKnownCoefficients() {
        LogisticRegressionTrainer.Result r = LogisticRegressionTrainer.builder().l2(0).build().fit(synthetic(50_000, 1));
        assertTrue(r.converged());
        LogisticModel m = r.model();
        // coefficients are on the standardised scale: a has scale ~1, b has scale ~3
        assertEquals(2.0, m.coefficients()[0] / m.scale()[0], 0.08);
        assertEquals(-0.8 / 3, m.coefficients()[1] / m.scale()[1], 0.03);
        assertEquals(0, m.coefficients()[2], 1e-9);
        assertEquals(1.0, m.scale()[2]);
    }

    @Test
    void fit_isDeterministic() {
        Dataset d = synthetic(5_000, 2);
        assertEquals(LogisticRegressionTrainer.builder().build().fit(d).model(),
                LogisticRegressionTrainer.builder().build().fit(d).model());
    }

    @Test
    void fit_singleClassOrEmpty_isAClearError() {
        Dataset allZero = new Dataset(List.of("a"), new double[]{1, 2}, new double[]{0, 0});
        assertTrue(assertThrows(ArchiverException.class, () -> LogisticRegressionTrainer.builder().build().fit(allZero))
                .getMessage().contains("every row is labelled 0"));
        Dataset empty = new Dataset(List.of("a"), new double[0], new double[0]);
        assertThrows(ArchiverException.class, () -> LogisticRegressionTrainer.builder().build().fit(empty));
    }
}
