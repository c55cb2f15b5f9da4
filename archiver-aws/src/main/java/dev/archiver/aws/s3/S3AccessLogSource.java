package dev.archiver.aws.s3;

import dev.archiver.core.ArchiverException;
import dev.archiver.core.access.AccessLogSource;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.InvalidObjectStateException;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * S3 server access logs stored in S3: every log object under {@code s3://bucket/prefix}, listed with
 * ListObjectsV2 (paginated) through the caller's {@link S3Client} and streamed with GetObject when the
 * parser opens it. Files come in key order, which for S3's log object names
 * ({@code [prefix]YYYY-mm-DD-HH-MM-SS-UniqueString}, also in the date-partitioned form) is delivery
 * order. Gzip is the parser's business (it recognises the magic bytes).
 *
 * <pre>{@code
 * try (S3Client s3 = S3Client.create()) {
 *     AccessLogSource logs = S3AccessLogSource.of(s3, "s3://my-log-bucket/logs/my-bucket/");
 *     AccessHistoryIndex index = AccessHistoryIndex.builder().bucket("my-bucket").build();
 *     ParseReport report = index.addAll(logs, AccessLogParser.builder().build());
 * }
 * }</pre>
 *
 * <p>The prefix is matched as S3 matches it (a plain string prefix: {@code s3://b/logs} also takes
 * {@code logs-2025…} and {@code logs/…}); {@code s3://b} or {@code s3://b/} is the whole bucket. Skipped,
 * as {@link AccessLogSource#local} skips hidden files: zero-byte objects (the console's folder markers,
 * and S3 never delivers an empty log), keys ending in {@code /}, and keys whose last segment starts with
 * {@code .}. The listing is made once, on the first {@link #files()}, and kept (one small record per log
 * object). Errors are {@link ArchiverException}s naming the {@code s3://} URI: a listing that S3 refuses
 * (no such bucket, access denied) or cannot answer, a log object that cannot be fetched (including one
 * archived to Glacier and not restored); a failure in the middle of a stream is an {@link IOException}
 * the parser reports with the object's URI. Not thread-safe while listing; the client is not closed here.
 */
public final class S3AccessLogSource implements AccessLogSource {
    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final int pageSize;
    private List<LogFile> files;

    private S3AccessLogSource(Builder b) {
        this.s3 = b.s3;
        this.bucket = b.bucket;
        this.prefix = b.prefix;
        this.pageSize = b.pageSize;
    }

    /**
     * Every log object under {@code uri} ({@code s3://bucket[/prefix]}).
     *
     * @throws ArchiverException when {@code uri} is not an {@code s3://} URI with a bucket
     */
    public static S3AccessLogSource of(S3Client s3, String uri) {
        return builder(s3, uri).build();
    }

    /**
     * A builder for the log objects under {@code uri} ({@code s3://bucket[/prefix]}).
     *
     * @throws ArchiverException when {@code uri} is not an {@code s3://} URI with a bucket
     */
    public static Builder builder(S3Client s3, String uri) {
        return new Builder(s3, uri);
    }

    /** True when {@code text} is meant as an S3 location ({@code s3://…}, any case of the scheme). */
    public static boolean isS3Uri(String text) {
        return text != null && text.regionMatches(true, 0, "s3://", 0, 5);
    }

    /** The bucket holding the logs. */
    public String bucket() {
        return bucket;
    }

    /** The key prefix, {@code ""} for the whole bucket. */
    public String prefix() {
        return prefix;
    }

    /** {@code s3://bucket/prefix}. */
    public String uri() {
        return "s3://" + bucket + "/" + prefix;
    }

    /**
     * The log objects in key order (listed on the first call).
     *
     * @throws ArchiverException naming the URI when the listing fails
     */
    @Override
    public synchronized List<LogFile> files() {
        if (files == null) {
            files = list();
        }
        return files;
    }

    private List<LogFile> list() {
        List<LogFile> out = new ArrayList<>();
        ListObjectsV2Request.Builder request = ListObjectsV2Request.builder().bucket(bucket).maxKeys(pageSize);
        if (!prefix.isEmpty()) {
            request.prefix(prefix);
        }
        String token = null;
        try {
            do {
                ListObjectsV2Response page = s3.listObjectsV2(request.continuationToken(token).build());
                for (S3Object o : page.contents()) {
                    if (wanted(o)) {
                        out.add(new S3LogFile(o.key(), o.size()));
                    }
                }
                token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
            } while (token != null);
        } catch (SdkException e) {
            throw new ArchiverException(uri() + ": cannot list the access logs: " + S3Outcomes.describe(e), e);
        }
        return List.copyOf(out);
    }

    private static boolean wanted(S3Object o) {
        String key = o.key();
        if (o.size() != null && o.size() == 0 || key.endsWith("/")) {
            return false;
        }
        return !key.substring(key.lastIndexOf('/') + 1).startsWith(".");
    }

    @Override
    public String toString() {
        return "S3AccessLogSource[" + uri() + "]";
    }

    /** One log object, fetched when opened. */
    private final class S3LogFile implements LogFile {
        private final String key;
        private final Long size;

        S3LogFile(String key, Long size) {
            this.key = key;
            this.size = size;
        }

        @Override
        public String name() {
            return "s3://" + bucket + "/" + key;
        }

        /**
         * Streams the object.
         *
         * @throws ArchiverException naming the object when S3 refuses (for instance, archived and not restored)
         */
        @Override
        public InputStream open() {
            InputStream in;
            try {
                in = s3.getObject(g -> g.bucket(bucket).key(key));
            } catch (InvalidObjectStateException e) {
                throw new ArchiverException(name() + ": cannot read: the log object is archived (restore it first, or "
                        + "narrow the prefix): " + S3Outcomes.describe(e), e);
            } catch (SdkException e) {
                throw new ArchiverException(name() + ": cannot read: " + S3Outcomes.describe(e), e);
            }
            return new FilterInputStream(in) {
                @Override
                public int read() throws IOException {
                    try {
                        return super.read();
                    } catch (SdkException e) {
                        throw new IOException(S3Outcomes.describe(e), e);
                    }
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    try {
                        return super.read(b, off, len);
                    } catch (SdkException e) {
                        throw new IOException(S3Outcomes.describe(e), e);
                    }
                }
            };
        }

        @Override
        public String toString() {
            return name() + (size == null ? "" : " (" + size + " bytes)");
        }
    }

    /** Builds a source; every setter validates at once. */
    public static final class Builder {
        private final S3Client s3;
        private final String bucket;
        private final String prefix;
        private int pageSize = 1000;

        private Builder(S3Client s3, String uri) {
            if (s3 == null) {
                throw new IllegalArgumentException("s3 client must not be null");
            }
            if (!isS3Uri(uri)) {
                throw new ArchiverException("expected s3://bucket/prefix, was " + uri);
            }
            String rest = uri.substring(5);
            int slash = rest.indexOf('/');
            String b = slash < 0 ? rest : rest.substring(0, slash);
            if (b.isEmpty()) {
                throw new ArchiverException("expected s3://bucket/prefix with a bucket, was " + uri);
            }
            this.s3 = s3;
            this.bucket = b;
            this.prefix = slash < 0 ? "" : rest.substring(slash + 1);
        }

        /**
         * Keys per ListObjectsV2 request (default 1000, S3's maximum).
         *
         * @throws IllegalArgumentException when outside 1..1000
         */
        public Builder pageSize(int pageSize) {
            if (pageSize < 1 || pageSize > 1000) {
                throw new IllegalArgumentException("pageSize must be 1..1000, was " + pageSize);
            }
            this.pageSize = pageSize;
            return this;
        }

        public S3AccessLogSource build() {
            return new S3AccessLogSource(this);
        }
    }
}
