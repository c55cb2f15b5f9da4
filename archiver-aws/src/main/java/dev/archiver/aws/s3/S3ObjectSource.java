package dev.archiver.aws.s3;

import dev.archiver.core.ArchiverException;
import dev.archiver.core.object.ObjectInfo;
import dev.archiver.core.object.StorageClass;
import dev.archiver.core.store.ObjectSource;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Supplier;
import java.util.stream.StreamSupport;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Lists one bucket (or one prefix of it) as {@link ObjectInfo}s, page by page, in the order S3
 * returns keys (UTF-8 binary). Each object's size, LastModified, storage class and ETag come
 * from the listing itself: a bucket of N objects costs about N / 1000 list requests.
 *
 * <p>HeadObject is sent only where a decision needs what a listing lacks, at most once per object:
 * <ul>
 *   <li>{@code INTELLIGENT_TIERING} objects, when {@link Builder#checkArchiveTier(boolean)} is on
 *       (the default): a listing does not say whether such an object sits in an archive access
 *       tier ({@code x-amz-archive-status}), and an archived object must be kept, never copied;</li>
 *   <li>objects in STANDARD_IA, ONEZONE_IA, GLACIER_IR and INTELLIGENT_TIERING, when
 *       {@link Builder#readCreatedAt(boolean)} is on (the default): a transition by copy resets
 *       LastModified and records the original creation time in the user metadata
 *       {@link ObjectInfo#CREATED_METADATA_KEY archiver-created}, which no listing carries; without
 *       it a moved object's {@code age_days} would restart at the move. Only that one entry is put
 *       into {@link ObjectInfo#metadata()}. Cost: one HeadObject per such object (a bucket mostly in
 *       STANDARD pays almost nothing; a bucket of N infrequent-access objects pays N HEADs on top of
 *       N / 1000 list requests).</li>
 * </ul>
 * STANDARD objects are not HEADed: nearly all are as written (a copy by Archiver moves objects
 * away from STANDARD), and a HEAD per STANDARD object would multiply a plan's requests by up to
 * 1000. The exception is an object Archiver moved back to STANDARD: its {@code age_days} restart at
 * that move, which errs towards keeping it in STANDARD longer. GLACIER and DEEP_ARCHIVE objects
 * are not HEADed either: they are kept whatever their age. Nothing else a decision uses is missing
 * from a listing.
 *
 * <p>In a versioned bucket, {@link Builder#versions(boolean)} lists with ListObjectVersions and
 * returns the current version of each key with its version id (delete markers and noncurrent
 * versions are left out).
 *
 * <pre>{@code
 * S3Client s3 = S3Client.create();
 * ObjectSource source = S3ObjectSource.builder(s3, "my-bucket").prefix("logs/").build();
 * Plan plan = archiver.plan(source);
 * }</pre>
 */
public final class S3ObjectSource implements ObjectSource {
    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final String startAfter;
    private final boolean versions;
    private final boolean checkArchiveTier;
    private final boolean readCreatedAt;
    private final int pageSize;
    private final AtomicLong skippedUnsupportedClass = new AtomicLong();
    private final AtomicLong headRequests = new AtomicLong();

    private S3ObjectSource(Builder b) {
        this.s3 = b.s3;
        this.bucket = b.bucket;
        this.prefix = b.prefix;
        this.startAfter = b.startAfter;
        this.versions = b.versions;
        this.checkArchiveTier = b.checkArchiveTier;
        this.readCreatedAt = b.readCreatedAt;
        this.pageSize = b.pageSize;
    }

    /**
     * Starts a source over {@code bucket}, read with the caller's {@code s3} client.
     *
     * @throws IllegalArgumentException when {@code bucket} is blank
     */
    public static Builder builder(S3Client s3, String bucket) {
        return new Builder(s3, bucket);
    }

    /**
     * Streams the objects, fetching pages as the stream is consumed.
     *
     * @throws ArchiverException (from the stream) when S3 refuses or cannot be reached; the message names the bucket
     */
    @Override
    public Stream<ObjectInfo> objects() {
        Stream<ObjectInfo> listed = versions ? listVersions() : listCurrent();
        return checkArchiveTier || readCreatedAt ? listed.map(this::withHead).filter(Objects::nonNull) : listed;
    }

    private Stream<ObjectInfo> listCurrent() {
        // encoding-type=url: keys with characters XML 1.0 cannot carry still list; the SDK decodes them again.
        ListObjectsV2Request.Builder request = ListObjectsV2Request.builder().bucket(bucket).maxKeys(pageSize)
                .encodingType(EncodingType.URL);
        if (prefix != null) {
            request.prefix(prefix);
        }
        if (startAfter != null) {
            request.startAfter(startAfter);
        }
        return guardedIteration(s3.listObjectsV2Paginator(request.build()).contents()).map(this::toInfo).filter(Objects::nonNull);
    }

    private Stream<ObjectInfo> listVersions() {
        ListObjectVersionsRequest.Builder request = ListObjectVersionsRequest.builder().bucket(bucket).maxKeys(pageSize)
                .encodingType(EncodingType.URL);
        if (prefix != null) {
            request.prefix(prefix);
        }
        if (startAfter != null) {
            request.keyMarker(startAfter);
        }
        return guardedIteration(s3.listObjectVersionsPaginator(request.build()).versions())
                .filter(v -> Boolean.TRUE.equals(v.isLatest()))
                .map(this::toInfo).filter(Objects::nonNull);
    }

    private ObjectInfo toInfo(S3Object o) {
        StorageClass c = storageClass(o.storageClassAsString());
        if (c == null) {
            skippedUnsupportedClass.incrementAndGet();
            return null;
        }
        return ObjectInfo.builder(bucket, o.key())
                .size(o.size() == null ? 0 : o.size())
                .lastModified(o.lastModified())
                .storageClass(c)
                .eTag(o.eTag())
                .build();
    }

    private ObjectInfo toInfo(ObjectVersion v) {
        StorageClass c = storageClass(v.storageClassAsString());
        if (c == null) {
            skippedUnsupportedClass.incrementAndGet();
            return null;
        }
        return ObjectInfo.builder(bucket, v.key())
                .versionId(v.versionId())
                .size(v.size() == null ? 0 : v.size())
                .lastModified(v.lastModified())
                .storageClass(c)
                .eTag(v.eTag())
                .build();
    }

    /** The class, or null for one Archiver does not decide about (REDUCED_REDUNDANCY, OUTPOSTS, EXPRESS_ONEZONE, ...). */
    private static StorageClass storageClass(String name) {
        try {
            return StorageClass.fromAwsName(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Objects left out of listings so far because their storage class is none of the seven Archiver
     * decides about (REDUCED_REDUNDANCY, OUTPOSTS, EXPRESS_ONEZONE, SNOW); they are never moved.
     */
    public long skippedUnsupportedClass() {
        return skippedUnsupportedClass.get();
    }

    /**
     * One object's current version as HeadObject describes it (size, LastModified, class, ETag,
     * user metadata, Intelligent-Tiering archive tier, version id); empty when there is none.
     *
     * <pre>{@code
     * Optional<ObjectInfo> o = S3ObjectSource.head(s3, "bucket", "logs/a.gz");
     * }</pre>
     *
     * @throws ArchiverException when S3 refuses or cannot be reached, or the storage class is not one of the seven
     */
    public static Optional<ObjectInfo> head(S3Client s3, String bucket, String key) {
        HeadObjectResponse h;
        try {
            h = s3.headObject(r -> r.bucket(bucket).key(key));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            if (e instanceof S3Exception && ((S3Exception) e).statusCode() == 404) {
                return Optional.empty();
            }
            throw new ArchiverException("HeadObject s3://" + bucket + "/" + key + " failed: " + S3Outcomes.describe(e), e);
        }
        StorageClass c = storageClass(h.storageClassAsString());
        if (c == null) {
            throw new ArchiverException("s3://" + bucket + "/" + key + " is in storage class " + h.storageClassAsString()
                    + ", not one Archiver decides about");
        }
        return Optional.of(ObjectInfo.builder(bucket, key).versionId(h.versionId())
                .size(h.contentLength() == null ? 0 : h.contentLength()).lastModified(h.lastModified())
                .storageClass(c).eTag(h.eTag()).metadata(h.metadata()).archiveStatus(h.archiveStatusAsString()).build());
    }

    /** HeadObjects sent by this source's listings so far (see the class comment for which objects). */
    public long headRequests() {
        return headRequests.get();
    }

    /** Whether the object's creation time may differ from its LastModified: a class a copy by Archiver moves objects to. */
    static boolean mayHaveBeenMoved(StorageClass c) {
        return c != StorageClass.STANDARD && !c.requiresRestore();
    }

    /**
     * The HeadObject this source spends, at most one per object: the archive tier of
     * Intelligent-Tiering objects and {@code archiver-created} of objects a copy may have moved,
     * neither of which a listing reports.
     */
    private ObjectInfo withHead(ObjectInfo o) {
        boolean archiveTier = checkArchiveTier && o.storageClass() == StorageClass.INTELLIGENT_TIERING;
        boolean created = readCreatedAt && mayHaveBeenMoved(o.storageClass());
        if (!archiveTier && !created) {
            return o;
        }
        HeadObjectResponse head;
        try {
            headRequests.incrementAndGet();
            head = s3.headObject(h -> h.bucket(bucket).key(o.key()).versionId(o.versionId()));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return null; // deleted since the page was listed: nothing to decide about
            }
            throw failure(e);
        } catch (SdkException e) {
            throw failure(e);
        }
        String status = archiveTier ? head.archiveStatusAsString() : null;
        // Only the metadata of the write that was listed: a HEAD that sees another ETag saw a newer write.
        String createdAt = created && head.hasMetadata() && Objects.equals(head.eTag(), o.eTag())
                ? head.metadata().get(ObjectInfo.CREATED_METADATA_KEY) : null;
        if (status == null && createdAt == null) {
            return o;
        }
        ObjectInfo.Builder b = o.toBuilder();
        if (status != null) {
            b.archiveStatus(status);
        }
        if (createdAt != null) {
            b.metadata(java.util.Map.of(ObjectInfo.CREATED_METADATA_KEY, createdAt));
        }
        return b.build();
    }

    private <T> T guarded(Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw failure(e);
        }
    }

    private ArchiverException failure(SdkException e) {
        return new ArchiverException("listing s3://" + bucket + "/" + (prefix == null ? "" : prefix)
                + " failed: " + S3Outcomes.describe(e), e);
    }

    /** Pages are fetched while the stream is consumed, so SDK failures are translated there too. */
    private <T> Stream<T> guardedIteration(Iterable<T> items) {
        Iterator<T> it = guarded(items::iterator);
        Iterator<T> safe = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return guarded(it::hasNext);
            }

            @Override
            public T next() {
                return guarded(it::next);
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(safe, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    @Override
    public String toString() {
        return "S3ObjectSource[s3://" + bucket + "/" + (prefix == null ? "" : prefix) + (versions ? ", versions" : "") + "]";
    }

    /** Builds an {@link S3ObjectSource}; each setter checks its value at once. */
    public static final class Builder {
        private final S3Client s3;
        private final String bucket;
        private String prefix;
        private String startAfter;
        private boolean versions;
        private boolean checkArchiveTier = true;
        private boolean readCreatedAt = true;
        private int pageSize = 1000;

        private Builder(S3Client s3, String bucket) {
            this.s3 = Objects.requireNonNull(s3, "s3");
            if (bucket == null || bucket.isBlank()) {
                throw new IllegalArgumentException("bucket must not be blank, was '" + bucket + "'");
            }
            this.bucket = bucket;
        }

        /** Lists only keys starting with {@code prefix} ({@code null} or empty: the whole bucket). */
        public Builder prefix(String prefix) {
            this.prefix = prefix == null || prefix.isEmpty() ? null : prefix;
            return this;
        }

        /**
         * Lists only keys after {@code key} in S3's order (ListObjectsV2 {@code start-after},
         * ListObjectVersions {@code key-marker}), to resume a listing where an earlier one stopped;
         * {@code null} or empty: from the first key.
         */
        public Builder startAfter(String key) {
            this.startAfter = key == null || key.isEmpty() ? null : key;
            return this;
        }

        /** Lists with ListObjectVersions and reports each key's current version id (for versioned buckets). */
        public Builder versions(boolean versions) {
            this.versions = versions;
            return this;
        }

        /**
         * Whether to send HeadObject for each INTELLIGENT_TIERING object to learn its archive tier
         * (default true). Turn off only when no Archive Access tier is configured on the bucket.
         */
        public Builder checkArchiveTier(boolean check) {
            this.checkArchiveTier = check;
            return this;
        }

        /**
         * Whether to send HeadObject for each STANDARD_IA, ONEZONE_IA, GLACIER_IR and
         * INTELLIGENT_TIERING object to read its {@code archiver-created} user metadata (default
         * true; an Intelligent-Tiering object's HEAD serves both checks). That is one HeadObject per
         * such object; with false, an object moved by copy is aged from the move (its LastModified).
         */
        public Builder readCreatedAt(boolean read) {
            this.readCreatedAt = read;
            return this;
        }

        /**
         * Keys per list request, 1 to 1000 (default 1000, S3's maximum).
         *
         * @throws IllegalArgumentException naming the bad value
         */
        public Builder pageSize(int pageSize) {
            if (pageSize < 1 || pageSize > 1000) {
                throw new IllegalArgumentException("pageSize must be 1..1000, was " + pageSize);
            }
            this.pageSize = pageSize;
            return this;
        }

        public S3ObjectSource build() {
            return new S3ObjectSource(this);
        }
    }
}
