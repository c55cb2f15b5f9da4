package dev.archiver.aws.s3;

import dev.archiver.core.ArchiverException;
import dev.archiver.core.access.AccessHistoryIndex;
import dev.archiver.core.access.AccessLogParser;
import dev.archiver.core.access.AccessLogRecord;
import dev.archiver.core.access.AccessLogSource;
import dev.archiver.core.access.ParseReport;
import dev.archiver.testkit.AccessLogWriter;
import dev.archiver.testkit.MotoServerExtension;
import dev.archiver.testkit.Workload;
import dev.archiver.testkit.WorkloadGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class S3AccessLogSourceTest {

    @RegisterExtension
    static final MotoServerExtension MOTO = new MotoServerExtension();

    private static final String LOGS = "log-bucket";

    private final RequestCounter requests = new RequestCounter();
    private S3Client s3;

    @BeforeEach
    void setUp() {
        s3 = MotoS3.client(MOTO.endpoint(), requests);
        s3.createBucket(b -> b.bucket(LOGS));
    }

    @AfterEach
    void tearDown() {
        s3.close();
    }

    private void put(String key, byte[] content) {
        s3.putObject(p -> p.bucket(LOGS).key(key), RequestBody.fromBytes(content));
    }

    private static List<String> names(AccessLogSource source) {
        return source.files().stream().map(AccessLogSource.LogFile::name).toList();
    }

    private static List<AccessLogRecord> records(AccessLogSource source) {
        List<AccessLogRecord> out = new ArrayList<>();
        AccessLogParser.builder().strict(true).build().parse(source, l -> out.add(l.toRecord()));
        return out;
    }

    /** Writes a workload's logs one file per day, gzips every other one, and uploads them under {@code prefix}. */
    private Path writeAndUpload(Path dir, String prefix) throws IOException {
        Workload w = WorkloadGenerator.builder().objects(200).days(40).seed(3).build().generate();
        Path local = dir.resolve("logs");
        AccessLogWriter.builder().noise(true).build().writeDaily(w.events(), local);
        List<Path> files;
        try (Stream<Path> s = Files.list(local)) {
            files = s.sorted().toList();
        }
        assertTrue(files.size() > 30, "one file per day: " + files.size());
        for (int i = 0; i < files.size(); i++) {
            byte[] bytes = Files.readAllBytes(files.get(i));
            if (i % 2 == 1) {
                bytes = gzip(bytes);
                Files.write(files.get(i), bytes); // the local copy is the same bytes, so both sides parse the same
            }
            put(prefix + files.get(i).getFileName(), bytes);
        }
        return local;
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
            gz.write(bytes);
        }
        return bos.toByteArray();
    }

    @Test
    void parse_readsTheSameRecordsAsTheLocalParse_whenLogsAreUploadedToS3(@TempDir Path dir) throws IOException {
        Path local = writeAndUpload(dir, "logs/example-bucket/");

        S3AccessLogSource remote = S3AccessLogSource.of(s3, "s3://" + LOGS + "/logs/example-bucket/");
        List<AccessLogRecord> fromS3 = records(remote);

        assertEquals(records(AccessLogSource.local(local)), fromS3, "same lines, same order, plain and gzip");
        assertTrue(fromS3.size() > 1_000, "lines: " + fromS3.size());
        AccessHistoryIndex a = AccessHistoryIndex.builder().build();
        ParseReport ra = a.addAll(AccessLogSource.local(local), AccessLogParser.builder().build());
        AccessHistoryIndex b = AccessHistoryIndex.builder().build();
        ParseReport rb = b.addAll(remote, AccessLogParser.builder().build());
        assertEquals(ra.lines(), rb.lines());
        assertEquals(ra.files(), rb.files());
        assertEquals(a.keys(), b.keys());
        for (String k : a.keys()) {
            assertEquals(a.summary(k), b.summary(k), k);
        }
        assertTrue(remote.files().get(0).name().startsWith("s3://log-bucket/logs/example-bucket/20"), names(remote).get(0));
    }

    @Test
    void files_listsInKeyOrderAcrossPages_skippingFolderMarkersHiddenAndEmptyObjects() {
        put("logs/", new byte[0]);                                       // console folder marker
        put("logs/2025-01-02-00-00-00-AAAA", "x\n".getBytes());
        put("logs/2025-01-01-10-00-00-BBBB", "x\n".getBytes());
        put("logs/.2025-01-01-00-00-00-hidden", "x\n".getBytes());
        put("logs/2025-01-01-00-00-00-EMPTY", new byte[0]);
        put("logs/sub/", "marker with bytes".getBytes());
        put("logs/2025-01-01-23-00-00-CCCC", "x\n".getBytes());
        put("logs/2025-01-03-00-00-00-DDDD", "x\n".getBytes());
        put("other/2025-01-01-00-00-00-EEEE", "x\n".getBytes());
        requests.clear();

        S3AccessLogSource source = S3AccessLogSource.builder(s3, "s3://" + LOGS + "/logs/").pageSize(3).build();

        assertEquals(List.of("s3://log-bucket/logs/2025-01-01-10-00-00-BBBB", "s3://log-bucket/logs/2025-01-01-23-00-00-CCCC",
                "s3://log-bucket/logs/2025-01-02-00-00-00-AAAA", "s3://log-bucket/logs/2025-01-03-00-00-00-DDDD"), names(source));
        assertEquals(Map.of("ListObjectsV2", 3), requests.byOperation(), "8 keys under the prefix, 3 per page");
        names(source);
        assertEquals(Map.of("ListObjectsV2", 3), requests.byOperation(), "listed once");
        assertEquals(5, names(S3AccessLogSource.of(s3, "s3://" + LOGS)).size(), "the whole bucket");
        assertEquals(5, names(S3AccessLogSource.of(s3, "s3://" + LOGS + "/")).size(), "the whole bucket");
    }

    @Test
    void open_streamsTheObject_withOneGetObject() throws IOException {
        put("logs/2025-01-01-00-00-00-AAAA", "first line\nsecond line\n".getBytes());
        S3AccessLogSource source = S3AccessLogSource.of(s3, "s3://" + LOGS + "/logs/");
        AccessLogSource.LogFile f = source.files().get(0);
        requests.clear();
        try (InputStream in = f.open()) {
            assertEquals("first line\nsecond line\n", new String(in.readAllBytes()));
        }
        assertEquals(Map.of("GetObject", 1), requests.byOperation());
    }

    @Test
    void files_throwsArchiverExceptionNamingTheUri_whenTheBucketIsMissing() {
        S3AccessLogSource source = S3AccessLogSource.of(s3, "s3://no-such-log-bucket/logs/");
        ArchiverException e = assertThrows(ArchiverException.class, source::files);
        assertTrue(e.getMessage().startsWith("s3://no-such-log-bucket/logs/: cannot list the access logs: "), e.getMessage());
        assertTrue(e.getMessage().contains("NoSuchBucket"), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    @Test
    void open_throwsArchiverExceptionNamingTheObject_whenItVanishedAfterListing() {
        put("logs/2025-01-01-00-00-00-AAAA", "x\n".getBytes());
        S3AccessLogSource source = S3AccessLogSource.of(s3, "s3://" + LOGS + "/logs/");
        AccessLogSource.LogFile f = source.files().get(0);
        s3.deleteObject(d -> d.bucket(LOGS).key("logs/2025-01-01-00-00-00-AAAA"));

        ArchiverException e = assertThrows(ArchiverException.class,
                () -> AccessLogParser.builder().build().parse(source, l -> { }));
        assertTrue(e.getMessage().startsWith("s3://log-bucket/logs/2025-01-01-00-00-00-AAAA: cannot read: "), e.getMessage());
        assertTrue(e.getMessage().contains("NoSuchKey"), e.getMessage());
    }

    @Test
    void builder_rejectsUrisWithoutABucket_andBadPageSizes() {
        assertThrows(ArchiverException.class, () -> S3AccessLogSource.of(s3, "logs/"));
        assertThrows(ArchiverException.class, () -> S3AccessLogSource.of(s3, "s3:///logs/"));
        assertThrows(IllegalArgumentException.class, () -> S3AccessLogSource.builder(s3, "s3://b/p").pageSize(0));
        S3AccessLogSource s = S3AccessLogSource.of(s3, "S3://b/p/q");
        assertEquals("b", s.bucket());
        assertEquals("p/q", s.prefix());
        assertEquals("s3://b/p/q", s.uri());
    }
}
