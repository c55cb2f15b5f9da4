package dev.archiver.cli;

import dev.archiver.core.feature.FeatureExtractor;
import dev.archiver.core.predict.AccessPredictor;
import dev.archiver.testkit.sagemaker.LocalInferenceEndpoint;
import dev.archiver.testkit.sagemaker.ScriptedResponse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.archiver.core.plan.Plan;
import dev.archiver.testkit.MotoServerExtension;
import dev.archiver.testkit.ObjectStoreCompatibilityKit;
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
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.security.MessageDigest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code plan}, {@code apply}, {@code transition} and {@code explain} end to end against moto. */
class S3CommandsTest {

    @RegisterExtension
    static final MotoServerExtension MOTO = new MotoServerExtension();

    private static final String BUCKET = "cli-bucket";
    private static final List<String> KEYS = List.of("logs/a.log", "logs/with space.log", "media/ünï+cøde.bin");

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private S3Client s3;
    private final Map<String, String> digests = new java.util.HashMap<>();

    @BeforeAll
    static void credentials() {
        // the CLI takes credentials from the SDK's default chain, whose first link is these system properties
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
    }

    @AfterAll
    static void forgetCredentials() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @BeforeEach
    void seed() throws Exception {
        s3 = S3Client.builder().endpointOverride(MOTO.endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build();
        s3.createBucket(b -> b.bucket(BUCKET));
        Random random = new Random(1);
        for (String k : KEYS) {
            byte[] content = new byte[1024 * 1024];
            random.nextBytes(content);
            s3.putObject(p -> p.bucket(BUCKET).key(k).metadata(Map.of("owner", "ops")).tagging("t=1").contentType("text/plain"),
                    RequestBody.fromBytes(content));
            digests.put(k, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
        }
    }

    @AfterEach
    void close() {
        s3.close();
    }

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return ArchiverCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private String endpoint() {
        return MOTO.endpoint().toString();
    }

    @Test
    void plan_scoresWithSageMakerEndpoint_inOneRequest(@TempDir Path dir) throws Exception {
        try (LocalInferenceEndpoint endpoint = LocalInferenceEndpoint.start()) {
            endpoint.serve("access-model", AccessPredictor.ageRule(0), FeatureExtractor.defaults().featureNames());
            int code = run("plan", "--bucket", BUCKET, "--sagemaker-endpoint", "access-model",
                    "--sagemaker-endpoint-url", endpoint.uri().toString(), "--endpoint-url", endpoint(), "--region", "us-east-1",
                    "--out", dir.toString(), "--format", "json");

            assertEquals(0, code, err.toString());
            assertEquals(1, endpoint.invocationCount(), "one InvokeEndpoint for the whole batch");
            assertEquals(KEYS.size(), Plan.read(dir.resolve("plan.jsonl")).moves().size());
            JsonNode summary = json(Files.readString(dir.resolve("summary.json")));
            assertEquals(KEYS.size(), summary.get("sagemaker").get("rowsScored").asInt(), summary.toString());
        }
    }

    @Test
    void plan_keepsObjectsAndExitsOne_whenSageMakerEndpointFails(@TempDir Path dir) throws Exception {
        try (LocalInferenceEndpoint endpoint = LocalInferenceEndpoint.start()) {
            endpoint.serve("access-model", AccessPredictor.ageRule(0), FeatureExtractor.defaults().featureNames());
            endpoint.enqueue(ScriptedResponse.modelError("model crashed"), 10);
            int code = run("plan", "--bucket", BUCKET, "--sagemaker-endpoint", "access-model",
                    "--sagemaker-endpoint-url", endpoint.uri().toString(), "--endpoint-url", endpoint(), "--region", "us-east-1",
                    "--out", dir.toString());

            assertEquals(1, code, err.toString());
            Plan plan = Plan.read(dir.resolve("plan.jsonl"));
            assertEquals(0, plan.moves().size());
            assertEquals(KEYS.size(), plan.summary().predictionFailures());
            assertTrue(err.toString().contains("rows kept unscored"), err.toString());
        }
    }

    @Test
    void plan_writesPlanAndSummary_andChangesNothing(@TempDir Path dir) {
        int code = run("plan", "--bucket", BUCKET, "--rule", "age-days:0", "--endpoint-url", endpoint(), "--region", "us-east-1",
                "--out", dir.toString(), "--format", "json");

        assertEquals(0, code, err.toString());
        Plan plan = Plan.read(dir.resolve("plan.jsonl"));
        assertEquals(KEYS.size(), plan.decisions().size());
        assertEquals(KEYS.size(), plan.moves().size(), plan.summary().toString());
        assertTrue(Files.exists(dir.resolve("summary.json")));
        JsonNode summary = json(out.toString());
        assertEquals(KEYS.size(), summary.get("objects").asInt());
        for (String k : KEYS) {
            assertEquals(null, head(k).storageClassAsString(), "plan must not move " + k);
        }
    }

    @Test
    void apply_refusesWithoutYes_withOneLineReason(@TempDir Path dir) {
        assertEquals(0, run("plan", "--bucket", BUCKET, "--rule", "age-days:0", "--endpoint-url", endpoint(), "--out", dir.toString()));

        int code = run("apply", "--plan", dir.toString(), "--endpoint-url", endpoint());

        assertEquals(2, code);
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        assertTrue(err.toString().contains("--yes"), err.toString());
        assertEquals(null, head(KEYS.get(0)).storageClassAsString());
    }

    @Test
    void apply_movesEveryPlannedObject_keepsBytesMetadataTags_andSecondRunDoesNothing(@TempDir Path dir) throws Exception {
        assertEquals(0, run("plan", "--bucket", BUCKET, "--rule", "age-days:0", "--endpoint-url", endpoint(), "--out", dir.toString()));
        Plan plan = Plan.read(dir.resolve("plan.jsonl"));

        int code = run("apply", "--plan", dir.toString(), "--yes", "--endpoint-url", endpoint(), "--format", "json");

        assertEquals(0, code, err.toString());
        assertEquals(KEYS.size(), json(out.toString()).get("counts").get("APPLIED").asInt(), out.toString());
        for (var d : plan.moves()) {
            String k = d.object().key();
            HeadObjectResponse h = head(k);
            assertEquals(d.target().name(), h.storageClassAsString(), k);
            assertEquals(ObjectStoreCompatibilityKit.withCreated(Map.of("owner", "ops"), d.object().lastModified()), h.metadata(), k);
            assertEquals("text/plain", h.contentType(), k);
            assertEquals(1, s3.getObjectTagging(t -> t.bucket(BUCKET).key(k)).tagSet().size(), k);
            byte[] bytes = s3.getObjectAsBytes(g -> g.bucket(BUCKET).key(k)).asByteArray();
            assertEquals(digests.get(k), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)), k);
        }
        assertTrue(Files.exists(dir.resolve(ApplyCommand.JOURNAL)));

        assertEquals(0, run("apply", "--plan", dir.toString(), "--yes", "--endpoint-url", endpoint(), "--format", "json"), err.toString());

        JsonNode second = json(out.toString());
        assertEquals(0, second.get("counts").get("APPLIED").asInt());
        assertEquals(KEYS.size(), second.get("alreadyDone").asInt());
    }

