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

/**
 * Applies the MOVE decisions of a plan through a {@link StorageTransitioner}: each move is
 * conditional on the ETag it was decided on, retried per the {@link RetryPolicy} when transient,
 * and recorded in the {@link ApplyJournal}; a move the journal shows settled is not made again.
 * KEEP decisions are never touched. Usually reached through {@code Archiver.apply}.
 *
 * <pre>{@code
 * ApplyReport report = new PlanApplier(transitioner, RetryPolicy.defaults()).apply(plan, ApplyJournal.inMemory());
 * }</pre>
 */
public final class PlanApplier {
    private final StorageTransitioner transitioner;
    private final RetryPolicy retry;

    public PlanApplier(StorageTransitioner transitioner, RetryPolicy retry) {
        this.transitioner = Objects.requireNonNull(transitioner, "transitioner");
        this.retry = Objects.requireNonNull(retry, "retry");
    }

    /**
     * Applies {@code plan}, journaling every result before going on to the next object.
     *
     * @throws ArchiverException when interrupted (every result so far is journaled) or when the journal cannot be written
     */
    public ApplyReport apply(Plan plan, ApplyJournal journal) {
        EnumMap<TransitionStatus, Long> counts = new EnumMap<>(TransitionStatus.class);
        List<TransitionResult> notApplied = new ArrayList<>();
        long alreadyDone = 0;
        long movedBytes = 0;
        SplittableRandom jitter = retry.newRandom();
        for (Decision d : plan.decisions()) {
            if (!d.moves()) {
                continue;
            }
            ObjectInfo o = d.object();
            if (o.eTag() == null || o.eTag().isBlank()) {
                // Cannot be made conditional, so it is not made at all; there is nothing to journal against.
                TransitionRequest unconditional = new TransitionRequest(o.bucket(), o.key(), o.versionId(), "\"\"", o.size(),
                        o.storageClass(), d.target());
                TransitionResult r = TransitionResult.of(unconditional, TransitionStatus.SKIPPED_UNSUPPORTED,
                        "the plan has no ETag for this object, so the move could not be conditional on it");
                counts.merge(r.status(), 1L, Long::sum);
                notApplied.add(r);
                continue;
            }
            TransitionRequest request = new TransitionRequest(o.bucket(), o.key(), o.versionId(), o.eTag(), o.size(),
                    o.storageClass(), d.target());
            Optional<TransitionResult> done = journal.settled(request);
            if (done.isPresent()) {
                alreadyDone++;
                continue;
            }
            TransitionResult result = transitionWithRetry(request, jitter);
            journal.record(result);
            counts.merge(result.status(), 1L, Long::sum);
            if (result.status() == TransitionStatus.APPLIED) {
                movedBytes += o.size();
            } else {
                notApplied.add(result);
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new ArchiverException("apply interrupted after " + request.location()
                        + "; every result so far is journaled, run apply again to resume");
            }
        }
        return new ApplyReport(counts, alreadyDone, movedBytes, notApplied);
    }

    private TransitionResult transitionWithRetry(TransitionRequest request, SplittableRandom jitter) {
        TransitionResult result = null;
        for (int attempt = 1; attempt <= retry.maxAttempts(); attempt++) {
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
}
