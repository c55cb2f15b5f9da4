package dev.archiver.core.plan;

import java.time.Duration;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * How {@code apply} retries a transition that came back {@code RETRYABLE}: at most
 * {@code maxAttempts} calls, waiting a random time up to {@code min(maxDelay, baseDelay * 2^attempt)}
 * between them ("full jitter"), through a {@link Sleeper} so tests never really sleep.
 *
 * <pre>{@code
 * RetryPolicy retry = RetryPolicy.builder().maxAttempts(5).baseDelay(Duration.ofMillis(200)).build();
 * RetryPolicy inTests = RetryPolicy.builder().sleeper(clock::advance).build();
 * }</pre>
 */
public final class RetryPolicy {
    /** Waits; the default sleeps the thread, tests advance a clock instead. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;

        static Sleeper threadSleep() {
            return d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
        }
    }

    private final int maxAttempts;
    private final Duration baseDelay;
    private final Duration maxDelay;
    private final Sleeper sleeper;
    private final long seed;

    private RetryPolicy(Builder b) {
        this.maxAttempts = b.maxAttempts;
        this.baseDelay = b.baseDelay;
        this.maxDelay = b.maxDelay;
        this.sleeper = b.sleeper;
        this.seed = b.seed;
    }

    /** 5 attempts, 200 ms base, 10 s cap, real sleeping. */
    public static RetryPolicy defaults() {
        return builder().build();
    }

    /** One attempt, no retry. */
    public static RetryPolicy none() {
        return builder().maxAttempts(1).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    public Sleeper sleeper() {
        return sleeper;
    }

    /** The wait before attempt {@code attempt + 1} (attempt counts from 1). */
    Duration delayAfter(int attempt, SplittableRandom random) {
        long cap = Math.min(maxDelay.toMillis(), baseDelay.toMillis() << Math.min(20, attempt - 1));
        return Duration.ofMillis(cap <= 0 ? 0 : random.nextLong(cap + 1));
    }

    SplittableRandom newRandom() {
        return new SplittableRandom(seed);
    }

    /** Builds a {@link RetryPolicy}; every setter validates at once. */
    public static final class Builder {
        private int maxAttempts = 5;
        private Duration baseDelay = Duration.ofMillis(200);
        private Duration maxDelay = Duration.ofSeconds(10);
        private Sleeper sleeper = Sleeper.threadSleep();
        private long seed = 0x5EED;

        private Builder() {
        }

        /** @throws IllegalArgumentException unless 1..100 */
        public Builder maxAttempts(int n) {
            if (n < 1 || n > 100) {
                throw new IllegalArgumentException("maxAttempts must be in 1..100, was " + n);
            }
            this.maxAttempts = n;
            return this;
        }

        /** @throws IllegalArgumentException when negative */
        public Builder baseDelay(Duration d) {
            if (d == null || d.isNegative()) {
                throw new IllegalArgumentException("baseDelay must be >= 0, was " + d);
            }
            this.baseDelay = d;
            return this;
        }

        /** @throws IllegalArgumentException when negative */
        public Builder maxDelay(Duration d) {
            if (d == null || d.isNegative()) {
                throw new IllegalArgumentException("maxDelay must be >= 0, was " + d);
            }
            this.maxDelay = d;
            return this;
        }

        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /** Seed of the jitter, for reproducible runs. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public RetryPolicy build() {
            return new RetryPolicy(this);
        }
    }
}
