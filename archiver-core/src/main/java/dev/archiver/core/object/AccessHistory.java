package dev.archiver.core.object;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;

/**
 * The reads of one object known at decision time, as sorted epoch seconds. Features are
 * computed only from reads strictly before the decision instant, so a history that also
 * holds later reads (as the simulator's does) never leaks the future into a decision.
 *
 * <pre>{@code
 * AccessHistory h = AccessHistory.of(List.of(Instant.parse("2025-01-02T00:00:00Z")));
 * int recent = h.readsBetween(now.minus(Duration.ofDays(30)), now);
 * }</pre>
 */
public final class AccessHistory {
    private static final AccessHistory NONE = new AccessHistory(new long[0]);

    private final long[] readEpochSeconds;

    private AccessHistory(long[] sortedEpochSeconds) {
        this.readEpochSeconds = sortedEpochSeconds;
    }

    /** No known reads. */
    public static AccessHistory none() {
        return NONE;
    }

    /** A history of the given read instants, in any order. */
    public static AccessHistory of(Collection<Instant> reads) {
        long[] s = new long[reads.size()];
        int i = 0;
        for (Instant r : reads) {
            s[i++] = r.getEpochSecond();
        }
        return ofEpochSeconds(s);
    }

    /** A history of read times given as epoch seconds, in any order; the array is copied. */
    public static AccessHistory ofEpochSeconds(long... epochSeconds) {
        if (epochSeconds.length == 0) {
            return NONE;
        }
        long[] s = epochSeconds.clone();
        Arrays.sort(s);
        return new AccessHistory(s);
    }

    /** Number of reads in {@code [from, to)}. */
    public int readsBetween(Instant from, Instant to) {
        return readsBetweenEpochSeconds(from.getEpochSecond(), to.getEpochSecond());
    }

    /** Number of reads with {@code from <= t < to}, times in epoch seconds. */
    public int readsBetweenEpochSeconds(long from, long to) {
        if (to <= from || readEpochSeconds.length == 0) {
            return 0;
        }
        return lowerBound(to) - lowerBound(from);
    }

    /** Number of reads strictly before {@code epochSecond}. */
    public int readsBefore(long epochSecond) {
        return lowerBound(epochSecond);
    }

    /** The {@code index}-th read in time order, in epoch seconds (with {@link #readsBefore}: {@code readAt(readsBefore(t) - 1)} is the last read before {@code t}). */
    public long readAt(int index) {
        return readEpochSeconds[index];
    }

    /** Total number of reads in the history (including any after a given decision time). */
    public int size() {
        return readEpochSeconds.length;
    }

    private int lowerBound(long t) {
        long[] a = readEpochSeconds;
        int hi = a.length;
        // The common questions answer at once: every read is before now, no read in a recent window.
        if (hi == 0 || a[hi - 1] < t) {
            return hi;
        }
        if (a[0] >= t) {
            return 0;
        }
        int lo = 1;
        hi--;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AccessHistory h && Arrays.equals(readEpochSeconds, h.readEpochSeconds);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(readEpochSeconds);
    }

    @Override
    public String toString() {
        return "AccessHistory[" + readEpochSeconds.length + " reads]";
    }
}
