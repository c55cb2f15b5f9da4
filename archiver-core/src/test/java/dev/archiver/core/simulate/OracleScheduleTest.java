package dev.archiver.core.simulate;

import dev.archiver.core.cost.PriceBook;
import dev.archiver.core.cost.RestoreTier;
import dev.archiver.core.object.StorageClass;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OracleScheduleTest {
    static final long DAY = 86_400;
    static final long T0 = Instant.parse("2025-01-01T10:00:00Z").getEpochSecond();

    static Tariff tariff(long countFrom) {
        return new Tariff(PriceBook.usEast1(), RestoreTier.STANDARD, 1, countFrom);
    }

    /** Bills a schedule on a fresh meter: what the oracle policy does. */
    static double bill(long countFrom, long size, long t0, long end, long[] reads, List<OracleSchedule.Move> moves) {
        BillingMeter m = BillingMeter.builder(PriceBook.usEast1()).countFrom(Instant.ofEpochSecond(countFrom)).build();
        m.put("k", size, t0);
        int r = 0;
        for (OracleSchedule.Move mv : moves) {
            while (r < reads.length && reads[r] < mv.at()) {
                m.get("k", reads[r++]);
            }
            m.transition("k", mv.target(), mv.method(), mv.at(), mv.itArchive());
        }
        while (r < reads.length) {
            m.get("k", reads[r++]);
        }
        m.finish(end);
        return m.total().total();
    }

    @Test
    void oracle_goesToDeepArchiveAtFirstMidnight_whenNeverReadForTwoYears() {
        OracleSchedule s = new OracleSchedule(tariff(0), true);
        List<OracleSchedule.Move> moves = s.solve(1L << 30, T0, T0 + 730 * DAY, new long[0]);
        assertEquals(1, moves.size(), moves.toString());
        assertEquals(StorageClass.DEEP_ARCHIVE, moves.get(0).target());
        assertEquals(Instant.parse("2025-01-02T00:00:00Z").getEpochSecond(), moves.get(0).at());
    }

    @Test
    void oracle_staysInStandard_whenReadEveryHour() {
        long[] reads = new long[24 * 60];
        for (int i = 0; i < reads.length; i++) {
            reads[i] = T0 + 3600L * (i + 1);
        }
        OracleSchedule s = new OracleSchedule(tariff(0), false);
        assertTrue(s.solve(1L << 30, T0, T0 + 61 * DAY, reads).isEmpty());
    }

    @Test
    void oracle_costIsWhatTheMeterBillsForItsSchedule_onRandomLives() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (int i = 0; i < 120; i++) {
            long countFrom = T0 + rnd.nextLong(0, 60) * DAY;
            long size = rnd.nextBoolean() ? rnd.nextLong(1, 200_000) : rnd.nextLong(1, 20L << 30);
            long t0 = T0 + rnd.nextLong(0, 40 * DAY);
            long end = t0 + rnd.nextLong(1, 500 * DAY);
            long[] reads = new long[rnd.nextInt(0, 30)];
            for (int k = 0; k < reads.length; k++) {
                reads[k] = rnd.nextLong(t0, end + 1);
            }
            Arrays.sort(reads);
            for (boolean all : new boolean[]{false, true}) {
                OracleSchedule s = new OracleSchedule(tariff(countFrom), all);
                List<OracleSchedule.Move> moves = s.solve(size, t0, end, reads);
                double billed = bill(countFrom, size, t0, end, reads, moves);
                assertEquals(s.lastCost, billed, 1e-9 * Math.max(1, billed), "life " + i + " all=" + all + " " + moves);
                for (OracleSchedule.Move mv : moves) {
                    assertTrue(all || mv.target().millisecondAccess(), mv.toString());
                }
            }
        }
    }
    /** The pruned programme with its closed forms finds the same optimum as the original dense one (every state of every day). */
    @Test
    void oracle_matchesTheExhaustiveProgramme_onRandomLives() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int i = 0; i < 400; i++) {
            long countFrom = T0 + rnd.nextLong(-3, 80) * DAY + (rnd.nextBoolean() ? 0 : rnd.nextLong(DAY));
            long size = rnd.nextBoolean() ? rnd.nextLong(1, 300_000) : rnd.nextLong(1, 20L << 30);
            long t0 = T0 + rnd.nextLong(0, 40 * DAY);
            long end = t0 + rnd.nextLong(1, 600 * DAY);
            long[] reads = new long[rnd.nextInt(0, 40)];
            long burst = rnd.nextLong(t0, end + 1);
            for (int k = 0; k < reads.length; k++) {
                reads[k] = rnd.nextInt(3) == 0 ? Math.min(end, burst + rnd.nextLong(3 * DAY)) : rnd.nextLong(t0, end + 1);
            }
            Arrays.sort(reads);
            matchExhaustive(i, countFrom, size, t0, end, reads);
        }
    }

    /**
     * The bound that drops states costing more than a whole schedule already found acts in long silences (no read
     * until the end, or for months): there too the programme finds the dense one's optimum, the bound did drop states,
     * and lives silent to the end were cut short where every state stays in its class (millisecond variant).
     */
    @Test
    void oracle_matchesTheExhaustiveProgramme_onLivesThatFallSilent() {
        SplittableRandom rnd = new SplittableRandom(13);
        long[] dropped = new long[2];
        for (int i = 0; i < 300; i++) {
            long countFrom = T0 + rnd.nextLong(-3, 80) * DAY + (rnd.nextBoolean() ? 0 : rnd.nextLong(DAY));
            long size = rnd.nextBoolean() ? rnd.nextLong(1, 300_000) : rnd.nextLong(1, 20L << 30);
            long t0 = T0 + rnd.nextLong(0, 40 * DAY);
            long end = t0 + rnd.nextLong(1, 600 * DAY);
            // reads in one or two bursts, then silence: to the end, or until a late read
            long[] reads = new long[rnd.nextInt(0, 30)];
            long busyUntil = t0 + (end - t0) / rnd.nextInt(2, 8);
            long late = rnd.nextLong(t0, end + 1);
            for (int k = 0; k < reads.length; k++) {
                reads[k] = k == 0 && rnd.nextBoolean() ? late : rnd.nextLong(t0, busyUntil + 1);
            }
            Arrays.sort(reads);
            long[] d = matchExhaustive(i, countFrom, size, t0, end, reads);
            dropped[0] += d[0];
            dropped[1] += d[1];
        }
        assertTrue(dropped[0] > 0, "the bound never dropped a state");
        assertTrue(dropped[1] > 50, "only " + dropped[1] + " lives were cut short");
    }

    /**
     * Lives that fall silent before counting starts and end soon after it: moves at uncounted midnights are free, so
     * the best schedule often enters a class early enough to serve its minimum duration by the end; the programme,
     * which may end early in silences (only from a counted midnight), still finds the dense one's optimum.
     */
    @Test
    void oracle_matchesTheExhaustiveProgramme_whenSilentFromBeforeCountingStarts() {
        SplittableRandom rnd = new SplittableRandom(17);
        for (int i = 0; i < 200; i++) {
            long countFrom = T0 + rnd.nextLong(20, 120) * DAY + (rnd.nextBoolean() ? 0 : rnd.nextLong(DAY));
            long size = rnd.nextBoolean() ? rnd.nextLong(1, 300_000) : rnd.nextLong(1, 20L << 30);
            long t0 = T0 + rnd.nextLong(0, 10 * DAY);
            long end = countFrom + rnd.nextLong(1, 120 * DAY);
            long[] reads = new long[rnd.nextInt(0, 4)];
            for (int k = 0; k < reads.length; k++) {
                reads[k] = rnd.nextLong(t0, countFrom);
            }
            Arrays.sort(reads);
            matchExhaustive(i, countFrom, size, t0, end, reads);
        }
    }

    /**
     * Solves one life with both variants of the programme and of the dense reference: the same optimum, and the
     * meter bills the programme's schedule at that cost. Returns how many states the bound dropped and how many
     * programmes ended early.
     */
    private static long[] matchExhaustive(int i, long countFrom, long size, long t0, long end, long[] reads) {
        long[] dropped = new long[2];
        for (boolean all : new boolean[]{false, true}) {
            OracleSchedule fast = new OracleSchedule(tariff(countFrom), all);
            ExhaustiveOracleSchedule dense = new ExhaustiveOracleSchedule(tariff(countFrom), all);
            List<OracleSchedule.Move> moves = fast.solve(size, t0, end, reads);
            dense.solve(size, t0, end, reads);
            double tolerance = 1e-9 * Math.max(1, dense.lastCost);
            String life = "life " + i + " all=" + all + " size=" + size + " " + moves;
            assertEquals(dense.lastCost, fast.lastCost, tolerance, life);
            assertEquals(bill(countFrom, size, t0, end, reads, moves), fast.lastCost, tolerance, life);
            dropped[0] += fast.boundDropped;
            dropped[1] += fast.endedEarly;
        }
        return dropped;
    }
}
