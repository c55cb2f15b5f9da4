package dev.archiver.core.cost;

import dev.archiver.core.object.ObjectInfo;
import dev.archiver.core.object.StorageClass;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hand-computed figures: us-east-1 prices, 1 GB = 2^30 bytes, 1 month = 730 hours, 90-day horizon. */
class CostModelTest {
    static final long GIB = 1L << 30;
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    static final double M90 = 90 * 24 / 730.0; // 2.958904... months
    final CostModel model = CostModel.defaults();

    static ObjectInfo object(long size, StorageClass c, Duration age) {
        return ObjectInfo.builder("b", "k").size(size).storageClass(c).lastModified(NOW.minus(age)).eTag("\"e\"").build();
    }

    @Test
    void keep_standardGibFor90Days_isRateTimesMonths() {
        CostEstimate e = model.keep(object(GIB, StorageClass.STANDARD, Duration.ofDays(400)), ReadForecast.exactly(0), NOW);
        assertEquals(0.023 * M90, e.storage(), 1e-12); // 0.0680548
        assertEquals(0.068054794, e.total(), 1e-8);
        assertEquals(0, e.oneTime(), 0);
    }

    @Test
    void move_smallObjectToGlacierIr_billsMinimumSizeAndDestinationPut() {
        CostEstimate e = model.move(object(10_000, StorageClass.STANDARD, Duration.ofDays(400)), StorageClass.GLACIER_IR,
                ReadForecast.exactly(0), NOW);
        assertEquals(0.004 * (131072.0 / GIB) * M90, e.storage(), 1e-15); // billed as 128 KiB
        assertEquals(0.02 / 1000, e.transition(), 1e-15);
        assertEquals(0, e.earlyDeletion(), 0);
    }

    @Test
    void storage_glacierAddsArchiveOverheadsAtTwoRates() {
        // 0-byte object in GLACIER for one month: 32 KiB at 0.0036 + 8 KiB at 0.023
        double month = 730 / 24.0;
        double expected = 32768.0 / GIB * 0.0036 + 8192.0 / GIB * 0.023;
        assertEquals(expected, model.storage(StorageClass.GLACIER, 0, month), 1e-18);
        assertEquals(2.8537e-7, expected, 1e-10);
    }

    @Test
    void move_fromYoungStandardIa_paysEarlyDeletionAndSourceRetrieval() {
        ObjectInfo o = object(GIB, StorageClass.STANDARD_IA, Duration.ofDays(10));
        CostEstimate e = model.move(o, StorageClass.GLACIER_IR, ReadForecast.exactly(0), NOW);
        assertEquals(0.0125 * 20 * 24 / 730, e.earlyDeletion(), 1e-12); // 20 unserved days of 30
        assertEquals(0.02 / 1000 + 0.01, e.transition(), 1e-12);       // GIR PUT + SIA retrieval of 1 GB
    }

    @Test
    void keep_youngGlacierIrBeyondHorizon_countsRemainderAsCommitment() {
        CostModel shortHorizon = CostModel.builder(PriceBook.usEast1()).horizonDays(30).build();
        ObjectInfo o = object(GIB, StorageClass.GLACIER_IR, Duration.ofDays(10));
        CostEstimate e = shortHorizon.keep(o, ReadForecast.exactly(0), NOW);
        assertEquals(0.004 * 30 * 24 / 730, e.storage(), 1e-12);
        assertEquals(0.004 * 50 * 24 / 730, e.minimumCommitment(), 1e-12); // 80 left - 30 in horizon
    }

    @Test
    void costPerRead_glacierRestore_paysRequestRetrievalAndTemporaryCopy() {
        double expected = 0.0004 / 1000 + 0.05 / 1000 + 0.01 + 0.023 * 24 / 730;
        assertEquals(expected, model.costPerRead(StorageClass.GLACIER, GIB), 1e-12);
        assertEquals(0.010806564, expected, 1e-8);
        assertEquals(5, model.restoreHours(StorageClass.GLACIER), 0);
    }

    @Test
    void costPerRead_glacierIr_paysRetrievalPerGb() {
        assertEquals(0.01 / 1000 + 0.03, model.costPerRead(StorageClass.GLACIER_IR, GIB), 1e-12);
    }