    @Test
    void apply_withConcurrency4_movesEveryObject_andListsTheOnesNotMovedWithWhy(@TempDir Path dir) throws Exception {
        for (int i = 0; i < 16; i++) {
            int n = i;
            s3.putObject(p -> p.bucket(BUCKET).key("bulk/obj-" + n), RequestBody.fromBytes(new byte[1024 * 1024 + n])); // big enough to be worth moving
        }
        assertEquals(0, run("plan", "--bucket", BUCKET, "--rule", "age-days:0", "--endpoint-url", endpoint(), "--out", dir.toString()));
        Plan plan = Plan.read(dir.resolve("plan.jsonl"));
        assertEquals(KEYS.size() + 16, plan.moves().size(), () -> plan.summary().byReason().toString());
        s3.putObject(p -> p.bucket(BUCKET).key("bulk/obj-3"), RequestBody.fromBytes(new byte[1024 * 1024 + 99]));
        s3.deleteObject(d -> d.bucket(BUCKET).key("bulk/obj-7"));

        int code = run("apply", "--plan", dir.toString(), "--yes", "--endpoint-url", endpoint(), "--concurrency", "4",
                "--max-requests-per-second", "5000", "--format", "json");

        assertEquals(0, code, err.toString());
        JsonNode report = json(out.toString());
        assertEquals(KEYS.size() + 14, report.get("counts").get("APPLIED").asInt(), out.toString());
        for (var d : plan.moves()) {
            String k = d.object().key();
            if (!k.equals("bulk/obj-3") && !k.equals("bulk/obj-7")) {
                assertEquals(d.target().name(), head(k).storageClassAsString(), k);
            }
        }
        assertEquals(null, head("bulk/obj-3").storageClassAsString(), "changed since the plan: not copied");
        List<String> notMoved = Files.readAllLines(dir.resolve(ApplyCommand.NOT_MOVED));
        assertEquals(3, notMoved.size(), notMoved.toString());
        assertTrue(notMoved.get(1).startsWith(BUCKET + ",bulk/obj-3,,STANDARD,"), notMoved.toString());
        assertTrue(notMoved.get(1).contains(",SKIPPED_CHANGED,1,this,"), notMoved.toString());
        assertTrue(notMoved.get(2).startsWith(BUCKET + ",bulk/obj-7,,STANDARD,"), notMoved.toString());
        assertTrue(notMoved.get(2).contains(",NOT_FOUND,1,this,"), notMoved.toString());
        assertTrue(err.toString().contains("not moved: 2 (SKIPPED_CHANGED 1, NOT_FOUND 1)"), err.toString());

        assertEquals(0, run("apply", "--plan", dir.toString(), "--yes", "--endpoint-url", endpoint(), "--concurrency", "4",
                "--format", "json"), err.toString());
        assertEquals(KEYS.size() + 16, json(out.toString()).get("alreadyDone").asInt(), out.toString());
        List<String> again = Files.readAllLines(dir.resolve(ApplyCommand.NOT_MOVED));
        assertEquals(3, again.size(), again.toString());
        assertTrue(again.get(1).contains(",SKIPPED_CHANGED,1,earlier,") && again.get(2).contains(",NOT_FOUND,1,earlier,"), again.toString());
        assertTrue(err.toString().contains("2 settled by an earlier run"), err.toString());
    }

