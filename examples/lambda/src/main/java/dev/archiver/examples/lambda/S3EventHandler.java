package dev.archiver.examples.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.archiver.aws.events.ObjectOutcome;
import dev.archiver.aws.events.ParsedEvents;
import dev.archiver.aws.events.S3EventParser;
import dev.archiver.core.ArchiverException;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

/**
 * Lambda handler for S3 event notifications delivered straight to the function (and for
 * EventBridge "Object Created" events and SNS-wrapped notifications): decides about every
 * uploaded object and, unless {@code ARCHIVER_DRY_RUN} is true (the default), moves it.
 *
 * <pre>{@code
 * Handler: dev.archiver.examples.lambda.S3EventHandler::handleRequest
 * }</pre>
 *
 * The response is a summary ({@code {"records":n,"decisions":n,"moved":n,"failed":n,"malformed":n}}).
 * When some object failed temporarily (throttling, 5xx) the invocation fails after every other
 * record was handled, so Lambda's asynchronous retry redelivers the event; records already handled
 * are then skipped (dedupe, journal, the object's current class). Malformed records are logged
 * and counted, never retried.
 */
public final class S3EventHandler implements RequestStreamHandler {
    private final HandlerRuntime rt;

    /** For Lambda: settings from the environment, clients built once here. */
    public S3EventHandler() {
        this(HandlerRuntime.fromEnvironment("s3", null, System.getenv(), HandlerRuntime.NO_CHECK, Clock.systemUTC(), System.out));
    }

    /** With injected clients (tests, host applications): {@code out} receives logs and metrics. */
    public S3EventHandler(S3Client s3, HandlerConfig config, Clock clock, PrintStream out) {
        this(new HandlerRuntime("s3", s3, config, clock, out));
    }

    /** With the runtime built already ({@link HandlerRuntime#fromEnvironment}: Lambda, the local runner). */
    S3EventHandler(HandlerRuntime rt) {
        this.rt = rt;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        ParsedEvents parsed = S3EventParser.parse(input);
        List<ObjectOutcome> outcomes = rt.processor.process(parsed.records());
        Reporter.Totals t = rt.reporter.report(context.getAwsRequestId(), outcomes, parsed.malformed(), rt.header(),
                rt.predictor.takeNanos());
        ObjectNode summary = JsonNodeFactory.instance.objectNode().put("records", t.records()).put("decisions", t.decisions())
                .put("moved", t.moved()).put("failed", t.failed()).put("malformed", t.malformed());
        output.write(summary.toString().getBytes(StandardCharsets.UTF_8));
        long temporary = outcomes.stream().filter(o -> o.status() == ObjectOutcome.Status.TEMPORARY_FAILURE).count();
        if (temporary > 0) {
            throw new ArchiverException(temporary + " of " + outcomes.size()
                    + " records failed temporarily; failing the invocation so Lambda retries the event");
        }
    }
}
