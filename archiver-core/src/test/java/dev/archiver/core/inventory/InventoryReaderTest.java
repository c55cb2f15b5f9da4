package dev.archiver.core.inventory;

import dev.archiver.core.ArchiverException;
import dev.archiver.core.object.ObjectInfo;
import dev.archiver.core.object.StorageClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InventoryReaderTest {
    static final String VERSIONED = "Bucket, Key, VersionId, IsLatest, IsDeleteMarker, Size, LastModifiedDate, ETag, StorageClass, "
            + "EncryptionStatus, ObjectLockRetainUntilDate, ObjectLockMode, ObjectLockLegalHoldStatus, IntelligentTieringAccessTier";
    static final String CURRENT = "Bucket, Key, Size, LastModifiedDate, ETag, StorageClass";

    @TempDir
    Path tmp;

    static List<ObjectInfo> readAll(InventoryReader r) {
        try (Stream<ObjectInfo> s = r.objects()) {
            return s.collect(Collectors.toList());
        }
    }

    @Test
    void read_decodesKeys_asS3EncodesThem() {
        Path dir = new TestInventory(tmp, CURRENT).csv("a.csv.gz",
                "\"src\",\"a%2Cb+c%22d\",\"10\",\"2026-01-02T03:04:05.678Z\",\"e1\",\"STANDARD\"\n"
                        + "\"src\",\"dir/%C3%BCn%C3%AFc%C3%B6de+%F0%9F%93%A6.txt\",\"20\",\"2026-01-02T03:04:05.000Z\",\"e2\",\"STANDARD_IA\"\n"
                        + "\"src\",\"plus%2Bsign%25\",\"30\",\"2026-01-02T03:04:05.000Z\",\"e3\",\"\"\n").write();
        List<ObjectInfo> objects = readAll(InventoryReader.of(InventoryFiles.folder(dir)));
        assertEquals(List.of("a,b c\"d", "dir/ünïcöde 📦.txt", "plus+sign%"), objects.stream().map(ObjectInfo::key).toList());
        ObjectInfo first = objects.get(0);
        assertEquals("src", first.bucket());
        assertEquals(10, first.size());
        assertEquals(Instant.parse("2026-01-02T03:04:05.678Z"), first.lastModified());
        assertEquals("\"e1\"", first.eTag());
        assertEquals(StorageClass.STANDARD_IA, objects.get(1).storageClass());
        assertEquals(StorageClass.STANDARD, objects.get(2).storageClass(), "an empty StorageClass is STANDARD");
        assertNull(first.versionId());
    }

    @Test
    void read_skipsDeleteMarkersNoncurrentAndSseC_andCountsThem() {
        Path dir = new TestInventory(tmp, VERSIONED).csv("a.csv.gz",
                "\"src\",\"k1\",\"v1\",\"true\",\"false\",\"10\",\"2026-01-02T03:04:05.000Z\",\"e\",\"STANDARD\",\"SSE-S3\",\"\",\"\",\"OFF\",\"\"\n"
                        + "\"src\",\"k1\",\"v0\",\"false\",\"false\",\"10\",\"2026-01-01T03:04:05.000Z\",\"e\",\"STANDARD\",\"SSE-S3\",\"\",\"\",\"OFF\",\"\"\n"
                        + "\"src\",\"k2\",\"v2\",\"true\",\"true\",\"\",\"2026-01-02T03:04:05.000Z\",\"\",\"\",\"\",\"\",\"\",\"\",\"\"\n"
                        + "\"src\",\"k3\",\"v3\",\"true\",\"false\",\"10\",\"2026-01-02T03:04:05.000Z\",\"e\",\"STANDARD\",\"SSE-C\",\"\",\"\",\"OFF\",\"\"\n"
                        + "\"src\",\"k4\",\"v4\",\"true\",\"false\",\"10\",\"2026-01-02T03:04:05.000Z\",\"e\",\"REDUCED_REDUNDANCY\",\"NOT-SSE\",\"\",\"\",\"OFF\",\"\"\n"
                        + "\"src\",\"k5\",\"\",\"true\",\"false\",\"10\",\"2026-01-02T03:04:05.000Z\",\"e\",\"STANDARD\",\"NOT-SSE\",\"\",\"\",\"OFF\",\"\"\n")
                .write();
        InventoryReader r = InventoryReader.of(InventoryFiles.folder(dir.resolve("manifest.json")));
        List<ObjectInfo> objects = readAll(r);
        assertEquals(List.of("k1", "k5"), objects.stream().map(ObjectInfo::key).toList());
        assertEquals("v1", objects.get(0).versionId());
        assertNull(objects.get(1).versionId(), "an empty VersionId (written before versioning) is none");
        assertTrue(r.hasVersionIds());
        assertEquals(Map.of(InventoryReader.Skip.DELETE_MARKER, 1L, InventoryReader.Skip.NONCURRENT_VERSION, 1L,
                InventoryReader.Skip.SSE_C, 1L, InventoryReader.Skip.UNSUPPORTED_STORAGE_CLASS, 1L), r.skipped());
        assertEquals(6, r.rowsRead());
    }

    @Test
    void read_mapsObjectLockAndArchiveTiers() {
        Path dir = new TestInventory(tmp, VERSIONED).csv("a.csv.gz",
                "\"src\",\"locked\",\"v1\",\"true\",\"false\",\"10\",\"2026-01-02T03:04:05.000Z\",\"e\",\"STANDARD\",\"SSE-KMS\",\"2030-01-01T00:00:00.000Z\",\"COMPLIANCE\",\"OFF\",\"\"\n"
                        + "\"src\",\"held\",\"v1\",\"true\",\"false\",\"10\",\"2026-01-02T03:04:05.000Z\",\"e\",\"STANDARD\",\"SSE-S3\",\"\",\"\",\"ON\",\"\"\n"
                        + "\"src\",\"it-archive\",\"v1\",\"true\",\"false\",\"10\",\"2026-01-02T03:04:05.000Z\",\"e\",\"INTELLIGENT_TIERING\",\"SSE-S3\",\"\",\"\",\"OFF\",\"ARCHIVE\"\n"
                        + "\"src\",\"it-deep\",\"v1\",\"true\",\"false\",\"10\",\"2026-01-02T03:04:05.000Z\",\"e\",\"INTELLIGENT_TIERING\",\"SSE-S3\",\"\",\"\",\"OFF\",\"DEEP_ARCHIVE\"\n"
                        + "\"src\",\"it-instant\",\"v1\",\"true\",\"false\",\"10\",\"2026-01-02T03:04:05.000Z\",\"e\",\"INTELLIGENT_TIERING\",\"SSE-S3\",\"\",\"\",\"OFF\",\"ARCHIVE_INSTANT_ACCESS\"\n")
                .write();
        List<ObjectInfo> o = readAll(InventoryReader.of(InventoryFiles.folder(dir)));
        assertEquals(Instant.parse("2030-01-01T00:00:00Z"), o.get(0).lockedUntil());
        assertEquals(Instant.MAX, o.get(1).lockedUntil());
        assertEquals("ARCHIVE_ACCESS", o.get(2).archiveStatus());
        assertTrue(o.get(2).isArchived());
        assertEquals("DEEP_ARCHIVE_ACCESS", o.get(3).archiveStatus());
        assertFalse(o.get(4).isArchived(), "Archive Instant Access serves reads in milliseconds");
        assertNull(o.get(4).lockedUntil());
    }

    @Test
    void read_handlesDoubledQuotesCrlfBlankLinesAndNoFinalLineEnd() {
        Path dir = new TestInventory(tmp, CURRENT).csv("a.csv.gz",
                "\"src\",\"a\"\"b\",\"1\",\"2026-01-02T03:04:05.000Z\",\"e\",\"STANDARD\"\r\n"
                        + "\n"
                        + "src,plain,2,2026-01-02T03:04:05Z,e,GLACIER").write();
        List<ObjectInfo> o = readAll(InventoryReader.of(InventoryFiles.folder(dir)));
        assertEquals(List.of("a\"b", "plain"), o.stream().map(ObjectInfo::key).toList());
        assertEquals(Instant.parse("2026-01-02T03:04:05Z"), o.get(1).lastModified());
        assertEquals(StorageClass.GLACIER, o.get(1).storageClass());
    }

    @Test
    void read_readsFilesInManifestOrder_andReportsFractionRead() {
        Path dir = new TestInventory(tmp, CURRENT)
                .csv("1.csv.gz", "src,a,1,2026-01-02T03:04:05.000Z,e,STANDARD\n")
                .csv("2.csv.gz", "src,b,1,2026-01-02T03:04:05.000Z,e,STANDARD\nsrc,c,1,2026-01-02T03:04:05.000Z,e,STANDARD\n")
                .write();
        InventoryReader r = InventoryReader.of(InventoryFiles.folder(dir));
        assertEquals(0.0, r.fractionRead());
        assertEquals(List.of("a", "b", "c"), readAll(r).stream().map(ObjectInfo::key).toList());
        assertEquals(1.0, r.fractionRead());
    }

    @Test
    void read_namesFileAndRow_whenColumnCountWrong() {
        Path dir = new TestInventory(tmp, CURRENT).csv("bad.csv.gz",
                "src,a,1,2026-01-02T03:04:05.000Z,e,STANDARD\nsrc,b,1,2026-01-02T03:04:05.000Z,e\n").write();
        ArchiverException e = assertThrows(ArchiverException.class, () -> readAll(InventoryReader.of(InventoryFiles.folder(dir))));
        assertTrue(e.getMessage().contains("bad.csv.gz: row 2: expected 6 columns"), e.getMessage());
        assertTrue(e.getMessage().contains("found 5"), e.getMessage());
    }

    @Test
    void read_namesFile_whenMd5Mismatch() {
        byte[] data = TestInventory.gzip("src,a,1,2026-01-02T03:04:05.000Z,e,STANDARD\n");
        Path dir = new TestInventory(tmp, CURRENT).file("m.csv.gz", data, data.length, "00000000000000000000000000000000").write();
        ArchiverException e = assertThrows(ArchiverException.class, () -> readAll(InventoryReader.of(InventoryFiles.folder(dir))));
        assertTrue(e.getMessage().contains("m.csv.gz: after row 1: MD5 is "), e.getMessage());
    }

    @Test
    void read_namesFile_whenSizeDiffers() {
        byte[] data = TestInventory.gzip("src,a,1,2026-01-02T03:04:05.000Z,e,STANDARD\n");
        Path dir = new TestInventory(tmp, CURRENT).file("s.csv.gz", data, data.length + 1, InventoryManifest.md5Hex(data)).write();
        ArchiverException e = assertThrows(ArchiverException.class, () -> readAll(InventoryReader.of(InventoryFiles.folder(dir))));
        assertTrue(e.getMessage().contains("s.csv.gz: after row 1: size is " + data.length), e.getMessage());
    }

    @Test
    void read_namesFileAndRow_whenGzipCorrupt() {
        StringBuilder csv = new StringBuilder();
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 20_000; i++) {
            csv.append("src,key-").append(Long.toHexString(r.nextLong())).append(",1,2026-01-02T03:04:05.000Z,e,STANDARD\n");
        }
        byte[] data = TestInventory.gzip(csv.toString());
        byte[] bad = Arrays.copyOf(data, data.length);
        for (int i = data.length / 2; i < data.length / 2 + 64; i++) {
            bad[i] ^= 0x5A;
        }
        Path dir = new TestInventory(tmp, CURRENT).file("g.csv.gz", bad).write();
        ArchiverException e = assertThrows(ArchiverException.class, () -> readAll(InventoryReader.of(InventoryFiles.folder(dir))));
        assertTrue(e.getMessage().matches("(?s).*g\\.csv\\.gz: row \\d+: .*"), e.getMessage());
    }

    @Test
    void read_namesFile_whenNotGzip() {
        Path dir = new TestInventory(tmp, CURRENT).file("p.csv.gz", "src,a,1\n".getBytes()).write();
        ArchiverException e = assertThrows(ArchiverException.class, () -> readAll(InventoryReader.of(InventoryFiles.folder(dir))));
        assertTrue(e.getMessage().contains("p.csv.gz: row 1: not a gzip file"), e.getMessage());
    }

    @Test
    void read_namesFileAndRow_whenKeyEncodingBad() {
        Path dir = new TestInventory(tmp, CURRENT).csv("k.csv.gz",
                "src,ok,1,2026-01-02T03:04:05.000Z,e,STANDARD\nsrc,bad%zz,1,2026-01-02T03:04:05.000Z,e,STANDARD\n").write();
        ArchiverException e = assertThrows(ArchiverException.class, () -> readAll(InventoryReader.of(InventoryFiles.folder(dir))));
        assertTrue(e.getMessage().contains("k.csv.gz: row 2: Key: bad URL encoding"), e.getMessage());
    }

    @Test
    void of_fails_whenManifestChecksumDiffers() throws IOException {
        Path dir = new TestInventory(tmp, CURRENT).csv("a.csv.gz", "src,a,1,2026-01-02T03:04:05.000Z,e,STANDARD\n").write();
        Files.writeString(dir.resolve("manifest.checksum"), "0123456789abcdef0123456789abcdef\n");
        ArchiverException e = assertThrows(ArchiverException.class, () -> InventoryReader.of(InventoryFiles.folder(dir)));
        assertTrue(e.getMessage().contains("manifest.checksum says 0123456789abcdef0123456789abcdef"), e.getMessage());
    }

    @Test
    void of_refusesParquet_namingTheFormat() {
        Path dir = new TestInventory(tmp, CURRENT).write("Parquet", false);
        ArchiverException e = assertThrows(ArchiverException.class, () -> InventoryReader.of(InventoryFiles.folder(dir)));
        assertTrue(e.getMessage().contains("Parquet inventories are not read"), e.getMessage());
    }

    @Test
    void of_fails_whenSchemaHasNoKey() {
        Path dir = new TestInventory(tmp, "Bucket, Size").write();
        ArchiverException e = assertThrows(ArchiverException.class, () -> InventoryReader.of(InventoryFiles.folder(dir)));
        assertTrue(e.getMessage().contains("must name the Bucket and Key columns"), e.getMessage());
    }

    @Test
    void manifest_parsesEveryField() {
        Path dir = new TestInventory(tmp, CURRENT).csv("a.csv.gz", "src,a,1,2026-01-02T03:04:05.000Z,e,STANDARD\n").write();
        InventoryManifest m = InventoryReader.of(InventoryFiles.folder(dir)).manifest();
        assertEquals("src", m.sourceBucket());
        assertEquals("arn:aws:s3:::dest", m.destinationBucket());
        assertEquals("2016-11-30", m.version());
        assertEquals(Instant.ofEpochMilli(1762000000000L), m.creationTimestamp());
        assertEquals(List.of("Bucket", "Key", "Size", "LastModifiedDate", "ETag", "StorageClass"), m.fileSchema());
        assertEquals(1, m.files().size());
        assertEquals("prefix/src/cfg/data/a.csv.gz", m.files().get(0).key());
        assertEquals(5, m.column("storageclass"));
    }

    @Test
    void read_namesFileAndRow_whenADateDoesNotExist() {
        Path dir = new TestInventory(tmp, CURRENT).csv("d.csv.gz",
                "src,a,1,2024-02-29T03:04:05.000Z,e,STANDARD\nsrc,b,1,2026-02-29T03:04:05.000Z,e,STANDARD\n").write();
        ArchiverException e = assertThrows(ArchiverException.class, () -> readAll(InventoryReader.of(InventoryFiles.folder(dir))));
        assertTrue(e.getMessage().contains("d.csv.gz: row 2: LastModifiedDate: not an ISO-8601 date: '2026-02-29T03:04:05.000Z'"), e.getMessage());
    }

    @Test
    void read_parsesDates_asJavaTimeDoes() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(13);
        StringBuilder csv = new StringBuilder();
        List<java.time.Instant> expected = new java.util.ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            // 1900 to 2299: before, inside and after the years whose start is remembered
            java.time.Instant t = java.time.Instant.ofEpochMilli(r.nextLong(-2_208_988_800_000L, 10_413_792_000_000L));
            if (i < 4) {
                t = java.time.Instant.parse(new String[]{"1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999Z", "2024-02-29T23:59:59.999Z",
                        "2225-12-31T00:00:00Z"}[i]);
            }
            expected.add(t);
            csv.append("src,k").append(i).append(",1,").append(java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
                    .withZone(java.time.ZoneOffset.UTC).format(t)).append(",e,STANDARD\n");
        }
        Path dir = new TestInventory(tmp, CURRENT).csv("d.csv.gz", csv.toString()).write();
        assertEquals(expected, readAll(InventoryReader.of(InventoryFiles.folder(dir))).stream().map(ObjectInfo::lastModified).toList());
    }
}
