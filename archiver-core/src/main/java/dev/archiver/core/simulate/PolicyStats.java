package dev.archiver.core.simulate;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one policy cost over the counted part of a trace.
 *
 * <pre>{@code
 * PolicyStats s = policy.stats();
 * System.out.printf("%s %.2f USD, %d reads waited %.0f h%n", s.name(), s.bill().total(), s.restoreWaits(), s.restoreWaitHours());
 * }</pre>
 *
 * @param name             the policy's name
 * @param millisecondOnly  whether the policy only uses millisecond classes
 * @param bill             the counted total by part
 * @param moves            storage-class changes the policy made (copies and lifecycle transitions)
 * @param restoreWaits     counted reads that waited for a restore
 * @param restoreWaitHours hours they waited
 * @param byPrefix         counted totals per key prefix (a cohort in the synthetic traces), in key order
 * @param daily            counted cost per UTC day, day 0 starting at {@code dailyOrigin}
 * @param dailyOrigin      epoch second of the midnight of day 0
 * @param perObject        counted total per object life (key, or key#n for its n-th write), in key order; empty unless
 *                         asked for
 * @param replayNanos      wall time the replay of this policy took (building it, training included)
 */
public record PolicyStats(String name, boolean millisecondOnly, Bill bill, long moves, long restoreWaits,
                          double restoreWaitHours, Map<String, Bill> byPrefix, double[] daily, long dailyOrigin,
                          Map<String, Double> perObject, long replayNanos) {
    public PolicyStats {
        // sorted, so that reports list them in the same order on every run (Map.copyOf's order changes per JVM)
        byPrefix = Collections.unmodifiableSortedMap(new TreeMap<>(byPrefix));
        daily = daily.clone();
        perObject = Collections.unmodifiableSortedMap(new TreeMap<>(perObject));
    }

    /** A copy with the replay time set. */
    PolicyStats withReplayNanos(long nanos) {
        return new PolicyStats(name, millisecondOnly, bill, moves, restoreWaits, restoreWaitHours, byPrefix, daily,
                dailyOrigin, perObject, nanos);
    }

    /** The counted total. */
    public double total() {
        return bill.total();
    }
}
