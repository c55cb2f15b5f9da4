package dev.archiver.core.decide;

import dev.archiver.core.cost.CostModel;
import dev.archiver.core.cost.PriceBook;
import dev.archiver.core.cost.TransitionMethod;
import dev.archiver.core.feature.FeatureBatch;
import dev.archiver.core.object.AccessHistory;
import dev.archiver.core.object.AccessHistoryProvider;
import dev.archiver.core.object.ObjectInfo;
import dev.archiver.core.object.StorageClass;
import dev.archiver.core.predict.AccessPredictor;
import dev.archiver.core.predict.PredictionException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DecisionEngineTest {
    static final long GIB = 1L << 30;
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    static AccessPredictor constant(double p) {
        return new AccessPredictor() {
            @Override
            public String name() {
                return "constant:" + p;
            }

            @Override
            public double[] predict(FeatureBatch batch) {
                double[] r = new double[batch.rows()];
                java.util.Arrays.fill(r, p);
                return r;
            }
        };
    }

    static ObjectInfo object(String key, long size, StorageClass c, int ageDays) {
        return ObjectInfo.builder("b", key).size(size).storageClass(c).lastModified(NOW.minus(Duration.ofDays(ageDays)))
                .eTag("\"e\"").build();
    }

    Decision decide(AccessPredictor p, Guardrails g, ObjectInfo o) {
        return DecisionEngine.builder(p).guardrails(g).build().decide(o, AccessHistory.none(), NOW);
    }

    @Test
    void decide_movesColdLargeObject_toCheapestMillisecondClass() {
        Decision d = decide(constant(0.0), Guardrails.defaults(), object("backups/db.dump", 10 * GIB, StorageClass.STANDARD, 200));
        assertEquals(Action.MOVE, d.action());
        assertEquals(StorageClass.GLACIER_IR, d.target());
        assertEquals(Reason.CHEAPER, d.reason());
        assertEquals(d.keepCost().total() - d.chosenCost().total(), d.expectedSaving(), 1e-12);
        assertTrue(d.costs().stream().noneMatch(c -> c.storageClass() == StorageClass.GLACIER), "GLACIER is opt-in");
        assertTrue(d.costs().stream().noneMatch(c -> c.storageClass() == StorageClass.ONEZONE_IA), "ONEZONE_IA is opt-in");
        assertTrue(d.explanation().contains("GLACIER_IR"), d.explanation());
    }

    @Test
    void decide_keepsHotObject_inStandard() {
        ObjectInfo o = object("media/v.mp4", GIB, StorageClass.STANDARD, 200);
        DecisionEngine engine = DecisionEngine.builder(constant(1.0)).build();
        AccessHistory h = AccessHistory.ofEpochSeconds(NOW.minusSeconds(86_400 * 40).getEpochSecond(),
                NOW.minusSeconds(86_400 * 20).getEpochSecond(), NOW.minusSeconds(3600).getEpochSecond());
        Decision d = engine.decide(o, h, NOW);
        assertEquals(Action.KEEP, d.action());
        assertEquals(StorageClass.STANDARD, d.target());
    }

    @Test
    void decide_archiveClassesOnlyWhenAllowed() {
        ObjectInfo o = object("backups/db.dump", 100 * GIB, StorageClass.STANDARD, 400);
        Decision d = decide(constant(0.0), Guardrails.builder().allowArchiveClasses().build(), o);
        assertEquals(StorageClass.DEEP_ARCHIVE, d.target());
    }

    @Test
    void decide_tinyObject_staysBecauseMinimumSizeMakesMovesDearer() {
        Decision d = decide(constant(0.0), Guardrails.defaults(), object("thumbs/a_128.jpg", 4_000, StorageClass.STANDARD, 400));
        assertEquals(Action.KEEP, d.action());
        assertEquals(Reason.ALREADY_CHEAPEST, d.reason());
    }

    @Test
    void guardrails_keepExcludedSmallYoungAndTagged() {
        Guardrails g = Guardrails.builder().minimumSizeBytes(1000).minimumAge(Duration.ofDays(30))
                .excludePrefix("legal/").excludeTag("hold", "*").build();
        assertEquals(Reason.TOO_SMALL, decide(constant(0), g, object("a", 10, StorageClass.STANDARD, 400)).reason());
        assertEquals(Reason.TOO_YOUNG, decide(constant(0), g, object("a", GIB, StorageClass.STANDARD, 3)).reason());
        assertEquals(Reason.EXCLUDED_PREFIX, decide(constant(0), g, object("legal/x", GIB, StorageClass.STANDARD, 400)).reason());
        ObjectInfo tagged = object("x", GIB, StorageClass.STANDARD, 400).toBuilder().tags(Map.of("hold", "yes")).build();
        Decision d = decide(constant(0), g, tagged);
        assertEquals(Reason.EXCLUDED_TAG, d.reason());
        assertEquals("hold=yes", d.note());
        assertTrue(d.costs().isEmpty());
    }

    @Test
    void decide_neverMovesArchivedObject() {
        Decision d = decide(constant(1.0), Guardrails.defaults(), object("x", GIB, StorageClass.GLACIER, 400));
        assertEquals(Reason.ARCHIVED, d.reason());
        ObjectInfo itArchived = object("y", GIB, StorageClass.INTELLIGENT_TIERING, 400).toBuilder().archiveStatus("ARCHIVE_ACCESS").build();
        assertEquals(Reason.ARCHIVED, decide(constant(1.0), Guardrails.defaults(), itArchived).reason());
    }

    @Test
    void decide_hysteresis_keepsWhenSavingBelowMargin() {
        ObjectInfo o = object("backups/db.dump", 10 * GIB, StorageClass.STANDARD, 200);
        Decision free = decide(constant(0.0), Guardrails.defaults(), o);
        double savingFraction = free.expectedSaving() / free.keepCost().total();
        Decision held = decide(constant(0.0), Guardrails.builder().marginFraction(Math.min(0.99, savingFraction + 0.01)).build(), o);
        assertEquals(Reason.BELOW_MARGIN, held.reason());
        assertEquals(free.expectedSaving(), held.expectedSaving(), 1e-12);
    }

    @Test
    void decideAll_predictorThrows_keepsEveryObjectAndSaysWhy() {
        AccessPredictor failing = new AccessPredictor() {
            public String name() {
                return "remote";
            }

            public double[] predict(FeatureBatch batch) {
                throw new PredictionException("endpoint down");
            }
        };
        List<Decision> ds = DecisionEngine.builder(failing).build().decideAll(
                List.of(object("a", GIB, StorageClass.STANDARD, 400), object("b", GIB, StorageClass.STANDARD, 400)),
                AccessHistoryProvider.none(), NOW);
        assertEquals(2, ds.size());
        ds.forEach(d -> {
            assertEquals(Reason.PREDICTION_FAILED, d.reason());
            assertTrue(d.note().contains("endpoint down"), d.note());
            assertTrue(Double.isNaN(d.pRead()));
        });
    }

    @Test
    void decideAll_wrongRowCountOrBadScore_isAFailureNotAGuess() {
        AccessPredictor shortBatch = new AccessPredictor() {
            public String name() {
                return "short";
            }

            public double[] predict(FeatureBatch batch) {
                return new double[batch.rows() - 1];
            }
        };
        List<ObjectInfo> two = List.of(object("a", GIB, StorageClass.STANDARD, 400), object("b", GIB, StorageClass.STANDARD, 400));
        DecisionEngine.builder(shortBatch).build().decideAll(two, AccessHistoryProvider.none(), NOW)
                .forEach(d -> assertEquals(Reason.PREDICTION_FAILED, d.reason()));
        Decision nan = decide(constant(Double.NaN), Guardrails.defaults(), two.get(0));
        assertEquals(Reason.PREDICTION_FAILED, nan.reason());
        Decision over = decide(constant(1.5), Guardrails.defaults(), two.get(0));
        assertEquals(Reason.PREDICTION_FAILED, over.reason());
    }

    @Test
    void decideAll_lifecycleMethod_onlyConsidersWaterfall() {
        DecisionEngine engine = DecisionEngine.builder(constant(1.0))
                .costModel(CostModel.builder(PriceBook.usEast1()).transitionMethod(TransitionMethod.LIFECYCLE).build())
                .guardrails(Guardrails.builder().allowedClasses(EnumSet.of(StorageClass.STANDARD)).build()).build();
        Decision d = engine.decide(object("x", GIB, StorageClass.STANDARD_IA, 400), AccessHistory.none(), NOW);
        assertEquals(Reason.NO_CANDIDATE, d.reason());
    }

    @Test
    void decideAll_keepsOrderAndSkipsPredictionForGuardedObjects() {
        int[] rows = {0};
        AccessPredictor counting = new AccessPredictor() {
            public String name() {
                return "counting";
            }

            public double[] predict(FeatureBatch batch) {
                rows[0] += batch.rows();
                return new double[batch.rows()];
            }
        };
        Guardrails g = Guardrails.builder().excludePrefix("skip/").build();
        List<Decision> ds = DecisionEngine.builder(counting).guardrails(g).build().decideAll(List.of(
                object("skip/a", GIB, StorageClass.STANDARD, 400), object("b", GIB, StorageClass.STANDARD, 400),
                object("skip/c", GIB, StorageClass.STANDARD, 400)), AccessHistoryProvider.none(), NOW);
        assertEquals(List.of("skip/a", "b", "skip/c"), ds.stream().map(d -> d.object().key()).toList());
        assertEquals(1, rows[0]);
    }

    @Test
    void decideAll_costsReadLater_areTheEstimatesTheChoiceWasMadeBy() {
        // The engine chooses by CostModel.totals and builds the breakdowns only when read: on random
        // objects, configurations and forecasts, what is read must be exactly what was decided by.
        java.util.SplittableRandom r = new java.util.SplittableRandom(11);
        StorageClass[] classes = StorageClass.values();
        for (int round = 0; round < 20; round++) {
            CostModel.Builder cb = CostModel.builder(PriceBook.usEast1()).horizonDays(1 + r.nextInt(120))
                    .transitionMethod(r.nextBoolean() ? TransitionMethod.COPY : TransitionMethod.LIFECYCLE);
            if (r.nextBoolean()) {
                cb.pricedDays(1 + r.nextInt(365)).poissonReads(r.nextBoolean());
            }
            CostModel costs = cb.build();
            Guardrails g = r.nextBoolean() ? Guardrails.defaults() : Guardrails.builder().allowArchiveClasses().marginFraction(0).build();
            double p = r.nextDouble();
            DecisionEngine engine = DecisionEngine.builder(constant(p)).costModel(costs).guardrails(g).build();
            List<ObjectInfo> objects = new java.util.ArrayList<>();
            Map<ObjectInfo, AccessHistory> histories = new java.util.IdentityHashMap<>();
            for (int i = 0; i < 50; i++) {
                ObjectInfo o = ObjectInfo.builder("b", "k/" + i).size((long) Math.pow(10, 2 + r.nextDouble() * 9))
                        .storageClass(classes[r.nextInt(classes.length)]).versionId(r.nextInt(4) == 0 ? "v" + i : null)
                        .lastModified(NOW.minusSeconds(r.nextLong(400L * 86_400))).eTag("\"e\"").build();
                objects.add(o);
                long[] reads = new long[r.nextInt(6)];
                for (int k = 0; k < reads.length; k++) {
                    reads[k] = NOW.getEpochSecond() - r.nextLong(200L * 86_400);
                }
                histories.put(o, AccessHistory.ofEpochSeconds(reads));
            }
            List<Decision> decisions = engine.decideAll(objects, histories::get, NOW);
            for (Decision d : decisions) {
                if (d.costs().isEmpty()) {
                    continue;
                }
                // Each breakdown is built alone when read: read the chosen one first, then the others in
                // a random order, and each must be estimateAll's for the engine's inputs, bit for bit.
                dev.archiver.core.cost.CostEstimate chosenFirst = d.chosenCost();
                AccessHistory h = histories.get(d.object());
                long nowS = NOW.getEpochSecond();
                int before = h.readsBefore(nowS);
                double readsIfRead = Math.max(1, before - h.readsBefore(nowS - costs.horizonDays() * 86_400L));
                long last = Math.max(d.object().lastModified().getEpochSecond(), before > 0 ? h.readAt(before - 1) : Long.MIN_VALUE);
                dev.archiver.core.cost.CostEstimate[] all = new dev.archiver.core.cost.CostEstimate[classes.length];
                int n = costs.estimateAll(d.object(), g.allowedClasses(), p, readsIfRead, nowS, last, all);
                assertEquals(n, d.costs().size(), d.toString());
                assertTrue(java.util.Arrays.asList(all).contains(chosenFirst), d.toString());
                int start = r.nextInt(n);
                for (int k = 0; k < n; k++) {
                    int i = (start + k) % n;
                    assertEquals(all[i], d.costs().get(i), d + " at " + i);
                }
                double best = Double.POSITIVE_INFINITY;
                for (dev.archiver.core.cost.CostEstimate c : d.costs()) {
                    best = Math.min(best, c.total());
                }
                dev.archiver.core.cost.CostEstimate keep = d.keepCost();
                assertTrue(keep.keep() && keep.storageClass() == d.object().storageClass(), d.toString());
                if (d.moves()) {
                    assertEquals(best, d.chosenCost().total(), 0.0, d.toString());
                    assertEquals(keep.total() - d.chosenCost().total(), d.expectedSaving(), 0.0, d.toString());
                } else if (d.reason() == Reason.BELOW_MARGIN) {
                    assertEquals(keep.total() - best, d.expectedSaving(), 0.0, d.toString());
                } else if (d.reason() == Reason.ALREADY_CHEAPEST) {
                    assertEquals(best, keep.total(), 0.0, d.toString());
                }
                assertEquals(d.costs(), List.copyOf(d.costs()));
            }
        }
    }

    static dev.archiver.core.predict.ReadCountPredictor counts(double reads) {
        return new dev.archiver.core.predict.ReadCountPredictor() {
            @Override
            public String name() {
                return "counts:" + reads;
            }

            @Override
            public double[] expectedReads(FeatureBatch batch) {
                double[] r = new double[batch.rows()];
                java.util.Arrays.fill(r, reads);
                return r;
            }
        };
    }

    static double glacierIrReads(Decision d) {
        return d.costs().stream().filter(c -> c.storageClass() == StorageClass.GLACIER_IR).findFirst().orElseThrow().reads();
    }

    @Test
    void decide_pricesTheForecastCount_whenGivenAReadCountPredictor() {
        ObjectInfo o = object("data/x.h5", GIB, StorageClass.STANDARD, 200);
        CostModel cost = CostModel.defaults(); // 90-day horizon, priced over the horizon: no stretching
        double perRead = cost.costPerRead(StorageClass.GLACIER_IR, GIB);
        assertEquals(0.01 / 1000 + 0.03, perRead, 1e-12); // GET plus retrieval of 1 GiB
        // p = 0.5 and 4 reads forecast: reads if read = 4 / 0.5 = 8, expected reads 0.5 × 8 = 4
        Decision d = DecisionEngine.builder(constant(0.5)).readCountPredictor(counts(4)).build().decide(o, AccessHistory.none(), NOW);
        assertEquals(4 * perRead, glacierIrReads(d), 1e-12);
        // without it, reads if read come from the history (none: 1), expected reads 0.5
        Decision h = DecisionEngine.builder(constant(0.5)).build().decide(o, AccessHistory.none(), NOW);
        assertEquals(0.5 * perRead, glacierIrReads(h), 1e-12);
        // a forecast below p(read) still prices p × 1 read
        Decision low = DecisionEngine.builder(constant(0.5)).readCountPredictor(counts(0.1)).build().decide(o, AccessHistory.none(), NOW);
        assertEquals(0.5 * perRead, glacierIrReads(low), 1e-12);
    }

    @Test
    void decide_keepsWithPredictionFailed_whenTheReadCountIsNotAFiniteCount() {
        ObjectInfo o = object("data/x.h5", GIB, StorageClass.STANDARD, 200);
        for (double bad : new double[] {Double.NaN, -1, Double.POSITIVE_INFINITY}) {
            Decision d = DecisionEngine.builder(constant(0.5)).readCountPredictor(counts(bad)).build().decide(o, AccessHistory.none(), NOW);
            assertEquals(Reason.PREDICTION_FAILED, d.reason(), "count " + bad);
            assertEquals(Action.KEEP, d.action());
        }
    }

    static double total(Decision d, StorageClass c) {
        return d.costs().stream().filter(e -> e.storageClass() == c).findFirst().orElseThrow().total();
    }

    @Test
    void decide_movesIntoTheCheapestReversibleClassBelowTheMargin_whenCommitMarginIsSet() {
        // 1 GiB in STANDARD for 40 days, p(read) 0.1, only STANDARD and IT allowed: IT saves about 28%, below a 50% margin
        ObjectInfo o = object("data/x.h5", GIB, StorageClass.STANDARD, 40);
        Guardrails g = Guardrails.builder().allowedClasses(EnumSet.of(StorageClass.STANDARD, StorageClass.INTELLIGENT_TIERING))
                .marginFraction(0.5).build();
        Decision held = DecisionEngine.builder(constant(0.1)).guardrails(g).build().decide(o, AccessHistory.none(), NOW);
        assertEquals(Reason.BELOW_MARGIN, held.reason());
        Decision d = DecisionEngine.builder(constant(0.1)).guardrails(g).commitMargin(0.1).build().decide(o, AccessHistory.none(), NOW);
        assertEquals(Action.MOVE, d.action());
        assertEquals(StorageClass.INTELLIGENT_TIERING, d.target());
        assertEquals(held.expectedSaving(), d.expectedSaving(), 1e-15);
    }

    @Test
    void decide_leavesIntelligentTieringForStandardOnlyAboveTheMargin_whenCommitMarginIsSet() {
        // read every few days: STANDARD saves IT's monitoring fee, far below the 10% margin
        ObjectInfo o = object("data/x.h5", GIB, StorageClass.INTELLIGENT_TIERING, 100);
        long[] reads = new long[20];
        for (int i = 0; i < reads.length; i++) {
            reads[i] = NOW.getEpochSecond() - 86_400L * (4 * (reads.length - i) - 3);
        }
        Decision d = DecisionEngine.builder(constant(1.0)).commitMargin(0.1).build().decide(o, AccessHistory.ofEpochSeconds(reads), NOW);
        assertTrue(total(d, StorageClass.STANDARD) < d.keepCost().total(), "STANDARD is the cheapest");
        assertEquals(Action.KEEP, d.action());
        assertEquals(Reason.BELOW_MARGIN, d.reason());
        assertEquals("STANDARD", d.note());
    }

    @Test
    void decide_takesTheCheapestReversibleClass_whenTheCommittingOneDoesNotBeatItByTheCommitMargin() {
        ObjectInfo o = object("data/x.h5", GIB, StorageClass.STANDARD, 40);
        Decision free = decide(constant(0.1), Guardrails.defaults(), o);
        assertEquals(StorageClass.GLACIER_IR, free.target());
        double it = total(free, StorageClass.INTELLIGENT_TIERING);
        double edge = 1 - total(free, StorageClass.GLACIER_IR) / it; // what GLACIER_IR saves against IT, about 70%
        DecisionEngine.Builder e = DecisionEngine.builder(constant(0.1));
        Decision wide = e.commitMargin(edge + 0.05).build().decide(o, AccessHistory.none(), NOW);
        assertEquals(Action.MOVE, wide.action());
        assertEquals(StorageClass.INTELLIGENT_TIERING, wide.target());
        assertEquals(Reason.CHEAPER, wide.reason());
        assertEquals(total(free, StorageClass.STANDARD) - it, wide.expectedSaving(), 1e-15);
        Decision narrow = e.commitMargin(edge - 0.05).build().decide(o, AccessHistory.none(), NOW);
        assertEquals(StorageClass.GLACIER_IR, narrow.target());
        assertEquals(free.expectedSaving(), narrow.expectedSaving(), 1e-15);
    }

    @Test
    void decide_keepsBelowMargin_whenKeepingIsTheCheapestReversibleAndTheCommittingMoveIsTooClose() {
        // in IT, 40 days without access; GLACIER_IR saves about half of keeping, STANDARD is dearer than keeping
        ObjectInfo o = object("data/x.h5", GIB, StorageClass.INTELLIGENT_TIERING, 40);
        Decision free = decide(constant(0.1), Guardrails.defaults(), o);
        assertEquals(StorageClass.GLACIER_IR, free.target());
        double edge = 1 - total(free, StorageClass.GLACIER_IR) / free.keepCost().total();
        Decision d = DecisionEngine.builder(constant(0.1)).commitMargin(edge + 0.05).build().decide(o, AccessHistory.none(), NOW);
        assertEquals(Action.KEEP, d.action());
        assertEquals(StorageClass.INTELLIGENT_TIERING, d.target());
        assertEquals(Reason.BELOW_MARGIN, d.reason());
        assertEquals("GLACIER_IR", d.note());
        assertEquals(free.expectedSaving(), d.expectedSaving(), 1e-15);
    }

    @Test
    void commitMargin_isUnsetByDefault_andRejectsOutOfRange() {
        assertTrue(DecisionEngine.builder(constant(0)).build().commitMargin().isEmpty());
        assertEquals(0.1, DecisionEngine.builder(constant(0)).commitMargin(0.1).build().commitMargin().getAsDouble());
        for (double bad : new double[] {-0.1, 1, Double.NaN}) {
            assertThrows(IllegalArgumentException.class, () -> DecisionEngine.builder(constant(0)).commitMargin(bad), "" + bad);
        }
    }
}
