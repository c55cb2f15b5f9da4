package dev.archiver.core.simulate;

import dev.archiver.core.cost.TransitionMethod;
import dev.archiver.core.object.StorageClass;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Test reference: the original dense programme (every state of every day, IT with archive tiers as a place that can be left). The clairvoyant optimum for one object life: knowing its size, when it arrives (in STANDARD), every read
 * and when it ends, the cheapest schedule of class changes, by dynamic programming over the midnights UTC of
 * its life (the instants at which every other policy moves objects), with both ways of moving (COPY to any
 * class from a millisecond class; LIFECYCLE down the waterfall for objects of 128 KiB or more).
 *
 * <p>States at a midnight: STANDARD; STANDARD_IA and GLACIER_IR by whole days in the class up to their minimum
 * duration (leaving earlier bills the remainder); INTELLIGENT_TIERING (without, and in the all-classes variant
 * also with, the archive tiers) by whole days since the last access up to the last tier change. GLACIER and
 * DEEP_ARCHIVE are absorbing (leaving needs a restore, which no policy does), so entering one is priced to the
 * end at once, restores and their temporary copies included. Costs are those of {@link BillingMeter}, counted
 * from {@code countFrom} as the meter counts them. Not considered: ONEZONE_IA, and GLACIER → DEEP_ARCHIVE
 * lifecycle steps.
 */
final class ExhaustiveOracleSchedule {
    /** One move of the schedule. */
    record Move(long at, StorageClass target, TransitionMethod method, boolean itArchive) {
    }

    private static final double INF = Double.POSITIVE_INFINITY;
    // places (non-absorbing)
    private static final int P_STD = 0;
    private static final int P_IT = 1;
    private static final int P_SIA = 2;
    private static final int P_GIR = 3;
    private static final int P_ITA = 4;
    private static final StorageClass[] CLASS = {StorageClass.STANDARD, StorageClass.INTELLIGENT_TIERING,
            StorageClass.STANDARD_IA, StorageClass.GLACIER_IR, StorageClass.INTELLIGENT_TIERING};
    private static final StorageClass[] TERMINAL = {StorageClass.GLACIER, StorageClass.DEEP_ARCHIVE};

    private final Tariff tariff;
    private final boolean allClasses;
    private final int places;
    private final int[] base;   // first state of each place
    private final int[] width;  // states of each place
    private final int states;
    private final int itCap;
    private final int itaCap;

    // reusable buffers
    private double[] v;
    private double[] next;
    private int[] stepFrom = new int[0];
    private int[] moveFrom = new int[0];
    private byte[] moveHow = new byte[0];

    /** The cost the last {@link #solve} found. */
    double lastCost;

    ExhaustiveOracleSchedule(Tariff tariff, boolean allClasses) {
        this.tariff = tariff;
        this.allClasses = allClasses;
        this.places = allClasses ? 5 : 4;
        this.itCap = tariff.it.archiveInstantAfterDays();
        this.itaCap = Tariff.DEEP_ARCHIVE_ACCESS_DAYS;
        width = new int[]{1, itCap + 1, StorageClass.STANDARD_IA.minimumDurationDays() + 1,
                StorageClass.GLACIER_IR.minimumDurationDays() + 1, itaCap + 1};
        base = new int[5];
        int s = 0;
        for (int p = 0; p < places; p++) {
            base[p] = s;
            s += width[p];
        }
        states = s;
        v = new double[states];
        next = new double[states];
    }

    private int placeOf(int s) {
        for (int p = places - 1; p >= 0; p--) {
            if (s >= base[p]) {
                return p;
            }
        }
        throw new AssertionError(s);
    }