    @Test
    void apply_rejectsBadConcurrencyAndRate_withOneLine(@TempDir Path dir) {
        assertEquals(0, run("plan", "--bucket", BUCKET, "--rule", "age-days:0", "--endpoint-url", endpoint(), "--out", dir.toString()));
        assertEquals(2, run("apply", "--plan", dir.toString(), "--yes", "--endpoint-url", endpoint(), "--concurrency", "0"));
        assertTrue(err.toString().startsWith("archiver: --concurrency: "), err.toString());
        assertEquals(2, run("apply", "--plan", dir.toString(), "--yes", "--endpoint-url", endpoint(), "--max-requests-per-second", "-1"));
        assertTrue(err.toString().startsWith("archiver: --max-requests-per-second: "), err.toString());
        assertEquals(null, head(KEYS.get(0)).storageClassAsString());
    }

    @Test
    void apply_tagMode_tagsObjects_andMergesLifecycleRules(@TempDir Path dir) {
        s3.putBucketLifecycleConfiguration(p -> p.bucket(BUCKET).lifecycleConfiguration(c -> c.rules(r -> r.id("mine")
                .status("Enabled").filter(f -> f.prefix("tmp/")).expiration(e -> e.days(3)))));
        assertEquals(0, run("plan", "--bucket", BUCKET, "--rule", "age-days:0", "--endpoint-url", endpoint(), "--out", dir.toString()));
        Plan plan = Plan.read(dir.resolve("plan.jsonl"));

        int code = run("apply", "--plan", dir.toString(), "--yes", "--mode", "tag", "--endpoint-url", endpoint());

        assertEquals(0, code, err.toString());
        var rules = s3.getBucketLifecycleConfiguration(g -> g.bucket(BUCKET)).rules();
        assertEquals("mine", rules.get(0).id());
        for (var d : plan.moves()) {
            String k = d.object().key();
            var tags = s3.getObjectTagging(t -> t.bucket(BUCKET).key(k)).tagSet();
            assertTrue(tags.stream().anyMatch(t -> t.key().equals("archiver-class") && t.value().equals(d.target().name())), k + " " + tags);
            assertTrue(tags.stream().anyMatch(t -> t.key().equals("t")), "existing tag kept on " + k);
            assertTrue(rules.stream().anyMatch(r -> r.id().equals("archiver-class-" + d.target().name())), rules.toString());
            assertEquals(null, head(k).storageClassAsString(), "tag mode does not copy " + k);
        }
    }

