package dev.archiver.core.plan;

import dev.archiver.core.ArchiverException;
import dev.archiver.core.decide.Decision;
import dev.archiver.core.object.ObjectInfo;
import dev.archiver.core.store.StorageTransitioner;
import dev.archiver.core.store.TransitionRequest;
import dev.archiver.core.store.TransitionResult;
import dev.archiver.core.store.TransitionStatus;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Applies the MOVE decisions of a plan through a {@link StorageTransitioner}: each move is
 * conditional on the ETag it was decided on, retried per the {@link RetryPolicy} when transient,
 * and recorded in the {@link ApplyJournal}; a move the journal shows settled is not made again.
 * KEEP decisions are never touched. Usually reached through {@code Archiver.apply}.
 *
 * <pre>{@code
 * ApplyReport report = new PlanApplier(transitioner, RetryPolicy.defaults()).apply(plan, ApplyJournal.inMemory());
 * ApplyReport fast = PlanApplier.builder(transitioner)
 *         .concurrency(8)                                  // at most 8 transitions in flight
 *         .rateLimit(RateLimiter.perSecond(100))           // at most 100 attempts a second, retries included
 *         .build()
 *         .apply(plan, ApplyJournal.open(Path.of("plan/apply-journal.jsonl")));
 * }</pre>
 *
 * <p>With a concurrency above one, that many threads take the moves in plan order, each one move
 * at a time, so at most that many transitions are in flight; every result is journaled (and a file
 * journal forces it to disk) before its thread takes the next move. A crash loses at most the
 * results of the moves in flight: their transitions may have happened without being journaled, so
 * a second run tries them again, conditional on the same ETag as before.
 */
public final class PlanApplier {
    private final StorageTransitioner transitioner;
    private final RetryPolicy retry;
    private final int concurrency;
    private final RateLimiter rateLimit;
    private final ThreadFactory threads;

    /** One move at a time, no rate limit. */
    public PlanApplier(StorageTransitioner transitioner, RetryPolicy retry) {
        this(builder(transitioner).retry(retry));
    }

    private PlanApplier(Builder b) {
        this.transitioner = b.transitioner;
        this.retry = b.retry;
        this.concurrency = b.concurrency;
        this.rateLimit = b.rateLimit;
        this.threads = b.threads;
    }

    public static Builder builder(StorageTransitioner transitioner) {
        return new Builder(transitioner);
    }