    @Test
    void move_toIntelligentTiering_followsTiersWhenNotRead() {
        ObjectInfo o = object(GIB, StorageClass.STANDARD, Duration.ofDays(400));
        CostEstimate cold = model.move(o, StorageClass.INTELLIGENT_TIERING, ReadForecast.exactly(0), NOW);
        assertEquals(0.023 * 30 * 24 / 730 + 0.0125 * 60 * 24 / 730, cold.storage(), 1e-12);
        assertEquals(0.0025 / 1000 * M90, cold.monitoring(), 1e-15);
        assertEquals(0.005 / 1000, cold.transition(), 1e-15);
        CostEstimate hot = model.move(o, StorageClass.INTELLIGENT_TIERING, ReadForecast.exactly(3), NOW);
        assertEquals(0.023 * M90, hot.storage(), 1e-12);
        assertEquals(3 * 0.0004 / 1000, hot.reads(), 1e-15);
    }

    @Test
    void move_toIntelligentTiering_readOnce_staysFrequentUntilTheExpectedReadThenTiers() {
        ObjectInfo o = object(GIB, StorageClass.STANDARD, Duration.ofDays(400));
        CostEstimate once = model.move(o, StorageClass.INTELLIGENT_TIERING, ReadForecast.exactly(1), NOW);
        // read at day 45 (half the horizon): frequent until then and 30 days after, infrequent for the last 15
        assertEquals(0.023 * 75 * 24 / 730 + 0.0125 * 15 * 24 / 730, once.storage(), 1e-12);
    }

    @Test
    void intelligentTiering_smallObject_neverTiersAndPaysNoMonitoring() {
        ObjectInfo o = object(100_000, StorageClass.STANDARD, Duration.ofDays(400));
        CostEstimate e = model.move(o, StorageClass.INTELLIGENT_TIERING, ReadForecast.exactly(0), NOW);
        assertEquals(0, e.monitoring(), 0);
        assertEquals(0.023 * 100_000.0 / GIB * M90, e.storage(), 1e-15);
    }

    @Test
    void move_inVersionedBucket_billsNoncurrentVersionInsteadOfEarlyDeletion() {
        ObjectInfo o = object(GIB, StorageClass.STANDARD, Duration.ofDays(400)).toBuilder().versionId("v1").build();
        CostEstimate e = model.move(o, StorageClass.STANDARD_IA, ReadForecast.exactly(0), NOW);
        assertEquals(0.023 * M90, e.noncurrentVersion(), 1e-12);
        CostModel expiring = CostModel.builder(PriceBook.usEast1()).noncurrentVersionDays(7).build();
        assertEquals(0.023 * 7 * 24 / 730, expiring.move(o, StorageClass.STANDARD_IA, ReadForecast.exactly(0), NOW).noncurrentVersion(), 1e-12);
    }

    @Test
    void move_toDeepArchive_commitsToMinimumDurationBeyondHorizon() {
        ObjectInfo o = object(GIB, StorageClass.STANDARD, Duration.ofDays(400));
        CostEstimate e = model.move(o, StorageClass.DEEP_ARCHIVE, ReadForecast.exactly(0), NOW);
        assertEquals(model.storage(StorageClass.DEEP_ARCHIVE, GIB, 90), e.minimumCommitment(), 1e-15);
    }

    @Test
    void lifecycle_followsWaterfallAndBillsTransitionRate() {
        CostModel lifecycle = CostModel.builder(PriceBook.usEast1()).transitionMethod(TransitionMethod.LIFECYCLE).build();
        ObjectInfo ia = object(GIB, StorageClass.STANDARD_IA, Duration.ofDays(400));
        assertFalse(lifecycle.canMove(ia, StorageClass.STANDARD));
        assertTrue(model.canMove(ia, StorageClass.STANDARD));
        assertEquals(0.02 / 1000, lifecycle.move(ia, StorageClass.GLACIER_IR, ReadForecast.exactly(0), NOW).transition(), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> lifecycle.move(ia, StorageClass.STANDARD, ReadForecast.exactly(0), NOW));
    }

