package dev.archiver.core.simulate;

import dev.archiver.core.cost.TransitionMethod;
import dev.archiver.core.object.StorageClass;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The clairvoyant optimum for one object life: knowing its size, when it arrives (in STANDARD), every read
 * and when it ends, the cheapest schedule of class changes, by dynamic programming over the midnights UTC of
 * its life (the instants at which every other policy moves objects), with both ways of moving (COPY to any
 * class from a millisecond class; LIFECYCLE down the waterfall for objects of 128 KiB or more).
 *
 * <p>States at a midnight: STANDARD; STANDARD_IA and GLACIER_IR by whole days in the class up to their minimum
 * duration (leaving earlier bills the remainder); INTELLIGENT_TIERING (without archive tiers) by whole days since
 * the last access up to the last tier change. Only the states that are not dominated are kept, as short sorted
 * lists, so a day costs a few operations per class. Absorbing destinations (all-classes variant only) are priced
 * from the day they are entered to the end at once: GLACIER and DEEP_ARCHIVE (leaving needs a restore, which no
 * policy does), with the chain of restores their reads cause, and INTELLIGENT_TIERING with the archive tiers,
 * unless left (closed forms over the gaps between read days). Leaving it before it is first archived is the
 * same as using INTELLIGENT_TIERING without them; leaving it after it was archived and read again is a move from
 * one extra state per day, whose path no longer depends on when it was entered. Costs are those of
 * {@link BillingMeter}, counted from {@code countFrom} as the meter counts them. Not considered: ONEZONE_IA and
 * GLACIER → DEEP_ARCHIVE lifecycle steps (no policy here uses either).
 *
 * <p>Two shortcuts skip days without changing the optimum: a day on which the bound has dropped every state and
 * nothing can come back is not stepped; and in the millisecond variant, once no read is left, the programme ends at
 * the first counted midnight at which every live state is in a class no move can improve on (see staysToTheEnd).
 */
final class OracleSchedule {
    /** One move of the schedule. */
    record Move(long at, StorageClass target, TransitionMethod method, boolean itArchive) {
    }

    private static final double INF = Double.POSITIVE_INFINITY;
    // places (non-absorbing)
    private static final int P_STD = 0;
    private static final int P_IT = 1;
    private static final int P_SIA = 2;
    private static final int P_GIR = 3;
    private static final int PLACES = 4;
    private static final StorageClass[] CLASS = {StorageClass.STANDARD, StorageClass.INTELLIGENT_TIERING,
            StorageClass.STANDARD_IA, StorageClass.GLACIER_IR};
    // absorbing destinations: GLACIER, DEEP_ARCHIVE, INTELLIGENT_TIERING with the archive tiers
    private static final StorageClass[] TERMINAL = {StorageClass.GLACIER, StorageClass.DEEP_ARCHIVE,
            StorageClass.INTELLIGENT_TIERING};
    private static final int T_ITA = 2;

    private final Tariff tariff;
    private final boolean allClasses;
    private final int terminals;
    private final int[] base = new int[PLACES];   // first state of each place
    private final int[] width = new int[PLACES];  // states of each place
    private final int states;
    private final int itaCap;

    // reusable buffers
    private double[] v;
    private double[] next;
    private int[][] live = new int[PLACES][];      // ages of the live states of each place, ascending
    private int[][] nextLive = new int[PLACES][];
    private final int[] liveN = new int[PLACES];
    private final int[] nextN = new int[PLACES];
    private final double[][] ageWorth = new double[PLACES][];
    private int[] stepFrom = new int[0];
    private int[] moveFrom = new int[0];
    private byte[] moveHow = new byte[0];
    private int[] dayStart = new int[0];           // index of the first read of each day (and of the end)
    private double[] itaEntry = new double[0];     // cost of entering IT with archive tiers at a day, to the end
    private double[] flatPrefix = new double[0];   // prefix sums of the IT cost of each day that no tier changes
    private double[] span = new double[0];         // counted seconds of each day
    private double[] beforeRead = new double[0];   // counted seconds of each day before its first read
    private int[] readsFrom = new int[0];          // counted reads from day j to the end
    private double[] lowerFrom = new double[0];    // what any state still pays from midnight j to the end, at least
    // IT with archive tiers left after it was archived and read again (see itArchiveEntries)
    private int[] postEntry = new int[0];          // latest entry day whose object has been archived by then (-1)
    private int[] postAge = new int[0];            // whole days since the last access on that common path (-1)
    private double[] postSuffix = new double[0];   // cost from the day to the end on that common path
    private double[] entryBest = new double[0];    // cheapest entry (cost to the end) into it up to the day
    private int[] entryBestDay = new int[0];
    private int[] entryFrom = new int[0];          // state left to enter it at the day, and how
    private byte[] entryHow = new byte[0];

