package dev.archiver.examples.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.archiver.aws.events.ObjectOutcome;
import dev.archiver.aws.events.ObjectRef;
import dev.archiver.aws.events.S3EventParser;
import dev.archiver.aws.events.S3EventProcessor;
import dev.archiver.core.ArchiverException;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Lambda handler for an S3 Batch Operations job with the {@code LambdaInvoke} operation, schema
 * 1.0 ({@code s3BucketArn}) or 2.0 ({@code s3Bucket}, {@code userArguments}): decides about each
 * task's object and, unless dry, moves it. A {@code RequestStreamHandler}, so the response is
 * exactly the JSON S3 expects:
 *
 * <pre>{@code
 * {"invocationSchemaVersion":"2.0","treatMissingKeysAs":"PermanentFailure","invocationId":"<echo>",
 *  "results":[{"taskId":"<echo>","resultCode":"Succeeded","resultString":"MOVED: …"}]}
 * }</pre>
 *
 * Result codes: {@code Succeeded} for a move, a keep or a skip (the reason in {@code resultString},
 * which goes into the completion report); {@code TemporaryFailure} for throttling, 5xx and timeouts
 * (S3 redrives the task); {@code PermanentFailure} with the reason for a missing object, access
 * denied, a malformed task. Task keys arrive URL-encoded and are decoded like event keys.
 *
 * <p>{@code userArguments} (schema 2.0): {@code {"dryRun":"true"}} makes the job decide only, even
 * when the function moves objects; any other key fails every task, naming it.
 */
public final class BatchOperationsHandler implements RequestStreamHandler {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final int MAX_RESULT_STRING = 1024;

    private final HandlerRuntime rt;
    private final S3EventProcessor dryProcessor;

    /** For Lambda: settings from the environment, clients built once here. */
    public BatchOperationsHandler() {
        this(HandlerRuntime.s3Client(null, System.getenv()), HandlerConfig.from(System.getenv()), Clock.systemUTC(), System.out);
    }

    /** With injected clients (tests, host applications): {@code out} receives logs and metrics. */
    public BatchOperationsHandler(S3Client s3, HandlerConfig config, Clock clock, PrintStream out) {
        this.rt = new HandlerRuntime("batch", s3, config, clock, out);
        this.dryProcessor = S3EventProcessor.builder(s3, rt.archiver).dryRun(true).build();
    }

    /** One task's answer. */
    private record TaskResult(String taskId, String resultCode, String resultString) {
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(input);
        } catch (JsonProcessingException e) {
            throw new ArchiverException("Batch Operations event is not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new ArchiverException("Batch Operations event is not a JSON object");
        }
        String schema = text(root, "invocationSchemaVersion");
        String invocationId = text(root, "invocationId");
        JsonNode tasks = root.path("tasks");
        List<TaskResult> results = new ArrayList<>();
        String jobProblem = jobProblem(schema, root.path("job"));
        boolean dry = rt.config.dryRun() || "true".equalsIgnoreCase(text(root.path("job").path("userArguments"), "dryRun"));
        List<ObjectRef> refs = new ArrayList<>();
        List<Integer> refIndex = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            JsonNode t = tasks.get(i);
            String taskId = text(t, "taskId");
            results.add(null);
            if (jobProblem != null) {
                results.set(i, new TaskResult(taskId, "PermanentFailure", jobProblem));
                continue;
            }
            try {
                refs.add(ref(schema, t, i));
                refIndex.add(i);
            } catch (ArchiverException | IllegalArgumentException e) {
                results.set(i, new TaskResult(taskId, "PermanentFailure", e.getMessage()));
            }
        }
        List<ObjectOutcome> outcomes = refs.isEmpty() ? List.of()
                : (dry ? dryProcessor : rt.processor).processRefs(refs);
        for (int j = 0; j < outcomes.size(); j++) {
            ObjectOutcome o = outcomes.get(j);
            results.set(refIndex.get(j), new TaskResult(o.id(), resultCode(o), truncate(o.status() + ": " + o.detail())));
        }
        rt.reporter.report(context.getAwsRequestId(), outcomes, List.of(), rt.header(), rt.predictor.takeNanos());
        output.write(response(schema, invocationId, results));
    }

    /** The response bytes, fields in the documented order. */
    static byte[] response(String schema, String invocationId, List<TaskResult> results) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator g = FACTORY.createGenerator(bytes)) {
            g.writeStartObject();
            g.writeStringField("invocationSchemaVersion", schema);
            g.writeStringField("treatMissingKeysAs", "PermanentFailure");
            g.writeStringField("invocationId", invocationId);
            g.writeArrayFieldStart("results");
            for (TaskResult r : results) {
                g.writeStartObject();
                g.writeStringField("taskId", r.taskId());
                g.writeStringField("resultCode", r.resultCode());
                g.writeStringField("resultString", r.resultString());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        return bytes.toByteArray();
    }

    private static String jobProblem(String schema, JsonNode job) {
        if (!"1.0".equals(schema) && !"2.0".equals(schema)) {
            return "unsupported invocationSchemaVersion '" + schema + "' (expected 1.0 or 2.0)";
        }
        JsonNode args = job.path("userArguments");
        if (!args.isMissingNode() && !args.isNull()) {
            if (!args.isObject()) {
                return "job.userArguments is not an object";
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = args.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getKey().equals("dryRun")) {
                    return "unknown userArguments key '" + e.getKey() + "' (known: dryRun)";
                }
                if (!e.getValue().isTextual() || !e.getValue().asText().matches("(?i)true|false")) {
                    return "userArguments.dryRun must be \"true\" or \"false\", was " + e.getValue();
                }
            }
        }
        return null;
    }

    private static ObjectRef ref(String schema, JsonNode t, int i) {
        String where = "tasks[" + i + "]";
        String taskId = text(t, "taskId");
        if (taskId == null) {
            throw new ArchiverException(where + ".taskId missing");
        }
        String rawKey = text(t, "s3Key");
        if (rawKey == null || rawKey.isEmpty()) {
            throw new ArchiverException(where + ".s3Key missing");
        }
        String key;
        try {
            key = S3EventParser.decodeKey(rawKey);
        } catch (IllegalArgumentException e) {
            throw new ArchiverException(where + ".s3Key '" + rawKey + "' is not URL-encoded: " + e.getMessage());
        }
        String bucket;
        if ("1.0".equals(schema)) {
            String arn = text(t, "s3BucketArn");
            if (arn == null || !arn.startsWith("arn:") || arn.lastIndexOf(':') == arn.length() - 1) {
                throw new ArchiverException(where + ".s3BucketArn '" + arn + "' is not a bucket ARN (arn:aws:s3:::bucket)");
            }
            bucket = arn.substring(arn.lastIndexOf(':') + 1);
        } else {
            bucket = text(t, "s3Bucket");
            if (bucket == null || bucket.isBlank()) {
                throw new ArchiverException(where + ".s3Bucket missing");
            }
        }
        String versionId = text(t, "s3VersionId");
        return new ObjectRef(taskId, bucket, key, versionId == null || versionId.isEmpty() ? null : versionId);
    }

    private static String resultCode(ObjectOutcome o) {
        switch (o.status()) {
            case TEMPORARY_FAILURE:
                return "TemporaryFailure";
            case PERMANENT_FAILURE:
            case NOT_FOUND:
                return "PermanentFailure";
            default:
                return "Succeeded";
        }
    }

    private static String truncate(String s) {
        return s.length() <= MAX_RESULT_STRING ? s : s.substring(0, MAX_RESULT_STRING - 1) + "…";
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || !v.isTextual() ? null : v.asText();
    }
}