    @Test
    void move_fromArchivedObject_isRefused() {
        ObjectInfo g = object(GIB, StorageClass.GLACIER, Duration.ofDays(400));
        assertFalse(model.canMove(g, StorageClass.STANDARD));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.move(g, StorageClass.STANDARD, ReadForecast.exactly(0), NOW));
        assertTrue(e.getMessage().contains("restore"), e.getMessage());
    }

    @Test
    void builder_rejectsBadValues_namingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CostModel.builder(PriceBook.usEast1()).horizonDays(0));
        assertTrue(e.getMessage().contains("horizonDays") && e.getMessage().contains("0"));
        assertThrows(IllegalArgumentException.class, () -> CostModel.builder(PriceBook.usEast1()).restoreTier(RestoreTier.EXPEDITED).build(),
                "DEEP_ARCHIVE has no EXPEDITED tier");
    }
    @Test
    void idleDays_matchesNumericIntegration_forPoissonReads() {
        double[][] cases = {{0, 200, 30, 0.05}, {10, 200, 30, 0.2}, {45, 90, 30, 0.01}, {0, 20, 30, 0.1}, {100, 365, 90, 0.003}, {5, 60, 30, 0}};
        for (double[] c : cases) {
            double since = c[0], days = c[1], after = c[2], rate = c[3];
            double sum = 0;
            int steps = 200_000;
            for (int i = 0; i < steps; i++) {
                double t = (i + 0.5) * days / steps;
                // idle for `after` days at t: no read in (max(0, t - after), t], and the known access far enough back
                double window = Math.min(t, after);
                boolean possible = since + t >= after;
                sum += possible ? Math.exp(-rate * window) * days / steps : 0;
            }
            assertEquals(sum, CostModel.idleDays(since, days, after, rate), 2 * days / steps, java.util.Arrays.toString(c));
        }
    }

    @Test
    void intelligentTieringStorage_countsTheTiersBetweenUnpredictableReads_whenPoissonReads() {
        CostModel even = CostModel.builder(PriceBook.usEast1()).horizonDays(180).build();
        CostModel poisson = CostModel.builder(PriceBook.usEast1()).horizonDays(180).poissonReads(true).build();
        // 4 reads in 180 days: evenly spread they are 36 days apart; as a Poisson process some gaps are far longer
        double e = even.intelligentTieringStorage(GIB, 0, 180, 1, 4);
        double p = poisson.intelligentTieringStorage(GIB, 0, 180, 1, 4);
        double frequent = even.storage(StorageClass.INTELLIGENT_TIERING, GIB, 180);
        assertTrue(p < e && e < frequent, p + " " + e + " " + frequent);
        // never read: both follow the automatic tiers from the last access
        assertEquals(even.intelligentTieringStorage(GIB, 10, 180, 0, 1), poisson.intelligentTieringStorage(GIB, 10, 180, 0, 1), 1e-12);
    }

    @Test
    void pricedDays_pricesEveryClassOverTheLongerPeriod_withTheForecastStretched() {
        CostModel model = CostModel.builder(PriceBook.usEast1()).horizonDays(30).pricedDays(90).build();
        ObjectInfo o = object(GIB, StorageClass.STANDARD, Duration.ofDays(200));
        CostEstimate keep = model.keep(o, ReadForecast.of(0.5, 2), NOW);
        assertEquals(model.storage(StorageClass.STANDARD, GIB, 90), keep.storage(), 1e-12);
        // 1 expected read in 30 days becomes 3 in 90
        assertEquals(3 * model.costPerRead(StorageClass.STANDARD, GIB), keep.reads(), 1e-12);
        CostEstimate ir = model.move(o, StorageClass.GLACIER_IR, ReadForecast.of(0.5, 2), NOW);
        assertEquals(0, ir.minimumCommitment(), 1e-12); // the 90-day minimum is inside the priced period
        assertEquals(90, model.pricedDays());
        assertEquals(30, CostModel.builder(PriceBook.usEast1()).horizonDays(30).build().pricedDays());
        assertThrows(IllegalArgumentException.class, () -> CostModel.builder(PriceBook.usEast1()).pricedDays(0));
    }

    @Test
    void stayDays_spreadsTheMoveRequestPrice_butNotTheSourceRetrievalFee() {
        CostModel spread = CostModel.builder(PriceBook.usEast1()).horizonDays(30).pricedDays(90).stayDays(360).build();
        assertEquals(360, spread.stayDays());
        ObjectInfo cold = object(GIB, StorageClass.STANDARD, Duration.ofDays(400));
        assertEquals(0.005 / 1000 / 4, spread.move(cold, StorageClass.INTELLIGENT_TIERING, ReadForecast.exactly(0), NOW).transition(), 1e-18);
        ObjectInfo inIr = object(GIB, StorageClass.GLACIER_IR, Duration.ofDays(400));
        assertEquals(0.005 / 1000 / 4 + 0.03, spread.move(inIr, StorageClass.STANDARD, ReadForecast.exactly(0), NOW).transition(), 1e-15);
        CostModel lifecycle = CostModel.builder(PriceBook.usEast1()).stayDays(180).transitionMethod(TransitionMethod.LIFECYCLE).build();
        assertEquals(0.01 / 1000 / 2, lifecycle.move(cold, StorageClass.STANDARD_IA, ReadForecast.exactly(0), NOW).transition(), 1e-18);
        // a stay no longer than the priced period changes nothing
        CostModel shorter = CostModel.builder(PriceBook.usEast1()).stayDays(30).build();
        assertEquals(90, shorter.stayDays());
        assertEquals(0.005 / 1000, shorter.move(cold, StorageClass.INTELLIGENT_TIERING, ReadForecast.exactly(0), NOW).transition(), 0);
        assertThrows(IllegalArgumentException.class, () -> CostModel.builder(PriceBook.usEast1()).stayDays(0));
        assertThrows(IllegalArgumentException.class, () -> CostModel.builder(PriceBook.usEast1()).stayDays(3651));
    }

    @Test
    void totals_areTheEstimatesTotals_bitForBit() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        StorageClass[] all = StorageClass.values();
        for (int round = 0; round < 2_000; round++) {
            CostModel.Builder b = CostModel.builder(PriceBook.usEast1()).horizonDays(1 + r.nextInt(200))
                    .transitionMethod(r.nextBoolean() ? TransitionMethod.COPY : TransitionMethod.LIFECYCLE);
            if (r.nextBoolean()) {
                b.pricedDays(1 + r.nextInt(400)).poissonReads(r.nextBoolean());
            }
            if (r.nextInt(3) == 0) {
                b.noncurrentVersionDays(r.nextInt(60));
            }
            if (r.nextBoolean()) {
                b.stayDays(1 + r.nextInt(1000));
            }
            CostModel m = b.build();
            java.util.EnumSet<StorageClass> candidates = java.util.EnumSet.noneOf(StorageClass.class);
            for (StorageClass c : all) {
                if (r.nextBoolean()) {
                    candidates.add(c);
                }
            }
            ObjectInfo o = ObjectInfo.builder("b", "k").size(r.nextLong(1L << 40)).storageClass(all[r.nextInt(all.length)])
                    .versionId(r.nextBoolean() ? "v1" : null).lastModified(NOW.minusSeconds(r.nextLong(500L * 86_400))).build();
            double p = r.nextDouble();
            double reads = 1 + r.nextInt(30);
            long now = NOW.getEpochSecond();
            long last = now - r.nextLong(300L * 86_400);
            CostEstimate[] estimates = new CostEstimate[all.length];
            StorageClass[] classes = new StorageClass[all.length];
            double[] totals = new double[all.length];
            int n = m.estimateAll(o, candidates, p, reads, now, last, estimates);
            assertEquals(n, m.totals(o, candidates, p, reads, now, last, classes, totals));
            for (int i = 0; i < n; i++) {
                assertEquals(estimates[i].storageClass(), classes[i]);
                assertEquals(Double.doubleToLongBits(estimates[i].total()), Double.doubleToLongBits(totals[i]), o + " " + m + " " + i);
            }
        }
    }
}
