package dev.archiver.examples.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.archiver.aws.events.MalformedRecord;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Lambda handler for an SQS queue that receives S3 event notifications (directly, or through an
 * SNS topic, or from an EventBridge rule). Returns a partial batch response so only the messages
 * that failed are retried; the event source mapping must set
 * {@code FunctionResponseTypes: [ReportBatchItemFailures]} (the SAM template does).
 *
 * <pre>{@code
 * Handler: dev.archiver.examples.lambda.SqsS3EventHandler::handleRequest
 * Response: {"batchItemFailures":[{"itemIdentifier":"<messageId>"}]}
 * }</pre>
 *
 * A message fails when one of its records failed (temporarily or permanently) or could not be
 * read: it goes back to the queue and, after the queue's {@code maxReceiveCount}, to its
 * dead-letter queue, where a person can look at it. Its neighbours are not retried.
 */
public final class SqsS3EventHandler implements RequestStreamHandler {
    private final HandlerRuntime rt;

    /** For Lambda: settings from the environment, clients built once here. */
    public SqsS3EventHandler() {
        this(HandlerRuntime.fromEnvironment("sqs", null, System.getenv(), HandlerRuntime.NO_CHECK, Clock.systemUTC(), System.out));
    }

    /** With injected clients (tests, host applications): {@code out} receives logs and metrics. */
    public SqsS3EventHandler(S3Client s3, HandlerConfig config, Clock clock, PrintStream out) {
        this(new HandlerRuntime("sqs", s3, config, clock, out));
    }

    /** With the runtime built already ({@link HandlerRuntime#fromEnvironment}: Lambda, the local runner). */
    SqsS3EventHandler(HandlerRuntime rt) {
        this.rt = rt;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        ParsedEvents parsed = S3EventParser.parse(input);
        Set<String> failed = new LinkedHashSet<>();
        for (MalformedRecord m : parsed.malformed()) {
            if (m.messageId() == null) {
                // Not an SQS message we can name: the whole batch goes back (and to the DLQ in the end).
                rt.reporter.report(context.getAwsRequestId(), List.of(), parsed.malformed(), null, 0);
                throw new ArchiverException("not an SQS event of S3 notifications: " + m);
            }
            failed.add(m.messageId());
        }
        List<ObjectOutcome> outcomes = rt.processor.process(parsed.records());
        for (ObjectOutcome o : outcomes) {
            if (o.failed() && o.messageId() != null) {
                failed.add(o.messageId());
            }
        }
        rt.reporter.report(context.getAwsRequestId(), outcomes, parsed.malformed(), rt.header(), rt.predictor.takeNanos());
        ObjectNode response = JsonNodeFactory.instance.objectNode();
        ArrayNode failures = response.putArray("batchItemFailures");
        for (String id : parsed.messageIds()) {
            if (failed.contains(id)) {
                failures.addObject().put("itemIdentifier", id);
            }
        }
        output.write(response.toString().getBytes(StandardCharsets.UTF_8));
    }
}
