package dev.archiver.core.object;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What the archiver knows about one object (one version, in a versioned bucket) at decision
 * time: where it is, how big, when it was last written, its storage class and the ETag a
 * transition must be conditional on.
 *
 * <pre>{@code
 * ObjectInfo o = ObjectInfo.builder("my-bucket", "logs/2025/01/app.log.gz")
 *         .size(1_048_576)
 *         .lastModified(Instant.parse("2025-01-01T00:00:00Z"))
 *         .eTag("\"9b2cf535f27731c974343645a3985328\"")
 *         .build();
 * }</pre>
 *
 * @param bucket        bucket name
 * @param key           object key, decoded (never URL-encoded)
 * @param versionId     version id in a versioned bucket; {@code null} when the bucket is not versioned
 * @param size          content length in bytes
 * @param lastModified  S3's LastModified: creation or last overwrite, and reset by an in-place copy
 *                      (the clock of a storage class's minimum duration; for the object's age see
 *                      {@link #createdAt()})
 * @param storageClass  current storage class
 * @param eTag          the ETag as S3 reports it (quotes kept); may be {@code null} when unknown
 * @param tags          object tags (empty when unknown or none)
 * @param metadata      user metadata without the {@code x-amz-meta-} prefix, keys lower case (empty when
 *                      unknown or none); {@link #CREATED_METADATA_KEY} in it records the original creation time
 * @param archiveStatus {@code ARCHIVE_ACCESS} or {@code DEEP_ARCHIVE_ACCESS} for an INTELLIGENT_TIERING
 *                      object in an archive tier, otherwise {@code null}
 * @param lockedUntil   until when S3 Object Lock protects this version (its retain-until date, or
 *                      {@link Instant#MAX} under a legal hold); {@code null} when not locked or unknown.
 *                      A copy in place cannot replace a locked version, only add a new one beside it,
 *                      so the engine keeps such objects when it moves by copy
 */
public record ObjectInfo(
        String bucket,
        String key,
        String versionId,
        long size,
        Instant lastModified,
        StorageClass storageClass,
        String eTag,
        Map<String, String> tags,
        Map<String, String> metadata,
        String archiveStatus,
        Instant lockedUntil) {

    /**
     * User-metadata key ({@code x-amz-meta-archiver-created}) under which a transition by copy
     * records the object's original creation time as an ISO-8601 instant
     * ({@code 2025-01-01T00:00:00Z}): a copy resets LastModified, and this keeps the object's age.
     * Written once, by the first copy (the source's LastModified), and carried unchanged by later ones.
     */
    public static final String CREATED_METADATA_KEY = "archiver-created";

    /** An object without Object Lock information (the form before {@code lockedUntil} existed). */
    public ObjectInfo(String bucket, String key, String versionId, long size, Instant lastModified,
                      StorageClass storageClass, String eTag, Map<String, String> tags, Map<String, String> metadata,
                      String archiveStatus) {
        this(bucket, key, versionId, size, lastModified, storageClass, eTag, tags, metadata, archiveStatus, null);
    }

    public ObjectInfo {
        requireText(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        if (key.isEmpty()) {
            throw new IllegalArgumentException("key must not be empty");
        }
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0, was " + size + " for key '" + key + "'");
        }
        Objects.requireNonNull(lastModified, "lastModified");
        Objects.requireNonNull(storageClass, "storageClass");
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /** Starts an object description; size 0, STANDARD, epoch LastModified until set. */
    public static Builder builder(String bucket, String key) {
        return new Builder(bucket, key);
    }

    /** A builder holding this object's values, to change some of them. */
    public Builder toBuilder() {
        return new Builder(bucket, key).versionId(versionId).size(size).lastModified(lastModified)
                .storageClass(storageClass).eTag(eTag).tags(tags).metadata(metadata).archiveStatus(archiveStatus).lockedUntil(lockedUntil);
    }

    /**
     * When the object was created: the {@link #CREATED_METADATA_KEY} metadata value when present and
     * a valid ISO-8601 instant not after {@link #lastModified()}, else {@link #lastModified()}. The
     * features' {@code age_days} count from here; the minimum-duration clock of the current storage
     * class counts from {@link #lastModified()}, which a copy rightly resets. Costs nothing when
     * the metadata is empty (the usual listing).
     */
    public Instant createdAt() {
        if (metadata.isEmpty()) {
            return lastModified;
        }
        return parseCreated(metadata.get(CREATED_METADATA_KEY), lastModified);
    }

    /**
     * {@code value} as a creation instant, or {@code fallback} when it is null, not an ISO-8601
     * instant, or after {@code fallback} (an object cannot be created after it was last written).
     */
    public static Instant parseCreated(String value, Instant fallback) {
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            Instant created = wholeSecondUtc(value);
            if (created == null) {
                created = Instant.parse(value.trim());
            }
            return created.isAfter(fallback) ? fallback : created;
        } catch (java.time.format.DateTimeParseException e) {
            return fallback;
        }
    }

    /**
     * {@code yyyy-MM-ddTHH:mm:ssZ}, the form {@link Instant#toString()} writes for whole seconds, without the general
     * parser (a backtest reads it for every copied object at every decision); null for anything else.
     */
    private static Instant wholeSecondUtc(String s) {
        if (s.length() != 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':' || s.charAt(19) != 'Z') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int second = digits(s, 17, 19);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > java.time.YearMonth.of(year, month).lengthOfMonth()
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        long epochDay = java.time.LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600 + minute * 60 + second);
    }

    /** The decimal value of {@code s[from, to)}, or -1 unless all are ASCII digits. */
    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** True when Object Lock still protects this version at {@code now}. */
    public boolean isLockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }

    /**
     * True when the object must be restored before it can be read or copied: GLACIER,
     * DEEP_ARCHIVE, or INTELLIGENT_TIERING in one of its archive access tiers.
     */
    public boolean isArchived() {
        return storageClass.requiresRestore() || archiveStatus != null;
    }

    /** True when the object lives in a versioning-enabled bucket (it has a real version id). */
    public boolean isVersioned() {
        return versionId != null && !versionId.equals("null");
    }

    /** {@code bucket/key} (and {@code ?versionId=…} when versioned), for messages. */
    public String location() {
        return isVersioned() ? bucket + "/" + key + "?versionId=" + versionId : bucket + "/" + key;
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    /** Builds an {@link ObjectInfo}. */
    public static final class Builder {
        private final String bucket;
        private final String key;
        private String versionId;
        private long size;
        private Instant lastModified = Instant.EPOCH;
        private StorageClass storageClass = StorageClass.STANDARD;
        private String eTag;
        private Map<String, String> tags = Map.of();
        private Map<String, String> metadata = Map.of();
        private String archiveStatus;
        private Instant lockedUntil;

        private Builder(String bucket, String key) {
            this.bucket = bucket;
            this.key = key;
        }

        public Builder versionId(String versionId) {
            this.versionId = versionId;
            return this;
        }

        public Builder size(long size) {
            this.size = size;
            return this;
        }

        public Builder lastModified(Instant lastModified) {
            this.lastModified = lastModified;
            return this;
        }

        public Builder storageClass(StorageClass storageClass) {
            this.storageClass = storageClass;
            return this;
        }

        public Builder eTag(String eTag) {
            this.eTag = eTag;
            return this;
        }

        public Builder tags(Map<String, String> tags) {
            this.tags = tags;
            return this;
        }

        public Builder metadata(Map<String, String> metadata) {
            this.metadata = metadata;
            return this;
        }

        public Builder archiveStatus(String archiveStatus) {
            this.archiveStatus = archiveStatus;
            return this;
        }

        /** Until when Object Lock protects the version ({@link Instant#MAX} for a legal hold); {@code null} when not locked. */
        public Builder lockedUntil(Instant lockedUntil) {
            this.lockedUntil = lockedUntil;
            return this;
        }

        /** @throws IllegalArgumentException naming the first invalid value */
        public ObjectInfo build() {
            return new ObjectInfo(bucket, key, versionId, size, lastModified, storageClass, eTag, tags, metadata, archiveStatus,
                    lockedUntil);
        }
    }
}
