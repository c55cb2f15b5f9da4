package dev.archiver.core.inventory;

import dev.archiver.core.ArchiverException;
import dev.archiver.core.object.ObjectInfo;
import dev.archiver.core.object.StorageClass;
import dev.archiver.core.store.ObjectSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * An S3 Inventory report as an {@link ObjectSource}: the rows of the CSV.gz data files its
 * {@code manifest.json} lists, one {@link ObjectInfo} per current object version, in constant
 * memory (one data file open at a time per stream, one row parsed at a time). {@link #objects(int)}
 * streams one data file, so that several can be read on several threads at once.
 *
 * <pre>{@code
 * InventoryReader inventory = InventoryReader.of(InventoryFiles.folder(Path.of("inventory/2026-11-01T01-00Z")));
 * try (Stream<ObjectInfo> objects = inventory.objects()) {
 *     objects.forEach(o -> System.out.println(o.key() + " " + o.storageClass()));
 * }
 * System.out.println(inventory.skipped()); // {DELETE_MARKER=12, NONCURRENT_VERSION=3401}
 * }</pre>
 *
 * <p>What each row becomes, on purpose:
 * <ul>
 *   <li>delete markers ({@code IsDeleteMarker=true}) and noncurrent versions ({@code IsLatest=false})
 *       are skipped and counted: a copy in place acts on the current version, and old versions are
 *       cheaper to move with a lifecycle rule's NoncurrentVersionTransition than one by one;</li>
 *   <li>SSE-C objects are skipped and counted: nothing can copy them without the customer's key;</li>
 *   <li>rows in a class the library does not price (REDUCED_REDUNDANCY, OUTPOSTS, EXPRESS_ONEZONE, …)
 *       are skipped and counted;</li>
 *   <li>Object Lock retention or legal hold becomes {@link ObjectInfo#lockedUntil()}, and the decision
 *       engine keeps the object ({@code OBJECT_LOCKED}) when it moves by copy;</li>
 *   <li>{@code IntelligentTieringAccessTier} ARCHIVE / DEEP_ARCHIVE becomes
 *       {@link ObjectInfo#archiveStatus()} {@code ARCHIVE_ACCESS} / {@code DEEP_ARCHIVE_ACCESS}, so the
 *       object is never a copy source;</li>
 *   <li>keys are URL-decoded ({@code +} is a space, {@code %XX} UTF-8 bytes); the ETag gets the quotes
 *       S3's APIs report it with; an empty VersionId (an object written before versioning) is none.</li>
 * </ul>
 * A data file whose gzip is corrupt, whose rows do not have the schema's column count, or whose
 * size or MD5 differs from the manifest's is an {@link ArchiverException} naming the file and row.
 * The size and MD5 are known only once the file has been read to its end, so a consumer may have
 * seen rows of a file that then fails; {@code StreamingPlanner} therefore publishes nothing
 * unless the whole inventory was read. Only CSV reports are read (see {@code docs/inventory.md}
 * for ORC and Parquet).
 */
public final class InventoryReader implements ObjectSource {
    /** Why a row of the inventory does not become an object. */
    public enum Skip {
        /** The row is a delete marker. */
        DELETE_MARKER,
        /** The row is a noncurrent version ({@code IsLatest=false}). */
        NONCURRENT_VERSION,
        /** Encrypted with a customer-provided key: it cannot be copied without it. */
        SSE_C,
        /** A storage class the library does not price. */
        UNSUPPORTED_STORAGE_CLASS
    }

    private static final StorageClass[] CLASSES = StorageClass.values();
    private static final byte[][] CLASS_NAMES = new byte[CLASSES.length][];

    static {
        for (int i = 0; i < CLASSES.length; i++) {
            CLASS_NAMES[i] = CLASSES[i].name().getBytes(StandardCharsets.US_ASCII);
        }
    }

    private final InventoryFiles files;
    private final InventoryManifest manifest;
    private final long totalSize;
    private final int columns;
    private final int cBucket;
    private final int cKey;
    private final int cVersion;
    private final int cLatest;
    private final int cDeleteMarker;
    private final int cSize;
    private final int cModified;
    private final int cEtag;
    private final int cClass;
    private final int cEncryption;
    private final int cRetainUntil;
    private final int cLegalHold;
    private final int cTier;
    private final AtomicLongArray skipped = new AtomicLongArray(Skip.values().length);
    private final AtomicLong rawBytesDone = new AtomicLong();
    private final LongAdder rowsRead = new LongAdder();

    private InventoryReader(InventoryFiles files, InventoryManifest manifest) {
        this.files = files;
        this.manifest = manifest;
        this.totalSize = manifest.totalSize();
        this.columns = manifest.fileSchema().size();
        this.cBucket = manifest.column("Bucket");
        this.cKey = manifest.column("Key");
        if (cBucket < 0 || cKey < 0) {
            throw new ArchiverException(files.name() + ": fileSchema: must name the Bucket and Key columns, was "
                    + manifest.fileSchema());
        }
        this.cVersion = manifest.column("VersionId");
        this.cLatest = manifest.column("IsLatest");
        this.cDeleteMarker = manifest.column("IsDeleteMarker");
        this.cSize = manifest.column("Size");
        this.cModified = manifest.column("LastModifiedDate");
        this.cEtag = manifest.column("ETag");
        this.cClass = manifest.column("StorageClass");
        this.cEncryption = manifest.column("EncryptionStatus");
        this.cRetainUntil = manifest.column("ObjectLockRetainUntilDate");
        this.cLegalHold = manifest.column("ObjectLockLegalHoldStatus");
        this.cTier = manifest.column("IntelligentTieringAccessTier");
    }

    /**
     * Reads and checks the report's manifest.json (against manifest.checksum when there is one).
     *
     * @throws ArchiverException when the manifest is missing, corrupt, not CSV, or lacks Bucket/Key
     */
    public static InventoryReader of(InventoryFiles files) {
        Objects.requireNonNull(files, "files");
        byte[] json;
        try (InputStream in = files.openManifest()) {
            json = in.readAllBytes();
        } catch (IOException e) {
            throw new ArchiverException(files.name() + ": cannot read manifest: " + e.getMessage(), e);
        }
        try {
            Optional<InputStream> checksum = files.openManifestChecksum();
            if (checksum.isPresent()) {
                try (InputStream c = checksum.get()) {
                    InventoryManifest.verifyChecksum(json, new String(c.readAllBytes(), StandardCharsets.US_ASCII), files.name());
                }
            }
        } catch (IOException e) {
            throw new ArchiverException(files.name() + ": cannot read manifest.checksum: " + e.getMessage(), e);
        }
        InventoryManifest m = InventoryManifest.parse(json, files.name());
        if (!m.fileFormat().equalsIgnoreCase("CSV")) {
            throw new ArchiverException(files.name() + ": fileFormat: " + m.fileFormat()
                    + " inventories are not read; configure the inventory as CSV (see docs/inventory.md)");
        }
        return new InventoryReader(files, m);
    }

    /** The report's manifest. */
    public InventoryManifest manifest() {
        return manifest;
    }

    /**
     * True when the report lists version ids (an "all versions" inventory): S3 Batch Operations
     * manifests made from it then carry a VersionId on every row.
     */
    public boolean hasVersionIds() {
        return cVersion >= 0;
    }

    /** Rows skipped, per reason, by the streams opened so far. */
    public Map<Skip, Long> skipped() {
        EnumMap<Skip, Long> m = new EnumMap<>(Skip.class);
        for (Skip s : Skip.values()) {
            m.put(s, skipped.get(s.ordinal()));
        }
        return Collections.unmodifiableMap(m);
    }

    /** Data rows read by the streams opened so far (objects and skipped rows). */
    public long rowsRead() {
        return rowsRead.sum();
    }

    @Override
    public double fractionRead() {
        return totalSize == 0 ? Double.NaN : Math.min(1.0, (double) rawBytesDone.get() / totalSize);
    }

    @Override
    public Stream<ObjectInfo> objects() {
        return stream(new Rows(0, manifest.files().size()));
    }

    /** The number of data files the manifest lists. */
    public int dataFileCount() {
        return manifest.files().size();
    }

    /**
     * The objects of one data file (index into {@link InventoryManifest#files()}), checked like
     * {@link #objects()}: the stream fails at its end when the file's size or MD5 differs. Streams
     * of different files may be read on different threads at once; the counts ({@link #skipped()},
     * {@link #rowsRead()}, {@link #fractionRead()}) add up across them.
     *
     * @throws IndexOutOfBoundsException when there is no such data file
     */
    public Stream<ObjectInfo> objects(int fileIndex) {
        Objects.checkIndex(fileIndex, manifest.files().size());
        return stream(new Rows(fileIndex, fileIndex + 1));
    }

    private static Stream<ObjectInfo> stream(Rows rows) {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(rows, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(rows::close);
    }

    /** Iterates the rows of data files {@code [from, to)} in manifest order. */
    private final class Rows implements Iterator<ObjectInfo> {
        private final int to;
        private int fileIndex;
        private long fileBytesReported;
        private int rowsUnreported;
        private CsvGzFile file;
        private String fileName;
        private ObjectInfo next;
        private String lastBucket = "";
        private byte[] lastBucketBytes = new byte[0];
        private byte[] scratch = new byte[1024];

        Rows(int from, int to) {
            this.fileIndex = from - 1;
            this.to = to;
        }

        @Override
        public boolean hasNext() {
            while (next == null) {
                if (file == null && !openNext()) {
                    return false;
                }
                if (!file.next()) {
                    InventoryManifest.DataFile f = manifest.files().get(fileIndex);
                    file.verify(f.size(), f.md5Checksum());
                    file.close();
                    file = null;
                    rawBytesDone.addAndGet(f.size() - fileBytesReported);
                    fileBytesReported = 0;
                    continue;
                }
                if (file.fieldCount == 1 && file.end[0] == file.start[0]) {
                    continue; // a blank line (a trailing one, say) is no row
                }
                if (++rowsUnreported == 1024) {
                    flushCounts();
                }
                if ((file.row & 1023) == 0) {
                    long raw = file.rawBytes();
                    rawBytesDone.addAndGet(raw - fileBytesReported);
                    fileBytesReported = raw;
                }
                next = toObject(file);
            }
            return true;
        }

        @Override
        public ObjectInfo next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            ObjectInfo o = next;
            next = null;
            return o;
        }

        private boolean openNext() {
            flushCounts();
            fileIndex++;
            if (fileIndex >= to) {
                return false;
            }
            String key = manifest.files().get(fileIndex).key();
            fileName = files.describe(key);
            InputStream in;
            try {
                in = files.openDataFile(key);
            } catch (IOException e) {
                throw new ArchiverException(fileName + ": cannot open data file: " + e.getMessage(), e);
            }
            file = new CsvGzFile(fileName, in);
            return true;
        }

        private void flushCounts() {
            rowsRead.add(rowsUnreported);
            rowsUnreported = 0;
        }

        void close() {
            flushCounts();
            if (file != null) {
                file.close();
                file = null;
            }
            fileIndex = to;
        }

        private ObjectInfo toObject(CsvGzFile f) {
            if (f.fieldCount != columns) {
                throw new ArchiverException(fileName + ": row " + f.row + ": expected " + columns + " columns (fileSchema "
                        + manifest.fileSchema() + "), found " + f.fieldCount);
            }
            byte[] b = f.buf;
            if (cDeleteMarker >= 0 && isTrue(f, cDeleteMarker)) {
                skipped.incrementAndGet(Skip.DELETE_MARKER.ordinal());
                return null;
            }
            if (cLatest >= 0 && f.end[cLatest] > f.start[cLatest] && !isTrue(f, cLatest)) {
                skipped.incrementAndGet(Skip.NONCURRENT_VERSION.ordinal());
                return null;
            }
            if (cEncryption >= 0 && equalsAscii(f, cEncryption, "SSE-C")) {
                skipped.incrementAndGet(Skip.SSE_C.ordinal());
                return null;
            }
            StorageClass storageClass = StorageClass.STANDARD;
            if (cClass >= 0 && f.end[cClass] > f.start[cClass]) {
                storageClass = storageClass(f, cClass);
                if (storageClass == null) {
                    skipped.incrementAndGet(Skip.UNSUPPORTED_STORAGE_CLASS.ordinal());
                    return null;
                }
            }
            try {
                String bucket = bucket(f);
                String key = decodeKey(f, cKey);
                if (key.isEmpty()) {
                    throw new ArchiverException(fileName + ": row " + f.row + ": Key: empty");
                }
                String versionId = null;
                if (cVersion >= 0 && f.end[cVersion] > f.start[cVersion]) {
                    versionId = text(f, cVersion);
                }
                long size = 0;
                if (cSize >= 0 && f.end[cSize] > f.start[cSize]) {
                    size = parseLong(f, cSize, "Size");
                }
                Instant lastModified = Instant.EPOCH;
                if (cModified >= 0 && f.end[cModified] > f.start[cModified]) {
                    lastModified = instant(f, cModified, "LastModifiedDate");
                }
                String eTag = null;
                if (cEtag >= 0 && f.end[cEtag] > f.start[cEtag]) {
                    eTag = b[f.start[cEtag]] == '"' ? text(f, cEtag) : f.escaped[cEtag] ? '"' + text(f, cEtag) + '"' : quoted(f, cEtag);
                }
                Instant locked = null;
                if (cRetainUntil >= 0 && f.end[cRetainUntil] > f.start[cRetainUntil]) {
                    locked = instant(f, cRetainUntil, "ObjectLockRetainUntilDate");
                }
                if (cLegalHold >= 0 && equalsAscii(f, cLegalHold, "ON")) {
                    locked = Instant.MAX;
                }
                String archiveStatus = null;
                if (cTier >= 0 && storageClass == StorageClass.INTELLIGENT_TIERING) {
                    if (equalsAscii(f, cTier, "ARCHIVE") || equalsAscii(f, cTier, "ARCHIVE_ACCESS")) {
                        archiveStatus = "ARCHIVE_ACCESS";
                    } else if (equalsAscii(f, cTier, "DEEP_ARCHIVE") || equalsAscii(f, cTier, "DEEP_ARCHIVE_ACCESS")) {
                        archiveStatus = "DEEP_ARCHIVE_ACCESS";
                    }
                }
                // the constructor, not the builder: one object less per row
                return new ObjectInfo(bucket, key, versionId, size, lastModified, storageClass, eTag, Map.of(), Map.of(), archiveStatus,
                        locked);
            } catch (IllegalArgumentException e) {
                throw new ArchiverException(fileName + ": row " + f.row + ": " + e.getMessage(), e);
            }
        }

        private String bucket(CsvGzFile f) {
            int s = f.start[cBucket];
            int len = f.end[cBucket] - s;
            if (len == lastBucketBytes.length && java.util.Arrays.equals(f.buf, s, s + len, lastBucketBytes, 0, len)) {
                return lastBucket;
            }
            lastBucket = text(f, cBucket);
            lastBucketBytes = java.util.Arrays.copyOfRange(f.buf, s, s + len);
            if (lastBucket.isBlank()) {
                throw new ArchiverException(fileName + ": row " + f.row + ": Bucket: empty");
            }
            return lastBucket;
        }

        /** URL-decodes a key as S3 Inventory encodes it: {@code +} is a space, {@code %XX} a UTF-8 byte. */
        private String decodeKey(CsvGzFile f, int c) {
            byte[] b = f.buf;
            int s = f.start[c];
            int e = f.end[c];
            if (!f.escaped[c] && CsvGzFile.percentOrPlusAt(b, s, e) == e) {
                return new String(b, s, e - s, StandardCharsets.UTF_8);
            }
            String raw = text(f, c);
            byte[] in = raw.getBytes(StandardCharsets.UTF_8);
            if (scratch.length < in.length) {
                scratch = new byte[in.length * 2];
            }
            int n = 0;
            for (int i = 0; i < in.length; i++) {
                byte x = in[i];
                if (x == '+') {
                    scratch[n++] = ' ';
                } else if (x == '%') {
                    int hi = i + 2 < in.length ? Character.digit(in[i + 1], 16) : -1;
                    int lo = hi >= 0 ? Character.digit(in[i + 2], 16) : -1;
                    if (lo < 0) {
                        throw new ArchiverException(fileName + ": row " + f.row + ": Key: bad URL encoding at character "
                                + (i + 1) + " of '" + raw + "'");
                    }
                    scratch[n++] = (byte) (hi * 16 + lo);
                    i += 2;
                } else {
                    scratch[n++] = x;
                }
            }
            java.nio.charset.CharsetDecoder d = StandardCharsets.UTF_8.newDecoder();
            try {
                return d.decode(java.nio.ByteBuffer.wrap(scratch, 0, n)).toString();
            } catch (java.nio.charset.CharacterCodingException ex) {
                throw new ArchiverException(fileName + ": row " + f.row + ": Key: URL-decodes to invalid UTF-8: '" + raw + "'");
            }
        }

        /** The field between double quotes, as S3's APIs report an ETag: one copy, not three. */
        private String quoted(CsvGzFile f, int c) {
            int len = f.end[c] - f.start[c];
            if (scratch.length < len + 2) {
                scratch = new byte[len * 2 + 2];
            }
            scratch[0] = '"';
            System.arraycopy(f.buf, f.start[c], scratch, 1, len);
            scratch[len + 1] = '"';
            return new String(scratch, 0, len + 2, StandardCharsets.UTF_8);
        }

        private String text(CsvGzFile f, int c) {
            String s = new String(f.buf, f.start[c], f.end[c] - f.start[c], StandardCharsets.UTF_8);
            return f.escaped[c] ? s.replace("\"\"", "\"") : s;
        }

        private boolean isTrue(CsvGzFile f, int c) {
            return equalsAscii(f, c, "true");
        }

        private boolean equalsAscii(CsvGzFile f, int c, String value) {
            int s = f.start[c];
            int len = f.end[c] - s;
            if (len != value.length()) {
                return false;
            }
            for (int i = 0; i < len; i++) {
                int x = f.buf[s + i];
                int y = value.charAt(i);
                if (x != y && Character.toLowerCase(x) != Character.toLowerCase(y)) {
                    return false;
                }
            }
            return true;
        }

        private StorageClass storageClass(CsvGzFile f, int c) {
            int s = f.start[c];
            int len = f.end[c] - s;
            for (int k = 0; k < CLASS_NAMES.length; k++) {
                byte[] name = CLASS_NAMES[k];
                if (name.length == len && java.util.Arrays.equals(f.buf, s, s + len, name, 0, len)) {
                    return CLASSES[k];
                }
            }
            try {
                return StorageClass.fromAwsName(text(f, c).toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }

        private long parseLong(CsvGzFile f, int c, String column) {
            long v = 0;
            int s = f.start[c];
            int e = f.end[c];
            if (e - s > 18) {
                throw new ArchiverException(fileName + ": row " + f.row + ": " + column + ": not a size: '" + text(f, c) + "'");
            }
            for (int i = s; i < e; i++) {
                int d = f.buf[i] - '0';
                if (d < 0 || d > 9) {
                    throw new ArchiverException(fileName + ": row " + f.row + ": " + column + ": not a size: '" + text(f, c) + "'");
                }
                v = v * 10 + d;
            }
            return v;
        }

        /** Parses {@code 2026-11-01T01:02:03.000Z} without allocating; other ISO-8601 forms the slow way. */
        private Instant instant(CsvGzFile f, int c, String column) {
            byte[] b = f.buf;
            int s = f.start[c];
            int len = f.end[c] - s;
            if (len == 24 && b[s + 4] == '-' && b[s + 7] == '-' && b[s + 10] == 'T' && b[s + 13] == ':' && b[s + 16] == ':'
                    && b[s + 19] == '.' && b[s + 23] == 'Z') {
                int y = digits(b, s, 4);
                int mo = digits(b, s + 5, 2);
                int d = digits(b, s + 8, 2);
                int h = digits(b, s + 11, 2);
                int mi = digits(b, s + 14, 2);
                int se = digits(b, s + 17, 2);
                int ms = digits(b, s + 20, 3);
                if (y >= 0 && mo >= 1 && mo <= 12 && d >= 1 && d <= java.time.Month.of(mo).length(java.time.Year.isLeap(y))
                        && h >= 0 && h < 24 && mi >= 0 && mi < 60 && se >= 0 && se < 60 && ms >= 0) {
                    long days = yearStart(y) + java.time.Month.of(mo).firstDayOfYear(java.time.Year.isLeap(y)) - 1 + d - 1;
                    return Instant.ofEpochSecond(days * 86_400L + h * 3600L + mi * 60L + se, ms * 1_000_000L);
                }
            }
            String t = text(f, c);
            try {
                return java.time.OffsetDateTime.parse(t).toInstant();
            } catch (DateTimeParseException e) {
                throw new ArchiverException(fileName + ": row " + f.row + ": " + column + ": not an ISO-8601 date: '" + t + "'");
            }
        }
    }

    /**
     * {@code LocalDate.of(year, 1, 1).toEpochDay()}, remembered for the years an inventory has
     * (1970 to 2225): java.time stays the one calendar, without a LocalDate per row.
     */
    private static long yearStart(int year) {
        int i = year - 1970;
        if (i < 0 || i >= YEAR_STARTS.length()) {
            return java.time.LocalDate.of(year, 1, 1).toEpochDay();
        }
        long v = YEAR_STARTS.get(i);
        if (v == 0 && i != 0) {
            v = java.time.LocalDate.of(year, 1, 1).toEpochDay();
            YEAR_STARTS.set(i, v); // a race writes the same value
        }
        return v;
    }

    private static final java.util.concurrent.atomic.AtomicLongArray YEAR_STARTS = new java.util.concurrent.atomic.AtomicLongArray(256);

    private static int digits(byte[] b, int s, int n) {
        int v = 0;
        for (int i = 0; i < n; i++) {
            int d = b[s + i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    @Override
    public String toString() {
        return "InventoryReader[" + files.name() + ", " + manifest.files().size() + " data files]";
    }
}
