package dev.archiver.core.simulate;

import java.time.Instant;

/**
 * One way of placing a bucket's objects in storage classes, replayed against a trace and billed by its own
 * {@link BillingMeter}. The {@link Backtest} hands every policy the same events in time order, tells it each
 * midnight UTC before the events at or after it, and finally asks for its {@link PolicyStats}.
 *
 * <pre>{@code
 * // the registry's policies are built by Backtest from their names:
 * BacktestResult r = Backtest.builder().policies(List.of("standard", "oracle:ms")).build().run(events);
 * // a policy of one's own bills itself on a BillingMeter:
 * class Never implements Policy {
 *     final BillingMeter meter = BillingMeter.builder(PriceBook.usEast1()).build();
 *     public String name() { return "never"; }
 *     public boolean millisecondOnly() { return true; }
 *     public void record(TraceEvent e) { ... meter.put / get / delete ... }
 *     public void finished(Instant end) { meter.finish(end.getEpochSecond()); }
 *     public PolicyStats stats() { ... }
 * }
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