    /**
     * The cheapest schedule for a life of {@code size} bytes from {@code t0} to {@code tEnd} with {@code reads}
     * (sorted epoch seconds in [t0, tEnd]); {@link #lastCost} holds its counted cost.
     */
    List<Move> solve(long size, long t0, long tEnd, long[] reads) {
        long m0 = Tariff.midnightAtOrBefore(t0) + Tariff.DAY;
        int days = m0 >= tEnd ? 0 : (int) ((tEnd - 1 - m0) / Tariff.DAY) + 1; // midnights m0 + j*DAY < tEnd
        int std = StorageClass.STANDARD.ordinal();
        // arrival in STANDARD up to the first midnight
        double prefix = tariff.counted(t0) ? tariff.put[std] : 0;
        long firstEnd = Math.min(m0, tEnd);
        prefix += perSecond(StorageClass.STANDARD, size) * tariff.clip(t0, firstEnd);
        int r = 0;
        while (r < reads.length && (reads[r] < firstEnd || firstEnd == tEnd && reads[r] <= tEnd)) {
            prefix += tariff.counted(reads[r]) ? tariff.read(std, size) : 0;
            r++;
        }
        if (days == 0) {
            lastCost = prefix;
            return List.of();
        }
        ensure(days);
        Arrays.fill(v, INF);
        Arrays.fill(next, INF);
        v[base[P_STD]] = prefix;
        int[] lo = new int[places];
        int[] hi = new int[places];
        for (int p = 0; p < places; p++) {
            lo[p] = width[p];
            hi[p] = -1;
        }
        lo[P_STD] = 0;
        hi[P_STD] = 0;

        // everything that depends only on the size, once per life
        double[] rate = new double[places];
        double[] readCost = new double[places];
        int[] minSeconds = new int[places];
        for (int p = 0; p < places; p++) {
            rate[p] = perSecond(CLASS[p], size);
            readCost[p] = tariff.read(CLASS[p].ordinal(), size);
            minSeconds[p] = (int) (CLASS[p].minimumDurationDays() * Tariff.DAY);
        }
        double[] itRate = new double[5];
        for (int t = 0; t < 5; t++) {
            itRate[t] = tariff.itPerSecond(size, t);
        }
        double monitoring = tariff.monitoringPerSecond(size);
        int[][] tierOf = new int[places][];
        tierOf[P_IT] = new int[width[P_IT]];
        for (int k = 0; k < width[P_IT]; k++) {
            tierOf[P_IT][k] = tariff.tier(size, k, false);
        }
        if (allClasses) {
            tierOf[P_ITA] = new int[width[P_ITA]];
            for (int k = 0; k < width[P_ITA]; k++) {
                tierOf[P_ITA][k] = tariff.tier(size, k, true);
            }
        }
        int targets = places + (allClasses ? 2 : 0);
        double[][] move = new double[places][targets];
        byte[][] how = new byte[places][targets];
        for (int p = 0; p < places; p++) {
            for (int q = 0; q < targets; q++) {
                StorageClass to = q < places ? CLASS[q] : TERMINAL[q - places];
                move[p][q] = to == CLASS[p] ? INF : moveCost(p, to, size);
                how[p][q] = lastHow;
            }
        }
        double[] termRate = new double[2];
        for (int gi = 0; gi < 2; gi++) {
            termRate[gi] = perSecond(TERMINAL[gi], size);
        }

        // absorbing classes: restore chains over the reads
        double[][] chain = new double[2][];
        if (allClasses) {
            for (int gi = 0; gi < 2; gi++) {
                chain[gi] = chain(TERMINAL[gi], size, reads);
            }
        }
        double bestTerminal = INF;
        int termDay = -1;
        int termFrom = -1;
        int termClass = -1;
        byte termHow = 0;
        double finalBest = INF;
        int finalState = -1;
        double[] leave = new double[places];
        int[] leaveArg = new int[places];
        boolean countedEnd = tariff.counted(tEnd);
        for (int j = 0; j < days; j++) {
            long m = m0 + j * Tariff.DAY;
            long stepEnd = Math.min(m + Tariff.DAY, tEnd);
            boolean counted = tariff.counted(m);
            // best state of each place to leave from (remainder of a minimum duration included)
            for (int p = 0; p < places; p++) {
                double best = INF;
                int arg = -1;
                int min = minSeconds[p];
                for (int a = lo[p]; a <= hi[p]; a++) {
                    int st = base[p] + a;
                    double val = v[st];
                    if (val == INF) {
                        continue;
                    }
                    if (p == P_ITA && tierOf[P_ITA][a] >= 3) {
                        continue; // archived: neither a copy source nor a lifecycle source here
                    }
                    if (min > 0 && counted) {
                        long age = a * Tariff.DAY;
                        if (age < min) {
                            val += rate[p] * (min - age);
                        }
                    }
                    if (val < best) {
                        best = val;
                        arg = st;
                    }
                }
                leave[p] = best;
                leaveArg[p] = arg;
            }
            int row = j * places;
            for (int q = 0; q < places; q++) {
                moveFrom[row + q] = -1;
                int entry = base[q];
                double cur = v[entry];
                for (int p = 0; p < places; p++) {
                    if (leave[p] == INF || move[p][q] == INF) {
                        continue;
                    }
                    double val = leave[p] + (counted ? move[p][q] : 0);
                    if (val < cur) {
                        cur = val;
                        moveFrom[row + q] = leaveArg[p];
                        moveHow[row + q] = how[p][q];
                    }
                }
                if (cur < INF) {
                    v[entry] = cur; // v becomes w: the states after the moves at m
                    lo[q] = 0;
                    hi[q] = Math.max(hi[q], 0);
                }
            }
            if (allClasses) {
                for (int gi = 0; gi < 2; gi++) {
                    StorageClass c = TERMINAL[gi];
                    double stay = termRate[gi] * tariff.clip(m, tEnd);
                    if (countedEnd) {
                        long min = c.minimumDurationDays() * Tariff.DAY;
                        stay += tEnd - m < min ? termRate[gi] * (min - (tEnd - m)) : 0;
                    }
                    stay += chain[gi][r];
                    for (int p = 0; p < places; p++) {
                        if (leave[p] == INF) {
                            continue;
                        }
                        double val = leave[p] + (counted ? move[p][places + gi] : 0) + stay;
                        if (val < bestTerminal) {
                            bestTerminal = val;
                            termDay = j;
                            termFrom = leaveArg[p];
                            termClass = gi;
                            termHow = how[p][places + gi];
                        }
                    }
                }
            }
            // the step [m, stepEnd)
            int r0 = r;
            while (r < reads.length && (reads[r] < stepEnd || stepEnd == tEnd && reads[r] <= tEnd)) {
                r++;
            }
            int nReads = r - r0;
            int countedReads = 0;
            for (int i = r0; i < r; i++) {
                if (tariff.counted(reads[i])) {
                    countedReads++;
                }
            }
            long span = tariff.clip(m, stepEnd);
            boolean last = j == days - 1;
            int jr = (j + 1) * states;
            long firstRead = nReads > 0 ? reads[r0] : stepEnd;
            long before = tariff.clip(m, Math.min(firstRead, stepEnd));
            long after = span - before;
            int nextAfterRead = nReads > 0 && reads[r - 1] == m ? 1 : 0;
            for (int p = 0; p < places; p++) {
                boolean it = p == P_IT || p == P_ITA;
                int cap = width[p] - 1;
                double flat = countedReads * readCost[p];
                int min = minSeconds[p];
                if (it) {
                    flat += monitoring * span + itRate[0] * after;
                } else {
                    flat += rate[p] * span;
                }
                int nlo = width[p];
                int nhi = -1;
                for (int a = lo[p]; a <= hi[p]; a++) {
                    int st = base[p] + a;
                    double val = v[st];
                    if (val == INF) {
                        continue;
                    }
                    v[st] = INF;
                    val += flat;
                    int to;
                    if (it) {
                        val += itRate[tierOf[p][a]] * before;
                        to = nReads > 0 ? nextAfterRead : Math.min(a + 1, cap);
                    } else {
                        to = Math.min(a + 1, cap);
                    }
                    if (last) {
                        if (min > 0 && countedEnd) {
                            long age = a * Tariff.DAY + (tEnd - m);
                            if (age < min) {
                                val += rate[p] * (min - age);
                            }
                        }
                        if (val < finalBest) {
                            finalBest = val;
                            finalState = st;
                        }
                        continue;
                    }
                    int ts = base[p] + to;
                    if (val < next[ts]) {
                        next[ts] = val;
                        stepFrom[jr + ts] = st;
                        nlo = Math.min(nlo, to);
                        nhi = Math.max(nhi, to);
                    }
                }
                // an older state in the same place is never worse later (less minimum duration left, a cheaper
                // Intelligent-Tiering tier), so a younger one that is not cheaper now can be dropped
                // (with the archive tiers this holds only among archived states: a younger one may still be moved)
                if (p != P_STD && nhi >= 0) {
                    double bestOlder = INF;
                    int stop = p == P_ITA ? Math.max(nlo, Tariff.ARCHIVE_ACCESS_DAYS) : nlo;
                    for (int a = nhi; a >= stop; a--) {
                        int st = base[p] + a;
                        if (next[st] >= bestOlder) {
                            next[st] = INF;
                        } else {
                            bestOlder = next[st];
                        }
                    }
                    while (nlo <= nhi && next[base[p] + nlo] == INF) {
                        nlo++;
                    }
                }
                lo[p] = nlo;
                hi[p] = nhi;
            }
            double[] tmp = v;
            v = next;
            next = tmp;
        }
        List<Move> moves = new ArrayList<>();
        int s;
        int j;
        if (bestTerminal < finalBest) {
            lastCost = bestTerminal;
            moves.add(new Move(m0 + termDay * Tariff.DAY, TERMINAL[termClass], method(termHow), false));
            s = termFrom;
            j = termDay;
        } else {
            lastCost = finalBest;
            // finalState is a state after the moves at the last midnight
            j = days - 1;
            int p = placeOf(finalState);
            int from = finalState == base[p] ? moveFrom[j * places + p] : -1;
            if (from >= 0) {
                moves.add(new Move(m0 + j * Tariff.DAY, CLASS[p], method(moveHow[j * places + p]), p == P_ITA));
                s = from;
            } else {
                s = finalState;
            }
        }
        // walk back: s is a state at midnight j before its moves
        while (j > 0) {
            int ws = stepFrom[j * states + s];
            j--;
            int p = placeOf(ws);
            int from = ws == base[p] ? moveFrom[j * places + p] : -1;
            if (from >= 0) {
                moves.add(new Move(m0 + j * Tariff.DAY, CLASS[p], method(moveHow[j * places + p]), p == P_ITA));
                s = from;
            } else {
                s = ws;
            }
        }
        Collections.reverse(moves);
        return moves;
    }