    /**
     * Applies {@code plan}, journaling every result before its thread goes on to the next object.
     *
     * @throws ArchiverException when interrupted (every result so far is journaled) or when the journal cannot be written
     */
    public ApplyReport apply(Plan plan, ApplyJournal journal) {
        List<Decision> moves = plan.moves();
        Run run = new Run(moves, journal);
        if (concurrency == 1 || moves.size() <= 1) {
            run.work(retry.newRandom());
        } else {
            List<Thread> workers = new ArrayList<>();
            for (int i = 0; i < Math.min(concurrency, moves.size()); i++) {
                SplittableRandom jitter = new SplittableRandom(retry.newRandom().nextLong() + i);
                Thread t = threads.newThread(() -> run.work(jitter));
                workers.add(t);
                t.start();
            }
            for (Thread t : workers) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    run.stop.set(new ArchiverException("apply interrupted; every result so far is journaled, run apply again to resume", e));
                    workers.forEach(Thread::interrupt);
                    joinQuietly(workers);
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        RuntimeException failure = run.stop.get();
        if (failure != null) {
            throw failure;
        }
        return run.report();
    }

    private static void joinQuietly(List<Thread> workers) {
        for (Thread t : workers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The state of one {@link #apply}: the moves, who takes the next, and each move's outcome by index. */
    private final class Run {
        final List<Decision> moves;
        final ApplyJournal journal;
        final AtomicInteger next = new AtomicInteger();
        final AtomicReference<RuntimeException> stop = new AtomicReference<>();
        final TransitionResult[] results;
        final boolean[] earlier;

        Run(List<Decision> moves, ApplyJournal journal) {
            this.moves = moves;
            this.journal = journal;
            this.results = new TransitionResult[moves.size()];
            this.earlier = new boolean[moves.size()];
        }

        void work(SplittableRandom jitter) {
            int i;
            while (stop.get() == null && (i = next.getAndIncrement()) < moves.size()) {
                try {
                    results[i] = applyOne(i, jitter);
                } catch (RuntimeException | Error e) {
                    stop.compareAndSet(null, e instanceof RuntimeException r ? r
                            : new ArchiverException("apply failed at " + moves.get(i).object().bucket() + "/" + moves.get(i).object().key()
                                    + ": " + e + "; every result so far is journaled, run apply again to resume", e));
                    return;
                }
                if (Thread.currentThread().isInterrupted()) {
                    stop.compareAndSet(null, new ArchiverException("apply interrupted after " + results[i].request().location()
                            + "; every result so far is journaled, run apply again to resume"));
                    return;
                }
            }
        }

        private TransitionResult applyOne(int i, SplittableRandom jitter) {
            ObjectInfo o = moves.get(i).object();
            Decision d = moves.get(i);
            if (o.eTag() == null || o.eTag().isBlank()) {
                // Cannot be made conditional, so it is not made at all; there is nothing to journal against.
                TransitionRequest unconditional = new TransitionRequest(o.bucket(), o.key(), o.versionId(), "\"\"", o.size(),
                        o.storageClass(), d.target());
                return TransitionResult.of(unconditional, TransitionStatus.SKIPPED_UNSUPPORTED,
                        "the plan has no ETag for this object, so the move could not be conditional on it");
            }
            TransitionRequest request = new TransitionRequest(o.bucket(), o.key(), o.versionId(), o.eTag(), o.size(),
                    o.storageClass(), d.target());
            Optional<TransitionResult> done = journal.settled(request);
            if (done.isPresent()) {
                earlier[i] = true;
                return done.get();
            }
            TransitionResult result = transitionWithRetry(request, jitter);
            journal.record(result);
            return result;
        }

        ApplyReport report() {
            EnumMap<TransitionStatus, Long> counts = new EnumMap<>(TransitionStatus.class);
            List<TransitionResult> notApplied = new ArrayList<>();
            List<TransitionResult> settledEarlier = new ArrayList<>();
            long alreadyDone = 0;
            long movedBytes = 0;
            for (int i = 0; i < results.length; i++) {
                TransitionResult r = results[i];
                if (earlier[i]) {
                    alreadyDone++;
                    if (r.status() != TransitionStatus.APPLIED) {
                        settledEarlier.add(r);
                    }
                    continue;
                }
                counts.merge(r.status(), 1L, Long::sum);
                if (r.status() == TransitionStatus.APPLIED) {
                    movedBytes += r.request().size();
                } else {
                    notApplied.add(r);
                }
            }
            return new ApplyReport(counts, alreadyDone, movedBytes, notApplied, settledEarlier);
        }
    }

    private TransitionResult transitionWithRetry(TransitionRequest request, SplittableRandom jitter) {
        TransitionResult result = null;
        for (int attempt = 1; attempt <= retry.maxAttempts(); attempt++) {
            try {
                rateLimit.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return result != null ? result
                        : TransitionResult.of(request, TransitionStatus.RETRYABLE, "interrupted before the first attempt");
            }
            try {
                result = transitioner.transition(request);
                if (result == null) {
                    result = TransitionResult.of(request, TransitionStatus.FAILED, "transitioner returned no result");
                }
            } catch (RuntimeException e) {
                result = TransitionResult.of(request, TransitionStatus.FAILED, "transitioner threw " + e);
            }
            result = result.withAttempts(attempt);
            if (result.status() != TransitionStatus.RETRYABLE || attempt == retry.maxAttempts()) {
                return result;
            }
            try {
                retry.sleeper().sleep(retry.delayAfter(attempt, jitter));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return result;
            }
        }
        return result;
    }

    /** Builds a {@link PlanApplier}; every setter validates at once. */
    public static final class Builder {
        private final StorageTransitioner transitioner;
        private RetryPolicy retry = RetryPolicy.defaults();
        private int concurrency = 1;
        private RateLimiter rateLimit = RateLimiter.unlimited();
        private ThreadFactory threads = new ThreadFactory() {
            private final AtomicInteger n = new AtomicInteger();

            @Override
            public Thread newThread(Runnable r) {
                Thread t = new Thread(r, "archiver-apply-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            }
        };

        private Builder(StorageTransitioner transitioner) {
            this.transitioner = Objects.requireNonNull(transitioner, "transitioner");
        }

        /** How transient failures are retried (default {@link RetryPolicy#defaults()}). */
        public Builder retry(RetryPolicy retry) {
            this.retry = Objects.requireNonNull(retry, "retry");
            return this;
        }

        /**
         * At most this many transitions in flight at once (default 1: on the calling thread).
         *
         * @throws IllegalArgumentException unless 1..1000
         */
        public Builder concurrency(int concurrency) {
            if (concurrency < 1 || concurrency > 1000) {
                throw new IllegalArgumentException("concurrency must be in 1..1000, was " + concurrency);
            }
            this.concurrency = concurrency;
            return this;
        }

        /** Spaces the transition attempts, retries included, across all threads (default unlimited). */
        public Builder rateLimit(RateLimiter rateLimit) {
            this.rateLimit = Objects.requireNonNull(rateLimit, "rateLimit");
            return this;
        }

        /** Makes the threads of a concurrent apply (default: daemon threads named archiver-apply-N). */
        public Builder threadFactory(ThreadFactory threads) {
            this.threads = Objects.requireNonNull(threads, "threadFactory");
            return this;
        }

        public PlanApplier build() {
            return new PlanApplier(this);
        }
    }
}
