package dev.archiver.core.plan;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Spaces calls evenly: at most {@code permitsPerSecond} a second, one every
 * {@code 1 / permitsPerSecond} seconds, shared by every thread that calls {@link #acquire()}. No
 * burst is saved up while idle beyond the one permit that is due. Time comes from a {@link Clock}
 * and waiting goes through a {@link RetryPolicy.Sleeper}, so a test drives it with a fake clock
 * whose sleeper advances it, and never really sleeps.
 *
 * <pre>{@code
 * RateLimiter limit = RateLimiter.perSecond(50);                      // real time
 * RateLimiter inTests = RateLimiter.perSecond(10, clock, clock::advance);
 * PlanApplier applier = PlanApplier.builder(transitioner).concurrency(8).rateLimit(limit).build();
 * }</pre>
 */
public final class RateLimiter {
    private static final RateLimiter UNLIMITED = new RateLimiter(Double.POSITIVE_INFINITY, 0, Clock.systemUTC(),
            RetryPolicy.Sleeper.threadSleep());

    private final double permitsPerSecond;
    private final long intervalNanos;
    private final Clock clock;
    private final RetryPolicy.Sleeper sleeper;
    private long nextFree = Long.MIN_VALUE;

    private RateLimiter(double permitsPerSecond, long intervalNanos, Clock clock, RetryPolicy.Sleeper sleeper) {
        this.permitsPerSecond = permitsPerSecond;
        this.intervalNanos = intervalNanos;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Never waits. */
    public static RateLimiter unlimited() {
        return UNLIMITED;
    }

    /**
     * At most {@code permitsPerSecond} a second in real time.
     *
     * @throws IllegalArgumentException unless {@code permitsPerSecond} is positive and finite
     */
    public static RateLimiter perSecond(double permitsPerSecond) {
        return perSecond(permitsPerSecond, Clock.systemUTC(), RetryPolicy.Sleeper.threadSleep());
    }

    /**
     * At most {@code permitsPerSecond} a second by {@code clock}, waiting with {@code sleeper}.
     *
     * @throws IllegalArgumentException unless {@code permitsPerSecond} is positive and finite (at most a billion)
     */
    public static RateLimiter perSecond(double permitsPerSecond, Clock clock, RetryPolicy.Sleeper sleeper) {
        if (!(permitsPerSecond > 0) || permitsPerSecond > 1e9) {
            throw new IllegalArgumentException("permitsPerSecond must be in (0, 1e9], was " + permitsPerSecond);
        }
        return new RateLimiter(permitsPerSecond, Math.max(1, Math.round(1e9 / permitsPerSecond)),
                Objects.requireNonNull(clock, "clock"), Objects.requireNonNull(sleeper, "sleeper"));
    }

    /** The limit; infinite when unlimited. */
    public double permitsPerSecond() {
        return permitsPerSecond;
    }

    /**
     * Takes the next permit, waiting until it is due: the permits handed out are {@code 1 / rate}
     * apart in time, and a caller returns no earlier (by the clock) than its permit's time.
     *
     * @throws InterruptedException when the sleeper is interrupted (the permit is spent)
     */
    public void acquire() throws InterruptedException {
        if (intervalNanos == 0) {
            return;
        }
        long now = nanos(clock.instant());
        long slot;
        synchronized (this) {
            slot = Math.max(now, nextFree);
            nextFree = slot + intervalNanos;
        }
        // A fake clock can be advanced by other callers meanwhile: wait until the slot by the clock.
        while (now < slot) {
            sleeper.sleep(Duration.ofNanos(slot - now));
            long after = nanos(clock.instant());
            if (after == now) {
                return; // a clock that sleeping does not move (a fixed one in a test): nothing to wait for
            }
            now = after;
        }
    }

    private static long nanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    @Override
    public String toString() {
        return intervalNanos == 0 ? "RateLimiter[unlimited]" : "RateLimiter[" + permitsPerSecond + "/s]";
    }
}
