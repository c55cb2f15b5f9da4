package dev.archiver.aws.events;

import java.util.Objects;

/**
 * One object to decide about without an event: an S3 Batch Operations task, a key from a queue.
 *
 * <pre>{@code
 * ObjectRef ref = new ObjectRef("task-1", "my-bucket", "logs/a.gz", null);
 * }</pre>
 *
 * @param id        the caller's id for it (a task id), echoed in the outcome
 * @param bucket    bucket name
 * @param key       object key, decoded
 * @param versionId the version meant, or {@code null} for the current one; a version that is no
 *                  longer current is never moved (a copy of it would bring old bytes back)
 */
public record ObjectRef(String id, String bucket, String key, String versionId) {
    public ObjectRef {
        Objects.requireNonNull(id, "id");
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("bucket must not be blank (" + id + ")");
        }
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("key must not be empty (" + id + ")");
        }
    }
}