    // per life, read by the day's methods
    private final double[] rate = new double[PLACES];
    private final double[] readCost = new double[PLACES];
    private final int[] minSeconds = new int[PLACES];
    private final double[] itRate = new double[5];
    private double monitoring;
    private final double[] itDayRate;              // IT storage per second by whole days since the last access
    private final byte[][] how;                    // how the cheapest move from a place to a place or a destination goes
    private final int targets;
    // the price of that move, flat ([from * targets + to]), at a counted midnight and at one before countFrom (0, or
    // infinite when not allowed): a move that is not allowed never wins, without a test of its own
    private final double[] movePrice;
    private final double[] movePriceFree;
    private final double[] termRate = new double[2];
    private final double[][] chain = new double[2][];
    private final double[] leave = new double[PLACES];
    private final int[] leaveArg = new int[PLACES];
    private final int[] sources = new int[PLACES]; // the places with a state to leave from today, ascending
    private final double[] entryCost = new double[PLACES]; // movesAt: the cheapest way into each place's age 0
    private final int[] entryBy = new int[PLACES];
    private int sourceN;
    private long[] reads;
    private long m0;
    private long tEnd;
    private int days;
    private boolean countedEnd;
    private double leavePost;
    private int postFrom;
    private double bestTerminal;
    private int termDay;
    private int termFrom;
    private int termClass;
    private byte termHow;
    private double finalBest;
    private int finalState;
    private int finalDay;                          // -1, or the day whose midnight finalState is at (before its moves)
    private double upper;                          // the cost of one whole schedule found so far (see step)

    /** States dropped by the bound of {@link #step} over this solver's lives (for tests: the bound is exercised). */
    long boundDropped;

    /** Lives whose programme ended early because every live state stays (for tests: the shortcut is exercised). */
    long endedEarly;

    /** The cost the last {@link #solve} found. */
    double lastCost;

    OracleSchedule(Tariff tariff, boolean allClasses) {
        this.tariff = tariff;
        this.allClasses = allClasses;
        this.terminals = allClasses ? TERMINAL.length : 0;
        this.itaCap = Tariff.DEEP_ARCHIVE_ACCESS_DAYS;
        width[P_STD] = 1;
        width[P_IT] = tariff.it.archiveInstantAfterDays() + 1;
        width[P_SIA] = StorageClass.STANDARD_IA.minimumDurationDays() + 1;
        width[P_GIR] = StorageClass.GLACIER_IR.minimumDurationDays() + 1;
        int s = 0;
        for (int p = 0; p < PLACES; p++) {
            base[p] = s;
            s += width[p];
            live[p] = new int[width[p]];
            ageWorth[p] = new double[width[p]];
            nextLive[p] = new int[width[p]];
        }
        states = s;
        itDayRate = new double[width[P_IT]];
        targets = PLACES + terminals;
        movePrice = new double[PLACES * targets];
        movePriceFree = new double[PLACES * targets];
        how = new byte[PLACES][PLACES + terminals];
        v = new double[states];
        next = new double[states];
    }

