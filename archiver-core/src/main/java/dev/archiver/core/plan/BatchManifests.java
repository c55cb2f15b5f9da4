package dev.archiver.core.plan;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.archiver.core.decide.Decision;
import dev.archiver.core.object.ObjectInfo;
import dev.archiver.core.object.StorageClass;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The S3 Batch Operations manifests of a plan, one CSV per target class (and one more per class
 * for objects over 5 GiB, which need the Lambda handler's multipart copy), and the CreateJob
 * request beside each. Rows are {@code Bucket,Key[,VersionId]} with no header; the key is
 * percent-encoded as {@link #encodeKey(String)} says.
 */
final class BatchManifests implements AutoCloseable {
    /** Largest object CopyObject (and so the built-in Batch Operations copy) can copy in one request. */
    static final long MAX_SINGLE_COPY_BYTES = 5L * 1024 * 1024 * 1024;
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    /** One manifest file being written. */
    static final class Manifest {
        final StorageClass target;
        final boolean large;
        final String fileName;
        final MessageDigest md5;
        final OutputStream out;
        final String bucket;
        long rows;
        long objectBytes;

        Manifest(StorageClass target, boolean large, Path dir, String bucket) throws IOException {
            this.bucket = bucket;
            this.target = target;
            this.large = large;
            this.fileName = target.name() + (large ? "-over-5GiB" : "") + ".csv";
            try {
                this.md5 = MessageDigest.getInstance("MD5");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            this.out = new BufferedOutputStream(new DigestOutputStream(Files.newOutputStream(dir.resolve(fileName)), md5), 1 << 16);
        }

        String jobFileName() {
            return fileName.substring(0, fileName.length() - 4) + ".json";
        }
    }

    private final Path manifestDir;
    private final boolean versionIds;
    private final Map<String, Manifest> open = new LinkedHashMap<>();
    private final Manifest[] small = new Manifest[StorageClass.values().length];
    private final Manifest[] big = new Manifest[StorageClass.values().length];
    private byte[] line = new byte[2048];
    /** The bucket field as written, kept: every row of a manifest has the same bucket. */
    private Manifest bucketCsvFor;
    private byte[] bucketCsv;
    private int bucketCsvLength;

    BatchManifests(Path manifestDir, boolean versionIds) {
        this.manifestDir = manifestDir;
        this.versionIds = versionIds;
    }

    void add(Decision d) throws IOException {
        ObjectInfo o = d.object();
        boolean large = o.size() > MAX_SINGLE_COPY_BYTES;
        Manifest[] set = large ? big : small;
        Manifest m = set[d.target().ordinal()];
        if (m == null) {
            Files.createDirectories(manifestDir);
            m = new Manifest(d.target(), large, manifestDir, o.bucket());
            set[d.target().ordinal()] = m;
            open.put(m.fileName, m);
        }
        if (!m.bucket.equals(o.bucket())) {
            throw new dev.archiver.core.ArchiverException("a plan's Batch Operations manifests cover one bucket; found "
                    + m.bucket + " and " + o.bucket() + " (plan each bucket's inventory on its own)");
        }
        if (bucketCsvFor != m) {
            bucketCsvFor = m;
            bucketCsvLength = appendCsv(m.bucket, 0);
            bucketCsv = java.util.Arrays.copyOf(line, bucketCsvLength);
        }
        int n = ensure(0, bucketCsvLength);
        System.arraycopy(bucketCsv, 0, line, 0, bucketCsvLength);
        n = bucketCsvLength;
        n = ensure(n, 1);
        line[n++] = ',';
        n = appendEncodedKey(o.key(), n);
        if (versionIds) {
            n = ensure(n, 1);
            line[n++] = ',';
            n = appendCsv(o.isVersioned() ? o.versionId() : "null", n);
        }
        n = ensure(n, 1);
        line[n++] = '\n';
        m.out.write(line, 0, n);
        m.rows++;
        m.objectBytes += o.size();
    }

    List<Manifest> manifests() {
        return new ArrayList<>(open.values());
    }

    boolean versionIds() {
        return versionIds;
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (Manifest m : open.values()) {
            try {
                m.out.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private int ensure(int n, int more) {
        if (n + more > line.length) {
            line = java.util.Arrays.copyOf(line, Math.max(line.length * 2, n + more));
        }
        return n;
    }

    /** A plain CSV field, quoted when it holds a comma, quote or line break. */
    private int appendCsv(String s, int n) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        boolean quote = false;
        for (byte x : b) {
            if (x == ',' || x == '"' || x == '\n' || x == '\r') {
                quote = true;
                break;
            }
        }
        n = ensure(n, b.length * 2 + 2);
        if (quote) {
            line[n++] = '"';
        }
        for (byte x : b) {
            if (x == '"') {
                line[n++] = '"';
            }
            line[n++] = x;
        }
        if (quote) {
            line[n++] = '"';
        }
        return n;
    }

    private int appendEncodedKey(String key, int n) {
        n = ensure(n, key.length() * 9);
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x80 && unreserved(c)) {
                line[n++] = (byte) c;
            } else if (c < 0x80) {
                n = pct(c, n);
            } else {
                int cp = key.codePointAt(i);
                if (Character.charCount(cp) == 2) {
                    i++;
                }
                byte[] utf8 = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                for (byte x : utf8) {
                    n = pct(x & 0xFF, n);
                }
            }
        }
        return n;
    }

    private int pct(int b, int n) {
        line[n++] = '%';
        line[n++] = HEX[b >> 4];
        line[n++] = HEX[b & 15];
        return n;
    }

    private static boolean unreserved(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.'
                || c == '~' || c == '/';
    }

    /**
     * A key as S3 Batch Operations expects it in a CSV manifest: UTF-8, every byte other than the
     * RFC 3986 unreserved characters and {@code /} written as {@code %XX} (so a space is
     * {@code %20}, a comma {@code %2C}, a quote {@code %22}); the manifest never needs CSV quoting.
     */
    static String encodeKey(String key) {
        BatchManifests m = new BatchManifests(null, false);
        int n = m.appendEncodedKey(key, 0);
        return new String(m.line, 0, n, StandardCharsets.US_ASCII);
    }

    /** Writes the CreateJob request for {@code m} (the shape {@code aws s3control create-job --cli-input-json} reads). */
    static void writeJob(JsonGenerator g, Manifest m, BatchJobSettings s, String clientToken, boolean versionIds)
            throws IOException {
        String md5 = md5Hex(m);
        g.writeStartObject();
        g.writeStringField("AccountId", s.accountId());
        g.writeBooleanField("ConfirmationRequired", true);
        g.writeObjectFieldStart("Operation");
        if (m.large) {
            g.writeObjectFieldStart("LambdaInvoke");
            g.writeStringField("FunctionArn", s.functionArn());
            g.writeStringField("InvocationSchemaVersion", "2.0");
            g.writeObjectFieldStart("UserArguments");
            g.writeStringField("storageClass", m.target.name());
            g.writeEndObject();
            g.writeEndObject();
        } else {
            g.writeObjectFieldStart("S3PutObjectCopy");
            g.writeStringField("TargetResource", "arn:aws:s3:::" + m.bucket);
            g.writeStringField("StorageClass", m.target.name());
            g.writeStringField("MetadataDirective", "COPY");
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeObjectFieldStart("Manifest");
        g.writeObjectFieldStart("Spec");
        g.writeStringField("Format", "S3BatchOperations_CSV_20180820");
        g.writeArrayFieldStart("Fields");
        g.writeString("Bucket");
        g.writeString("Key");
        if (versionIds) {
            g.writeString("VersionId");
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeObjectFieldStart("Location");
        g.writeStringField("ObjectArn", "arn:aws:s3:::" + s.manifestBucket() + "/" + s.manifestPrefix() + "manifests/" + m.fileName);
        g.writeStringField("ETag", md5);
        g.writeEndObject();
        g.writeEndObject();
        g.writeObjectFieldStart("Report");
        g.writeStringField("Bucket", s.reportBucket().startsWith("arn:") ? s.reportBucket() : "arn:aws:s3:::" + s.reportBucket());
        g.writeStringField("Format", "Report_CSV_20180820");
        g.writeBooleanField("Enabled", true);
        g.writeStringField("Prefix", s.manifestPrefix() + "reports/" + m.jobFileName().replace(".json", ""));
        g.writeStringField("ReportScope", "AllTasks");
        g.writeEndObject();
        g.writeNumberField("Priority", 10);
        g.writeStringField("RoleArn", s.roleArn());
        g.writeStringField("ClientRequestToken", clientToken);
        g.writeStringField("Description", "archiver: " + m.rows + " objects to " + m.target.name()
                + (m.large ? " (over 5 GiB, Lambda multipart copy)" : ""));
        g.writeEndObject();
    }

    static String md5Hex(Manifest m) {
        try {
            return HexFormat.of().formatHex(((MessageDigest) m.md5.clone()).digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }
}
