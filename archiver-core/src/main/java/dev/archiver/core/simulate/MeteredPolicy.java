package dev.archiver.core.simulate;

import dev.archiver.core.cost.TransitionMethod;
import dev.archiver.core.object.StorageClass;

import java.time.Instant;
import java.util.Map;

/** The part every policy shares: events go to its {@link BillingMeter}; subclasses add the moves. */
abstract class MeteredPolicy implements Policy {
    final String name;
    final BillingMeter meter;
    final PolicyContext context;
    long moves;
    long now;
    // the account of each key of the trace while it exists: a read finds it by the event's index, not by a hash
    // lookup of its key (one per read and policy was a tenth of a backtest's CPU, mostly cache misses)
    private final BillingMeter.Account[] accounts;
    private int recorded;

    MeteredPolicy(String name, PolicyContext context) {
        this.name = name;
        this.context = context;
        this.meter = context.newMeter();
        this.accounts = new BillingMeter.Account[context.trace.keys.length];
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void midnight(Instant midnight) {
        now = midnight.getEpochSecond();
        atMidnight(now);
    }

    void atMidnight(long t) {
    }

    void afterPut(String key, long t) {
    }

    /** The next event of {@code context.trace} (the {@link Backtest} replays it in order, each event once). */
    @Override
    public void record(TraceEvent e) {
        long t = e.timestamp().getEpochSecond();
        now = t;
        int i = recorded++;
        assert context.trace.event(i) == e : "event " + i + " is not the trace's";
        int k = context.trace.keyId[i];
        switch (e.operation()) {
            case PUT -> {
                accounts[k] = meter.open(e.key(), e.sizeBytes(), t);
                afterPut(e.key(), t);
            }
            case GET -> meter.get(accounts[k], t);
            case DELETE -> {
                meter.delete(e.key(), t);
                accounts[k] = null;
            }
        }
    }

    void move(String key, StorageClass to, TransitionMethod method, long t, boolean itArchive) {
        meter.transition(key, to, method, t, itArchive);
        moves++;
    }

    @Override
    public void finished(Instant end) {
        meter.finish(end.getEpochSecond());
    }

    @Override
    public PolicyStats stats() {
        return new PolicyStats(name, millisecondOnly(), meter.total(), moves, meter.restoreWaits(),
                meter.restoreWaitHours(), meter.byPrefix(), meter.daily(), meter.dailyOrigin(),
                context.perObject() ? meter.perObject() : Map.of(), 0);
    }
}
