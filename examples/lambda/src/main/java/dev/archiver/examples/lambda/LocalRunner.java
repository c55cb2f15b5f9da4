package dev.archiver.examples.lambda;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.archiver.core.ArchiverException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Runs a handler once without deploying, the way Lambda would: the same constructor, settings from
 * the environment, the event file as the input stream, the response on stdout (after the handler's
 * log and metric lines).
 *
 * <pre>{@code
 * ARCHIVER_RULE=age-days:30 java -jar archiver-lambda.jar invoke --handler s3 --event event.json \
 *     --endpoint-url http://localhost:5000
 * }</pre>
 *
 * Exit codes: 0 handled; 1 the handler failed (its message on stderr); 2 usage or input error.
 * The last stderr line times the run: the handler's construction ({@code init}: clients, model,
 * Archiver) and the invocation ({@code handle}).
 */
public final class LocalRunner {
    private static final String USAGE = "usage: java -jar archiver-lambda.jar invoke --handler s3|sqs|batch|scan "
            + "--event event.json [--endpoint-url URL] [--timeout-seconds N]";

    private LocalRunner() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** {@link #main} without exiting; returns the exit code. */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        String handler = null;
        String event = null;
        String endpoint = null;
        int timeoutSeconds = 900;
        if (args.length == 0 || !args[0].equals("invoke")) {
            err.println(USAGE);
            return 2;
        }
        try {
            for (int i = 1; i < args.length; i++) {
                switch (args[i]) {
                    case "--handler":
                        handler = args[++i];
                        break;
                    case "--event":
                        event = args[++i];
                        break;
                    case "--endpoint-url":
                        endpoint = args[++i];
                        break;
                    case "--timeout-seconds":
                        timeoutSeconds = Integer.parseInt(args[++i]);
                        break;
                    default:
                        err.println("unknown option " + args[i] + "\n" + USAGE);
                        return 2;
                }
            }
        } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
            err.println("bad option value (" + e.getMessage() + ")\n" + USAGE);
            return 2;
        }
        if (handler == null || event == null) {
            err.println("--handler and --event are required\n" + USAGE);
            return 2;
        }
        byte[] input;
        try {
            input = Files.readAllBytes(Path.of(event));
        } catch (NoSuchFileException e) {
            err.println("--event: no such file " + event);
            return 2;
        } catch (IOException e) {
            err.println("--event: cannot read " + event + ": " + e.getMessage());
            return 2;
        }
        long initStart = System.nanoTime();
        RequestStreamHandler h;
        try {
            h = create(handler, endpoint, env, out);
        } catch (ArchiverException | IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        Clock clock = Clock.systemUTC();
        LocalContext ctx = new LocalContext(UUID.randomUUID().toString(), clock, clock.instant().plusSeconds(timeoutSeconds));
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        long handleStart = System.nanoTime();
        try (InputStream in = new java.io.ByteArrayInputStream(input)) {
            h.handleRequest(in, response, ctx);
        } catch (IOException | RuntimeException e) {
            err.println("handler failed: " + e.getMessage());
            return 1;
        }
        long handled = System.nanoTime();
        out.println(response.toString(StandardCharsets.UTF_8));
        // Where a cold start goes: constructing the handler (clients, model, Archiver), then the first invocation.
        err.println("timing: init=" + (handleStart - initStart) / 1_000_000 + " ms handle=" + (handled - handleStart) / 1_000_000 + " ms");
        return 0;
    }

    /** The handler as its no-argument constructor builds it ({@link HandlerRuntime#fromEnvironment}), pointed at {@code endpoint}. */
    private static RequestStreamHandler create(String name, String endpoint, Map<String, String> env, PrintStream out) {
        Clock clock = Clock.systemUTC();
        Consumer<HandlerConfig> none = HandlerRuntime.NO_CHECK;
        switch (name) {
            case "s3":
                return new S3EventHandler(HandlerRuntime.fromEnvironment("s3", endpoint, env, none, clock, out));
            case "sqs":
                return new SqsS3EventHandler(HandlerRuntime.fromEnvironment("sqs", endpoint, env, none, clock, out));
            case "batch":
                return new BatchOperationsHandler(HandlerRuntime.fromEnvironment("batch", endpoint, env, none, clock, out));
            case "scan":
                return new ScheduledScanHandler(HandlerRuntime.fromEnvironment("scan", endpoint, env, ScheduledScanHandler::check,
                        clock, out));
            default:
                // A bad client setting or environment is reported first, as for the known handlers.
                HandlerRuntime.s3Client(endpoint, env);
                HandlerConfig.from(env);
                throw new IllegalArgumentException("--handler: expected s3, sqs, batch or scan, was '" + name + "'");
        }
    }
}
