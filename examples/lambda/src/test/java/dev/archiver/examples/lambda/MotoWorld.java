package dev.archiver.examples.lambda;

import dev.archiver.aws.s3.MotoS3;
import dev.archiver.testkit.MutableClock;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A moto world for the handler tests: one S3 client that counts CopyObject requests per key,
 * advances a clock by a fixed step per request (so a scan runs out of time without sleeping), and
 * answers 503 SlowDown to HeadObject of chosen keys (a throttled S3, which moto cannot be on demand).
 */
final class MotoWorld implements ExecutionInterceptor, AutoCloseable {
    final MutableClock clock = new MutableClock(Instant.now().plus(Duration.ofDays(365)));
    final S3Client s3;
    final Map<String, Integer> copies = new ConcurrentHashMap<>();
    final Set<String> throttledHeads = ConcurrentHashMap.newKeySet();
    final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(logs, true, StandardCharsets.UTF_8);
    volatile Duration stepPerRequest = Duration.ZERO;
    private final Random random = new Random(7);

    MotoWorld(URI endpoint) {
        this.s3 = MotoS3.client(endpoint, this);
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String op = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        if (!stepPerRequest.isZero()) {
            synchronized (clock) {
                clock.advance(stepPerRequest);
            }
        }
        if (op.equals("HeadObject") && context.request() instanceof HeadObjectRequest
                && throttledHeads.contains(((HeadObjectRequest) context.request()).key())) {
            throw S3Exception.builder().statusCode(503)
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode("SlowDown").errorMessage("Please reduce your request rate.").build())
                    .message("SlowDown").build();
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if ("CopyObject".equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
            software.amazon.awssdk.services.s3.model.CopyObjectRequest r =
                    (software.amazon.awssdk.services.s3.model.CopyObjectRequest) context.request();
            copies.merge(r.destinationBucket() + "/" + r.destinationKey(), 1, Integer::sum);
        }
    }

    int totalCopies() {
        return copies.values().stream().mapToInt(Integer::intValue).sum();
    }

    void bucket(String name, boolean versioned) {
        s3.createBucket(b -> b.bucket(name));
        if (versioned) {
            s3.putBucketVersioning(v -> v.bucket(name).versioningConfiguration(c -> c.status(BucketVersioningStatus.ENABLED)));
        }
    }

    /** Puts 512 KiB of random bytes; returns S3's answer (ETag, version). */
    PutObjectResponse put(String bucket, String key) {
        byte[] content = new byte[512 * 1024];
        random.nextBytes(content);
        return s3.putObject(p -> p.bucket(bucket).key(key), RequestBody.fromBytes(content));
    }

    String storageClass(String bucket, String key) {
        String c = s3.headObject(h -> h.bucket(bucket).key(key)).storageClassAsString();
        return c == null ? "STANDARD" : c;
    }

    static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        env.put("ARCHIVER_RULE", "age-days:0");
        env.put("ARCHIVER_DRY_RUN", "false");
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    static String resource(String name) throws IOException {
        try (InputStream in = MotoWorld.class.getResourceAsStream("/events/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static String bare(String eTag) {
        return eTag.replace("\"", "");
    }

    String logText() {
        return logs.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        s3.close();
    }
}
