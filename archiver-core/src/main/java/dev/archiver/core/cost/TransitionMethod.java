package dev.archiver.core.cost;

/** How an object is moved to its new class, which decides what the move costs and which moves are possible. */
public enum TransitionMethod {
    /**
     * CopyObject onto the same key with the new storage class: billed at the destination's PUT
     * rate plus the source's retrieval fee; any millisecond-access source can go to any class;
     * LastModified restarts; a versioned bucket keeps the old version.
     */
    COPY,
    /**
     * An S3 Lifecycle rule (the object is tagged for it): billed at the destination's
     * lifecycle-transition rate; only the waterfall's moves are possible.
     */
    LIFECYCLE
}
