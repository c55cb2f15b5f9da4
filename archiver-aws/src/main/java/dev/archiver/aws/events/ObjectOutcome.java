package dev.archiver.aws.events;

import dev.archiver.core.decide.Decision;
import dev.archiver.core.store.TransitionResult;

import java.util.Objects;

/**
 * What {@link S3EventProcessor} did for one event record or {@link ObjectRef}.
 *
 * <pre>{@code
 * for (ObjectOutcome o : processor.process(parsed.records())) {
 *     if (o.failed()) failedMessages.add(o.messageId());
 * }
 * }</pre>
 *
 * @param id         the record's location in its event, or the {@link ObjectRef#id()}
 * @param messageId  the SQS message the record came in, or {@code null}
 * @param bucket     bucket name
 * @param key        object key, decoded
 * @param status     what happened
 * @param detail     why, in words (the skip reason, the decision's explanation, S3's error)
 * @param decision   the decision, when one was made; else {@code null}
 * @param transition the transition's result, when one was attempted; else {@code null}
 */
public record ObjectOutcome(String id, String messageId, String bucket, String key, Status status, String detail,
                            Decision decision, TransitionResult transition) {

    /** The outcome of one record. */
    public enum Status {
        /** Moved to the decided class. */
        MOVED,
        /** Decided to move, not moved: dry run. */
        WOULD_MOVE,
        /** Decided to keep where it is. */
        KEPT,
        /** Not decided or not moved for a reason retrying cannot change (loop guard, duplicate, archived, changed). */
        SKIPPED,
        /** The object does not exist (any more). */
        NOT_FOUND,
        /** Throttling, 5xx, timeouts: trying again later may succeed. */
        TEMPORARY_FAILURE,
        /** Access denied, invalid request, unreadable state: the detail says why. */
        PERMANENT_FAILURE
    }

    public ObjectOutcome {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        detail = detail == null ? "" : detail;
    }

    /** True for the two failure statuses: the delivery should be retried (SQS) or reported (Batch Operations). */
    public boolean failed() {
        return status == Status.TEMPORARY_FAILURE || status == Status.PERMANENT_FAILURE;
    }
}
