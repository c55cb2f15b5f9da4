package dev.archiver.aws.s3;

import dev.archiver.core.object.ObjectInfo;
import dev.archiver.core.object.StorageClass;
import dev.archiver.core.store.StorageTransitioner;
import dev.archiver.core.store.TransitionRequest;
import dev.archiver.core.store.TransitionResult;
import dev.archiver.core.store.TransitionStatus;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.TaggingDirective;
import software.amazon.awssdk.services.s3.model.UploadPartCopyResponse;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Changes an object's storage class in place: a CopyObject of the object onto its own key with
 * the new {@code StorageClass}, conditional on the ETag the decision was made on
 * ({@code x-amz-copy-source-if-match}), with {@code MetadataDirective} and {@code TaggingDirective}
 * COPY so user metadata, content headers and tags survive (REPLACE with all of them re-sent when
 * the creation time must be recorded, see below). It never sends DeleteObject: in a
 * versioned bucket the old version stays (and stays billed) and the result names the new current
 * version; in an unversioned bucket the copy replaces the object atomically, only if its ETag is
 * still the one decided on.
 *
 * <p>By default ({@link Builder#verifySource(boolean) verifySource(true)}) one HeadObject precedes
 * the copy, because a listing does not tell what the copy must re-specify or refuse:
 * <ul>
 *   <li>SSE-KMS (and DSSE-KMS): a copy is encrypted per the request, else per the bucket default,
 *       not per the source; the source's KMS key id and bucket-key flag are sent again;</li>
 *   <li>SSE-C objects are skipped ({@code SKIPPED_UNSUPPORTED}): this transitioner never holds
 *       customer keys;</li>
 *   <li>GLACIER, DEEP_ARCHIVE and Intelligent-Tiering archive tiers ({@code x-amz-archive-status})
 *       are refused ({@code SKIPPED_ARCHIVED}) before any copy is attempted;</li>
 *   <li>an ETag or version that is no longer current is reported {@code SKIPPED_CHANGED} without a
 *       copy (S3 would answer 412 to the conditional copy anyway);</li>
 *   <li>an object already in the target class is reported {@code APPLIED} without a copy.</li>
 * </ul>
 * With {@code verifySource(false)} a transition of an object up to 5 GB is exactly one request,
 * the CopyObject: S3 itself enforces the ETag (412), refuses archived sources
 * ({@code InvalidObjectState}) and SSE-C sources (400); the copy gets the bucket's default
 * encryption, so use it only when every object is encrypted as the bucket default says.
 *
 * <p><b>Creation time.</b> A copy resets LastModified, which restarts the new class's
 * minimum-duration clock (rightly) but would also make the object look new to the next plan's
 * {@code age_days}. So when the HEAD was sent and the object has no valid
 * {@link ObjectInfo#CREATED_METADATA_KEY archiver-created} user metadata yet, the copy uses
 * {@code MetadataDirective REPLACE}, re-sending every user-metadata entry, Content-Type,
 * Content-Encoding, Content-Language, Content-Disposition, Cache-Control, Expires and the
 * website-redirect location as HEAD saw them, plus {@code archiver-created} = the source's
 * LastModified (with REPLACE, whatever is not re-sent is dropped). When the key is already
 * there (a second move) the copy stays {@code COPY}, which carries the first value unchanged.
 * Tags always use {@code TaggingDirective COPY}. When adding the key would take the user
 * metadata over S3's 2 KB limit, or a metadata entry or content header is not printable ASCII
 * (S3 returns those RFC 2047-encoded, so re-sending them might not be exact), the copy falls back
 * to {@code COPY} and the result's detail says the creation time was not recorded. With
 * {@code verifySource(false)} there is no HEAD, the copy is {@code COPY}, and an object's age
 * restarts at the move.
 *
 * <p>Above {@link Builder#multipartThreshold(long) 5 GiB} CopyObject cannot be used: the object
 * is copied with CreateMultipartUpload + UploadPartCopy (every part conditional on the ETag) +
 * CompleteMultipartUpload, and since a multipart upload copies nothing by itself, the metadata,
 * content headers, tags (GetObjectTagging) and encryption read from the source are sent with it,
 * and {@code archiver-created} as above.
 * A failed multipart copy is aborted (AbortMultipartUpload discards only the unfinished upload's
 * parts, never an object).
 *
 * <p>Every outcome is a {@link TransitionResult}: 412 → {@code SKIPPED_CHANGED}; archived →
 * {@code SKIPPED_ARCHIVED}; 404 → {@code NOT_FOUND}; 5xx, 429, SlowDown, timeouts and connection
 * failures → {@code RETRYABLE}; anything else → {@code FAILED} with S3's error code. Retries are
 * the caller's ({@code RetryPolicy}, or the {@code S3Client}'s own retry strategy).
 *
 * <pre>{@code
 * S3Client s3 = S3Client.create();
 * StorageTransitioner mover = S3CopyTransitioner.builder(s3).build();
 * TransitionResult r = mover.transition(new TransitionRequest("bucket", "logs/a.gz", null,
 *         "\"9b2cf535f27731c974343645a3985328\"", 1024, StorageClass.STANDARD, StorageClass.STANDARD_IA));
 * }</pre>
 */
public final class S3CopyTransitioner implements StorageTransitioner {
    /** CopyObject's limit: a single copy of at most 5 GiB. */
    public static final long MAX_SINGLE_COPY_BYTES = 5L * 1024 * 1024 * 1024;
    private static final long MIN_PART_BYTES = 5L * 1024 * 1024;
    private static final int MAX_PARTS = 10_000;
    /** S3's limit on user metadata: the UTF-8 bytes of every key and value, summed. */
    static final int MAX_USER_METADATA_BYTES = 2048;

    private final S3Client s3;
    private final boolean verifySource;
    private final long multipartThreshold;
    private final long partSize;

    private S3CopyTransitioner(Builder b) {
        this.s3 = b.s3;
        this.verifySource = b.verifySource;
        this.multipartThreshold = b.multipartThreshold;
        this.partSize = b.partSize;
    }

    /** Starts a transitioner that sends its requests with the caller's {@code s3} client. */
    public static Builder builder(S3Client s3) {
        return new Builder(s3);
    }

    @Override
    public TransitionResult transition(TransitionRequest request) {
        Objects.requireNonNull(request, "request");
        if (request.from().requiresRestore()) {
            return TransitionResult.of(request, TransitionStatus.SKIPPED_ARCHIVED,
                    "decided on as " + request.from() + ": an archived object is never a copy source");
        }
        boolean multipart = request.size() > multipartThreshold;
        HeadObjectResponse head = null;
        if (verifySource || multipart) {
            try {
                head = s3.headObject(h -> h.bucket(request.bucket()).key(request.key()));
            } catch (RuntimeException e) {
                return S3Outcomes.result(request, e, "HeadObject");
            }
            TransitionResult refused = refusal(request, head);
            if (refused != null) {
                return refused;
            }
            multipart = head.contentLength() != null && head.contentLength() > multipartThreshold;
        }
        try {
            return multipart ? multipartCopy(request, head) : copy(request, head);
        } catch (RuntimeException e) {
            return S3Outcomes.result(request, e, multipart ? "multipart copy" : "CopyObject");
        }
    }

    /** Why the object as HEAD saw it must not be copied, or null when it may be. */
    private static TransitionResult refusal(TransitionRequest r, HeadObjectResponse head) {
        if (head.sseCustomerAlgorithm() != null) {
            return TransitionResult.of(r, TransitionStatus.SKIPPED_UNSUPPORTED,
                    "SSE-C encrypted (" + head.sseCustomerAlgorithm() + "): this transitioner never handles customer-provided keys");
        }
        StorageClass current;
        try {
            current = StorageClass.fromAwsName(head.storageClassAsString());
        } catch (IllegalArgumentException e) {
            return TransitionResult.of(r, TransitionStatus.SKIPPED_UNSUPPORTED,
                    "storage class " + head.storageClassAsString() + " is not one Archiver moves");
        }
        if (current.requiresRestore()) {
            return TransitionResult.of(r, TransitionStatus.SKIPPED_ARCHIVED,
                    "now " + current + ": an archived object is never a copy source");
        }
        if (head.archiveStatus() != null) {
            return TransitionResult.of(r, TransitionStatus.SKIPPED_ARCHIVED,
                    "Intelligent-Tiering " + head.archiveStatusAsString() + ": an archived object is never a copy source");
        }
        if (!sameETag(r.expectedETag(), head.eTag())) {
            return TransitionResult.of(r, TransitionStatus.SKIPPED_CHANGED,
                    "ETag is now " + head.eTag() + ", decided on " + r.expectedETag());
        }
        if (r.versionId() != null && !r.versionId().equals("null") && !r.versionId().equals(head.versionId())) {
            return TransitionResult.of(r, TransitionStatus.SKIPPED_CHANGED,
                    "version " + r.versionId() + " is no longer current (current: " + head.versionId() + ")");
        }
        if (current == r.to()) {
            return new TransitionResult(r, TransitionStatus.APPLIED, "already " + current + "; nothing copied",
                    head.versionId(), head.eTag(), 1);
        }
        return null;
    }

    private TransitionResult copy(TransitionRequest r, HeadObjectResponse head) {
        // No sourceVersionId: copying an older version would bring back stale bytes as the current
        // object. The current version is copied, and only while its ETag is the one decided on.
        CopyObjectRequest.Builder copy = CopyObjectRequest.builder()
                .sourceBucket(r.bucket()).sourceKey(r.key())
                .destinationBucket(r.bucket()).destinationKey(r.key())
                .storageClass(r.to().name())
                .copySourceIfMatch(r.expectedETag())
                .metadataDirective(MetadataDirective.COPY)
                .taggingDirective(TaggingDirective.COPY);
        Created created = head == null ? Created.NO_HEAD : created(head);
        if (head != null) {
            encryption(head, copy);
            if (created.replace()) {
                copy.metadataDirective(MetadataDirective.REPLACE).metadata(created.metadata())
                        .contentType(head.contentType()).contentEncoding(head.contentEncoding())
                        .contentLanguage(head.contentLanguage()).contentDisposition(head.contentDisposition())
                        .cacheControl(head.cacheControl()).expires(head.expires())
                        .websiteRedirectLocation(head.websiteRedirectLocation());
            }
        }
        CopyObjectResponse response = s3.copyObject(copy.build());
        String eTag = response.copyObjectResult() == null ? null : response.copyObjectResult().eTag();
        return new TransitionResult(r, TransitionStatus.APPLIED, "copied in place to " + r.to()
                + (response.versionId() == null ? "" : "; current version " + response.versionId()) + created.note(),
                response.versionId(), eTag, 1);
    }

    /**
     * What the copy does about {@code archiver-created}.
     *
     * @param replace  true when the metadata must be REPLACEd with {@code metadata}
     * @param metadata the user metadata to send (HEAD's plus the key), when {@code replace}
     * @param note     appended to the result's detail
     */
    private record Created(boolean replace, Map<String, String> metadata, String note) {
        static final Created NO_HEAD = new Created(false, Map.of(), "; archiver-created not recorded (no HEAD: verifySource is off)");
    }

    /** The user metadata the copy must carry: HEAD's, with archiver-created added when missing or invalid. */
    static Created created(HeadObjectResponse head) {
        Map<String, String> source = head.hasMetadata() ? head.metadata() : Map.of();
        String existing = source.get(ObjectInfo.CREATED_METADATA_KEY);
        Instant lastModified = head.lastModified();
        if (existing != null && lastModified != null) {
            Instant parsed = ObjectInfo.parseCreated(existing, Instant.MAX); // MAX: not an instant
            if (!parsed.isAfter(lastModified)) {
                return new Created(false, source, "; archiver-created " + existing + " kept");
            }
        }
        if (lastModified == null) {
            return new Created(false, source, "; archiver-created not recorded (HEAD gave no LastModified)");
        }
        if (!resendable(source.keySet()) || !resendable(source.values()) || !resendable(java.util.Arrays.asList(head.contentType(),
                head.contentEncoding(), head.contentLanguage(), head.contentDisposition(), head.cacheControl(),
                head.websiteRedirectLocation()))) {
            // S3 returns non-ASCII metadata RFC 2047-encoded, and S3-compatible stores differ in what
            // they return; re-sending such a value could change it. COPY keeps it byte for byte.
            return new Created(false, source, "; archiver-created not recorded: non-ASCII metadata or headers are never re-sent");
        }
        Map<String, String> metadata = new LinkedHashMap<>(source);
        metadata.put(ObjectInfo.CREATED_METADATA_KEY, lastModified.toString());
        if (metadataBytes(metadata) > MAX_USER_METADATA_BYTES) {
            return new Created(false, source, "; archiver-created not recorded: the user metadata would exceed S3's 2 KB limit");
        }
        return new Created(true, metadata, "; archiver-created " + lastModified + " recorded");
    }

    /** True when every value is null or printable ASCII without an RFC 2047 marker, so re-sending it is exact. */
    static boolean resendable(java.util.Collection<String> values) {
        for (String v : values) {
            if (v == null) {
                continue;
            }
            if (v.contains("=?")) {
                return false;
            }
            for (int i = 0; i < v.length(); i++) {
                char c = v.charAt(i);
                if (c < 0x20 || c > 0x7e) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Size of user metadata as S3 counts it against its 2 KB limit: UTF-8 bytes of keys and values. */
    static int metadataBytes(Map<String, String> metadata) {
        int n = 0;
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            n += e.getKey().getBytes(StandardCharsets.UTF_8).length + e.getValue().getBytes(StandardCharsets.UTF_8).length;
        }
        return n;
    }

    /** Re-specifies the source's server-side encryption: a copy otherwise gets the bucket default. */
    private static void encryption(HeadObjectResponse head, CopyObjectRequest.Builder copy) {
        ServerSideEncryption sse = head.serverSideEncryption();
        if (sse == null || sse == ServerSideEncryption.UNKNOWN_TO_SDK_VERSION) {
            return;
        }
        copy.serverSideEncryption(sse);
        if (sse == ServerSideEncryption.AWS_KMS || sse == ServerSideEncryption.AWS_KMS_DSSE) {
            copy.ssekmsKeyId(head.ssekmsKeyId());
            if (head.bucketKeyEnabled() != null) {
                copy.bucketKeyEnabled(head.bucketKeyEnabled());
            }
        }
    }

    private TransitionResult multipartCopy(TransitionRequest r, HeadObjectResponse head) {
        long size = head.contentLength();
        List<Tag> tags = s3.getObjectTagging(t -> t.bucket(r.bucket()).key(r.key())).tagSet();
        Created created = created(head);
        CreateMultipartUploadRequest.Builder create = CreateMultipartUploadRequest.builder()
                .bucket(r.bucket()).key(r.key()).storageClass(r.to().name())
                .metadata(created.metadata())
                .contentType(head.contentType()).contentEncoding(head.contentEncoding())
                .contentDisposition(head.contentDisposition()).contentLanguage(head.contentLanguage())
                .cacheControl(head.cacheControl()).expires(head.expires())
                .websiteRedirectLocation(head.websiteRedirectLocation());
        if (!tags.isEmpty()) {
            create.tagging(tags.stream().map(t -> encode(t.key()) + "=" + encode(t.value())).collect(Collectors.joining("&")));
        }
        ServerSideEncryption sse = head.serverSideEncryption();
        if (sse != null && sse != ServerSideEncryption.UNKNOWN_TO_SDK_VERSION) {
            create.serverSideEncryption(sse);
            if (sse == ServerSideEncryption.AWS_KMS || sse == ServerSideEncryption.AWS_KMS_DSSE) {
                create.ssekmsKeyId(head.ssekmsKeyId());
                if (head.bucketKeyEnabled() != null) {
                    create.bucketKeyEnabled(head.bucketKeyEnabled());
                }
            }
        }
        String uploadId = s3.createMultipartUpload(create.build()).uploadId();
        try {
            long part = Math.max(partSize, (size + MAX_PARTS - 1) / MAX_PARTS);
            List<CompletedPart> parts = new ArrayList<>();
            int number = 1;
            for (long start = 0; start < size; start += part, number++) {
                long end = Math.min(size, start + part) - 1;
                int n = number;
                String range = "bytes=" + start + "-" + end;
                UploadPartCopyResponse p = s3.uploadPartCopy(u -> u.sourceBucket(r.bucket()).sourceKey(r.key())
                        .destinationBucket(r.bucket()).destinationKey(r.key()).uploadId(uploadId).partNumber(n)
                        .copySourceRange(range).copySourceIfMatch(r.expectedETag()));
                parts.add(CompletedPart.builder().partNumber(n).eTag(p.copyPartResult().eTag()).build());
            }
            var done = s3.completeMultipartUpload(c -> c.bucket(r.bucket()).key(r.key()).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));
            return new TransitionResult(r, TransitionStatus.APPLIED, "copied in place to " + r.to() + " in "
                    + parts.size() + " parts" + (done.versionId() == null ? "" : "; current version " + done.versionId())
                    + created.note(),
                    done.versionId(), done.eTag(), 1);
        } catch (RuntimeException e) {
            try {
                s3.abortMultipartUpload(a -> a.bucket(r.bucket()).key(r.key()).uploadId(uploadId));
            } catch (RuntimeException abortFailed) {
                e.addSuppressed(abortFailed);
            }
            throw e;
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static boolean sameETag(String a, String b) {
        return b != null && strip(a).equals(strip(b));
    }

    private static String strip(String eTag) {
        String t = eTag.trim();
        return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t;
    }

    @Override
    public String toString() {
        return "S3CopyTransitioner[verifySource=" + verifySource + ", multipartThreshold=" + multipartThreshold + "]";
    }

    /** Builds an {@link S3CopyTransitioner}; each setter checks its value at once. */
    public static final class Builder {
        private final S3Client s3;
        private boolean verifySource = true;
        private long multipartThreshold = MAX_SINGLE_COPY_BYTES;
        private long partSize = 512L * 1024 * 1024;

        private Builder(S3Client s3) {
            this.s3 = Objects.requireNonNull(s3, "s3");
        }

        /**
         * Whether a HeadObject precedes each copy (default true) to carry SSE-KMS keys, skip SSE-C
         * and refuse archived or changed objects before copying, and to record the object's creation
         * time ({@code archiver-created}) the first time it is moved. With false an object up to 5 GiB
         * costs one request, gets the bucket's default encryption, and its age restarts at the move.
         */
        public Builder verifySource(boolean verify) {
            this.verifySource = verify;
            return this;
        }

        /**
         * Size above which the copy is multipart, 5 MiB to 5 GiB (default 5 GiB, CopyObject's limit).
         *
         * @throws IllegalArgumentException naming the bad value
         */
        public Builder multipartThreshold(long bytes) {
            if (bytes < MIN_PART_BYTES || bytes > MAX_SINGLE_COPY_BYTES) {
                throw new IllegalArgumentException("multipartThreshold must be " + MIN_PART_BYTES + ".." + MAX_SINGLE_COPY_BYTES
                        + " bytes, was " + bytes);
            }
            this.multipartThreshold = bytes;
            return this;
        }

        /**
         * Part size of a multipart copy, 5 MiB to 5 GiB (default 512 MiB; raised when 10,000 parts would not cover the object).
         *
         * @throws IllegalArgumentException naming the bad value
         */
        public Builder partSize(long bytes) {
            if (bytes < MIN_PART_BYTES || bytes > MAX_SINGLE_COPY_BYTES) {
                throw new IllegalArgumentException("partSize must be " + MIN_PART_BYTES + ".." + MAX_SINGLE_COPY_BYTES
                        + " bytes, was " + bytes);
            }
            this.partSize = bytes;
            return this;
        }

        public S3CopyTransitioner build() {
            return new S3CopyTransitioner(this);
        }
    }
}
