package dev.archiver.aws.s3;

import dev.archiver.core.ArchiverException;
import dev.archiver.core.inventory.InventoryFiles;
import dev.archiver.core.inventory.InventoryManifest;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;

/**
 * An S3 Inventory report read straight from S3: {@code manifest.json} at an {@code s3://} URI,
 * {@code manifest.checksum} beside it, and each data file the manifest lists as a GetObject of
 * its key in the manifest's destination bucket (the {@code destinationBucket} ARN,
 * {@code arn:aws:s3:::name}). Data files are returned as S3's response streams, unread, so the
 * {@link dev.archiver.core.inventory.InventoryReader}'s size and MD5 checks apply unchanged and
 * nothing is buffered beyond the manifest itself. Only GetObject is sent; nothing is written.
 *
 * <pre>{@code
 * S3Client s3 = S3Client.create();
 * InventoryFiles files = S3InventoryFiles.of(s3,
 *         "s3://inventory-bucket/my-bucket/daily/2026-11-01T01-00Z/manifest.json");
 * PlanResult r = StreamingPlanner.builder(engine).build().plan(InventoryReader.of(files), Path.of("out"));
 * }</pre>
 *
 * <p>A URI ending in {@code /} names the folder holding {@code manifest.json}. Every failure is an
 * {@link ArchiverException} naming the {@code s3://} URI of the object that could not be read and
 * S3's error code.
 */
public final class S3InventoryFiles implements InventoryFiles {
    private static final String MANIFEST = "manifest.json";

    private final S3Client s3;
    private final String bucket;
    private final String manifestKey;
    private String destinationBucket;

    private S3InventoryFiles(S3Client s3, String bucket, String manifestKey) {
        this.s3 = s3;
        this.bucket = bucket;
        this.manifestKey = manifestKey;
    }

    /**
     * The report whose {@code manifest.json} is at {@code uri} ({@code s3://bucket/…/manifest.json},
     * or {@code s3://bucket/…/} for the folder holding it). Nothing is requested until a file is opened.
     *
     * @throws ArchiverException when {@code uri} is not {@code s3://bucket/key}
     */
    public static S3InventoryFiles of(S3Client s3, String uri) {
        Objects.requireNonNull(s3, "s3");
        if (uri == null || !uri.startsWith("s3://")) {
            throw new ArchiverException(uri + ": expected s3://bucket/…/manifest.json");
        }
        String rest = uri.substring("s3://".length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String key = slash < 0 ? "" : rest.substring(slash + 1);
        if (bucket.isEmpty()) {
            throw new ArchiverException(uri + ": expected s3://bucket/…/manifest.json (no bucket)");
        }
        if (key.isEmpty() || key.endsWith("/")) {
            key = key + MANIFEST;
        }
        return new S3InventoryFiles(s3, bucket, key);
    }

    /** {@code s3://bucket/…/manifest.json}. */
    @Override
    public String name() {
        return uri(bucket, manifestKey);
    }

    /**
     * Reads {@code manifest.json} whole (it is small: one entry per data file) and remembers its
     * destination bucket for {@link #openDataFile(String)}.
     */
    @Override
    public InputStream openManifest() {
        byte[] json = manifestBytes();
        return new ByteArrayInputStream(json);
    }

    /** {@code manifest.checksum} beside {@code manifest.json}; empty when S3 answers 404. */
    @Override
    public Optional<InputStream> openManifestChecksum() {
        String key = manifestKey.substring(0, manifestKey.lastIndexOf('/') + 1) + "manifest.checksum";
        try {
            return Optional.of(s3.getObjectAsBytes(g -> g.bucket(bucket).key(key)).asInputStream());
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw new ArchiverException(uri(bucket, key) + ": cannot read manifest.checksum: " + S3Outcomes.describe(e), e);
        } catch (SdkException e) {
            throw new ArchiverException(uri(bucket, key) + ": cannot read manifest.checksum: " + S3Outcomes.describe(e), e);
        }
    }

    /**
     * GetObject of {@code key} in the destination bucket, as S3's response stream. An error while
     * the stream is read is an {@link IOException} naming the URI.
     *
     * @throws ArchiverException naming {@code s3://destination/key} when S3 refuses the GetObject
     */
    @Override
    public InputStream openDataFile(String key) {
        String dest = destinationBucket();
        String uri = uri(dest, key);
        try {
            return new Translating(s3.getObject(g -> g.bucket(dest).key(key)), uri);
        } catch (SdkException e) {
            throw new ArchiverException(uri + ": cannot read data file: " + S3Outcomes.describe(e), e);
        }
    }

    /** {@code s3://destination/key}, as errors about the data file name it. */
    @Override
    public String describe(String key) {
        try {
            return uri(destinationBucket(), key);
        } catch (ArchiverException e) {
            return key;
        }
    }

    /** The bucket the data files are read from: the manifest's {@code destinationBucket}, else the manifest's own bucket. */
    public synchronized String destinationBucket() {
        if (destinationBucket == null) {
            manifestBytes();
        }
        return destinationBucket;
    }

    private synchronized byte[] manifestBytes() {
        byte[] json;
        try {
            json = s3.getObjectAsBytes(g -> g.bucket(bucket).key(manifestKey)).asByteArray();
        } catch (SdkException e) {
            throw new ArchiverException(name() + ": cannot read manifest: " + S3Outcomes.describe(e), e);
        }
        String arn;
        try {
            arn = InventoryManifest.parse(json, name()).destinationBucket();
        } catch (ArchiverException e) {
            // The reader parses the manifest again and reports what is wrong with it; the data files
            // cannot be located without it, so they stay in the manifest's bucket meanwhile.
            arn = null;
        }
        destinationBucket = arn == null || arn.isBlank() ? bucket : bucketOf(arn);
        return json;
    }

    /** {@code arn:aws:s3:::name} (any partition) or a plain bucket name → the name. */
    private String bucketOf(String arn) {
        if (!arn.startsWith("arn:")) {
            return arn;
        }
        String[] parts = arn.split(":", 6);
        if (parts.length != 6 || !parts[2].equals("s3") || parts[5].isEmpty() || parts[5].contains("/")) {
            throw new ArchiverException(name() + ": destinationBucket: expected arn:aws:s3:::bucket, was " + arn);
        }
        return parts[5];
    }

    private static String uri(String bucket, String key) {
        return "s3://" + bucket + "/" + key;
    }

    @Override
    public String toString() {
        return "S3InventoryFiles[" + name() + "]";
    }

    /** S3's response stream, with the SDK's unchecked read failures turned into IOExceptions naming the object. */
    private static final class Translating extends FilterInputStream {
        private final String uri;

        Translating(InputStream in, String uri) {
            super(in);
            this.uri = uri;
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (SdkException e) {
                throw failure(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (SdkException e) {
                throw failure(e);
            }
        }

        private IOException failure(SdkException e) {
            return new IOException(uri + ": reading from S3 failed: " + S3Outcomes.describe(e), e);
        }
    }
}
