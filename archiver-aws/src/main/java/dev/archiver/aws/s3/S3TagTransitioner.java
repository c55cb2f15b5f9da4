package dev.archiver.aws.s3;

import dev.archiver.core.object.StorageClass;
import dev.archiver.core.store.StorageTransitioner;
import dev.archiver.core.store.TransitionRequest;
import dev.archiver.core.store.TransitionResult;
import dev.archiver.core.store.TransitionStatus;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.Tag;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Moves an object by tagging it for a bucket lifecycle rule instead of copying it: it adds the
 * tag {@code archiver-class=<TARGET>} (keeping every tag the object has) and the rule that
 * {@link LifecycleRules} installs transitions tagged objects at the next lifecycle run. Unlike a
 * copy, LastModified is not reset, no new version is written, no ObjectCreated event fires, and
 * it works on Object Lock buckets; but only the lifecycle waterfall can be reached
 * ({@link StorageClass#canLifecycleTransitionTo}), and the move happens later, not now.
 *
 * <p>Per object: one HeadObject (the ETag must still be the one decided on; archived objects and
 * Intelligent-Tiering archive tiers are refused), one GetObjectTagging, one PutObjectTagging on
 * exactly the version HEAD saw. An object that already has S3's maximum of 10 tags and no
 * {@code archiver-class} tag is skipped ({@code SKIPPED_UNSUPPORTED}); tags are never dropped.
 * {@code APPLIED} here means "tagged; the lifecycle rule moves it". In an unversioned bucket an
 * overwrite between the HEAD and the tagging would get the tag instead — a tag, never a loss.
 *
 * <pre>{@code
 * LifecycleRules.install(s3, "bucket", EnumSet.of(StorageClass.GLACIER_IR), LifecycleRules.DEFAULT_TAG_KEY, 0);
 * StorageTransitioner tagger = S3TagTransitioner.builder(s3).build();
 * TransitionResult r = tagger.transition(request);   // APPLIED: tagged archiver-class=GLACIER_IR
 * }</pre>
 */
public final class S3TagTransitioner implements StorageTransitioner {
    /** S3's limit of tags per object. */
    public static final int MAX_TAGS = 10;

    private final S3Client s3;
    private final String tagKey;

    private S3TagTransitioner(Builder b) {
        this.s3 = b.s3;
        this.tagKey = b.tagKey;
    }

    /** Starts a tagger that sends its requests with the caller's {@code s3} client. */
    public static Builder builder(S3Client s3) {
        return new Builder(s3);
    }

    /** The tag key this tagger sets. */
    public String tagKey() {
        return tagKey;
    }

    @Override
    public TransitionResult transition(TransitionRequest r) {
        Objects.requireNonNull(r, "request");
        if (r.from().requiresRestore()) {
            return TransitionResult.of(r, TransitionStatus.SKIPPED_ARCHIVED, "decided on as " + r.from() + ": archived");
        }
        if (!r.from().canLifecycleTransitionTo(r.to())) {
            return TransitionResult.of(r, TransitionStatus.SKIPPED_UNSUPPORTED,
                    "a lifecycle rule cannot move " + r.from() + " to " + r.to() + " (S3's transition waterfall); use a copy");
        }
        HeadObjectResponse head;
        try {
            head = s3.headObject(h -> h.bucket(r.bucket()).key(r.key()));
        } catch (RuntimeException e) {
            return S3Outcomes.result(r, e, "HeadObject");
        }
        StorageClass current;
        try {
            current = StorageClass.fromAwsName(head.storageClassAsString());
        } catch (IllegalArgumentException e) {
            return TransitionResult.of(r, TransitionStatus.SKIPPED_UNSUPPORTED, "storage class " + head.storageClassAsString());
        }
        if (current.requiresRestore() || head.archiveStatus() != null) {
            return TransitionResult.of(r, TransitionStatus.SKIPPED_ARCHIVED, "now " + current
                    + (head.archiveStatus() == null ? "" : " " + head.archiveStatusAsString()) + ": archived");
        }
        if (head.eTag() == null || !strip(head.eTag()).equals(strip(r.expectedETag()))) {
            return TransitionResult.of(r, TransitionStatus.SKIPPED_CHANGED, "ETag is now " + head.eTag() + ", decided on " + r.expectedETag());
        }
        if (r.versionId() != null && !r.versionId().equals("null") && !r.versionId().equals(head.versionId())) {
            return TransitionResult.of(r, TransitionStatus.SKIPPED_CHANGED, "version " + r.versionId() + " is no longer current");
        }
        if (current == r.to()) {
            return new TransitionResult(r, TransitionStatus.APPLIED, "already " + current + "; nothing tagged",
                    head.versionId(), head.eTag(), 1);
        }
        String version = head.versionId() == null || head.versionId().equals("null") ? null : head.versionId();
        try {
            List<Tag> tags = new ArrayList<>(s3.getObjectTagging(t -> t.bucket(r.bucket()).key(r.key()).versionId(version)).tagSet());
            int existing = -1;
            for (int i = 0; i < tags.size(); i++) {
                if (tags.get(i).key().equals(tagKey)) {
                    existing = i;
                }
            }
            Tag wanted = Tag.builder().key(tagKey).value(r.to().name()).build();
            if (existing >= 0 && tags.get(existing).value().equals(r.to().name())) {
                return new TransitionResult(r, TransitionStatus.APPLIED, "already tagged " + tagKey + "=" + r.to(),
                        head.versionId(), head.eTag(), 1);
            }
            if (existing < 0 && tags.size() >= MAX_TAGS) {
                return TransitionResult.of(r, TransitionStatus.SKIPPED_UNSUPPORTED,
                        "the object already has " + tags.size() + " tags, S3's maximum; no tag is dropped to make room for " + tagKey);
            }
            if (existing >= 0) {
                tags.set(existing, wanted);
            } else {
                tags.add(wanted);
            }
            s3.putObjectTagging(p -> p.bucket(r.bucket()).key(r.key()).versionId(version).tagging(t -> t.tagSet(tags)));
        } catch (RuntimeException e) {
            return S3Outcomes.result(r, e, "tagging");
        }
        return new TransitionResult(r, TransitionStatus.APPLIED, "tagged " + tagKey + "=" + r.to()
                + "; the bucket's lifecycle rule moves it", head.versionId(), head.eTag(), 1);
    }

    private static String strip(String eTag) {
        String t = eTag.trim();
        return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t;
    }

    @Override
    public String toString() {
        return "S3TagTransitioner[" + tagKey + "]";
    }

    /** Builds an {@link S3TagTransitioner}. */
    public static final class Builder {
        private final S3Client s3;
        private String tagKey = LifecycleRules.DEFAULT_TAG_KEY;

        private Builder(S3Client s3) {
            this.s3 = Objects.requireNonNull(s3, "s3");
        }

        /**
         * The tag key to set (default {@code archiver-class}); must match the lifecycle rules' key.
         *
         * @throws IllegalArgumentException when blank, longer than 128 characters or starting with {@code aws:}
         */
        public Builder tagKey(String key) {
            this.tagKey = LifecycleRules.checkTagKey(key);
            return this;
        }

        public S3TagTransitioner build() {
            return new S3TagTransitioner(this);
        }
    }
}
