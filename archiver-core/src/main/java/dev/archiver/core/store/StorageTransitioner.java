package dev.archiver.core.store;

/**
 * Moves one object to another storage class: S3 copy in place, tagging for a lifecycle rule,
 * an in-memory store. Implementations never delete an object, act only when the object still
 * has the ETag the decision was made on, never copy from an archived object, and report every
 * outcome as a {@link TransitionResult} instead of throwing.
 *
 * <pre>{@code
 * TransitionResult r = transitioner.transition(new TransitionRequest(
 *         "bucket", "key", null, "\"etag\"", 1024, StorageClass.STANDARD, StorageClass.STANDARD_IA));
 * if (r.status() != TransitionStatus.APPLIED) log.warn("{}: {}", r.status(), r.detail());
 * }</pre>
 */
@FunctionalInterface
public interface StorageTransitioner {

    /** Attempts the move once; retries are the caller's (see {@link dev.archiver.core.plan.RetryPolicy}). */
    TransitionResult transition(TransitionRequest request);
}