    @Test
    void apply_exitsOne_whenObjectsFail(@TempDir Path dir) {
        assertEquals(0, run("plan", "--bucket", BUCKET, "--rule", "age-days:0", "--endpoint-url", endpoint(), "--out", dir.toString()));

        // nothing listens on port 9 of the loopback: every copy fails to connect and stays RETRYABLE
        int code = run("apply", "--plan", dir.toString(), "--yes", "--endpoint-url", "http://127.0.0.1:9", "--max-attempts", "1");

        assertEquals(1, code, out + " " + err);
        assertTrue(out.toString().contains("RETRYABLE"), out.toString());
        assertEquals(null, head(KEYS.get(0)).storageClassAsString());
    }

    @Test
    void transition_isDryWithoutYes_andMovesWithYes() {
        String uri = "s3://" + BUCKET + "/" + KEYS.get(2);

        assertEquals(0, run("transition", uri, "--to", "STANDARD_IA", "--endpoint-url", endpoint()), err.toString());
        assertTrue(out.toString().contains("DRY_RUN"), out.toString());
        assertEquals(null, head(KEYS.get(2)).storageClassAsString());

        assertEquals(0, run("transition", uri, "--to", "STANDARD_IA", "--yes", "--endpoint-url", endpoint()), err.toString());
        assertTrue(out.toString().contains("APPLIED"), out.toString());
        assertEquals("STANDARD_IA", head(KEYS.get(2)).storageClassAsString());
    }

    @Test
    void transition_exitsTwo_withOneLine_forUnknownClassOrMissingObject() {
        assertEquals(2, run("transition", "s3://" + BUCKET + "/" + KEYS.get(0), "--to", "COLDEST", "--endpoint-url", endpoint()));
        assertTrue(err.toString().startsWith("archiver: --to: unknown S3 storage class 'COLDEST'"), err.toString());
        assertEquals(1, err.toString().strip().lines().count(), err.toString());

        assertEquals(2, run("transition", "s3://" + BUCKET + "/absent", "--to", "STANDARD_IA", "--endpoint-url", endpoint()));
        assertTrue(err.toString().contains("no such object"), err.toString());
    }

    @Test
    void explain_showsDecisionAndCosts() {
        int code = run("explain", "s3://" + BUCKET + "/" + KEYS.get(0), "--rule", "age-days:0", "--endpoint-url", endpoint(), "--format", "json");

        assertEquals(0, code, err.toString());
        JsonNode n = json(out.toString());
        assertEquals("MOVE", n.get("action").asText(), out.toString());
        assertEquals(0.0, n.get("pRead").asDouble());
        assertTrue(n.get("costs").size() >= 2, out.toString());
        assertFalse(n.get("explanation").asText().isEmpty());
    }

    @Test
    void plan_listsVersions_whenBucketIsVersioned(@TempDir Path dir) {
        s3.putBucketVersioning(v -> v.bucket(BUCKET).versioningConfiguration(c -> c.status("Enabled")));
        s3.putObject(p -> p.bucket(BUCKET).key(KEYS.get(0)), RequestBody.fromString("second version"));

        assertEquals(0, run("plan", "--bucket", BUCKET, "--rule", "age-days:0", "--endpoint-url", endpoint(), "--out", dir.toString()), err.toString());

        Plan plan = Plan.read(dir.resolve("plan.jsonl"));
        assertEquals(KEYS.size(), plan.decisions().size());
        String current = s3.headObject(h -> h.bucket(BUCKET).key(KEYS.get(0))).versionId();
        assertTrue(plan.decisions().stream().anyMatch(d -> current.equals(d.object().versionId())), plan.decisions().toString());
    }

    @Test
    void plan_exitsTwo_forMissingBucket(@TempDir Path dir) {
        assertEquals(2, run("plan", "--bucket", "no-such-bucket", "--rule", "age-days:0", "--endpoint-url", endpoint(), "--out", dir.toString()));
        assertTrue(err.toString().startsWith("archiver: --bucket: no-such-bucket: NoSuchBucket"), err.toString());
    }

    @Test
    void plan_exitsTwo_forBadRule() {
        assertEquals(2, run("plan", "--bucket", BUCKET, "--rule", "age-weeks:3", "--endpoint-url", endpoint(), "--out", "x"));
        assertEquals("archiver: --rule: expected age-days:N, was 'age-weeks:3'", err.toString().strip());
    }

    private HeadObjectResponse head(String key) {
        return s3.headObject(h -> h.bucket(BUCKET).key(key));
    }

    private static JsonNode json(String s) {
        try {
            return DemoCommand.Json.MAPPER.readTree(s);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + s, e);
        }
    }
}
