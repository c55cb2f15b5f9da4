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
 * @param expectedETag the ETag the decision was made on; the move is conditional on it
 * @param size         size in bytes when decided (a copy above 5 GB must be multipart)
 * @param from         storage class when decided
 * @param to           target storage class
 */
public record TransitionRequest(String bucket, String key, String versionId, String expectedETag, long size,
                                StorageClass from, StorageClass to) {
    public TransitionRequest {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
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
