package dev.archiver.aws.events;

import java.time.Instant;
import java.util.Objects;

/**
 * One object event, as read from an S3 event notification or an EventBridge event, with the key
 * decoded the way S3 encodes it (form encoding: {@code +} is a space).
 *
 * <pre>{@code
 * ParsedEvents parsed = S3EventParser.parse(json);
 * for (S3EventRecord r : parsed.records()) {
 *     System.out.println(r.eventName() + " s3://" + r.bucket() + "/" + r.key());
 * }
 * }</pre>
 *
 * @param location  where in the input the record was ({@code Records[0]},
 *                  {@code Records[2].body.Message.Records[0]}), for messages
 * @param messageId the SQS message it came in, or {@code null}
 * @param eventName the event name as sent: {@code ObjectCreated:Put} in a notification,
 *                  the {@code detail-type} ({@code Object Created}) of an EventBridge event
 * @param reason    EventBridge's {@code detail.reason} ({@code PutObject}, {@code CopyObject}, …); {@code null} for notifications
 * @param eventTime when S3 says the event happened, or {@code null} when absent
 * @param bucket    bucket name
 * @param key       object key, decoded
 * @param rawKey    object key as it appeared in the event (URL-encoded)
 * @param versionId version id, or {@code null} (unversioned bucket, or not sent)
 * @param size      object size in bytes, or -1 when not sent
 * @param eTag      the ETag as sent (events send it without quotes), or {@code null}
 * @param sequencer S3's per-key ordering value (hex), or {@code null}
 */
public record S3EventRecord(String location, String messageId, String eventName, String reason, Instant eventTime,
                            String bucket, String key, String rawKey, String versionId, long size, String eTag,
                            String sequencer) {
    public S3EventRecord {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(eventName, "eventName");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
    }

    /** What the event says happened. */
    public EventKind kind() {
        return EventKind.of(eventName, reason);
    }

    /** The ETag without the surrounding quotes S3's HEAD adds and events leave out; {@code null} when not sent. */
    public String bareETag() {
        return bare(eTag);
    }

    /** {@code etag} without surrounding double quotes, or {@code null}. */
    public static String bare(String etag) {
        if (etag == null) {
            return null;
        }
        String e = etag.trim();
        return e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"") ? e.substring(1, e.length() - 1) : e;
    }

    /** {@code s3://bucket/key} (with {@code ?versionId=} when versioned), for messages. */
    public String uri() {
        return "s3://" + bucket + "/" + key + (versionId == null ? "" : "?versionId=" + versionId);
    }
}