    private byte lastHow;

    /** Cheapest price of moving from place {@code p} to class {@code to} (sets lastHow: 0 copy, 1 lifecycle). */
    private double moveCost(int p, StorageClass to, long size) {
        StorageClass from = CLASS[p];
        double copy = tariff.copy(from.ordinal(), to.ordinal(), size);
        lastHow = 0;
        if (tariff.lifecycleAllowed(from, to, size)) {
            double lc = tariff.lifecycle[to.ordinal()];
            if (lc < copy) {
                lastHow = 1;
                return lc;
            }
        }
        return copy;
    }

    private static TransitionMethod method(byte how) {
        return how == 1 ? TransitionMethod.LIFECYCLE : TransitionMethod.COPY;
    }

    private double perSecond(StorageClass c, long size) {
        return tariff.storage(c, size, Tariff.DAY) / Tariff.DAY;
    }

    /** Cost of the reads from index i on in absorbing class c: GET requests plus chained restores. */
    private double[] chain(StorageClass c, long size, long[] reads) {
        int n = reads.length;
        double[] out = new double[n + 1];
        double get = tariff.get[c.ordinal()];
        double restore = tariff.restoreFee(c.ordinal(), size) + tariff.restoreCopy(size);
        long window = tariff.restoreDays * Tariff.DAY;
        double[] gets = new double[n + 1];
        int k = n; // first index after i whose read is at or after reads[i] + window
        for (int i = n - 1; i >= 0; i--) {
            gets[i] = gets[i + 1] + (tariff.counted(reads[i]) ? get : 0);
            while (k - 1 > i && reads[k - 1] >= reads[i] + window) {
                k--;
            }
            out[i] = (tariff.counted(reads[i]) ? restore : 0) + out[k];
        }
        for (int i = 0; i <= n; i++) {
            out[i] += gets[i];
        }
        return out;
    }

    /** Cost of entering absorbing class c at midnight m and staying to the end; firstRead indexes reads >= m. */
    private double suffix(StorageClass c, long size, long m, long tEnd, long[] reads, int firstRead, double[] chain) {
        double cost = perSecond(c, size) * tariff.clip(m, tEnd);
        if (tariff.counted(tEnd)) {
            cost += tariff.remainder(c, size, tEnd - m);
        }
        return cost + chain[firstRead];
    }

    private void ensure(int days) {
        int need = (days + 1) * states;
        if (stepFrom.length < need) {
            stepFrom = new int[need];
        }
        if (moveFrom.length < (days + 1) * places) {
            moveFrom = new int[(days + 1) * places];
            moveHow = new byte[(days + 1) * places];
        }
    }
}
