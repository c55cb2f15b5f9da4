package dev.archiver.core.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.archiver.core.ArchiverException;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The {@code manifest.json} of one S3 Inventory report: which bucket it describes, when it was
 * made, its format and columns, and the data files (key, size, MD5) that hold the rows.
 *
 * <pre>{@code
 * InventoryManifest m = InventoryManifest.parse(Files.readAllBytes(Path.of("manifest.json")), "manifest.json");
 * int keyColumn = m.column("Key");               // -1 when absent
 * long rowsBytes = m.files().stream().mapToLong(InventoryManifest.DataFile::size).sum();
 * }</pre>
 *
 * @param sourceBucket      the bucket the report lists
 * @param destinationBucket the bucket the report was written to, as given ({@code arn:aws:s3:::name})
 * @param version           the manifest format version ({@code 2016-11-30})
 * @param creationTimestamp when S3 started the report
 * @param fileFormat        {@code CSV}, {@code ORC} or {@code Parquet}
 * @param fileSchema        the column names, in order (spaces around the commas removed)
 * @param files             the data files
 */
public record InventoryManifest(String sourceBucket, String destinationBucket, String version, Instant creationTimestamp,
                                String fileFormat, List<String> fileSchema, List<DataFile> files) {

    /**
     * One data file of the report.
     *
     * @param key          its key in the destination bucket
     * @param size         its size in bytes (compressed)
     * @param md5Checksum  the MD5 of its bytes, lower-case hex
     */
    public record DataFile(String key, long size, String md5Checksum) {
        public DataFile {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(md5Checksum, "md5Checksum");
            if (size < 0) {
                throw new IllegalArgumentException("size must be >= 0, was " + size + " for " + key);
            }
            md5Checksum = md5Checksum.toLowerCase(Locale.ROOT);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    public InventoryManifest {
        Objects.requireNonNull(sourceBucket, "sourceBucket");
        Objects.requireNonNull(fileFormat, "fileFormat");
        Objects.requireNonNull(creationTimestamp, "creationTimestamp");
        fileSchema = List.copyOf(fileSchema);
        files = List.copyOf(files);
    }

    /** The index of column {@code name} in {@link #fileSchema()} (case-insensitive), or -1. */
    public int column(String name) {
        for (int i = 0; i < fileSchema.size(); i++) {
            if (fileSchema.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    /** The sum of the data files' sizes. */
    public long totalSize() {
        long t = 0;
        for (DataFile f : files) {
            t += f.size();
        }
        return t;
    }

    /**
     * Parses manifest.json.
     *
     * @param sourceName names the manifest in errors
     * @throws ArchiverException naming the manifest and the missing or bad field
     */
    public static InventoryManifest parse(byte[] json, String sourceName) {
        JsonNode n;
        try {
            n = JSON.readTree(json);
        } catch (IOException e) {
            throw new ArchiverException(sourceName + ": not valid JSON: " + e.getMessage(), e);
        }
        if (n == null || !n.isObject()) {
            throw new ArchiverException(sourceName + ": expected a JSON object");
        }
        String schema = text(n, "fileSchema", sourceName);
        List<String> columns = new ArrayList<>();
        for (String c : schema.split(",")) {
            columns.add(c.trim());
        }
        JsonNode fs = n.get("files");
        if (fs == null || !fs.isArray()) {
            throw new ArchiverException(sourceName + ": files: missing or not an array");
        }
        List<DataFile> files = new ArrayList<>();
        for (int i = 0; i < fs.size(); i++) {
            JsonNode f = fs.get(i);
            String where = sourceName + ": files[" + i + "]";
            JsonNode size = f.get("size");
            if (size == null || !size.canConvertToLong()) {
                throw new ArchiverException(where + ".size: missing or not an integer");
            }
            files.add(new DataFile(text(f, "key", where), size.asLong(), text(f, "MD5checksum", where)));
        }
        JsonNode ts = n.get("creationTimestamp");
        Instant created;
        try {
            created = Instant.ofEpochMilli(Long.parseLong(ts == null ? "" : ts.asText()));
        } catch (NumberFormatException e) {
            throw new ArchiverException(sourceName + ": creationTimestamp: expected epoch milliseconds, was " + ts);
        }
        return new InventoryManifest(text(n, "sourceBucket", sourceName),
                n.hasNonNull("destinationBucket") ? n.get("destinationBucket").asText() : null,
                n.hasNonNull("version") ? n.get("version").asText() : null, created,
                text(n, "fileFormat", sourceName), columns, files);
    }

    /**
     * Checks manifest.json's bytes against the content of {@code manifest.checksum}.
     *
     * @throws ArchiverException naming the manifest when they differ
     */
    public static void verifyChecksum(byte[] manifestJson, String checksumFileContent, String sourceName) {
        String expected = checksumFileContent.trim().toLowerCase(Locale.ROOT);
        String actual = md5Hex(manifestJson);
        if (!actual.equals(expected)) {
            throw new ArchiverException(sourceName + ": MD5 is " + actual + " but manifest.checksum says " + expected
                    + " (incomplete or altered manifest)");
        }
    }

    static String md5Hex(byte[] bytes) {
        return HexFormat.of().formatHex(md5().digest(bytes));
    }

    static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every JVM", e);
        }
    }

    private static String text(JsonNode n, String field, String where) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull() || !v.isTextual()) {
            throw new ArchiverException(where + ": " + field + ": missing or not a string");
        }
        return v.asText();
    }
}
