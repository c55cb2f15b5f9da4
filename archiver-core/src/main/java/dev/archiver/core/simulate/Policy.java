package dev.archiver.core.simulate;

import java.time.Instant;

/**
 * One way of placing a bucket's objects in storage classes, replayed against a trace and billed by its own
 * {@link BillingMeter}. The {@link Backtest} hands every policy the same events in time order, tells it each
 * midnight UTC before the events at or after it, and finally asks for its {@link PolicyStats}.
 *
 * <pre>{@code
 * Policy p = Policies.parse("lifecycle:30:STANDARD_IA,90:GLACIER_IR", context);
 * p.midnight(Instant.parse("2025-01-02T00:00:00Z"));
 * p.record(TraceEvent.put(Instant.parse("2025-01-02T08:00:00Z"), "a.log", 1 << 20));
 * p.finished(Instant.parse("2025-06-01T00:00:00Z"));
 * double total = p.stats().bill().total();
 * }</pre>
 */
public interface Policy {
    /** The policy's name as {@link Policies} parses it. */
    String name();

    /** Whether the policy only ever uses classes with millisecond first-byte latency. */
    boolean millisecondOnly();

    /** A midnight UTC passed (every one from the trace's first event to its end, before the events at it). */
    default void midnight(Instant midnight) {
    }

    /** One event of the trace, in time order. */
    void record(TraceEvent event);

    /** The trace ended at {@code end}: bill what is still stored. */
    void finished(Instant end);

    /** What the policy cost; valid after {@link #finished}. */
    PolicyStats stats();
}
