package dev.archiver.core.store;

/** The outcome of one transition attempt. Every outcome is one of these; none is a swallowed exception. */
public enum TransitionStatus {
    /** The object is now in the target class. */
    APPLIED(true),
    /** The object changed since the decision (ETag mismatch, HTTP 412); left as it is. */
    SKIPPED_CHANGED(true),
    /** The object is archived (GLACIER, DEEP_ARCHIVE or an Intelligent-Tiering archive tier) and cannot be a copy source. */
    SKIPPED_ARCHIVED(true),
    /** The transitioner does not support this object or move (for example SSE-C encryption); left as it is. */
    SKIPPED_UNSUPPORTED(true),
    /** The object no longer exists. */
    NOT_FOUND(true),
    /** A transient failure (throttling, 5xx, timeout); trying again later may succeed. */
    RETRYABLE(false),
    /** A permanent failure (access denied, invalid request); the detail says why. */
    FAILED(false);

    private final boolean settled;

    TransitionStatus(boolean settled) {
        this.settled = settled;
    }

    /**
     * True when trying again cannot change the outcome, so a resumed apply skips the object.
     * RETRYABLE and FAILED are tried again by a later run.
     */
    public boolean settled() {
        return settled;
    }
}
