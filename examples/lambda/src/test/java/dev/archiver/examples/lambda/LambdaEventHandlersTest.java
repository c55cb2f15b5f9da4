package dev.archiver.examples.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.archiver.core.ArchiverException;
import dev.archiver.testkit.MotoServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** S3EventHandler and SqsS3EventHandler end to end against moto, with events in the shapes AWS documents. */
class LambdaEventHandlersTest {

    @RegisterExtension
    static final MotoServerExtension MOTO = new MotoServerExtension();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> PHOTOS = List.of("red flower.jpg", "c++ notes (1).txt", "été/日本 😀.bin");

    private MotoWorld world;
    private String putEvent;

    @BeforeEach
    void setUp() throws IOException {
        world = new MotoWorld(MOTO.endpoint());
        world.bucket("photos", false);
        world.bucket("versioned", true);
        world.bucket("decisions", false);
        String event = MotoWorld.resource("s3-put.json");
        for (int i = 0; i < PHOTOS.size(); i++) {
            event = event.replace("__ETAG_" + i + "__", MotoWorld.bare(world.put("photos", PHOTOS.get(i)).eTag()));
        }
        PutObjectResponse v = world.put("versioned", "backups/db 2026-11-20.dump");
        putEvent = event.replace("__ETAG_3__", MotoWorld.bare(v.eTag())).replace("__VERSION_3__", v.versionId());
    }

    @AfterEach
    void tearDown() {
        world.close();
    }

    private S3EventHandler s3Handler(Map<String, String> env) {
        return new S3EventHandler(world.s3, HandlerConfig.from(env), world.clock, world.out);
    }

