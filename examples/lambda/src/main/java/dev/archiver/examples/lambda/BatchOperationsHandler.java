package dev.archiver.examples.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.archiver.aws.events.BatchOperationsEvent;
import dev.archiver.aws.events.ObjectOutcome;
import dev.archiver.aws.events.ObjectRef;
import dev.archiver.aws.events.S3EventProcessor;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Lambda handler for an S3 Batch Operations job with the {@code LambdaInvoke} operation, schema
 * 1.0 ({@code s3BucketArn}) or 2.0 ({@code s3Bucket}, {@code userArguments}): decides about each
 * task's object and, unless dry, moves it. A {@code RequestStreamHandler}, so the response
 * ({@link BatchOperationsEvent#response}) is exactly the JSON S3 expects:
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
    private final HandlerRuntime rt;
    private final S3EventProcessor dryProcessor;

    /** For Lambda: settings from the environment, clients built once here. */
    public BatchOperationsHandler() {
        this(HandlerRuntime.fromEnvironment("batch", null, System.getenv(), HandlerRuntime.NO_CHECK, Clock.systemUTC(), System.out));
    }

    /** With injected clients (tests, host applications): {@code out} receives logs and metrics. */
    public BatchOperationsHandler(S3Client s3, HandlerConfig config, Clock clock, PrintStream out) {
        this(new HandlerRuntime("batch", s3, config, clock, out));
    }

    /** With the runtime built already ({@link HandlerRuntime#fromEnvironment}: Lambda, the local runner). */
    BatchOperationsHandler(HandlerRuntime rt) {
        this.rt = rt;
        this.dryProcessor = S3EventProcessor.builder(rt.s3, rt.archiver).dryRun(true).build();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        BatchOperationsEvent event = BatchOperationsEvent.parse(new String(input.readAllBytes(), StandardCharsets.UTF_8),
                Set.of("dryRun"));
        String dryArgument = event.userArguments().get("dryRun");
        List<BatchOperationsEvent.Result> results = new ArrayList<>();
        List<ObjectRef> refs = new ArrayList<>();
        List<Integer> refIndex = new ArrayList<>();
        String argumentProblem = dryArgument == null || dryArgument.matches("(?i)true|false") ? null
                : "userArguments.dryRun must be \"true\" or \"false\", was \"" + dryArgument + "\"";
        for (BatchOperationsEvent.Task t : event.tasks()) {
            String problem = t.problem() != null ? t.problem() : argumentProblem;
            results.add(problem == null ? null
                    : new BatchOperationsEvent.Result(t.taskId(), BatchOperationsEvent.ResultCode.PermanentFailure, problem));
            if (problem == null) {
                refs.add(t.object());
                refIndex.add(results.size() - 1);
            }
        }
        boolean dry = rt.config.dryRun() || "true".equalsIgnoreCase(dryArgument);
        List<ObjectOutcome> outcomes = refs.isEmpty() ? List.of() : (dry ? dryProcessor : rt.processor).processRefs(refs);
        for (int j = 0; j < outcomes.size(); j++) {
            results.set(refIndex.get(j), BatchOperationsEvent.Result.of(outcomes.get(j)));
        }
        rt.reporter.report(context.getAwsRequestId(), outcomes, List.of(), rt.header(), rt.predictor.takeNanos());
        output.write(event.response(results));
    }
}
