package dev.archiver.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.archiver.core.access.AccessLogParser;
import dev.archiver.core.access.AccessLogSource;
import dev.archiver.core.predict.LogisticModel;
import dev.archiver.testkit.AccessLogWriter;
import dev.archiver.testkit.MotoServerExtension;
import dev.archiver.testkit.Workload;
import dev.archiver.testkit.WorkloadGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code train} and {@code evaluate} reading S3 server access logs from {@code s3://} prefixes on moto. */
class AccessLogsFromS3Test {

    @RegisterExtension
    static final MotoServerExtension MOTO = new MotoServerExtension();

    @TempDir
    static Path dir;
    static Path logs;
    static List<Path> files;

    private static final String LOG_BUCKET = "access-log-bucket";

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private S3Client s3;

    @BeforeAll
    static void writeLogs() throws IOException {
        // the CLI takes credentials from the SDK's default chain, whose first link is these system properties
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        Workload w = WorkloadGenerator.builder().objects(600).days(110).seed(5).build().generate();
        logs = dir.resolve("logs");
        AccessLogWriter.builder().noise(true).build().writeDaily(w.events(), logs);
        try (Stream<Path> s = Files.list(logs)) {
            files = s.sorted().toList();
        }
    }

    @AfterAll
    static void forgetCredentials() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @BeforeEach
    void upload() throws IOException {
        s3 = S3Client.builder().endpointOverride(MOTO.endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build();
        s3.createBucket(b -> b.bucket(LOG_BUCKET));
        for (Path f : files) {
            s3.putObject(p -> p.bucket(LOG_BUCKET).key("logs/example-bucket/" + f.getFileName()), RequestBody.fromFile(f));
        }
    }

    @AfterEach
    void close() {
        s3.close();
    }

    int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return ArchiverCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private String endpoint() {
        return MOTO.endpoint().toString();
    }

    @Test
    void train_readsLogsFromS3_whenPathIsS3Uri() throws Exception {
        Path fromS3 = dir.resolve("s3-model.json");
        assertEquals(0, run("train", "--access-logs", "s3://" + LOG_BUCKET + "/logs/example-bucket/", "--endpoint-url", endpoint(),
                "--region", "us-east-1", "--horizon-days", "30", "--out", fromS3.toString()), err.toString());
        String s3Table = out.toString();
        assertTrue(s3Table.contains("ROC AUC") && s3Table.contains("(later window)"), s3Table);
        assertTrue(err.toString().contains("read " + files.size() + " files"), err.toString());
        LogisticModel model = LogisticModel.load(fromS3);
        assertEquals(30, ((Number) model.metadata().get("horizonDays")).intValue());

        Path fromDisk = dir.resolve("local-model.json");
        assertEquals(0, run("train", "--access-logs", logs.toString(), "--horizon-days", "30", "--out", fromDisk.toString()),
                err.toString());
        assertEquals(out.toString(), s3Table, "the same evaluation as from the local copy");
        assertEquals(Files.readString(fromDisk), Files.readString(fromS3), "the same model");
    }

    @Test
    void evaluate_readsLocalAndS3Inputs_inOneRun_skippingARedeliveredLogObject() throws Exception {
        Path model = dir.resolve("eval-model.json");
        assertEquals(0, run("train", "--access-logs", logs.toString(), "--horizon-days", "30", "--out", model.toString()),
                err.toString());
        assertEquals(0, run("evaluate", "--model", model.toString(), "--access-logs", logs.toString(), "--format", "json"),
                err.toString());
        JsonNode local = new ObjectMapper().readTree(out.toString());

        // the first half of the days on disk, the rest (with one day's log delivered twice) in S3
        int half = files.size() / 2;
        Path firstHalf = Files.createDirectories(dir.resolve("first-half"));
        for (Path f : files.subList(0, half)) {
            Files.copy(f, firstHalf.resolve(f.getFileName()));
        }
        Path again = files.get(half + 3);
        s3.putObject(p -> p.bucket(LOG_BUCKET).key("later/" + again.getFileName() + "-redelivered"), RequestBody.fromFile(again));
        for (Path f : files.subList(half, files.size())) {
            s3.putObject(p -> p.bucket(LOG_BUCKET).key("later/" + f.getFileName()), RequestBody.fromFile(f));
        }
        long[] events = {0};
        AccessLogParser.builder().build().parse(AccessLogSource.local(again), l -> events[0] += l.traceOperation() == null ? 0 : 1);
        long dayLines = events[0];
        assertTrue(dayLines > 0);

        assertEquals(0, run("evaluate", "--model", model.toString(), "--access-logs", firstHalf.toString(),
                "s3://" + LOG_BUCKET + "/later/", "--endpoint-url", endpoint(), "--format", "json"), err.toString());
        JsonNode mixed = new ObjectMapper().readTree(out.toString());
        assertEquals(files.size() + 1, mixed.path("input").path("files").asInt());
        assertEquals(dayLines, mixed.path("input").path("duplicateLines").asLong(), "every event line of the repeated day");
        assertTrue(err.toString().contains("skipped " + dayLines + " duplicated lines"), err.toString());
        assertEquals(local.path("evaluation"), mixed.path("evaluation"), "the duplicated delivery changes nothing");
        assertEquals(local.path("input").path("keys"), mixed.path("input").path("keys"));
    }

    @Test
    void train_exits2WithOneLine_whenTheLogBucketIsMissing() {
        Path target = dir.resolve("never.json");
        assertEquals(2, run("train", "--access-logs", "s3://no-such-log-bucket/logs/", "--endpoint-url", endpoint(),
                "--out", target.toString()));
        String e = err.toString();
        assertEquals(1, e.lines().count(), e);
        assertTrue(e.startsWith("archiver: s3://no-such-log-bucket/logs/: cannot list the access logs: NoSuchBucket"), e);
        assertFalse(Files.exists(target));
    }
}
