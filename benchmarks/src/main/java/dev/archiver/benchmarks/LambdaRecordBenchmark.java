package dev.archiver.benchmarks;

import dev.archiver.examples.lambda.HandlerConfig;
import dev.archiver.examples.lambda.LocalContext;
import dev.archiver.examples.lambda.S3EventHandler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Warm per-record time of {@link S3EventHandler}, network excluded: the handler's whole path
 * (parse the notification, loop guard, sequencer dedupe, HeadObject, decide with the example
 * logistic model, HeadObject + CopyObject of the transitioner, journal, one log line per decision,
 * EMF metrics) against an in-process HTTP client that answers S3 at once with canned responses.
 * Every record names a new key, so nothing is skipped as a duplicate and every record moves.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar LambdaRecordBenchmark
 * }</pre>
 *
 * The score is microseconds per event; {@code records} is how many records one event carries.
 *
 * <p>On a shared machine wall time mostly measures the queue for a core; {@link #main} measures
 * the handling thread's CPU time per record instead (JIT and GC threads not counted), after a
 * warm-up long enough for the JIT:
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.archiver.benchmarks.LambdaRecordBenchmark [warmupEvents] [events] [records]
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 5)   // the SDK's request path needs ~30,000 calls before the JIT is done with it
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class LambdaRecordBenchmark {
    private static final String RECORD = "{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\",\"awsRegion\":\"us-east-1\","
            + "\"eventTime\":\"2026-11-20T10:00:00.000Z\",\"eventName\":\"ObjectCreated:Put\","
            + "\"userIdentity\":{\"principalId\":\"AWS:AIDAJDPLRKLG7UEXAMPLE\"},\"requestParameters\":{\"sourceIPAddress\":\"127.0.0.1\"},"
            + "\"responseElements\":{\"x-amz-request-id\":\"C3D13FE58DE4C810\",\"x-amz-id-2\":\"FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S\"},"
            + "\"s3\":{\"s3SchemaVersion\":\"1.0\",\"configurationId\":\"archiver-uploads\","
            + "\"bucket\":{\"name\":\"photos\",\"ownerIdentity\":{\"principalId\":\"A3NL1KOZZKExample\"},\"arn\":\"arn:aws:s3:::photos\"},"
            + "\"object\":{\"key\":\"backups/KEY.tar.gz\",\"size\":536870912,\"eTag\":\"9b2cf535f27731c974343645a3985328\","
            + "\"sequencer\":\"SEQ\"}}}";

    @Param({"1", "10"})
    public int records;

    private S3EventHandler handler;
    private LocalContext context;
    private long counter;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        java.nio.file.Path model = java.nio.file.Files.createTempFile("model", ".json");
        try (var in = LambdaRecordBenchmark.class.getResourceAsStream("/lambda-benchmark-model.json")) {
            java.nio.file.Files.write(model, in.readAllBytes());
        }
        S3Client s3 = S3Client.builder().region(Region.US_EAST_1).httpClient(new CannedS3())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build();
        HandlerConfig config = HandlerConfig.from(Map.of("ARCHIVER_MODEL", model.toString(), "ARCHIVER_DRY_RUN", "false"));
        Clock clock = Clock.fixed(Instant.parse("2027-06-01T00:00:00Z"), ZoneOffset.UTC);
        handler = new S3EventHandler(s3, config, clock, new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8));
        context = new LocalContext("bench", Clock.systemUTC(), Instant.now().plus(Duration.ofDays(1)));
        int saved = records;
        records = 1;
        ByteArrayOutputStream probe = new ByteArrayOutputStream();
        handleInto(probe);
        records = saved;
        String summary = probe.toString(StandardCharsets.UTF_8);
        if (!summary.contains("\"moved\":1")) {
            throw new IllegalStateException("the benchmark's record must be moved, handler answered " + summary);
        }
    }

    @Benchmark
    public int handle() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        handleInto(out);
        return out.size();
    }

    private void handleInto(ByteArrayOutputStream out) throws IOException {
        StringBuilder event = new StringBuilder(records * RECORD.length() + 16).append("{\"Records\":[");
        for (int i = 0; i < records; i++) {
            long n = ++counter;
            event.append(i == 0 ? "" : ",").append(RECORD.replace("KEY", Long.toString(n)).replace("SEQ", String.format("%016X", n)));
        }
        event.append("]}");
        handler.handleRequest(new ByteArrayInputStream(event.toString().getBytes(StandardCharsets.UTF_8)), out, context);
    }

    /** Warm-up, then wall and thread-CPU microseconds per record; defaults 30000 events, 10000 events, 1 record each. */
    public static void main(String[] args) throws IOException {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 30_000;
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        LambdaRecordBenchmark b = new LambdaRecordBenchmark();
        b.records = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        b.setUp();
        for (int i = 0; i < warmup; i++) {
            b.handle();
        }
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int run = 1; run <= 5; run++) {
            long cpu0 = threads.getCurrentThreadCpuTime();
            long wall0 = System.nanoTime();
            for (int i = 0; i < events; i++) {
                b.handle();
            }
            double n = (double) events * b.records;
            System.out.printf(java.util.Locale.ROOT, "run %d: %d records, %.1f us wall/record, %.1f us CPU/record%n", run, (long) n,
                    (System.nanoTime() - wall0) / 1e3 / n, (threads.getCurrentThreadCpuTime() - cpu0) / 1e3 / n);
        }
    }

    /** Answers HeadObject and CopyObject as S3 would, without a network. */
    static final class CannedS3 implements SdkHttpClient {
        private static final String LAST_MODIFIED = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                Instant.parse("2026-01-01T00:00:00Z").atZone(ZoneOffset.UTC));
        private static final byte[] COPY_RESULT = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><CopyObjectResult>"
                + "<LastModified>2027-06-01T00:00:00.000Z</LastModified><ETag>\"9b2cf535f27731c974343645a3985328\"</ETag>"
                + "</CopyObjectResult>").getBytes(StandardCharsets.UTF_8);

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            SdkHttpRequest r = request.httpRequest();
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() {
                    SdkHttpResponse.Builder response = SdkHttpResponse.builder().statusCode(200)
                            .putHeader("x-amz-request-id", "BENCH").putHeader("Last-Modified", LAST_MODIFIED);
                    byte[] body = new byte[0];
                    if (r.method() == SdkHttpMethod.HEAD) {
                        response.putHeader("ETag", "\"9b2cf535f27731c974343645a3985328\"").putHeader("Content-Length", "536870912")
                                .putHeader("Content-Type", "application/gzip");
                    } else if (r.firstMatchingHeader("x-amz-copy-source").isPresent()) {
                        body = COPY_RESULT;
                        response.putHeader("Content-Length", Integer.toString(body.length));
                    } else {
                        throw new IllegalStateException("unexpected request " + r.method() + " " + r.encodedPath());
                    }
                    return HttpExecuteResponse.builder().response(response.build())
                            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body))).build();
                }

                @Override
                public void abort() {
                }
            };
        }

        @Override
        public void close() {
        }
    }
}
