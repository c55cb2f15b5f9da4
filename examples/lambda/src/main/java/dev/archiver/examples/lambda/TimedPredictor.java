package dev.archiver.examples.lambda;

import dev.archiver.core.feature.FeatureBatch;
import dev.archiver.core.predict.AccessPredictor;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Wraps a predictor and adds up the time its {@code predict} calls take, for the
 * {@code PredictorLatency} metric.
 *
 * <pre>{@code
 * TimedPredictor timed = new TimedPredictor(LogisticModel.load(path));
 * ... decide ...
 * long nanos = timed.takeNanos();
 * }</pre>
 */
public final class TimedPredictor implements AccessPredictor {
    private final AccessPredictor delegate;
    private final AtomicLong nanos = new AtomicLong();

    public TimedPredictor(AccessPredictor delegate) {
        this.delegate = delegate;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public double[] predict(FeatureBatch batch) {
        long start = System.nanoTime();
        try {
            return delegate.predict(batch);
        } finally {
            nanos.addAndGet(System.nanoTime() - start);
        }
    }

    /** Nanoseconds spent in {@code predict} since the last call, and resets the count. */
    public long takeNanos() {
        return nanos.getAndSet(0);
    }
}
