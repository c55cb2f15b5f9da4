package dev.archiver.aws.s3;

import dev.archiver.core.ArchiverException;
import dev.archiver.core.inventory.InventoryFiles;
import dev.archiver.core.inventory.InventoryReader;
import dev.archiver.core.object.ObjectInfo;
import dev.archiver.testkit.InventoryGenerator;
import dev.archiver.testkit.MotoServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class S3InventoryFilesTest {

    @RegisterExtension
    static final MotoServerExtension MOTO = new MotoServerExtension();

    /** The generator's destinationBucket is {@code arn:aws:s3:::inventory-<source bucket>}. */
    private static final String SOURCE = "src-bucket";
    private static final String DESTINATION = "inventory-" + SOURCE;
    private static final String MANIFEST_PREFIX = SOURCE + "/daily/2026-11-01T01-00Z/";

    private final RequestCounter requests = new RequestCounter();
    private S3Client s3;

    @TempDir
    Path tmp;

    @BeforeEach
    void setUp() {
        s3 = MotoS3.client(MOTO.endpoint(), requests);
        s3.createBucket(b -> b.bucket(DESTINATION));
    }

    @AfterEach
    void tearDown() {
        s3.close();
    }

    private Path generate() {
        return InventoryGenerator.builder().bucket(SOURCE).rows(2_500).rowsPerFile(1_000).seed(3).versioned(true)
                .row(InventoryGenerator.Row.of("a, \"quoted\" key with spaces/ünï+cøde.txt", 10, Instant.parse("2025-01-01T00:00:00Z")))
                .build().write(tmp.resolve("inventory"));
    }

    /** Uploads manifest.json and manifest.checksum to {@code manifestBucket/MANIFEST_PREFIX}, the data files to the destination bucket. */
    static void upload(S3Client s3, Path dir, String manifestBucket, String manifestPrefix, String destination, boolean checksum)
            throws IOException {
        s3.putObject(p -> p.bucket(manifestBucket).key(manifestPrefix + "manifest.json"), RequestBody.fromFile(dir.resolve("manifest.json")));
        if (checksum) {
            s3.putObject(p -> p.bucket(manifestBucket).key(manifestPrefix + "manifest.checksum"),
                    RequestBody.fromFile(dir.resolve("manifest.checksum")));
        }
        try (Stream<Path> data = Files.list(dir.resolve("data"))) {
            for (Path f : data.collect(Collectors.toList())) {
                String key = "inventory/" + SOURCE + "/daily/data/" + f.getFileName();
                s3.putObject(p -> p.bucket(destination).key(key), RequestBody.fromFile(f));
            }
        }
    }

    private static List<ObjectInfo> read(InventoryFiles files) {
        try (Stream<ObjectInfo> s = InventoryReader.of(files).objects()) {
            return s.collect(Collectors.toList());
        }
    }

    @Test
    void objects_equalTheLocalFolders_whenInventoryIsReadFromS3() throws IOException {
        Path dir = generate();
        upload(s3, dir, DESTINATION, MANIFEST_PREFIX, DESTINATION, true);
        requests.clear();

        List<ObjectInfo> fromS3 = read(S3InventoryFiles.of(s3, "s3://" + DESTINATION + "/" + MANIFEST_PREFIX + "manifest.json"));

        List<ObjectInfo> local = read(InventoryFiles.folder(dir));
        assertTrue(local.size() > 2_000, "most generated rows are current versions: " + local.size());
        assertEquals(local, fromS3);
        assertEquals("a, \"quoted\" key with spaces/ünï+cøde.txt", fromS3.get(0).key());
        // manifest.json, manifest.checksum and the three data files: one GetObject each, nothing else
        assertEquals(Map.of("GetObject", 5), requests.byOperation());
    }

    @Test
    void objects_readsDataFilesFromTheDestinationBucket_whenManifestWasCopiedElsewhere() throws IOException {
        Path dir = generate();
        s3.createBucket(b -> b.bucket("reports-copy"));
        upload(s3, dir, "reports-copy", "copied/", DESTINATION, true);

        S3InventoryFiles files = S3InventoryFiles.of(s3, "s3://reports-copy/copied/");

        assertEquals("s3://reports-copy/copied/manifest.json", files.name());
        assertEquals(DESTINATION, files.destinationBucket());
        assertEquals(read(InventoryFiles.folder(dir)), read(files));
    }

    @Test
    void of_readsWithoutChecksum_whenManifestChecksumIsAbsent() throws IOException {
        Path dir = generate();
        upload(s3, dir, DESTINATION, MANIFEST_PREFIX, DESTINATION, false);

        S3InventoryFiles files = S3InventoryFiles.of(s3, "s3://" + DESTINATION + "/" + MANIFEST_PREFIX + "manifest.json");

        assertTrue(files.openManifestChecksum().isEmpty());
        assertEquals(read(InventoryFiles.folder(dir)).size(), read(files).size());
    }

    @Test
    void of_failsNamingTheUri_whenManifestIsMissing() {
        String uri = "s3://" + DESTINATION + "/nothing/here/manifest.json";

        ArchiverException e = assertThrows(ArchiverException.class, () -> InventoryReader.of(S3InventoryFiles.of(s3, uri)));

        assertTrue(e.getMessage().startsWith(uri + ": cannot read manifest: NoSuchKey"), e.getMessage());
    }

    @Test
    void of_failsNamingTheUri_whenManifestDoesNotMatchItsChecksum() throws IOException {
        Path dir = generate();
        upload(s3, dir, DESTINATION, MANIFEST_PREFIX, DESTINATION, true);
        s3.putObject(p -> p.bucket(DESTINATION).key(MANIFEST_PREFIX + "manifest.checksum"),
                RequestBody.fromString("00000000000000000000000000000000\n"));
        String uri = "s3://" + DESTINATION + "/" + MANIFEST_PREFIX + "manifest.json";

        ArchiverException e = assertThrows(ArchiverException.class, () -> InventoryReader.of(S3InventoryFiles.of(s3, uri)));

        assertTrue(e.getMessage().startsWith(uri + ": MD5 is "), e.getMessage());
    }

    @Test
    void objects_failsNamingTheDataFileUri_whenDataFileIsMissing() throws IOException {
        Path dir = generate();
        s3.putObject(p -> p.bucket(DESTINATION).key(MANIFEST_PREFIX + "manifest.json"), RequestBody.fromFile(dir.resolve("manifest.json")));
        InventoryReader reader = InventoryReader.of(S3InventoryFiles.of(s3, "s3://" + DESTINATION + "/" + MANIFEST_PREFIX));
        String first = reader.manifest().files().get(0).key();

        ArchiverException e = assertThrows(ArchiverException.class, () -> {
            try (Stream<ObjectInfo> s = reader.objects()) {
                s.count();
            }
        });

        assertTrue(e.getMessage().startsWith("s3://" + DESTINATION + "/" + first + ": cannot read data file: NoSuchKey (HTTP 404)"),
                e.getMessage());
    }

    @Test
    void objects_failsNamingDataFileAndRow_whenDataFileInS3IsAltered() throws IOException {
        Path dir = generate();
        upload(s3, dir, DESTINATION, MANIFEST_PREFIX, DESTINATION, true);
        InventoryReader reader = InventoryReader.of(S3InventoryFiles.of(s3, "s3://" + DESTINATION + "/" + MANIFEST_PREFIX));
        String second = reader.manifest().files().get(1).key();
        // the second file replaced by the first: valid gzip and CSV, but not the bytes the manifest lists
        s3.putObject(p -> p.bucket(DESTINATION).key(second),
                RequestBody.fromBytes(s3.getObjectAsBytes(g -> g.bucket(DESTINATION).key(reader.manifest().files().get(0).key())).asByteArray()));

        ArchiverException e = assertThrows(ArchiverException.class, () -> {
            try (Stream<ObjectInfo> s = reader.objects()) {
                s.count();
            }
        });

        assertTrue(e.getMessage().startsWith("s3://" + DESTINATION + "/" + second + ": after row 1000: "), e.getMessage());
    }

    @Test
    void of_rejectsAnythingButAnS3Uri() {
        requests.clear();
        for (String bad : List.of("/local/manifest.json", "s3:///manifest.json", "https://bucket/manifest.json")) {
            ArchiverException e = assertThrows(ArchiverException.class, () -> S3InventoryFiles.of(s3, bad), bad);
            assertTrue(e.getMessage().startsWith(bad + ": expected s3://bucket/"), e.getMessage());
        }
        assertEquals(0, requests.total());
    }

    @Test
    void openDataFile_failsNamingTheManifest_whenDestinationBucketIsNotAnS3Arn() {
        s3.putObject(p -> p.bucket(DESTINATION).key("odd/manifest.json"), RequestBody.fromString("{\"sourceBucket\":\"s\","
                + "\"destinationBucket\":\"arn:aws:sqs:us-east-1:1:q\",\"fileFormat\":\"CSV\",\"fileSchema\":\"Bucket, Key\","
                + "\"creationTimestamp\":\"1\",\"files\":[]}"));
        S3InventoryFiles files = S3InventoryFiles.of(s3, "s3://" + DESTINATION + "/odd/manifest.json");

        ArchiverException e = assertThrows(ArchiverException.class, () -> files.openDataFile("k.csv.gz"));

        assertTrue(e.getMessage().startsWith("s3://" + DESTINATION + "/odd/manifest.json: destinationBucket: expected arn:aws:s3:::bucket"),
                e.getMessage());
    }
}
