package dev.archiver.core.store;

import java.util.Objects;

/**
 * What happened to one {@link TransitionRequest}.
 *
 * @param request      the request
 * @param status       the outcome
 * @param detail       a human-readable reason (the S3 error code and message, or what was done)
 * @param newVersionId the version that is now current, when the store is versioned and the move created one; else {@code null}
 * @param newETag      the ETag after the move, when known; else {@code null}
 * @param attempts     how many calls were made (1 unless retried)
 */
public record TransitionResult(TransitionRequest request, TransitionStatus status, String detail,
                               String newVersionId, String newETag, int attempts) {
    public TransitionResult {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(status, "status");
        detail = detail == null ? "" : detail;
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be >= 1, was " + attempts);
        }
    }

    /** A result of one attempt. */
    public static TransitionResult of(TransitionRequest request, TransitionStatus status, String detail) {
        return new TransitionResult(request, status, detail, null, null, 1);
    }

    /** A successful move, with the version and ETag now current. */
    public static TransitionResult applied(TransitionRequest request, String newVersionId, String newETag) {
        return new TransitionResult(request, TransitionStatus.APPLIED, "moved to " + request.to(), newVersionId, newETag, 1);
    }

    /** This result with {@code attempts} set. */
    public TransitionResult withAttempts(int attempts) {
        return new TransitionResult(request, status, detail, newVersionId, newETag, attempts);
    }
}
