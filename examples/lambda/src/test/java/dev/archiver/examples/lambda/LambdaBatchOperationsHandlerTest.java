package dev.archiver.examples.lambda;

import com.amazonaws.services.lambda.runtime.events.S3BatchResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.archiver.testkit.MotoServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** BatchOperationsHandler against moto: schema 1.0 and 2.0, result codes, the response byte for byte. */
class LambdaBatchOperationsHandlerTest {

    @RegisterExtension
    static final MotoServerExtension MOTO = new MotoServerExtension();

    private MotoWorld world;

    @BeforeEach
    void setUp() {
        world = new MotoWorld(MOTO.endpoint());
        world.bucket("awsexamplebucket1", false);
        world.put("awsexamplebucket1", "customer image 1+2.jpg");
        world.put("awsexamplebucket1", "throttled.bin");
    }

    @AfterEach
    void tearDown() {
        world.close();
    }

    private String invoke(Map<String, String> env, String event) throws IOException {
        BatchOperationsHandler h = new BatchOperationsHandler(world.s3, HandlerConfig.from(env), world.clock, world.out);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        h.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out,
                new LocalContext("req-1", Clock.systemUTC(), Instant.now().plusSeconds(60)));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void schema10_movesTheTask_reportsMissingAndThrottledKeys_andAnswersInTheDocumentedShape() throws IOException {
        world.throttledHeads.add("throttled.bin");
        String event = "{\"invocationSchemaVersion\":\"1.0\",\"invocationId\":\"YXNkbGZqYWRmaiBhc2RmdW9hZHNmZGpmaGFzbGtkaGZza2RmaAo\","
                + "\"job\":{\"id\":\"f3cc4f60-61f6-4a2b-8a21-d07600c373ce\"},\"tasks\":["
                + "{\"taskId\":\"dGFza2lkZ29lc2hlcmUK\",\"s3Key\":\"customer+image+1%2B2.jpg\",\"s3VersionId\":\"1\",\"s3BucketArn\":\"arn:aws:s3:us-east-1:0123456788:awsexamplebucket1\"},"
                + "{\"taskId\":\"t-missing\",\"s3Key\":\"no+such+key\",\"s3VersionId\":null,\"s3BucketArn\":\"arn:aws:s3:::awsexamplebucket1\"},"
                + "{\"taskId\":\"t-throttled\",\"s3Key\":\"throttled.bin\",\"s3VersionId\":null,\"s3BucketArn\":\"arn:aws:s3:::awsexamplebucket1\"},"
                + "{\"taskId\":\"t-bad\",\"s3Key\":\"x\",\"s3VersionId\":null,\"s3BucketArn\":\"awsexamplebucket1\"}]}";

        String response = invoke(MotoWorld.env(), event);

        assertTrue(response.matches("\\{\"invocationSchemaVersion\":\"1\\.0\",\"treatMissingKeysAs\":\"PermanentFailure\","
                + "\"invocationId\":\"YXNkbGZqYWRmaiBhc2RmdW9hZHNmZGpmaGFzbGtkaGZza2RmaAo\",\"results\":\\["
                + "\\{\"taskId\":\"dGFza2lkZ29lc2hlcmUK\",\"resultCode\":\"Succeeded\",\"resultString\":\"MOVED: APPLIED: [^\"]*\"},"
                + "\\{\"taskId\":\"t-missing\",\"resultCode\":\"PermanentFailure\",\"resultString\":\"NOT_FOUND: s3://awsexamplebucket1/no such key does not exist\"},"
                + "\\{\"taskId\":\"t-throttled\",\"resultCode\":\"TemporaryFailure\",\"resultString\":\"TEMPORARY_FAILURE: [^\"]*SlowDown[^\"]*\"},"
                + "\\{\"taskId\":\"t-bad\",\"resultCode\":\"PermanentFailure\",\"resultString\":\"tasks\\[3\\]\\.s3BucketArn 'awsexamplebucket1' is not a bucket ARN[^\"]*\"}"
                + "]}"), response);
        assertEquals(Map.of("awsexamplebucket1/customer image 1+2.jpg", 1), world.copies);
        // the official POJO reads it back field for field
        S3BatchResponse pojo = new ObjectMapper().readValue(response, S3BatchResponse.class);
        assertEquals("1.0", pojo.getInvocationSchemaVersion());
        assertEquals(S3BatchResponse.ResultCode.Succeeded, pojo.getResults().get(0).getResultCode());
        assertEquals(S3BatchResponse.ResultCode.TemporaryFailure, pojo.getResults().get(2).getResultCode());
        world.throttledHeads.clear();
    }

    @Test
    void schema20_readsTheBucketName_andUserArgumentsDryRunDecidesWithoutMoving() throws IOException {
        String event = "{\"invocationSchemaVersion\":\"2.0\",\"invocationId\":\"inv-2\","
                + "\"job\":{\"id\":\"job-2\",\"userArguments\":{\"dryRun\":\"true\"}},\"tasks\":["
                + "{\"taskId\":\"t1\",\"s3Key\":\"customer+image+1%2B2.jpg\",\"s3VersionId\":null,\"s3Bucket\":\"awsexamplebucket1\"}]}";

        String response = invoke(MotoWorld.env(), event);

        assertTrue(response.matches("\\{\"invocationSchemaVersion\":\"2\\.0\",\"treatMissingKeysAs\":\"PermanentFailure\","
                + "\"invocationId\":\"inv-2\",\"results\":\\[\\{\"taskId\":\"t1\",\"resultCode\":\"Succeeded\","
                + "\"resultString\":\"WOULD_MOVE: dry run: [^\"]*\"}]}"), response);
        assertEquals(0, world.totalCopies());
    }

    @Test
    void unknownUserArgument_failsEveryTask_namingTheKey() throws IOException {
        String event = "{\"invocationSchemaVersion\":\"2.0\",\"invocationId\":\"inv-3\","
                + "\"job\":{\"id\":\"job-3\",\"userArguments\":{\"targetClass\":\"GLACIER\"}},\"tasks\":["
                + "{\"taskId\":\"t1\",\"s3Key\":\"throttled.bin\",\"s3VersionId\":null,\"s3Bucket\":\"awsexamplebucket1\"}]}";

        String response = invoke(MotoWorld.env(), event);

        assertEquals("{\"invocationSchemaVersion\":\"2.0\",\"treatMissingKeysAs\":\"PermanentFailure\",\"invocationId\":\"inv-3\","
                + "\"results\":[{\"taskId\":\"t1\",\"resultCode\":\"PermanentFailure\","
                + "\"resultString\":\"unknown userArguments key 'targetClass' (known: dryRun)\"}]}", response);
        assertEquals(0, world.totalCopies());
    }
}