    private static JsonNode invoke(com.amazonaws.services.lambda.runtime.RequestStreamHandler h, String event, String requestId)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        h.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out,
                new LocalContext(requestId, java.time.Clock.systemUTC(), java.time.Instant.now().plusSeconds(60)));
        return JSON.readTree(out.toByteArray());
    }

    @Test
    void s3Handler_movesEveryUploadedObject_onceEach_withAwkwardKeys_versionedAndNot() throws IOException {
        JsonNode r = invoke(s3Handler(MotoWorld.env("ARCHIVER_DECISIONS", "s3://decisions/records/")), putEvent, "req-1");

        assertEquals(4, r.get("decisions").asInt(), r::toString);
        assertEquals(3, r.get("moved").asInt(), r::toString);
        assertEquals(0, r.get("failed").asInt());
        for (String k : PHOTOS) {
            assertEquals(1, world.copies.get("photos/" + k), k);
            assertNotEquals("STANDARD", world.storageClass("photos", k), k);
        }
        // versioned: a copy would leave the old 512 KiB version billed, so the cost model keeps it
        assertEquals(null, world.copies.get("versioned/backups/db 2026-11-20.dump"));
        assertTrue(world.logText().lines().anyMatch(l -> l.contains("\"key\":\"backups/db 2026-11-20.dump\"")
                && l.contains("\"status\":\"KEPT\"") && l.contains("\"versionId\"")), world.logText());
        // one log line per decision, EMF metrics, a decision record in S3
        String logs = world.logText();
        assertEquals(4, logs.lines().filter(l -> l.contains("\"type\":\"decision\"")).count(), logs);
        assertTrue(logs.lines().anyMatch(l -> l.contains("\"CloudWatchMetrics\"") && l.contains("\"Moves\":3")), logs);
        assertTrue(logs.lines().anyMatch(l -> l.contains("\"TargetClass\"")), logs);
        List<String> records = world.s3.listObjectsV2(l -> l.bucket("decisions").prefix("records/s3/")).contents()
                .stream().map(o -> o.key()).collect(java.util.stream.Collectors.toList());
        assertEquals(1, records.size(), records::toString);
        String plan = world.s3.getObjectAsBytes(g -> g.bucket("decisions").key(records.get(0))).asUtf8String();
        assertEquals(5, plan.lines().count(), plan); // header + 4 decisions, readable by `archiver apply`
    }

    @Test
    void s3Handler_redeliveryOfTheSameBatch_movesNothingTwice_inTheSameContainerOrAFreshOne() throws IOException {
        S3EventHandler warm = s3Handler(MotoWorld.env());
        invoke(warm, putEvent, "req-1");
        assertEquals(3, world.totalCopies());

        JsonNode again = invoke(warm, putEvent, "req-2");                    // same container: dedupe by sequencer
        assertEquals(0, again.get("moved").asInt(), again::toString);
        JsonNode cold = invoke(s3Handler(MotoWorld.env()), putEvent, "req-3"); // fresh container: stale / already cheapest
        assertEquals(0, cold.get("moved").asInt(), cold::toString);
        assertEquals(3, world.totalCopies(), world.copies::toString);
        assertEquals(Map.of("photos/red flower.jpg", 1, "photos/c++ notes (1).txt", 1, "photos/été/日本 😀.bin", 1), world.copies);
        assertTrue(world.logText().contains("a duplicate delivery"), world.logText());
    }

    @Test
    void s3Handler_outOfOrderDelivery_theOlderEventMovesNothing_inTheSameContainerOrAFreshOne() throws IOException {
        JsonNode put = JSON.readTree(putEvent);
        com.fasterxml.jackson.databind.node.ObjectNode older = (com.fasterxml.jackson.databind.node.ObjectNode) put.get("Records").get(0).deepCopy();
        // the object is overwritten; S3 sends the newer event (greater sequencer) before the older one
        String newETag = MotoWorld.bare(world.put("photos", "red flower.jpg").eTag());
        com.fasterxml.jackson.databind.node.ObjectNode newer = older.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) newer.get("s3").get("object")).put("eTag", newETag).put("sequencer", "0055AED6DCD90281F0");
        String newerEvent = JSON.createObjectNode().set("Records", JSON.createArrayNode().add(newer)).toString();
        String olderEvent = JSON.createObjectNode().set("Records", JSON.createArrayNode().add(older)).toString();
        S3EventHandler warm = s3Handler(MotoWorld.env());

        assertEquals(1, invoke(warm, newerEvent, "req-1").get("moved").asInt());
        assertEquals(0, invoke(warm, olderEvent, "req-2").get("moved").asInt());
        assertTrue(world.logText().contains("out of order (a later sequencer was seen)"), world.logText());
        assertEquals(0, invoke(s3Handler(MotoWorld.env()), olderEvent, "req-3").get("moved").asInt());
        assertTrue(world.logText().contains("stale: the object changed after this event"), world.logText());
        assertEquals(Map.of("photos/red flower.jpg", 1), world.copies);
    }

    @Test
    void s3Handler_twoRecordsForOneObjectInOneBatch_areDecidedOnce() throws IOException {
        JsonNode first = JSON.readTree(putEvent).get("Records").get(0);
        com.fasterxml.jackson.databind.node.ObjectNode again = first.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) again.get("s3").get("object")).put("sequencer", "0055AED6DCD90281F9");
        String event = JSON.createObjectNode().set("Records", JSON.createArrayNode().add(first).add(again)).toString();

        JsonNode r = invoke(s3Handler(MotoWorld.env()), event, "req-1");

        assertEquals(1, r.get("decisions").asInt(), r::toString);
        assertEquals(1, r.get("moved").asInt(), r::toString);
        assertEquals(Map.of("photos/red flower.jpg", 1), world.copies);
        assertTrue(world.logText().contains("same object as Records[0] in this batch (MOVED)"), world.logText());
    }

    @Test
    void s3Handler_withTheS3DedupeStore_aRedeliveryToAnotherContainerIsADuplicate() throws IOException {
        world.bucket("state", false);
        Map<String, String> env = MotoWorld.env("ARCHIVER_DEDUPE", "s3", "ARCHIVER_STATE", "s3://state/archiver/");
        invoke(s3Handler(env), putEvent, "req-1");
        JsonNode again = invoke(s3Handler(env), putEvent, "req-2");

        assertEquals(0, again.get("moved").asInt());
        assertEquals(4, world.logText().lines().filter(l -> l.contains("\"requestId\":\"req-2\"")
                && l.contains("a duplicate delivery (same sequencer)")).count(), world.logText());
        assertEquals(3, world.totalCopies());
    }

    @Test
    void s3Handler_ignoresTheArchiversOwnCopyEvents_withoutARequest() throws IOException {
        S3EventHandler h = s3Handler(MotoWorld.env());
        String ownCopies = MotoWorld.resource("s3-own-copies.json");

        JsonNode r = invoke(h, ownCopies, "req-1");

        assertEquals(0, r.get("moved").asInt());
        assertEquals(0, r.get("decisions").asInt());
        assertEquals(0, world.totalCopies());
        assertEquals(4, world.logText().lines().filter(l -> l.contains("ObjectCreated:Copy is what a transition by copy fires")).count());
    }

    @Test
    void s3Handler_isDryByDefault() throws IOException {
        Map<String, String> env = MotoWorld.env();
        env.remove("ARCHIVER_DRY_RUN");
        JsonNode r = invoke(s3Handler(env), putEvent, "req-1");
        assertEquals(0, r.get("moved").asInt());
        assertEquals(4, r.get("decisions").asInt());
        assertEquals(0, world.totalCopies());
        assertTrue(world.logText().contains("\"status\":\"WOULD_MOVE\""));
    }

    @Test
    void s3Handler_failsTheInvocationWhenS3Throttles_afterHandlingTheOtherRecords() {
        world.throttledHeads.add("red flower.jpg");
        ArchiverException e = assertThrows(ArchiverException.class, () -> invoke(s3Handler(MotoWorld.env()), putEvent, "req-1"));
        assertTrue(e.getMessage().contains("1 of 4 records failed temporarily"), e.getMessage());
        assertEquals(2, world.totalCopies());
        assertTrue(world.logText().contains("SlowDown"), world.logText());
        world.throttledHeads.clear();
    }

    @Test
    void sqsHandler_reportsOnlyTheFailedMessages_andRetriesNothingElse() throws IOException {
        JsonNode put = JSON.readTree(putEvent);
        String one = JSON.createObjectNode().set("Records", JSON.createArrayNode().add(put.get("Records").get(0))).toString();
        String two = JSON.createObjectNode().set("Records", JSON.createArrayNode().add(put.get("Records").get(1))).toString();
        String three = JSON.createObjectNode().set("Records", JSON.createArrayNode().add(put.get("Records").get(2))).toString();
        String sns = JSON.createObjectNode().put("Type", "Notification").put("MessageId", "22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324")
                .put("TopicArn", "arn:aws:sns:us-east-1:123456789012:uploads").put("Subject", "Amazon S3 Notification")
                .put("Message", two).put("Timestamp", "2026-11-20T10:00:00.500Z").toString();
        String event = JSON.createObjectNode().set("Records", JSON.createArrayNode()
                .add(sqsMessage("m-direct", one))
                .add(sqsMessage("m-sns", sns))
                .add(sqsMessage("m-throttled", three))
                .add(sqsMessage("m-broken", "{\"Records\":[{\"eventSource\":\"aws:s3\",\"eventName\":\"ObjectCreated:Put\"}]}"))
                .add(sqsMessage("m-test", "{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\",\"Bucket\":\"photos\"}"))).toString();
        world.throttledHeads.add("été/日本 😀.bin");
        SqsS3EventHandler h = new SqsS3EventHandler(world.s3, HandlerConfig.from(MotoWorld.env()), world.clock, world.out);

        JsonNode r = invoke(h, event, "req-1");

        assertEquals("{\"batchItemFailures\":[{\"itemIdentifier\":\"m-throttled\"},{\"itemIdentifier\":\"m-broken\"}]}", r.toString());
        assertEquals(Map.of("photos/red flower.jpg", 1, "photos/c++ notes (1).txt", 1), world.copies);

        // SQS redelivers only the failed ones; the throttling is over
        world.throttledHeads.clear();
        String retry = JSON.createObjectNode().set("Records", JSON.createArrayNode()
                .add(sqsMessage("m-throttled", three))).toString();
        JsonNode r2 = invoke(h, retry, "req-2");
        assertEquals("{\"batchItemFailures\":[]}", r2.toString());
        assertEquals(1, world.copies.get("photos/été/日本 😀.bin"));
        assertEquals(3, world.totalCopies());
    }

    private static JsonNode sqsMessage(String id, String body) {
        return JSON.createObjectNode().put("messageId", id).put("receiptHandle", "AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a...")
                .put("body", body).<com.fasterxml.jackson.databind.node.ObjectNode>set("attributes", JSON.createObjectNode()
                        .put("ApproximateReceiveCount", "1").put("SentTimestamp", "1545082649183")
                        .put("SenderId", "AIDAIENQZJOLO23YVJ4VO").put("ApproximateFirstReceiveTimestamp", "1545082649185"))
                .<com.fasterxml.jackson.databind.node.ObjectNode>set("messageAttributes", JSON.createObjectNode())
                .put("md5OfBody", "e4e68fb7bd0e697a0ae8f1bb342846b3").put("eventSource", "aws:sqs")
                .put("eventSourceARN", "arn:aws:sqs:us-east-1:123456789012:archiver-uploads").put("awsRegion", "us-east-1");
    }
}
