package dev.archiver.core.train;

import dev.archiver.core.feature.FeatureBatch;
import dev.archiver.core.predict.AccessPredictor;
import dev.archiver.core.predict.ReadCountModel;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FeatureRangeTest {
    // two columns: age 10..120, reads 0..5
    static final Dataset DATA = new Dataset(List.of("age", "reads"), new double[] {10, 0, 120, 5, 60, 2}, new double[] {1, 0, 1});

    @Test
    void of_takesEachColumnsMinimumAndMaximum() {
        FeatureRange r = FeatureRange.of(DATA);
        assertArrayEquals(new double[] {10, 0}, r.min());
        assertArrayEquals(new double[] {120, 5}, r.max());
    }

    @Test
    void clamp_movesOutOfRangeValuesToTheNearestEdge_byName() {
        FeatureRange r = FeatureRange.of(DATA);
        // the batch has another column order and an extra column, which stays as it is
        FeatureBatch b = new FeatureBatch(List.of("reads", "x", "age"), new double[] {9, -1, 400, 3, 7, 5}, 2);
        assertArrayEquals(new double[] {5, -1, 120, 3, 7, 10}, r.clamp(b).values());
        assertArrayEquals(new double[] {9, -1, 400, 3, 7, 5}, b.values(), "the caller's batch is not changed");
    }

    @Test
    void clampedPredictors_scoreTheClampedRow() {
        FeatureRange r = FeatureRange.of(DATA);
        AccessPredictor age = new AccessPredictor() {
            @Override
            public String name() {
                return "age/1000";
            }

            @Override
            public double[] predict(FeatureBatch batch) {
                return new double[] {batch.get(0, batch.column("age")) / 1000};
            }
        };
        FeatureBatch old = new FeatureBatch(List.of("age", "reads"), new double[] {400, 0}, 1);
        assertEquals(0.12, r.clamp(age).predict(old)[0], 1e-12);
        assertEquals("age/1000", r.clamp(age).name());
        // exp(ln 2 · reads): reads 9 is scored as 5 → 32
        ReadCountModel counts = ReadCountModel.of(List.of("reads"), new double[] {0}, new double[] {1},
                new double[] {Math.log(2)}, 0, Map.of());
        assertEquals(32, r.clamp(counts).expectedReads(new FeatureBatch(List.of("reads"), new double[] {9}, 1))[0], 1e-9);
    }

    @Test
    void clampedExtractor_writesTheRowClampedInPlace_andLeavesTheRestOfTheBufferAlone() {
        FeatureRange r = FeatureRange.of(DATA);
        // an extractor with another column order and an extra column, which stays as it is
        dev.archiver.core.feature.FeatureExtractor raw = new dev.archiver.core.feature.FeatureExtractor() {
            @Override
            public List<String> featureNames() {
                return List.of("reads", "x", "age");
            }

            @Override
            public void extract(dev.archiver.core.object.ObjectInfo o, dev.archiver.core.object.AccessHistory h,
                                java.time.Instant now, double[] out, int offset) {
                out[offset] = 9;
                out[offset + 1] = -1;
                out[offset + 2] = 400;
            }
        };
        dev.archiver.core.feature.FeatureExtractor clamped = r.clamp(raw);
        assertEquals(raw.featureNames(), clamped.featureNames());
        double[] buffer = {42, 0, 0, 0, 43};
        clamped.extract(dev.archiver.core.object.ObjectInfo.builder("b", "k").size(1).build(),
                dev.archiver.core.object.AccessHistory.none(), java.time.Instant.EPOCH, buffer, 1);
        assertArrayEquals(new double[] {42, 5, -1, 120, 43}, buffer);
    }

    @Test
    void constructor_refusesMinAboveMax() {
        assertThrows(IllegalArgumentException.class, () -> new FeatureRange(List.of("a"), new double[] {2}, new double[] {1}));
    }
}
