package dev.archiver.core.predict;

import dev.archiver.core.feature.FeatureBatch;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AccessPredictorRuleTest {

    @Test
    void ageDays_isTheAgeRule_daysOldOrOlderAreNotRead() {
        AccessPredictor rule = AccessPredictor.rule(" age-days:30 ");
        double[] p = rule.predict(new FeatureBatch(List.of("age_days"), new double[]{29.9, 30, 400}, 3));
        assertArrayEquals(new double[]{1, 0, 0}, p);
    }

    @Test
    void anythingElse_isAnErrorNamingTheExpectedForm() {
        assertEquals("expected age-days:N, was 'age-weeks:3'",
                assertThrows(IllegalArgumentException.class, () -> AccessPredictor.rule("age-weeks:3")).getMessage());
        assertEquals("N in age-days:N must be a whole number of days >= 0, was 'age-days:-1'",
                assertThrows(IllegalArgumentException.class, () -> AccessPredictor.rule("age-days:-1")).getMessage());
        assertEquals("N in age-days:N must be a whole number of days >= 0, was 'age-days:x'",
                assertThrows(IllegalArgumentException.class, () -> AccessPredictor.rule("age-days:x")).getMessage());
    }
}
