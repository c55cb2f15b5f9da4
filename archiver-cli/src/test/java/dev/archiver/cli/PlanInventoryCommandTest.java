package dev.archiver.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.archiver.core.decide.Decision;
import dev.archiver.core.feature.FeatureExtractor;
import dev.archiver.core.predict.AccessPredictor;
import dev.archiver.testkit.sagemaker.LocalInferenceEndpoint;
import dev.archiver.testkit.sagemaker.ScriptedResponse;
import dev.archiver.core.plan.Plan;
import dev.archiver.testkit.InventoryGenerator;
import dev.archiver.testkit.MotoServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code archiver plan --inventory} end to end: a local report folder and an {@code s3://} manifest URI on moto. */
class PlanInventoryCommandTest {

    @RegisterExtension
    static final MotoServerExtension MOTO = new MotoServerExtension();

    private static final String SOURCE = "inv-source";
    /** The generator writes {@code destinationBucket} {@code arn:aws:s3:::inventory-<source>}. */
    private static final String DESTINATION = "inventory-" + SOURCE;
    private static final String AWKWARD = "reports/a, \"quoted\" name with spaces+plus/ünï cøde.csv";

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path tmp;

    @BeforeAll
    static void credentials() {
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
    }

    @AfterAll
    static void forgetCredentials() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return ArchiverCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    /**
     * 1,200 random rows (plus an awkward key) in three data files of a current-versions report. (In a
     * versioned report a copy in place leaves the old version billed, so age-days:0 moves nothing.)
     */
    private Path inventory() {
        return InventoryGenerator.builder().bucket(SOURCE).rows(1_200).rowsPerFile(500).seed(11)
                .row(InventoryGenerator.Row.of(AWKWARD, 5_000_000, Instant.parse("2024-01-01T00:00:00Z")))
                .build().write(tmp.resolve("inventory"));
    }

    private S3Client s3() {
        return S3Client.builder().endpointOverride(MOTO.endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build();
    }

    /** Uploads the report as S3 writes it: manifest under a dated prefix, data files at the keys the manifest lists. */
    private String upload(S3Client s3, Path dir) throws IOException {
        s3.createBucket(b -> b.bucket(DESTINATION));
        String prefix = SOURCE + "/daily/2026-11-01T01-00Z/";
        s3.putObject(p -> p.bucket(DESTINATION).key(prefix + "manifest.json"), RequestBody.fromFile(dir.resolve("manifest.json")));
        s3.putObject(p -> p.bucket(DESTINATION).key(prefix + "manifest.checksum"), RequestBody.fromFile(dir.resolve("manifest.checksum")));
        try (Stream<Path> data = Files.list(dir.resolve("data"))) {
            for (Path f : data.collect(Collectors.toList())) {
                s3.putObject(p -> p.bucket(DESTINATION).key("inventory/" + SOURCE + "/daily/data/" + f.getFileName()), RequestBody.fromFile(f));
            }
        }
        return "s3://" + DESTINATION + "/" + prefix + "manifest.json";
    }

    @Test
    void plan_writesManifests_whenInventoryIsLocalFolder() throws IOException {
        Path plan = tmp.resolve("plan");

        int code = run("plan", "--inventory", inventory().toString(), "--rule", "age-days:0", "--out", plan.toString(), "--format", "json");

        assertEquals(0, code, err.toString());
        assertPlanMatchesManifests(plan, json(out.toString()));
        assertTrue(err.toString().contains("objects/s"), "progress on stderr: " + err);
    }

    @Test
    void plan_writesManifests_whenInventoryIsS3Uri() throws IOException {
        Path plan = tmp.resolve("plan");
        String uri;
        try (S3Client s3 = s3()) {
            uri = upload(s3, inventory());
        }

        int code = run("plan", "--inventory", uri, "--rule", "age-days:0", "--endpoint-url", MOTO.endpoint().toString(),
                "--region", "us-east-1", "--out", plan.toString(), "--format", "json", "--quiet");

        assertEquals(0, code, err.toString());
        assertEquals("", err.toString(), "--quiet prints nothing on stderr");
        assertPlanMatchesManifests(plan, json(out.toString()));
    }

    /** Every MOVE of plan.jsonl is one manifest row of its target, keys round-trip, and summary.json says so. */
    private void assertPlanMatchesManifests(Path plan, JsonNode printed) throws IOException {
        assertEquals(json(Files.readString(plan.resolve("summary.json"))), printed, "--format json prints summary.json");
        Plan p = Plan.read(plan.resolve("plan.jsonl"));
        assertTrue(p.moves().size() > 300, "age-days:0 moves the objects that pay off: " + printed.get("byReason"));
        assertEquals(0, printed.get("skippedRows").get("NONCURRENT_VERSION").asLong(), printed.toString());
        assertEquals(p.decisions().size(), printed.get("objects").asLong());

        Map<String, Set<String>> planned = new HashMap<>();
        for (Decision d : p.moves()) {
            planned.computeIfAbsent(d.target().name(), t -> new HashSet<>()).add(SOURCE + "," + d.object().key());
        }
        Map<String, Set<String>> manifested = new HashMap<>();
        for (JsonNode m : printed.get("manifests")) {
            String target = m.get("target").asText();
            List<String> rows = Files.readAllLines(plan.resolve(m.get("manifest").asText()), StandardCharsets.UTF_8);
            assertEquals(m.get("rows").asLong(), rows.size(), m.toString());
            for (String row : rows) {
                String[] f = row.split(",", -1);
                assertEquals(2, f.length, "Bucket,Key with the key percent-encoded: " + row);
                manifested.computeIfAbsent(target, t -> new HashSet<>())
                        .add(f[0] + "," + URLDecoder.decode(f[1].replace("+", "%2B"), StandardCharsets.UTF_8));
            }
            JsonNode job = json(Files.readString(plan.resolve(m.get("job").asText())));
            assertTrue(job.toString().contains(target), job.toString());
        }
        assertEquals(planned, manifested);
        assertTrue(manifested.values().stream().anyMatch(s -> s.contains(SOURCE + "," + AWKWARD)), "the awkward key survives");
    }

    @Test
    void plan_exitsTwo_namingFileAndRow_andLeavesNoOutput_whenDataFileIsCorrupt() throws IOException {
        Path dir = inventory();
        Path second;
        try (Stream<Path> data = Files.list(dir.resolve("data"))) {
            second = data.sorted().collect(Collectors.toList()).get(1);
        }
        dropLastColumnOfRow(second, 7);
        Path plan = tmp.resolve("plan");

        int code = run("plan", "--inventory", dir.resolve("manifest.json").toString(), "--rule", "age-days:0", "--out", plan.toString());

        assertEquals(2, code, out + " " + err);
        List<String> errLines = err.toString().lines().filter(l -> !l.contains("objects/s")).collect(Collectors.toList());
        assertEquals(1, errLines.size(), err.toString());
        assertTrue(errLines.get(0).startsWith("archiver: " + second + ": row 7: expected 13 columns"), err.toString());
        assertFalse(Files.exists(plan), "no plan folder");
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of("inventory"), left.map(f -> f.getFileName().toString()).sorted().collect(Collectors.toList()),
                    "no hidden partial folder either");
        }
        assertEquals("", out.toString());
    }

    @Test
    void plan_exitsTwo_namingTheS3DataFile_andLeavesNoOutput_whenDataFileInS3IsAltered() throws IOException {
        Path dir = inventory();
        Path plan = tmp.resolve("plan");
        String uri;
        String alteredKey;
        try (S3Client s3 = s3()) {
            uri = upload(s3, dir);
            Path first;
            try (Stream<Path> data = Files.list(dir.resolve("data"))) {
                first = data.sorted().findFirst().orElseThrow();
            }
            alteredKey = "inventory/" + SOURCE + "/daily/data/" + first.getFileName();
            byte[] bytes = Files.readAllBytes(first);
            byte[] altered = bytes.clone();
            altered[altered.length / 2] ^= 0x55; // one flipped byte in the middle of the deflate stream
            s3.putObject(p -> p.bucket(DESTINATION).key(alteredKey), RequestBody.fromBytes(altered));
        }

        int code = run("plan", "--inventory", uri, "--rule", "age-days:0", "--endpoint-url", MOTO.endpoint().toString(),
                "--region", "us-east-1", "--out", plan.toString(), "--quiet");

        assertEquals(2, code, out + " " + err);
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        assertTrue(err.toString().startsWith("archiver: s3://" + DESTINATION + "/" + alteredKey + ": "), err.toString());
        assertTrue(err.toString().contains("row "), err.toString());
        assertFalse(Files.exists(plan));
    }

    @Test
    void plan_writesPlaceholdersFilledIn_whenBatchSettingsAreGiven() throws IOException {
        Path plan = tmp.resolve("plan");

        int code = run("plan", "--inventory", inventory().toString(), "--rule", "age-days:0", "--out", plan.toString(), "--quiet",
                "--moves-only", "--batch-account-id", "123456789012", "--batch-manifest-location", "s3://ops/archiver/run-1",
                "--batch-report-bucket", "ops-reports");

        assertEquals(0, code, err.toString());
        JsonNode summary = json(Files.readString(plan.resolve("summary.json")));
        assertFalse(summary.get("planHasKeeps").asBoolean());
        assertEquals(summary.get("moves").asLong(), Plan.read(plan.resolve("plan.jsonl")).decisions().size());
        String job = Files.readString(plan.resolve(summary.get("manifests").get(0).get("job").asText()));
        assertTrue(job.contains("\"123456789012\""), job);
        assertTrue(job.contains("arn:aws:iam::123456789012:role/"), job);
        assertTrue(job.contains("arn:aws:s3:::ops/archiver/run-1/manifests/"), job);
        assertTrue(job.contains("arn:aws:s3:::ops-reports"), job);
        assertFalse(job.contains("<ACCOUNT_ID>"), job);
        assertTrue(out.toString().contains("no job was submitted"), out.toString());
    }

    @Test
    void plan_recordsSageMakerStatsInSummary_andExitsOne_whenEndpointFails() throws IOException {
        Path plan = tmp.resolve("plan");
        try (LocalInferenceEndpoint endpoint = LocalInferenceEndpoint.start()) {
            endpoint.serve("access-model", AccessPredictor.ageRule(0), FeatureExtractor.defaults().featureNames());
            endpoint.enqueue(ScriptedResponse.modelError("model crashed"), 100);

            int code = run("plan", "--inventory", inventory().toString(), "--sagemaker-endpoint", "access-model",
                    "--sagemaker-endpoint-url", endpoint.uri().toString(), "--region", "us-east-1", "--out", plan.toString(), "--quiet");

            assertEquals(1, code, err.toString());
        }
        JsonNode summary = json(Files.readString(plan.resolve("summary.json")));
        assertEquals(0, summary.get("moves").asLong(), "unscored objects are kept");
        assertTrue(summary.get("sagemaker").get("rowsFailed").asLong() > 0, summary.toString());
        assertEquals(summary.get("sagemaker").get("rowsFailed").asLong(), summary.get("predictionFailures").asLong(), summary.toString());
        assertTrue(err.toString().contains("rows kept unscored"), err.toString());
        try (Stream<Path> files = Files.list(plan)) {
            assertFalse(files.anyMatch(f -> f.getFileName().toString().startsWith(".")), "no temporary file left in the plan folder");
        }
    }

    @Test
    void plan_exitsTwo_whenBothOrNeitherSourceIsGiven() {
        assertEquals(2, run("plan", "--bucket", "b", "--inventory", "x", "--rule", "age-days:0", "--out", tmp.resolve("p").toString()));
        assertTrue(err.toString().contains("mutually exclusive"), err.toString());

        assertEquals(2, run("plan", "--rule", "age-days:0", "--out", tmp.resolve("p").toString()));
        assertTrue(err.toString().contains("--bucket") && err.toString().contains("--inventory"), err.toString());

        assertEquals(2, run("plan", "--inventory", "x", "--prefix", "logs/", "--rule", "age-days:0", "--out", tmp.resolve("p").toString()));
        assertTrue(err.toString().startsWith("archiver: "), err.toString());
    }

    @Test
    void plan_exitsTwo_withOneLine_whenInventoryPathDoesNotExist() {
        Path missing = tmp.resolve("no-such-report");

        assertEquals(2, run("plan", "--inventory", missing.toString(), "--rule", "age-days:0", "--out", tmp.resolve("p").toString()));

        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        assertTrue(err.toString().startsWith("archiver: --inventory: " + missing + ": no such file or folder"), err.toString());
        assertFalse(Files.exists(tmp.resolve("p")));
    }

    @Test
    void plan_exitsTwo_namingTheUri_whenS3ManifestIsMissing() {
        try (S3Client s3 = s3()) {
            s3.createBucket(b -> b.bucket(DESTINATION));
        }
        String uri = "s3://" + DESTINATION + "/nothing/manifest.json";

        assertEquals(2, run("plan", "--inventory", uri, "--rule", "age-days:0", "--endpoint-url", MOTO.endpoint().toString(),
                "--region", "us-east-1", "--out", tmp.resolve("p").toString()));

        assertTrue(err.toString().startsWith("archiver: " + uri + ": cannot read manifest: NoSuchKey"), err.toString());
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
    }

    /** Rewrites a CSV.gz data file with row {@code row} (1-based) missing its last column; the manifest is left as it was. */
    private static void dropLastColumnOfRow(Path gz, int row) throws IOException {
        String csv;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            csv = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> lines = new ArrayList<>(csv.lines().collect(Collectors.toList()));
        String l = lines.get(row - 1);
        lines.set(row - 1, l.substring(0, l.lastIndexOf(',')));
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (OutputStream o = new GZIPOutputStream(b)) {
            o.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        Files.write(gz, b.toByteArray());
    }

    private static JsonNode json(String s) {
        try {
            return DemoCommand.Json.MAPPER.readTree(s);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + s, e);
        }
    }
}
