package dev.archiver.aws.sagemaker;

import java.time.Duration;

/**
 * Waits between retries. Injected so tests never sleep: a test's sleeper records the wait and
 * advances a {@code MutableClock} instead.
 *
 * <pre>{@code
 * List<Duration> waits = new ArrayList<>();
 * SageMakerPredictor p = SageMakerPredictor.builder(client, "access-model")
 *         .sleeper(d -> { waits.add(d); clock.advance(d); })
 *         .clock(clock)
 *         .build();
 * }</pre>
 */
@FunctionalInterface
public interface Sleeper {

    /** Waits {@code duration}. @throws InterruptedException when interrupted */
    void sleep(Duration duration) throws InterruptedException;

    /** {@link Thread#sleep(long)}. */
    static Sleeper system() {
        return d -> Thread.sleep(d.toMillis());
    }
}
