package dev.archiver.core.decide;

import dev.archiver.core.cost.CostEstimate;
import dev.archiver.core.object.ObjectInfo;
import dev.archiver.core.object.StorageClass;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReversibleFirstTest {
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    static final ObjectInfo IN_STANDARD = ObjectInfo.builder("b", "k").size(1L << 30).storageClass(StorageClass.STANDARD)
            .lastModified(NOW.minusSeconds(86_400 * 100)).eTag("\"e\"").build();
    static final ReversibleFirst RULE = ReversibleFirst.withCommitMargin(0.10);

    static CostEstimate cost(StorageClass c, double total) {
        return new CostEstimate(c, c == StorageClass.STANDARD, total, 0, 0, 0, 0, 0, 0, 0);
    }

    /** STANDARD 1.00 (keep), IT {@code it}, STANDARD_IA 0.99, GLACIER_IR {@code ir}; the engine's decision. */
    static Decision decision(double it, double ir, Reason reason, StorageClass target) {
        List<CostEstimate> costs = List.of(cost(StorageClass.STANDARD, 1.00), cost(StorageClass.INTELLIGENT_TIERING, it),
                cost(StorageClass.STANDARD_IA, 0.99), cost(StorageClass.GLACIER_IR, ir));
        double saving = reason == Reason.CHEAPER ? 1.00 - costs.stream().filter(c -> c.storageClass() == target)
                .findFirst().orElseThrow().total() : 0;
        return new Decision(IN_STANDARD, reason.action(), target, reason, reason == Reason.BELOW_MARGIN ? "x" : "",
                0.2, saving, costs, NOW);
    }

    @Test
    void apply_movesIntoIntelligentTiering_whenTheEngineKeptItBelowTheMargin() {
        // IT 0.95 saves 5% of keeping: below the engine's 10% margin, but IT is reversible
        Decision d = RULE.apply(decision(0.95, 2.0, Reason.BELOW_MARGIN, StorageClass.STANDARD));
        assertEquals(Action.MOVE, d.action());
        assertEquals(StorageClass.INTELLIGENT_TIERING, d.target());
        assertEquals(0.05, d.expectedSaving(), 1e-12);
    }

    @Test
    void apply_takesIntelligentTiering_whenGlacierIrBeatsItByLessThanTheCommitMargin() {
        // GLACIER_IR 0.85 vs IT 0.90: 0.85 is not below 0.9 × 0.90 = 0.81
        Decision d = RULE.apply(decision(0.90, 0.85, Reason.CHEAPER, StorageClass.GLACIER_IR));
        assertEquals(StorageClass.INTELLIGENT_TIERING, d.target());
        assertEquals(0.10, d.expectedSaving(), 1e-12);
    }

    @Test
    void apply_keepsGlacierIr_whenItBeatsTheBestReversibleByTheCommitMargin() {
        Decision engine = decision(0.90, 0.80, Reason.CHEAPER, StorageClass.GLACIER_IR); // 0.80 < 0.81
        assertSame(engine, RULE.apply(engine));
    }

    @Test
    void apply_keeps_whenKeepingIsTheBestReversibleAndTheCommittingMoveIsTooClose() {
        // IT 1.01 (dearer than keeping), GLACIER_IR 0.95: not below 0.9 × 1.00, so keep STANDARD
        Decision d = RULE.apply(decision(1.01, 0.95, Reason.CHEAPER, StorageClass.GLACIER_IR));
        assertEquals(Action.KEEP, d.action());
        assertEquals(StorageClass.STANDARD, d.target());
        assertEquals(Reason.BELOW_MARGIN, d.reason());
        assertEquals(0.05, d.expectedSaving(), 1e-12);
    }

    @Test
    void apply_passesGuardrailAndCheapestDecisionsThrough() {
        Decision small = new Decision(IN_STANDARD, Action.KEEP, StorageClass.STANDARD, Reason.TOO_SMALL, "1 < 2",
                Double.NaN, 0, List.of(), NOW);
        assertSame(small, RULE.apply(small));
        Decision cheapest = decision(1.01, 2.0, Reason.ALREADY_CHEAPEST, StorageClass.STANDARD);
        assertSame(cheapest, RULE.apply(cheapest));
    }

    @Test
    void reversible_isNoMinimumDurationAndNoRestore() {
        assertTrue(ReversibleFirst.reversible(StorageClass.STANDARD));
        assertTrue(ReversibleFirst.reversible(StorageClass.INTELLIGENT_TIERING));
        assertFalse(ReversibleFirst.reversible(StorageClass.STANDARD_IA));
        assertFalse(ReversibleFirst.reversible(StorageClass.GLACIER_IR));
        assertFalse(ReversibleFirst.reversible(StorageClass.GLACIER));
    }

    @Test
    void withCommitMargin_rejectsOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> ReversibleFirst.withCommitMargin(-0.1));
        assertThrows(IllegalArgumentException.class, () -> ReversibleFirst.withCommitMargin(1));
        assertThrows(IllegalArgumentException.class, () -> ReversibleFirst.withCommitMargin(Double.NaN));
    }
}
