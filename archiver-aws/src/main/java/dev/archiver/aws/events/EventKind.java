package dev.archiver.aws.events;

import java.util.Locale;

/**
 * What an S3 event says happened, from the notification's {@code eventName} (or EventBridge's
 * {@code detail-type} and {@code reason}). Only {@link #PUT}, {@link #POST} and
 * {@link #COMPLETE_MULTIPART_UPLOAD} can lead to a transition; see {@link LoopGuard}.
 *
 * <pre>{@code
 * EventKind k = EventKind.of("ObjectCreated:Copy", null);   // COPY
 * }</pre>
 */
public enum EventKind {
    /** {@code ObjectCreated:Put}, EventBridge reason {@code PutObject}. */
    PUT,
    /** {@code ObjectCreated:Post}, EventBridge reason {@code POST Object}. */
    POST,
    /** {@code ObjectCreated:Copy}, EventBridge reason {@code CopyObject}: what a transition by copy fires. */
    COPY,
    /** {@code ObjectCreated:CompleteMultipartUpload} (also a multipart copy, the archiver's own above 5 GiB). */
    COMPLETE_MULTIPART_UPLOAD,
    /** {@code LifecycleTransition}, EventBridge {@code Object Storage Class Changed}. */
    LIFECYCLE_TRANSITION,
    /** {@code IntelligentTiering}, EventBridge {@code Object Access Tier Changed}. */
    INTELLIGENT_TIERING,
    /** Anything else: removals, restores, tagging, ACLs, replication, test events. */
    OTHER;

    /**
     * The kind of a notification {@code eventName} (an {@code s3:} prefix is ignored) or, when
     * {@code eventBridgeReason} is not null, of an EventBridge event whose {@code detail-type} is
     * {@code eventName}.
     */
    public static EventKind of(String eventName, String eventBridgeReason) {
        if (eventName == null) {
            return OTHER;
        }
        String name = eventName.startsWith("s3:") ? eventName.substring(3) : eventName;
        switch (name) {
            case "ObjectCreated:Put":
                return PUT;
            case "ObjectCreated:Post":
                return POST;
            case "ObjectCreated:Copy":
                return COPY;
            case "ObjectCreated:CompleteMultipartUpload":
                return COMPLETE_MULTIPART_UPLOAD;
            case "LifecycleTransition":
            case "Object Storage Class Changed":
                return LIFECYCLE_TRANSITION;
            case "IntelligentTiering":
            case "Object Access Tier Changed":
                return INTELLIGENT_TIERING;
            case "Object Created":
                return ofEventBridgeReason(eventBridgeReason);
            default:
                return OTHER;
        }
    }

    private static EventKind ofEventBridgeReason(String reason) {
        if (reason == null) {
            return OTHER;
        }
        switch (reason.toLowerCase(Locale.ROOT).replace(" ", "")) {
            case "putobject":
                return PUT;
            case "postobject":
                return POST;
            case "copyobject":
                return COPY;
            case "completemultipartupload":
                return COMPLETE_MULTIPART_UPLOAD;
            default:
                return OTHER;
        }
    }

    /** True for the kinds a user's upload fires: Put, Post, CompleteMultipartUpload. */
    public boolean isUpload() {
        return this == PUT || this == POST || this == COMPLETE_MULTIPART_UPLOAD;
    }
}
