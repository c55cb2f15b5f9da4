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

    MeteredPolicy(String name, PolicyContext context) {
        this.name = name;
        this.context = context;
        this.meter = context.newMeter();
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

    @Override
    public void record(TraceEvent e) {
        long t = e.timestamp().getEpochSecond();
        now = t;
        switch (e.operation()) {
            case PUT -> {
                meter.put(e.key(), e.sizeBytes(), t);
                afterPut(e.key(), t);
            }
            case GET -> meter.get(e.key(), t);
            case DELETE -> meter.delete(e.key(), t);
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
