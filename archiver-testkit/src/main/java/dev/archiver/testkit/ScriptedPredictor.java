package dev.archiver.testkit;

import dev.archiver.core.feature.FeatureBatch;
import dev.archiver.core.predict.AccessPredictor;
import dev.archiver.core.predict.PredictionException;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An {@link AccessPredictor} that answers from a script, and records what it was asked.
 * Predictors see only feature rows, not keys, so the script is by row order: queued
 * probabilities are handed out one per row, across calls, then the constant set by
 * {@link #always(double)}. Scripted values are returned as given, even NaN or outside [0, 1],
 * so robustness tests can script a broken model. Thread-safe.
 *
 * <pre>{@code
 * ScriptedPredictor predictor = new ScriptedPredictor()
 *         .enqueue(0.9, 0.01)   // first two rows scored
 *         .always(0.5)          // every row after that
 *         .failNext(1);         // but the first call throws PredictionException
 * // ... run the engine ...
 * assertEquals(2, predictor.calls());
 * }</pre>
 */
public final class ScriptedPredictor implements AccessPredictor {
    private final String name;
    private final ArrayDeque<Double> queue = new ArrayDeque<>();
    private Double constant;
    private int failuresPending;
    private int wrongRowCountsPending;
    private int calls;
    private final List<FeatureBatch> batches = new ArrayList<>();

    /** A predictor named {@code scripted} with an empty script. */
    public ScriptedPredictor() {
        this("scripted");
    }

    /** A predictor with the given {@link #name()} and an empty script. */
    public ScriptedPredictor(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank, was '" + name + "'");
        }
        this.name = name;
    }

    /** Queues one probability per future row, in order. */
    public synchronized ScriptedPredictor enqueue(double... probabilities) {
        for (double p : probabilities) {
            queue.add(p);
        }
        return this;
    }

    /** The probability of every row once the queue is empty. */
    public synchronized ScriptedPredictor always(double probability) {
        this.constant = probability;
        return this;
    }

    /**
     * Makes the next {@code calls} calls throw {@link PredictionException} without consuming the queue.
     *
     * @throws IllegalArgumentException when {@code calls} is negative
     */
    public synchronized ScriptedPredictor failNext(int calls) {
        if (calls < 0) {
            throw new IllegalArgumentException("calls must be >= 0, was " + calls);
        }
        failuresPending += calls;
        return this;
    }

    /**
     * Makes the next call return one probability more than the batch has rows, as a broken
     * remote model might; the queue is not consumed by that call.
     */
    public synchronized ScriptedPredictor returnWrongRowCount() {
        wrongRowCountsPending++;
        return this;
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * Scores {@code batch} from the script.
     *
     * @throws PredictionException   when a failure was scripted with {@link #failNext(int)}
     * @throws IllegalStateException when the script has no probability left for a row and no
     *                               constant is set: a mistake in the test, not a model failure
     */
    @Override
    public synchronized double[] predict(FeatureBatch batch) {
        Objects.requireNonNull(batch, "batch");
        calls++;
        // FeatureBatch does not copy its array, and callers may reuse it for the next batch.
        int used = batch.rows() * batch.width();
        batches.add(new FeatureBatch(batch.names(), Arrays.copyOf(batch.values(), used), batch.rows()));
        if (failuresPending > 0) {
            failuresPending--;
            throw new PredictionException("scripted failure of " + name + " on call " + calls);
        }
        if (wrongRowCountsPending > 0) {
            wrongRowCountsPending--;
            double[] wrong = new double[batch.rows() + 1];
            Arrays.fill(wrong, constant == null ? 0.5 : constant);
            return wrong;
        }
        if (constant == null && queue.size() < batch.rows()) {
            throw new IllegalStateException("script of " + name + " exhausted on call " + calls + ": batch has "
                    + batch.rows() + " rows but " + queue.size() + " probabilities are queued and no always(p) is set");
        }
        double[] p = new double[batch.rows()];
        for (int i = 0; i < p.length; i++) {
            Double next = queue.poll();
            p[i] = next != null ? next : constant;
        }
        return p;
    }

    /** Number of {@link #predict} calls so far, failed ones included. */
    public synchronized int calls() {
        return calls;
    }

    /** Copies of every batch seen, in call order, failed calls included. */
    public synchronized List<FeatureBatch> batches() {
        return List.copyOf(batches);
    }

    /** Total rows seen across all calls. */
    public synchronized int rowsSeen() {
        return batches.stream().mapToInt(FeatureBatch::rows).sum();
    }

    /** Probabilities still queued. */
    public synchronized int remaining() {
        return queue.size();
    }
}
