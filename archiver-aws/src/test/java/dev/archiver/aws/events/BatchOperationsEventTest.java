package dev.archiver.aws.events;

import dev.archiver.core.ArchiverException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BatchOperationsEventTest {

    /** The schema 1.0 example of the S3 user guide ("Using AWS Lambda with S3 Batch Operations"). */
    private static final String SCHEMA_10 = "{\"invocationSchemaVersion\":\"1.0\","
            + "\"invocationId\":\"YXNkbGZqYWRmaiBhc2RmdW9hZHNmZGpmaGFzbGtkaGZza2RmaAo\","
            + "\"job\":{\"id\":\"f3cc4f60-61f6-4a2b-8a21-d07600c373ce\"},"
            + "\"tasks\":[{\"taskId\":\"dGFza2lkZ29lc2hlcmUK\",\"s3Key\":\"customerImage1.jpg\",\"s3VersionId\":\"1\","
            + "\"s3BucketArn\":\"arn:aws:s3:us-east-1:0123456788:awsexamplebucket1\"}]}";

    /** Schema 2.0: bucket by name, userArguments. */
    private static final String SCHEMA_20 = "{\"invocationSchemaVersion\":\"2.0\",\"invocationId\":\"inv-2\","
            + "\"job\":{\"id\":\"job-2\",\"userArguments\":{\"dryRun\":\"true\"}},"
            + "\"tasks\":[{\"taskId\":\"t1\",\"s3Key\":\"prefix/x+y%2B1.json.gz\",\"s3VersionId\":null,\"s3Bucket\":\"bucket-name\"},"
            + "{\"taskId\":\"t2\",\"s3Key\":\"\",\"s3VersionId\":null,\"s3Bucket\":\"bucket-name\"}]}";

    @Test
    void parse_schema10_readsTheBucketFromItsArn_andTheVersion() {
        BatchOperationsEvent e = BatchOperationsEvent.parse(SCHEMA_10, Set.of());
        assertEquals("1.0", e.schemaVersion());
        assertEquals("f3cc4f60-61f6-4a2b-8a21-d07600c373ce", e.jobId());
        assertEquals(new ObjectRef("dGFza2lkZ29lc2hlcmUK", "awsexamplebucket1", "customerImage1.jpg", "1"), e.tasks().get(0).object());
    }

    @Test
    void parse_schema20_decodesKeys_keepsUserArguments_andReportsTheBadTaskOnly() {
        BatchOperationsEvent e = BatchOperationsEvent.parse(SCHEMA_20, Set.of("dryRun"));
        assertEquals(Map.of("dryRun", "true"), e.userArguments());
        assertEquals(new ObjectRef("t1", "bucket-name", "prefix/x y+1.json.gz", null), e.tasks().get(0).object());
        assertNull(e.tasks().get(1).object());
        assertEquals("tasks[1].s3Key missing", e.tasks().get(1).problem());
    }

    @Test
    void parse_unknownSchemaOrArgument_makesEveryTaskAProblem_andNonJsonThrows() {
        BatchOperationsEvent e = BatchOperationsEvent.parse(SCHEMA_20, Set.of());
        assertEquals("unknown userArguments key 'dryRun' (known: )", e.tasks().get(0).problem());
        BatchOperationsEvent v3 = BatchOperationsEvent.parse(SCHEMA_10.replace("\"1.0\"", "\"3.0\""), Set.of());
        assertEquals("unsupported invocationSchemaVersion '3.0' (expected 1.0 or 2.0)", v3.tasks().get(0).problem());
        assertThrows(ArchiverException.class, () -> BatchOperationsEvent.parse("not json", Set.of()));
    }

    @Test
    void response_isTheDocumentedJson_byteForByte() {
        BatchOperationsEvent e = BatchOperationsEvent.parse(SCHEMA_10, Set.of());
        byte[] r = e.response(List.of(new BatchOperationsEvent.Result("dGFza2lkZ29lc2hlcmUK",
                BatchOperationsEvent.ResultCode.Succeeded, "MOVED: APPLIED: moved to GLACIER_IR")));
        assertEquals("{\"invocationSchemaVersion\":\"1.0\",\"treatMissingKeysAs\":\"PermanentFailure\","
                + "\"invocationId\":\"YXNkbGZqYWRmaiBhc2RmdW9hZHNmZGpmaGFzbGtkaGZza2RmaAo\",\"results\":[{\"taskId\":\"dGFza2lkZ29lc2hlcmUK\","
                + "\"resultCode\":\"Succeeded\",\"resultString\":\"MOVED: APPLIED: moved to GLACIER_IR\"}]}",
                new String(r, StandardCharsets.UTF_8));
        assertThrows(IllegalArgumentException.class, () -> e.response(List.of()));
        assertThrows(IllegalArgumentException.class, () -> e.response(List.of(new BatchOperationsEvent.Result("other",
                BatchOperationsEvent.ResultCode.Succeeded, ""))));
        assertEquals(1024, new BatchOperationsEvent.Result("t", BatchOperationsEvent.ResultCode.PermanentFailure,
                "x".repeat(5000)).resultString().length());
    }
}
