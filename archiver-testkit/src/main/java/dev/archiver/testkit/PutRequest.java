package dev.archiver.testkit;

import dev.archiver.core.object.StorageClass;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One PutObject for {@link InMemoryObjectStore#put(PutRequest)}: the content and everything S3
 * stores with it. The builder enforces S3's limits (key up to 1024 UTF-8 bytes, at most 10 tags,
 * user metadata up to 2 KB) and lower-cases user-metadata keys as S3 does.
 *
 * <pre>{@code
 * store.put(PutRequest.builder("bucket", "logs/app.log.gz")
 *         .content(Content.of("..."))
 *         .contentType("text/plain").contentEncoding("gzip")
 *         .metadata(Map.of("owner", "alice")).tags(Map.of("team", "storage"))
 *         .storageClass(StorageClass.STANDARD_IA)
 *         .build());
 * }</pre>
 *
 * @param bucket          bucket name
 * @param key             object key
 * @param content         the bytes
 * @param contentType     Content-Type; S3's default {@code binary/octet-stream} when not set
 * @param contentEncoding Content-Encoding, or {@code null}
 * @param metadata        user metadata, keys lower-case, without {@code x-amz-meta-}
 * @param tags            object tags
 * @param storageClass    storage class
 */
public record PutRequest(String bucket, String key, Content content, String contentType, String contentEncoding,
                         Map<String, String> metadata, Map<String, String> tags, StorageClass storageClass) {

    /** S3's Content-Type when a PUT sends none. */
    public static final String DEFAULT_CONTENT_TYPE = "binary/octet-stream";

    public PutRequest {
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("bucket must not be blank, was '" + bucket + "'");
        }
        Objects.requireNonNull(key, "key");
        if (key.isEmpty()) {
            throw new IllegalArgumentException("key must not be empty");
        }
        int keyBytes = key.getBytes(StandardCharsets.UTF_8).length;
        if (keyBytes > 1024) {
            throw new IllegalArgumentException("key must be at most 1024 UTF-8 bytes, was " + keyBytes + " bytes: '"
                    + key.substring(0, Math.min(key.length(), 40)) + "...'");
        }
        Objects.requireNonNull(content, "content");
        contentType = contentType == null ? DEFAULT_CONTENT_TYPE : contentType;
        Objects.requireNonNull(storageClass, "storageClass");
        metadata = lowerCaseKeys(metadata == null ? Map.of() : metadata);
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        if (tags.size() > 10) {
            throw new IllegalArgumentException("at most 10 tags per object, was " + tags.size() + ": " + tags.keySet());
        }
        tags.forEach((k, v) -> {
            if (k.isEmpty() || k.length() > 128 || v.length() > 256) {
                throw new IllegalArgumentException("tag key must be 1-128 characters and value at most 256, was '" + k + "'='" + v + "'");
            }
        });
        int metadataBytes = metadata.entrySet().stream()
                .mapToInt(e -> (e.getKey() + e.getValue()).getBytes(StandardCharsets.UTF_8).length).sum();
        if (metadataBytes > 2048) {
            throw new IllegalArgumentException("user metadata must be at most 2048 bytes, was " + metadataBytes);
        }
    }

    /** Starts a PUT of empty content in STANDARD. */
    public static Builder builder(String bucket, String key) {
        return new Builder(bucket, key);
    }

    private static Map<String, String> lowerCaseKeys(Map<String, String> m) {
        Map<String, String> out = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            String lower = Objects.requireNonNull(k, "metadata key").toLowerCase(Locale.ROOT);
            if (out.put(lower, Objects.requireNonNull(v, "metadata value of " + k)) != null) {
                throw new IllegalArgumentException("metadata keys collide when lower-cased: '" + lower + "'");
            }
        });
        return Map.copyOf(out);
    }

    /** Builds a {@link PutRequest}; {@link #build()} validates. */
    public static final class Builder {
        private final String bucket;
        private final String key;
        private Content content = Content.empty();
        private String contentType;
        private String contentEncoding;
        private Map<String, String> metadata = Map.of();
        private Map<String, String> tags = Map.of();
        private StorageClass storageClass = StorageClass.STANDARD;

        private Builder(String bucket, String key) {
            this.bucket = bucket;
            this.key = key;
        }

        public Builder content(Content content) {
            this.content = Objects.requireNonNull(content, "content");
            return this;
        }

        /** UTF-8 text as the content. */
        public Builder content(String text) {
            return content(Content.of(text));
        }

        public Builder contentType(String contentType) {
            this.contentType = contentType;
            return this;
        }

        public Builder contentEncoding(String contentEncoding) {
            this.contentEncoding = contentEncoding;
            return this;
        }

        public Builder metadata(Map<String, String> metadata) {
            this.metadata = Objects.requireNonNull(metadata, "metadata");
            return this;
        }

        public Builder tags(Map<String, String> tags) {
            this.tags = Objects.requireNonNull(tags, "tags");
            return this;
        }

        public Builder storageClass(StorageClass storageClass) {
            this.storageClass = Objects.requireNonNull(storageClass, "storageClass");
            return this;
        }

        /** @throws IllegalArgumentException naming the first value S3 would reject */
        public PutRequest build() {
            return new PutRequest(bucket, key, content, contentType, contentEncoding, metadata, tags, storageClass);
        }
    }
}
