package dev.archiver.aws.events;

import dev.archiver.core.object.ObjectInfo;

/**
 * Decides whether an S3 event may lead to a transition at all. The archiver's own in-place
 * CopyObject fires {@code ObjectCreated:Copy} on the same bucket (and, above 5 GiB, a multipart
 * copy fires {@code CompleteMultipartUpload}); lifecycle and Intelligent-Tiering moves fire
 * events too. None of them may start another transition, or a bucket would loop.
 *
 * <pre>{@code
 * LoopGuard.Verdict v = LoopGuard.byEvent(record);
 * if (v == LoopGuard.Verdict.PROCEED) {
 *     ObjectInfo current = S3ObjectSource.head(s3, record.bucket(), record.key()).orElseThrow();
 *     v = LoopGuard.byObject(record, current);
 * }
 * }</pre>
 *
 * The third guard is the decision itself: an object already in the class the engine decides on
 * is kept, so an event for it moves nothing.
 */
public final class LoopGuard {

    /** Why a record is (not) processed. */
    public enum Verdict {
        /** An upload (Put, Post, CompleteMultipartUpload) of the object as it is now: decide about it. */
        PROCEED("an upload: decided"),
        /** {@code ObjectCreated:Copy}: what a transition by copy fires (a user's copy is left to the scheduled scan). */
        OWN_COPY("ObjectCreated:Copy is what a transition by copy fires"),
        /** A multipart upload whose object carries {@code archiver-created}: the archiver's own copy above 5 GiB. */
        ARCHIVER_WRITTEN("the object carries archiver-created metadata: the archiver's own multipart copy"),
        /** {@code LifecycleTransition}: S3 moved the object by a lifecycle rule. */
        LIFECYCLE("a lifecycle transition"),
        /** {@code IntelligentTiering}: Intelligent-Tiering archived the object. */
        INTELLIGENT_TIERING("an Intelligent-Tiering archive move"),
        /** Removal, restore, tagging, ACL, replication…: not an object creation. */
        NOT_AN_UPLOAD("not an object creation"),
        /** The same event was processed before (same key and sequencer). */
        DUPLICATE("a duplicate delivery (same sequencer)"),
        /** A later event for the same key was processed before. */
        OUT_OF_ORDER("out of order (a later sequencer was seen)"),
        /** The object changed after this event (another ETag or version is current); the later event covers it. */
        STALE("stale: the object changed after this event");

        private final String description;

        Verdict(String description) {
            this.description = description;
        }

        /** A short sentence for logs and result strings. */
        public String description() {
            return description;
        }
    }

    private LoopGuard() {
    }

    /** The verdict from the event name alone, before any request. */
    public static Verdict byEvent(S3EventRecord record) {
        switch (record.kind()) {
            case PUT:
            case POST:
            case COMPLETE_MULTIPART_UPLOAD:
                return Verdict.PROCEED;
            case COPY:
                return Verdict.OWN_COPY;
            case LIFECYCLE_TRANSITION:
                return Verdict.LIFECYCLE;
            case INTELLIGENT_TIERING:
                return Verdict.INTELLIGENT_TIERING;
            default:
                return Verdict.NOT_AN_UPLOAD;
        }
    }

    /**
     * The verdict once the object's current state is known (HEAD): {@link Verdict#STALE} when the
     * event names another ETag or version than the current one, {@link Verdict#ARCHIVER_WRITTEN}
     * for a multipart upload of an object the archiver wrote, else {@link Verdict#PROCEED}.
     */
    public static Verdict byObject(S3EventRecord record, ObjectInfo current) {
        String eventETag = record.bareETag();
        if (eventETag != null && !eventETag.isEmpty() && current.eTag() != null
                && !eventETag.equals(S3EventRecord.bare(current.eTag()))) {
            return Verdict.STALE;
        }
        if (record.versionId() != null && current.versionId() != null && !record.versionId().equals(current.versionId())) {
            return Verdict.STALE;
        }
        if (record.kind() == EventKind.COMPLETE_MULTIPART_UPLOAD
                && current.metadata().containsKey(ObjectInfo.CREATED_METADATA_KEY)) {
            return Verdict.ARCHIVER_WRITTEN;
        }
        return Verdict.PROCEED;
    }
}
