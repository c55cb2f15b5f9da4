package dev.archiver.core.store;

import dev.archiver.core.object.StorageClass;

import java.util.Objects;

/**
 * One object to move to another storage class, with the facts the decision was made on. A
 * transitioner must refuse to act when the object is no longer the one decided on (its ETag
 * changed), so a concurrent writer never loses an update.
 *
 * @param bucket       bucket name
 * @param key          object key (decoded)
 * @param versionId    version decided on, or {@code null} in an unversioned bucket
 * @param expectedETag the ETag the decision was made on (required); the move is conditional on it
 * @param size         size in bytes when decided (a copy above 5 GB must be multipart)
 * @param from         storage class when decided
 * @param to           target storage class
 */
public record TransitionRequest(String bucket, String key, String versionId, String expectedETag, long size,
                                StorageClass from, StorageClass to) {
    public TransitionRequest {
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("bucket must not be blank");
        }
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("key must not be empty");
        }
        if (expectedETag == null || expectedETag.isBlank()) {
            throw new IllegalArgumentException("no ETag for " + bucket + "/" + key
                    + ": a transition is always conditional on the ETag it was decided on");
        }
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0, was " + size + " for " + bucket + "/" + key);
        }
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from == to) {
            throw new IllegalArgumentException("transition of " + bucket + "/" + key + " from " + from + " to itself");
        }
    }

    /** {@code bucket/key} for messages. */
    public String location() {
        return versionId == null ? bucket + "/" + key : bucket + "/" + key + "?versionId=" + versionId;
    }
}
