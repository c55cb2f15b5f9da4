package dev.archiver.aws.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.archiver.core.ArchiverException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An S3 Batch Operations {@code LambdaInvoke} invocation, schema 1.0 (tasks name the bucket by
 * {@code s3BucketArn}) or 2.0 ({@code s3Bucket}, and {@code job.userArguments}), and the response
 * S3 expects, byte for byte: fields in the documented order, ids echoed.
 *
 * <pre>{@code
 * BatchOperationsEvent event = BatchOperationsEvent.parse(json, Set.of("dryRun"));
 * List<BatchOperationsEvent.Result> results = ...;   // one per task, in task order
 * byte[] response = event.response(results);
 * }</pre>
 *
 * A task that cannot be read (no key, a bucket ARN that is not one, a key that is not
 * URL-encoded) is reported by {@link Task#problem()}, and so is every task of a job whose schema
 * or {@code userArguments} is not understood; its neighbours are read as usual. Keys are decoded
 * like event keys ({@link S3EventParser#decodeKey}).
 */
public final class BatchOperationsEvent {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFactory FACTORY = new JsonFactory();

    /** The result codes S3 Batch Operations understands. */
    public enum ResultCode {
        /** Done; the result string goes into the completion report. */
        Succeeded,
        /** Throttling, 5xx, timeouts: S3 redrives the task before the job completes. */
        TemporaryFailure,
        /** The task failed; the result string says why. */
        PermanentFailure
    }

    /**
     * One task: its id and either the object it names or why it cannot be done.
     *
     * @param taskId  the task id, echoed in the result
     * @param object  the object, or {@code null} when {@code problem} is set
     * @param problem why the task cannot be done, naming the field; {@code null} when readable
     */
    public record Task(String taskId, ObjectRef object, String problem) {
    }

    /**
     * One task's answer.
     *
     * @param taskId       the task id, as received
     * @param resultCode   the code
     * @param resultString the reason or the result, at most 1,024 characters (longer is cut)
     */
    public record Result(String taskId, ResultCode resultCode, String resultString) {
        private static final int MAX = 1024;

        public Result {
            Objects.requireNonNull(resultCode, "resultCode");
            resultString = resultString == null ? "" : resultString.length() <= MAX ? resultString
                    : resultString.substring(0, MAX - 1) + "…";
        }

        /**
         * The answer for what {@link S3EventProcessor} did: {@code Succeeded} for a move, a keep or
         * a skip; {@code TemporaryFailure} for a transient failure; {@code PermanentFailure} for a
         * missing object or a permanent failure.
         */
        public static Result of(ObjectOutcome o) {
            ResultCode code;
            switch (o.status()) {
                case TEMPORARY_FAILURE:
                    code = ResultCode.TemporaryFailure;
                    break;
                case PERMANENT_FAILURE:
                case NOT_FOUND:
                    code = ResultCode.PermanentFailure;
                    break;
                default:
                    code = ResultCode.Succeeded;
            }
            return new Result(o.id(), code, o.status() + ": " + o.detail());
        }
    }

    private final String schemaVersion;
    private final String invocationId;
    private final String jobId;
    private final Map<String, String> userArguments;
    private final List<Task> tasks;

    private BatchOperationsEvent(String schemaVersion, String invocationId, String jobId, Map<String, String> userArguments,
                                 List<Task> tasks) {
        this.schemaVersion = schemaVersion;
        this.invocationId = invocationId;
        this.jobId = jobId;
        this.userArguments = Collections.unmodifiableMap(userArguments);
        this.tasks = List.copyOf(tasks);
    }

    /**
     * Reads an invocation. {@code knownArguments} are the {@code userArguments} keys the caller
     * understands; any other key (or a value that is not a string) makes every task a problem.
     *
     * @throws ArchiverException when the input is not a JSON object (there is then nothing to answer)
     */
    public static BatchOperationsEvent parse(String json, Set<String> knownArguments) {
        JsonNode root;
        try {
            root = JSON.readTree(json == null ? "" : json);
        } catch (JsonProcessingException e) {
            throw new ArchiverException("Batch Operations event is not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new ArchiverException("Batch Operations event is not a JSON object");
        }
        String schema = text(root, "invocationSchemaVersion");
        JsonNode job = root.path("job");
        Map<String, String> args = new LinkedHashMap<>();
        String jobProblem = null;
        if (!"1.0".equals(schema) && !"2.0".equals(schema)) {
            jobProblem = "unsupported invocationSchemaVersion '" + schema + "' (expected 1.0 or 2.0)";
        }
        JsonNode argsNode = job.path("userArguments");
        if (jobProblem == null && !argsNode.isMissingNode() && !argsNode.isNull()) {
            if (!argsNode.isObject()) {
                jobProblem = "job.userArguments is not an object";
            } else {
                for (Iterator<Map.Entry<String, JsonNode>> it = argsNode.fields(); it.hasNext() && jobProblem == null; ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (!knownArguments.contains(e.getKey())) {
                        jobProblem = "unknown userArguments key '" + e.getKey() + "' (known: " + String.join(", ", knownArguments) + ")";
                    } else if (!e.getValue().isTextual()) {
                        jobProblem = "userArguments." + e.getKey() + " must be a string, was " + e.getValue();
                    } else {
                        args.put(e.getKey(), e.getValue().asText());
                    }
                }
            }
        }
        List<Task> tasks = new ArrayList<>();
        JsonNode taskNodes = root.path("tasks");
        for (int i = 0; i < taskNodes.size(); i++) {
            JsonNode t = taskNodes.get(i);
            String taskId = text(t, "taskId");
            if (jobProblem != null) {
                tasks.add(new Task(taskId, null, jobProblem));
                continue;
            }
            try {
                tasks.add(new Task(taskId, ref(schema, t, i, taskId), null));
            } catch (ArchiverException | IllegalArgumentException e) {
                tasks.add(new Task(taskId, null, e.getMessage()));
            }
        }
        return new BatchOperationsEvent(schema, text(root, "invocationId"), text(job, "id"), args, tasks);
    }

    public String schemaVersion() {
        return schemaVersion;
    }

    public String invocationId() {
        return invocationId;
    }

    public String jobId() {
        return jobId;
    }

    /** The job's {@code userArguments} (schema 2.0), all of them known keys. */
    public Map<String, String> userArguments() {
        return userArguments;
    }

    /** The tasks, in order. */
    public List<Task> tasks() {
        return tasks;
    }

    /**
     * The response S3 expects: {@code {"invocationSchemaVersion","treatMissingKeysAs":"PermanentFailure","invocationId","results":[{"taskId","resultCode","resultString"}]}}.
     *
     * @throws IllegalArgumentException unless there is one result per task, in task order
     */
    public byte[] response(List<Result> results) {
        if (results.size() != tasks.size()) {
            throw new IllegalArgumentException(tasks.size() + " tasks but " + results.size() + " results");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator g = FACTORY.createGenerator(bytes)) {
            g.writeStartObject();
            g.writeStringField("invocationSchemaVersion", schemaVersion);
            g.writeStringField("treatMissingKeysAs", "PermanentFailure");
            g.writeStringField("invocationId", invocationId);
            g.writeArrayFieldStart("results");
            for (int i = 0; i < results.size(); i++) {
                Result r = results.get(i);
                if (!Objects.equals(r.taskId(), tasks.get(i).taskId())) {
                    throw new IllegalArgumentException("result " + i + " is for task " + r.taskId() + ", expected " + tasks.get(i).taskId());
                }
                g.writeStartObject();
                g.writeStringField("taskId", r.taskId());
                g.writeStringField("resultCode", r.resultCode().name());
                g.writeStringField("resultString", r.resultString());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static ObjectRef ref(String schema, JsonNode t, int i, String taskId) {
        String where = "tasks[" + i + "]";
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

    private static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || !v.isTextual() ? null : v.asText();
    }
}
