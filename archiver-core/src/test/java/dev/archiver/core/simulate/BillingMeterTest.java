package dev.archiver.core.simulate;

import dev.archiver.core.cost.PriceBook;
import dev.archiver.core.cost.TransitionMethod;
import dev.archiver.core.object.StorageClass;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BillingMeterTest {
    static final long T0 = Instant.parse("2025-01-01T00:00:00Z").getEpochSecond();
    static final long DAY = 86_400;
    static final long GIB = 1L << 30;
    static final double EPS = 1e-12;

    static BillingMeter meter() {
        return BillingMeter.builder(PriceBook.usEast1())
                .timeline(Instant.ofEpochSecond(T0), Instant.ofEpochSecond(T0 + 400 * DAY)).perObject(true).build();
    }

    @Test
    void meter_billsStorageAndPut_whenOneGibStays30DaysInStandard() {
        BillingMeter m = meter();
        m.put("a", GIB, T0);
        m.finish(T0 + 30 * DAY);
        Bill b = m.total();
        assertEquals(0.023 * 720 / 730, b.storage(), EPS);
        assertEquals(0.005 / 1000, b.requests(), EPS);
        assertEquals(0, b.earlyDeletion() + b.retrieval() + b.monitoring() + b.transitions(), EPS);
        assertEquals(b.total(), m.perObject().get("a"), EPS);
    }

    @Test
    void meter_billsEarlyDeletion_whenGlacierIrDeletedAfter10Days() {
        BillingMeter m = meter();
        m.put("a", GIB, T0);
        m.transition("a", StorageClass.GLACIER_IR, TransitionMethod.COPY, T0);
        m.delete("a", T0 + 10 * DAY);
        Bill b = m.total();
        assertEquals(0.004 * 240 / 730, b.storage(), EPS);
        assertEquals(0.004 * 80 * 24 / 730, b.earlyDeletion(), EPS);
        assertEquals(0.02 / 1000, b.transitions(), EPS);
    }

    @Test
    void meter_billsOverheadAt40KiB_whenSmallObjectInGlacier() {
        BillingMeter m = meter();
        m.put("a", 40 * 1024, T0);
        m.transition("a", StorageClass.GLACIER, TransitionMethod.COPY, T0);
        m.finish(T0 + 90 * DAY);
        double months = 90 * 24 / 730.0;
        double expected = (72 * 1024) / (double) GIB * 0.0036 * months + 8 * 1024 / (double) GIB * 0.023 * months;
        assertEquals(expected, m.total().storage(), EPS);
        assertEquals(0, m.total().earlyDeletion(), EPS);
    }

    @Test
    void meter_billsEarlyDeletion_whenAliveAtEndBeforeMinimum() {
        BillingMeter m = meter();
        m.put("a", GIB, T0);
        m.transition("a", StorageClass.STANDARD_IA, TransitionMethod.LIFECYCLE, T0);
        m.finish(T0 + 10 * DAY);
        assertEquals(0.0125 * 20 * 24 / 730, m.total().earlyDeletion(), EPS);
        assertEquals(0.01 / 1000, m.total().transitions(), EPS);
    }

    @Test
    void meter_billsMonitoringOnlyAbove128KiB_whenInIntelligentTiering() {
        BillingMeter m = meter();
        m.put("small", 100 * 1024, T0);
        m.put("big", 1 << 20, T0);
        m.transition("small", StorageClass.INTELLIGENT_TIERING, TransitionMethod.COPY, T0);
        m.transition("big", StorageClass.INTELLIGENT_TIERING, TransitionMethod.COPY, T0);
        m.finish(T0 + 10 * DAY);
        assertEquals(0.0025 / 1000 * 240 / 730, m.total().monitoring(), EPS);
    }

    @Test
    void meter_tiersDownAfter30Days_whenIntelligentTieringObjectUnread() {
        BillingMeter m = meter();
        m.put("big", GIB, T0);
        m.transition("big", StorageClass.INTELLIGENT_TIERING, TransitionMethod.COPY, T0);
        m.finish(T0 + 40 * DAY);
        assertEquals(0.023 * 720 / 730 + 0.0125 * 240 / 730, m.total().storage(), EPS);
    }

    @Test
    void meter_waitsInArchiveAccessTier_whenEnabledAndUnreadFor90Days() {
        BillingMeter m = meter();
        m.put("big", GIB, T0);
        m.transition("big", StorageClass.INTELLIGENT_TIERING, TransitionMethod.COPY, T0, true);
        m.get("big", T0 + 100 * DAY + 3600);
        m.finish(T0 + 101 * DAY);
        assertEquals(1, m.restoreWaits());
        assertEquals(5, m.restoreWaitHours(), EPS);
    }

    @Test
    void meter_billsRestoreAndTemporaryCopy_whenGlacierRead() {
        BillingMeter m = meter();
        m.put("a", GIB, T0);
        m.transition("a", StorageClass.GLACIER, TransitionMethod.COPY, T0);
        m.get("a", T0 + 100 * DAY);
        m.get("a", T0 + 100 * DAY + 3600); // the restored copy is still there: no second restore
        m.finish(T0 + 100 * DAY + 7200);
        Bill b = m.total();
        assertEquals(0.05 / 1000 + 0.01, b.retrieval(), EPS);
        assertEquals(2 * 0.0004 / 1000 + 0.005 / 1000, b.requests(), EPS);
        double glacier = (GIB + 32 * 1024) / (double) GIB * 0.0036 + 8 * 1024 / (double) GIB * 0.023;
        double seconds = 100 * DAY + 7200;
        assertEquals(glacier * seconds / (730 * 3600.0) + 0.023 * 24 / 730, b.storage(), 1e-9);
        assertEquals(1, m.restoreWaits());
        assertEquals(5, m.restoreWaitHours(), EPS);
    }

    @Test
    void meter_countsNothingBeforeCountFrom() {
        BillingMeter m = BillingMeter.builder(PriceBook.usEast1()).countFrom(Instant.ofEpochSecond(T0 + 10 * DAY)).build();
        m.put("a", GIB, T0);
        m.finish(T0 + 40 * DAY);
        assertEquals(0.023 * 720 / 730, m.total().total(), EPS);
    }

    @Test
    void meter_refusesCopy_whenObjectIsInGlacier() {
        BillingMeter m = meter();
        m.put("a", GIB, T0);
        m.transition("a", StorageClass.GLACIER, TransitionMethod.COPY, T0);
        assertThrows(IllegalStateException.class,
                () -> m.transition("a", StorageClass.STANDARD, TransitionMethod.COPY, T0 + DAY));
        assertThrows(IllegalArgumentException.class,
                () -> m.transition("a", StorageClass.STANDARD_IA, TransitionMethod.LIFECYCLE, T0 + DAY));
    }
}
