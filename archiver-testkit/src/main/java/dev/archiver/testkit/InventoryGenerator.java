package dev.archiver.testkit;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a synthetic S3 Inventory report to a folder, as S3 lays one out: {@code manifest.json}
 * (with the right {@code fileSchema}, sizes and MD5s), {@code manifest.checksum}, and CSV.gz data
 * files under {@code data/}, keys URL-encoded. Seeded: the same settings give the same rows.
 * Extra rows of your own ({@link #row(Row)}) come first, for keys with commas, quotes or unicode,
 * locked objects, delete markers.
 *
 * <pre>{@code
 * Path dir = InventoryGenerator.builder()
 *         .bucket("my-bucket").rows(1_000_000).rowsPerFile(250_000).seed(7)
 *         .versioned(true)
 *         .build()
 *         .write(tempDir.resolve("inventory"));
 * InventoryReader reader = InventoryReader.of(InventoryFiles.folder(dir));
 * }</pre>
 */
public final class InventoryGenerator {
    /** The columns a versioned report lists. */
    public static final String VERSIONED_SCHEMA = "Bucket, Key, VersionId, IsLatest, IsDeleteMarker, Size, LastModifiedDate, ETag, "
            + "StorageClass, IsMultipartUploaded, ReplicationStatus, EncryptionStatus, ObjectLockRetainUntilDate, ObjectLockMode, "
            + "ObjectLockLegalHoldStatus, IntelligentTieringAccessTier";
    /** The columns a current-versions report lists. */
    public static final String CURRENT_SCHEMA = "Bucket, Key, Size, LastModifiedDate, ETag, StorageClass, IsMultipartUploaded, "
            + "ReplicationStatus, EncryptionStatus, ObjectLockRetainUntilDate, ObjectLockMode, ObjectLockLegalHoldStatus, "
            + "IntelligentTieringAccessTier";

    private static final String[] PREFIXES = {"logs/app/2025/06/01/", "media/images/", "media/videos/", "backups/db/",
            "analytics/daily/dt=2025-06-01/", "thumbs/", "datasets/climate/run-"};
    private static final String[] EXTENSIONS = {".log.gz", ".jpg", ".mp4", ".dump.gz", ".parquet", "_128.jpg", ".h5"};
    private static final String[] CLASSES = {"STANDARD", "STANDARD", "STANDARD", "STANDARD", "STANDARD_IA", "INTELLIGENT_TIERING",
            "GLACIER_IR", "GLACIER"};

    /**
     * One inventory row, values as S3 writes them (the key decoded: the generator encodes it).
     * {@code null} is an empty field.
     */
    public record Row(String key, String versionId, boolean isLatest, boolean isDeleteMarker, Long size, Instant lastModified,
                      String eTag, String storageClass, String encryptionStatus, Instant retainUntil, String lockMode,
                      String legalHold, String tier) {
        public Row {
            Objects.requireNonNull(key, "key");
        }

        /** A current STANDARD object of {@code size} bytes. */
        public static Row of(String key, long size, Instant lastModified) {
            return new Row(key, null, true, false, size, lastModified, "0123456789abcdef0123456789abcdef", "STANDARD",
                    "SSE-S3", null, null, "OFF", null);
        }

        public Row withStorageClass(String c, String tier) {
            return new Row(key, versionId, isLatest, isDeleteMarker, size, lastModified, eTag, c, encryptionStatus, retainUntil,
                    lockMode, legalHold, tier);
        }

        public Row withVersion(String versionId, boolean isLatest, boolean isDeleteMarker) {
            return new Row(key, versionId, isLatest, isDeleteMarker, size, lastModified, eTag, storageClass, encryptionStatus,
                    retainUntil, lockMode, legalHold, tier);
        }

        public Row withLock(Instant retainUntil, String mode, String legalHold) {
            return new Row(key, versionId, isLatest, isDeleteMarker, size, lastModified, eTag, storageClass, encryptionStatus,
                    retainUntil, mode, legalHold, tier);
        }

        public Row withEncryption(String status) {
            return new Row(key, versionId, isLatest, isDeleteMarker, size, lastModified, eTag, storageClass, status, retainUntil,
                    lockMode, legalHold, tier);
        }
    }

    private final String bucket;
    private final long rows;
    private final int rowsPerFile;
    private final long seed;
    private final boolean versioned;
    private final Instant now;
    private final List<Row> extra;

    private InventoryGenerator(Builder b) {
        this.bucket = b.bucket;
        this.rows = b.rows;
        this.rowsPerFile = b.rowsPerFile;
        this.seed = b.seed;
        this.versioned = b.versioned;
        this.now = b.now;
        this.extra = List.copyOf(b.extra);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Writes the report into {@code dir} (created if needed) and returns it.
     *
     * @throws UncheckedIOException when writing fails
     */
    public Path write(Path dir) {
        try {
            Path data = dir.resolve("data");
            Files.createDirectories(data);
            SplittableRandom r = new SplittableRandom(seed);
            List<String> fileEntries = new ArrayList<>();
            long total = extra.size() + rows;
            long written = 0;
            int fileNo = 0;
            StringBuilder line = new StringBuilder(256);
            while (written < total || fileNo == 0) {
                String name = String.format("%08x-%04d.csv.gz", seed, fileNo++);
                MessageDigest md5 = md5();
                try (OutputStream o = new GZIPOutputStream(new BufferedOutputStream(new DigestOutputStream(
                        Files.newOutputStream(data.resolve(name)), md5), 1 << 16), 1 << 16) {
                    {
                        def.setLevel(Deflater.BEST_SPEED);
                    }
                }) {
                    long inFile = 0;
                    while (written < total && inFile < rowsPerFile) {
                        Row row = written < extra.size() ? extra.get((int) written) : random(r, written - extra.size());
                        line.setLength(0);
                        csv(row, line);
                        o.write(line.toString().getBytes(StandardCharsets.UTF_8));
                        written++;
                        inFile++;
                    }
                }
                String key = "inventory/" + bucket + "/daily/data/" + name;
                fileEntries.add("{\"key\":\"" + key + "\",\"size\":" + Files.size(data.resolve(name)) + ",\"MD5checksum\":\""
                        + HexFormat.of().formatHex(md5.digest()) + "\"}");
                if (total == 0) {
                    break;
                }
            }
            String manifest = "{\n  \"sourceBucket\" : \"" + bucket + "\",\n  \"destinationBucket\" : \"arn:aws:s3:::inventory-"
                    + bucket + "\",\n  \"version\" : \"2016-11-30\",\n  \"creationTimestamp\" : \"" + now.toEpochMilli()
                    + "\",\n  \"fileFormat\" : \"CSV\",\n  \"fileSchema\" : \"" + (versioned ? VERSIONED_SCHEMA : CURRENT_SCHEMA)
                    + "\",\n  \"files\" : [ " + String.join(", ", fileEntries) + " ]\n}\n";
            byte[] json = manifest.getBytes(StandardCharsets.UTF_8);
            Files.write(dir.resolve("manifest.json"), json);
            Files.writeString(dir.resolve("manifest.checksum"), HexFormat.of().formatHex(md5().digest(json)) + "\n");
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot write inventory: " + e.getMessage(), e);
        }
    }

    private Row random(SplittableRandom r, long i) {
        int c = r.nextInt(PREFIXES.length);
        long size = (long) Math.pow(10, 2 + r.nextDouble() * 8);
        Instant modified = now.minusSeconds(r.nextLong(600L * 86_400)).minusMillis(r.nextInt(1000));
        String cls = CLASSES[r.nextInt(CLASSES.length)];
        String tier = null;
        if (cls.equals("INTELLIGENT_TIERING")) {
            tier = new String[]{"FREQUENT", "INFREQUENT", "ARCHIVE_INSTANT_ACCESS", "ARCHIVE", "DEEP_ARCHIVE"}[r.nextInt(5)];
        }
        String eTag = Long.toHexString(r.nextLong() | Long.MIN_VALUE) + Long.toHexString(r.nextLong() | Long.MIN_VALUE);
        Row row = new Row(PREFIXES[c] + "object-" + i + EXTENSIONS[c], versioned ? Long.toString(i * 31 + 7, 36) + "v" : null, true,
                false, size, modified, eTag, cls, "SSE-S3", null, null, "OFF", tier);
        if (versioned && r.nextInt(20) == 0) {
            return row.withVersion(row.versionId(), false, false); // a noncurrent version
        }
        return row;
    }

    private void csv(Row row, StringBuilder s) {
        field(s, bucket);
        s.append(',');
        field(s, URLEncoder.encode(row.key(), StandardCharsets.UTF_8).replace("%2F", "/"));
        if (versioned) {
            s.append(',');
            field(s, row.versionId());
            s.append(',');
            field(s, Boolean.toString(row.isLatest()));
            s.append(',');
            field(s, Boolean.toString(row.isDeleteMarker()));
        }
        s.append(',');
        field(s, row.size() == null ? null : row.size().toString());
        s.append(',');
        field(s, row.lastModified() == null ? null : iso(row.lastModified()));
        s.append(',');
        field(s, row.eTag());
        s.append(',');
        field(s, row.storageClass());
        s.append(',');
        field(s, row.size() != null && row.size() > 16L << 20 ? "true" : "false");
        s.append(',');
        field(s, "");
        s.append(',');
        field(s, row.encryptionStatus());
        s.append(',');
        field(s, row.retainUntil() == null ? null : iso(row.retainUntil()));
        s.append(',');
        field(s, row.lockMode());
        s.append(',');
        field(s, row.legalHold());
        s.append(',');
        field(s, row.tier());
        s.append('\n');
    }

    /** {@code 2026-11-01T01:02:03.000Z}, as S3 Inventory writes dates. */
    static String iso(Instant t) {
        String s = Instant.ofEpochMilli(t.toEpochMilli()).toString();
        if (s.length() == 20) {
            return s.substring(0, 19) + ".000Z";
        }
        return s;
    }

    private static void field(StringBuilder s, String v) {
        s.append('"');
        if (v != null) {
            s.append(v.replace("\"", "\"\""));
        }
        s.append('"');
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Builds an {@link InventoryGenerator}; every setter validates at once. */
    public static final class Builder {
        private String bucket = "inventory-bucket";
        private long rows = 1000;
        private int rowsPerFile = 100_000;
        private long seed = 1;
        private boolean versioned;
        private Instant now = Instant.parse("2026-11-01T00:00:00Z");
        private final List<Row> extra = new ArrayList<>();

        private Builder() {
        }

        /** @throws IllegalArgumentException when blank */
        public Builder bucket(String bucket) {
            if (bucket == null || bucket.isBlank() || bucket.contains("\"")) {
                throw new IllegalArgumentException("bucket must be a bucket name, was '" + bucket + "'");
            }
            this.bucket = bucket;
            return this;
        }

        /** Random rows after the extra ones. @throws IllegalArgumentException when negative */
        public Builder rows(long rows) {
            if (rows < 0) {
                throw new IllegalArgumentException("rows must be >= 0, was " + rows);
            }
            this.rows = rows;
            return this;
        }

        /** @throws IllegalArgumentException unless positive */
        public Builder rowsPerFile(int rowsPerFile) {
            if (rowsPerFile < 1) {
                throw new IllegalArgumentException("rowsPerFile must be >= 1, was " + rowsPerFile);
            }
            this.rowsPerFile = rowsPerFile;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** An "all versions" report: VersionId, IsLatest, IsDeleteMarker columns; 1 random row in 20 is noncurrent. */
        public Builder versioned(boolean versioned) {
            this.versioned = versioned;
            return this;
        }

        /** The report's creation time; random objects were last modified up to 600 days before it. */
        public Builder now(Instant now) {
            this.now = Objects.requireNonNull(now, "now");
            return this;
        }

        /** A row of your own, written before the random ones. */
        public Builder row(Row row) {
            extra.add(Objects.requireNonNull(row, "row"));
            return this;
        }

        public InventoryGenerator build() {
            return new InventoryGenerator(this);
        }
    }
}