    private int placeOf(int s) {
        for (int p = PLACES - 1; p >= 0; p--) {
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
        // the reads of each day [m, stepEnd) and its counted seconds
        for (int j = 0; j < days; j++) {
            long m = m0 + j * Tariff.DAY;
            long stepEnd = Math.min(m + Tariff.DAY, tEnd);
            dayStart[j] = r;
            while (r < reads.length && (reads[r] < stepEnd || stepEnd == tEnd && reads[r] <= tEnd)) {
                r++;
            }
            span[j] = tariff.clip(m, stepEnd);
            long firstRead = r > dayStart[j] ? reads[dayStart[j]] : stepEnd;
            beforeRead[j] = tariff.clip(m, Math.min(firstRead, stepEnd));
        }
        dayStart[days] = r;

        // everything that depends only on the size, once per life
        for (int p = 0; p < PLACES; p++) {
            rate[p] = perSecond(CLASS[p], size);
            readCost[p] = tariff.read(CLASS[p].ordinal(), size);
            minSeconds[p] = (int) (CLASS[p].minimumDurationDays() * Tariff.DAY);
        }
        for (int t = 0; t < 5; t++) {
            itRate[t] = tariff.itPerSecond(size, t);
        }
        monitoring = tariff.monitoringPerSecond(size);
        for (int k = 0; k < width[P_IT]; k++) {
            itDayRate[k] = itRate[tariff.tier(size, k, false)];
        }
        for (int p = 0; p < PLACES; p++) {
            for (int q = 0; q < targets; q++) {
                StorageClass to = q < PLACES ? CLASS[q] : TERMINAL[q - PLACES];
                double price = to == CLASS[p] ? INF : moveCost(p, to, size);
                how[p][q] = lastHow;
                movePrice[p * targets + q] = price;
                movePriceFree[p * targets + q] = price == INF ? INF : 0;
            }
        }
        if (allClasses) {
            for (int gi = 0; gi < 2; gi++) {
                termRate[gi] = perSecond(TERMINAL[gi], size);
                chain[gi] = chain(TERMINAL[gi], size, reads);
            }
            itArchiveEntries(size, days, reads, readCost[P_IT], itRate, monitoring, m0);
        }

        Arrays.fill(v, INF);
        Arrays.fill(next, INF);
        Arrays.fill(liveN, 0);
        v[base[P_STD]] = prefix;
        live[P_STD][0] = 0;
        liveN[P_STD] = 1;
        bestTerminal = INF;
        termDay = -1;
        termFrom = -1;
        termClass = -1;
        termHow = 0;
        finalBest = INF;
        finalState = -1;
        finalDay = -1;
        // ageWorth[p][a] - ageWorth[p][b] bounds what a state of age a saves later over one of age b < a
        for (int p = P_IT; p < PLACES; p++) {
            double[] worth = ageWorth[p];
            for (int a = 1; a < width[p]; a++) {
                worth[a] = worth[a - 1] + Tariff.DAY * (p == P_IT ? itDayRate[a - 1] - itDayRate[width[p] - 1] : rate[p]);
            }
        }
        this.reads = reads;
        this.m0 = m0;
        this.tEnd = tEnd;
        this.days = days;
        this.countedEnd = tariff.counted(tEnd);
        bounds(days);
        // the day loop lives in small methods: one huge method is compiled on stack replacement and deoptimised
        // again and again, which cost several times the steady-state speed on a single pass over the lives
        int silentFrom = days; // no read on day silentFrom or after
        while (silentFrom > 0 && dayStart[silentFrom - 1] == dayStart[days]) {
            silentFrom--;
        }
        for (int j = 0; j < days; j++) {
            if (j >= silentFrom && !allClasses && tariff.counted(m0 + j * Tariff.DAY) && staysToTheEnd()) {
                stayToTheEnd(j);
                break;
            }
            day(j);
        }
        this.reads = null;
        chain[0] = null;
        chain[1] = null;
        Arrays.fill(liveN, 0);
        List<Move> moves = new ArrayList<>();
        int s;
        int j;
        if (bestTerminal < finalBest) {
            lastCost = bestTerminal;
            moves.add(new Move(m0 + termDay * Tariff.DAY, TERMINAL[termClass], method(termHow), termClass == T_ITA));
            s = termFrom;
            j = termDay;
        } else {
            lastCost = finalBest;
            if (finalDay >= 0) { // finalState is a state at midnight finalDay before its moves, and it stays
                j = finalDay;
                s = finalState;
            } else { // finalState is a state after the moves at the last midnight
                j = days - 1;
                s = beforeMoves(finalState, j, moves);
            }
        }
        // walk back: s is a state at midnight j before its moves, or -2 - d: left IT with archive tiers entered on day d
        while (true) {
            if (s <= -2) {
                j = -2 - s;
                moves.add(new Move(m0 + j * Tariff.DAY, StorageClass.INTELLIGENT_TIERING, method(entryHow[j]), true));
                s = entryFrom[j];
            }
            if (j == 0) {
                break;
            }
            int ws = stepFrom[j * states + s];
            j--;
            s = beforeMoves(ws, j, moves);
        }
        Collections.reverse(moves);
        return moves;
    }

    /**
     * The state at midnight j before its moves that led to {@code w}, a state after them: the state moved from (the
     * move added to {@code moves}) when w was entered by a move, else w itself.
     */
    private int beforeMoves(int w, int j, List<Move> moves) {
        int p = placeOf(w);
        int from = w == base[p] ? moveFrom[j * PLACES + p] : -1;
        if (from == -1) {
            return w;
        }
        moves.add(new Move(m0 + j * Tariff.DAY, CLASS[p], method(moveHow[j * PLACES + p]), false));
        return from;
    }

    /**
     * Whether every live state is in a place no move can improve on (millisecond variant): a class other than
     * Intelligent-Tiering whose storage rate for this size is at most the lowest rate any other place can reach.
     * Asked only from a counted midnight after which no read comes: then leaving bills the remainder of the minimum
     * duration at once (at least what staying bills at the end), a move's price is not negative, and the storage
     * after it is no cheaper, so every live state's best continuation is to stay where it is.
     */
    private boolean staysToTheEnd() {
        if (liveN[P_IT] > 0) {
            return false;
        }
        double itLowest = INF; // the lowest tier an object of this size reaches
        for (double r : itDayRate) {
            itLowest = Math.min(itLowest, r);
        }
        itLowest += monitoring;
        for (int p = 0; p < PLACES; p++) {
            if (p == P_IT || liveN[p] == 0) {
                continue;
            }
            for (int q = 0; q < PLACES; q++) {
                double lowest = q == P_IT ? itLowest : rate[q];
                if (q != p && lowest < rate[p]) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Ends the programme at midnight j (see {@link #staysToTheEnd}): every live state stays in its class to the end,
     * paying its storage and the minimum duration it still owes then; the cheapest is the optimum.
     */
    private void stayToTheEnd(int j) {
        endedEarly++;
        long m = m0 + j * Tariff.DAY;
        for (int p = 0; p < PLACES; p++) {
            for (int k = 0, n = liveN[p]; k < n; k++) {
                int a = live[p][k];
                int st = base[p] + a;
                double val = v[st] + rate[p] * tariff.clip(m, tEnd);
                val += owedAtEnd(p, a, m);
                if (val < finalBest) {
                    finalBest = val;
                    finalState = st;
                    finalDay = j;
                }
            }
        }
    }

    /**
     * What a state of place p, {@code a} whole days in its class at midnight m, still owes of the minimum duration
     * when the life ends (0 once served).
     */
    private double owedAtEnd(int p, int a, long m) {
        long age = a * Tariff.DAY + (tEnd - m);
        return age < minSeconds[p] ? rate[p] * (minSeconds[p] - age) : 0;
    }

    /**
     * Fills {@link #lowerFrom}: from midnight d on, every day costs at least the cheapest storage rate of any class
     * (Intelligent-Tiering's tiers with monitoring, GLACIER and DEEP_ARCHIVE with their overhead) and every counted
     * read at least the cheapest GET; moves, remainders and restores only add to that.
     */
    private void bounds(int days) {
        double minRate = INF;
        double minRead = INF;
        for (int p = 0; p < PLACES; p++) {
            minRate = Math.min(minRate, rate[p]);
            minRead = Math.min(minRead, readCost[p]);
        }
        for (int t = 0; t < (allClasses ? itRate.length : 3); t++) { // the archive tiers (3, 4) need `oracle`
            minRate = Math.min(minRate, itRate[t] + monitoring);
        }
        if (allClasses) {
            for (int gi = 0; gi < 2; gi++) {
                minRate = Math.min(minRate, termRate[gi]);
                minRead = Math.min(minRead, tariff.get[TERMINAL[gi].ordinal()]);
            }
        }
        int counted = 0;
        for (int d = days; d >= 0; d--) {
            if (d < days) {
                for (int i = dayStart[d]; i < dayStart[d + 1]; i++) {
                    if (tariff.counted(reads[i])) {
                        counted++;
                    }
                }
            }
            readsFrom[d] = counted;
            lowerFrom[d] = minRate * tariff.clip(m0 + d * Tariff.DAY, tEnd) + minRead * counted;
        }
        upper = INF;
    }

    /** The moves at midnight j, then the step [m, m + 1 day) of every live state. */
    private void day(int j) {
        long m = m0 + j * Tariff.DAY;
        boolean counted = tariff.counted(m);
        // IT with archive tiers, archived and read since it was entered, and not archived now
        boolean post = allClasses && postEntry[j] >= 0 && postAge[j] < Tariff.ARCHIVE_ACCESS_DAYS;
        if (!post && liveN[P_STD] + liveN[P_IT] + liveN[P_SIA] + liveN[P_GIR] == 0) {
            // every state was dropped by the bound (an absorbing class is cheaper) and none can come back today: no
            // move, no entry, no step; only the cheapest entry into IT with archive tiers so far carries over
            entryBest[j] = entryBest[j - 1];
            entryBestDay[j] = entryBestDay[j - 1];
            return;
        }
        leaveAll(counted);
        leavePost = INF;
        postFrom = 0;
        if (post) {
            leavePost = entryBest[postEntry[j]] - postSuffix[j];
            postFrom = -2 - entryBestDay[postEntry[j]];
        }
        movesAt(j, counted);
        if (allClasses) {
            enterItArchive(j, counted);
            terminalsAt(j, m, counted);
        }
        step(j, m);
        double[] tmp = v;
        v = next;
        next = tmp;
        int[][] tmpLive = live;
        live = nextLive;
        nextLive = tmpLive;
        System.arraycopy(nextN, 0, liveN, 0, PLACES);
    }

    /** The best state of each place to leave from (remainder of a minimum duration included). */
    private void leaveAll(boolean counted) {
        sourceN = 0;
        for (int p = 0; p < PLACES; p++) {
            double best = INF;
            int arg = -1;
            int min = minSeconds[p];
            int[] ages = live[p];
            for (int k = 0, n = liveN[p]; k < n; k++) {
                int a = ages[k];
                int st = base[p] + a;
                double val = v[st];
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
            if (best < INF) {
                sources[sourceN++] = p;
            }
        }
    }

    /** The moves at midnight j into the age-0 state of every place. */
    private void movesAt(int j, boolean counted) {
        byte[] postHow = how[P_IT];
        int row = j * PLACES;
        double bound = Math.min(upper, bestTerminal); // the bound of step, for what is entered now
        double limit = bound + 1e-9 * bound + 1e-12 - lowerFrom[j];
        double[] price = counted ? movePrice : movePriceFree;
        double[] best = entryCost;
        int[] by = entryBy;
        for (int q = 0; q < PLACES; q++) {
            best[q] = v[base[q]];
            by[q] = -1;
        }
        for (int i = 0; i < sourceN; i++) { // sources outermost: one short loop, and four targets each
            int p = sources[i];
            double l = leave[p];
            int o = p * targets;
            for (int q = 0; q < PLACES; q++) {
                double val = l + price[o + q];
                if (val < best[q]) {
                    best[q] = val;
                    by[q] = p;
                }
            }
        }
        for (int q = 0; q < PLACES; q++) {
            int entry = base[q];
            double cur = best[q];
            int arg = -1;
            if (by[q] >= 0) {
                arg = leaveArg[by[q]];
                moveHow[row + q] = how[by[q]][q];
            }
            moveFrom[row + q] = arg;
            if (leavePost < INF) {
                double val = leavePost + price[P_IT * targets + q];
                if (val < cur) {
                    cur = val;
                    moveFrom[row + q] = postFrom;
                    moveHow[row + q] = postHow[q];
                }
            }
            if (cur < v[entry] && cur > limit) {
                moveFrom[row + q] = -1;
                boundDropped++;
                continue;
            }
            if (cur < v[entry]) {
                if (v[entry] == INF) { // a new live state of age 0: first in the ascending list
                    System.arraycopy(live[q], 0, live[q], 1, liveN[q]);
                    live[q][0] = 0;
                    liveN[q]++;
                }
                v[entry] = cur; // v becomes w: the states after the moves at m
            }
        }
    }

    /** Entering IT with archive tiers: its cheapest way in at midnight j, and the cheapest so far. */
    private void enterItArchive(int j, boolean counted) {
        double in = INF;
        double[] price = counted ? movePrice : movePriceFree;
        for (int i = 0; i < sourceN; i++) {
            int p = sources[i];
            double val = leave[p] + price[p * targets + PLACES + T_ITA];
            if (val < in) {
                in = val;
                entryFrom[j] = leaveArg[p];
                entryHow[j] = how[p][PLACES + T_ITA];
            }
        }
        double e = in + itaEntry[j];
        if (j > 0 && entryBest[j - 1] <= e) {
            entryBest[j] = entryBest[j - 1];
            entryBestDay[j] = entryBestDay[j - 1];
        } else {
            entryBest[j] = e;
            entryBestDay[j] = j;
        }
    }

    /** Entering an absorbing destination at midnight j and staying to the end. */
    private void terminalsAt(int j, long m, boolean counted) {
        byte[] postHow = how[P_IT];
        double[] price = counted ? movePrice : movePriceFree;
        for (int gi = 0; gi < terminals; gi++) {
            double stay;
            if (gi == T_ITA) {
                stay = itaEntry[j];
            } else {
                StorageClass c = TERMINAL[gi];
                stay = termRate[gi] * tariff.clip(m, tEnd);
                if (countedEnd) {
                    long min = c.minimumDurationDays() * Tariff.DAY;
                    stay += tEnd - m < min ? termRate[gi] * (min - (tEnd - m)) : 0;
                }
                stay += chain[gi][dayStart[j]];
            }
            for (int i = 0; i < sourceN; i++) {
                int p = sources[i];
                double val = leave[p] + price[p * targets + PLACES + gi] + stay;
                if (val < bestTerminal) {
                    bestTerminal = val;
                    termDay = j;
                    termFrom = leaveArg[p];
                    termClass = gi;
                    termHow = how[p][PLACES + gi];
                }
            }
            if (leavePost < INF) {
                double val = leavePost + price[P_IT * targets + PLACES + gi] + stay;
                if (val < bestTerminal) {
                    bestTerminal = val;
                    termDay = j;
                    termFrom = postFrom;
                    termClass = gi;
                    termHow = postHow[PLACES + gi];
                }
            }
        }
    }

    /** The step [m, stepEnd) of day j: every live state to the next midnight (or to the end on the last day). */
    private void step(int j, long m) {
        int r0 = dayStart[j];
        int r1 = dayStart[j + 1];
        int nReads = r1 - r0;
        int countedReads = 0;
        for (int i = r0; i < r1; i++) {
            if (tariff.counted(reads[i])) {
                countedReads++;
            }
        }
        double spanJ = span[j];
        double before = beforeRead[j];
        double after = spanJ - before;
        boolean last = j == days - 1;
        int jr = (j + 1) * states;
        // a state that, with the least it can still pay, costs more than a whole schedule already found (one entering
        // an absorbing class, or one staying in its class to the end) is on no optimal path: it is not kept. The margin
        // (far above rounding, far below a cent) keeps every state whose cost only rounding could tell from the bound.
        double bound = Math.min(upper, bestTerminal);
        double limit = bound + 1e-9 * bound + 1e-12 - lowerFrom[j + 1];
        long rest = last ? 0 : tariff.clip(m + Tariff.DAY, tEnd);
        int nextAfterRead = nReads > 0 && reads[r1 - 1] == m ? 1 : 0;
        for (int p = 0; p < PLACES; p++) {
            if (liveN[p] == 0) {
                nextN[p] = 0;
                continue;
            }
            double flat = countedReads * readCost[p];
            if (p == P_IT) {
                flat += monitoring * spanJ + itRate[0] * after;
            } else {
                flat += rate[p] * spanJ;
            }
            double stay = p == P_IT ? INF : rate[p] * rest + readCost[p] * readsFrom[j + 1];
            int outN = stepPlace(p, m, flat, before, nReads, nextAfterRead, last, jr, limit, stay);
            if (p != P_STD && outN > 1) {
                outN = prune(p, outN);
            }
            nextN[p] = outN;
        }
    }

    private int stepPlace(int p, long m, double flat, double before, int nReads, int nextAfterRead, boolean last,
                          int jr, double limit, double stay) {
        boolean it = p == P_IT;
        int cap = width[p] - 1;
        int min = minSeconds[p];
        int[] ages = live[p];
        int[] out = nextLive[p];
        int outN = 0;
        for (int k = 0, n = liveN[p]; k < n; k++) {
            int a = ages[k];
            int st = base[p] + a;
            double val = v[st] + flat;
            v[st] = INF;
            int to;
            if (it) {
                val += itDayRate[a] * before;
                to = nReads > 0 ? nextAfterRead : Math.min(a + 1, cap);
            } else {
                to = Math.min(a + 1, cap);
            }
            if (last) {
                if (min > 0 && countedEnd) {
                    val += owedAtEnd(p, a, m);
                }
                if (val < finalBest) {
                    finalBest = val;
                    finalState = st;
                }
                continue;
            }
            if (val > limit) {
                boundDropped++;
                continue;
            }
            if (stay < INF) { // staying in the class to the end is a whole schedule: a bound for the next days
                double whole = val + stay;
                if (min > 0 && countedEnd) {
                    long ageAtEnd = to * Tariff.DAY + (tEnd - m - Tariff.DAY);
                    if (ageAtEnd < min) {
                        whole += rate[p] * (min - ageAtEnd);
                    }
                }
                upper = Math.min(upper, whole);
            }
            int ts = base[p] + to;
            if (val < next[ts]) {
                if (next[ts] == INF) { // targets are non-decreasing in a: appending keeps the list sorted
                    out[outN++] = to;
                }
                next[ts] = val;
                stepFrom[jr + ts] = st;
            }
        }
        return outN;
    }

    private int prune(int p, int outN) {
        int[] out = nextLive[p];
        // an older state in the same place is never worse later (less minimum duration left, a cheaper
        // Intelligent-Tiering tier), so a younger one that is not cheaper now can be dropped
        double bestOlder = INF;
        int w = outN;
        for (int k = outN - 1; k >= 0; k--) {
            int ts = base[p] + out[k];
            if (next[ts] >= bestOlder) {
                next[ts] = INF;
            } else {
                bestOlder = next[ts];
                out[--w] = out[k];
            }
        }
        System.arraycopy(out, w, out, 0, outN - w);
        outN -= w;
        if (outN > 1) {
            // and an older one is worth at most what it saves later (the remainder it no longer owes; the
            // cheaper tiers it reaches sooner), so it is dropped when a younger one plus that is no dearer
            double[] worth = ageWorth[p];
            double bestYounger = INF;
            int kept = 0;
            for (int k = 0; k < outN; k++) {
                int ts = base[p] + out[k];
                double key = next[ts] - worth[out[k]];
                if (key >= bestYounger) {
                    next[ts] = INF;
                } else {
                    bestYounger = key;
                    out[kept++] = out[k];
                }
            }
            outN = kept;
        }
        return outN;
    }

    /**
     * Fills {@code itaEntry[j]}: the cost from midnight j to the end of an object that enters IT with the archive
     * tiers at midnight j and stays (its tier on each day follows from the reads alone). Backwards over the read
     * days; within a gap without reads the storage is a difference of prefix sums over the days since the access.
     */
    private void itArchiveEntries(long size, int days, long[] reads, double readCost, double[] itRate,
                                 double monitoring, long m0) {
        // the cost of each day that does not depend on the tier: reads, monitoring, Frequent after the first read
        flatPrefix[0] = 0;
        for (int j = 0; j < days; j++) {
            int countedReads = 0;
            for (int i = dayStart[j]; i < dayStart[j + 1]; i++) {
                if (tariff.counted(reads[i])) {
                    countedReads++;
                }
            }
            double flat = countedReads * readCost + monitoring * span[j] + itRate[0] * (span[j] - beforeRead[j]);
            flatPrefix[j + 1] = flatPrefix[j] + flat;
        }
        // storage per second by whole days since the access, and its prefix sums over those days
        double[] dayRate = new double[itaCap + 1];
        double[] q = new double[itaCap + 2];
        for (int k = 0; k <= itaCap; k++) {
            dayRate[k] = itRate[tariff.tier(size, k, true)];
            q[k + 1] = q[k] + dayRate[k];
        }
        // days [fullFrom, days - 1) are counted whole; day fullFrom - 1 may be counted in part, the last day too
        long countFrom = tariff.countFrom;
        int fullFrom = countFrom <= m0 ? 0 : (int) Math.min(days, (countFrom - m0 + Tariff.DAY - 1) / Tariff.DAY);
        int lastDay = days - 1;
        // after a read, every object that has been archived since it entered follows the same path: for each day,
        // the latest entry day of such objects (entries up to it qualify), and the days since the access on it
        boolean archives = size >= tariff.it.monitoringMinimumBytes();
        int prevRead = -1;
        int prevAge = 0;   // whole days since the access at the midnight after the previous read day
        int latest = -1;
        for (int j = 0; j < days; j++) {
            postEntry[j] = latest;
            postAge[j] = prevRead < 0 ? -1 : prevAge + j - prevRead - 1;
            if (dayStart[j + 1] > dayStart[j]) {
                if (archives) {
                    int gapStart = prevRead + 1;
                    if (j - Tariff.ARCHIVE_ACCESS_DAYS >= gapStart) {
                        latest = j - Tariff.ARCHIVE_ACCESS_DAYS; // entered in this gap, 90 days before the read
                    } else if (prevRead >= 0 && postAge[j] >= Tariff.ARCHIVE_ACCESS_DAYS) {
                        latest = prevRead; // entered before the previous read, archived in this gap
                    }
                }
                prevRead = j;
                prevAge = reads[dayStart[j + 1] - 1] == m0 + j * Tariff.DAY ? 1 : 0;
            }
        }
        int readDay = days;      // the first day at or after j with a read (days: none)
        double afterRead = 0;    // cost from readDay (its tier-independent part, then the days after it)
        for (int j = days - 1; j >= 0; j--) {
            if (dayStart[j + 1] > dayStart[j]) {
                long m = m0 + j * Tariff.DAY;
                int c = reads[dayStart[j + 1] - 1] == m ? 1 : 0; // whole days since the access at midnight j + 1
                double tail = j + 1 < days ? gap(j + 1, readDay, c, fullFrom, lastDay, dayRate, q, afterRead) : 0;
                afterRead = flatPrefix[j + 1] - flatPrefix[j] + tail;
                readDay = j;
            }
            itaEntry[j] = gap(j, readDay, 0, fullFrom, lastDay, dayRate, q, afterRead);
            postSuffix[j] = postAge[j] < 0 ? 0 : gap(j, readDay, postAge[j], fullFrom, lastDay, dayRate, q, afterRead);
        }
    }

    /**
     * Cost from day j, {@code age} whole days after the last access, to the end, when the next read falls on
     * {@code readDay} (or never: readDay = days) and {@code afterRead} is the cost from readDay on, less the
     * storage before its first read.
     */
    private double gap(int j, int readDay, int age, int fullFrom, int lastDay, double[] dayRate, double[] q,
                       double afterRead) {
        int end = Math.min(readDay, lastDay + 1); // days [j, end) have no read
        double cost = flatPrefix[end] - flatPrefix[j];
        int lo = Math.max(j, fullFrom);
        int hi = Math.min(end, lastDay); // whole counted days [lo, hi)
        if (hi > lo) {
            cost += Tariff.DAY * (prefixRate(q, dayRate, age + hi - j) - prefixRate(q, dayRate, age + lo - j));
        }
        int partial = fullFrom - 1;
        if (partial >= j && partial < end && partial < lastDay) {
            cost += span[partial] * rateAt(dayRate, age + partial - j);
        }
        if (lastDay >= j && lastDay < end) {
            cost += span[lastDay] * rateAt(dayRate, age + lastDay - j);
        }
        if (readDay <= lastDay) {
            cost += beforeRead[readDay] * rateAt(dayRate, age + readDay - j) + afterRead;
        }
        return cost;
    }

    private static double rateAt(double[] dayRate, int k) {
        return dayRate[Math.min(k, dayRate.length - 1)];
    }

    /** Sum of dayRate over whole days since the access 0..k-1 (the last rate holds beyond the table). */
    private static double prefixRate(double[] q, double[] dayRate, int k) {
        int cap = dayRate.length;
        return k <= cap ? q[k] : q[cap] + (double) (k - cap) * dayRate[cap - 1];
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

    private void ensure(int days) {
        int need = (days + 1) * states;
        if (stepFrom.length < need) {
            stepFrom = new int[need];
        }
        if (moveFrom.length < (days + 1) * PLACES) {
            moveFrom = new int[(days + 1) * PLACES];
            moveHow = new byte[(days + 1) * PLACES];
        }
        if (dayStart.length < days + 1) {
            dayStart = new int[days + 1];
            readsFrom = new int[days + 1];
            lowerFrom = new double[days + 1];
            itaEntry = new double[days + 1];
            flatPrefix = new double[days + 1];
            span = new double[days + 1];
            beforeRead = new double[days + 1];
            postEntry = new int[days + 1];
            postAge = new int[days + 1];
            postSuffix = new double[days + 1];
            entryBest = new double[days + 1];
            entryBestDay = new int[days + 1];
            entryFrom = new int[days + 1];
            entryHow = new byte[days + 1];
        }
    }
}
