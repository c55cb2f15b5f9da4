package dev.archiver.testkit;

import dev.archiver.core.store.TransitionStatus;

import java.util.Objects;

/**
 * A scripted failure of one transition call: the status and detail the call returns instead of
 * acting. A fault never changes the object.
 *
 * <pre>{@code
 * store.failNext(Fault.slowDown());
 * store.failCall(3, Fault.of(TransitionStatus.FAILED, "403 AccessDenied: Access Denied"));
 * }</pre>
 *
 * @param status any status but {@code APPLIED}
 * @param detail what the caller is told, e.g. the S3 error code and message
 */
public record Fault(TransitionStatus status, String detail) {
    public Fault {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
        if (status == TransitionStatus.APPLIED) {
            throw new IllegalArgumentException("a fault cannot have status " + status + "; faults never change the object");
        }
    }

    public static Fault of(TransitionStatus status, String detail) {
        return new Fault(status, detail);
    }

    /** S3 throttling: RETRYABLE {@code 503 SlowDown}. */
    public static Fault slowDown() {
        return new Fault(TransitionStatus.RETRYABLE, "503 SlowDown: Please reduce your request rate.");
    }

    /** A transient server error: RETRYABLE {@code 500 InternalError}. */
    public static Fault internalError() {
        return new Fault(TransitionStatus.RETRYABLE, "500 InternalError: We encountered an internal error. Please try again.");
    }

    /** A permission problem: FAILED {@code 403 AccessDenied}. */
    public static Fault accessDenied() {
        return new Fault(TransitionStatus.FAILED, "403 AccessDenied: Access Denied");
    }
}
