package dev.archiver.benchmarks;

import dev.archiver.aws.sagemaker.PayloadCodec;
import dev.archiver.aws.sagemaker.SageMakerPredictor;
import dev.archiver.aws.sagemaker.SageMakerStats;
import dev.archiver.core.Archiver;
import dev.archiver.core.decide.Decision;
import dev.archiver.core.feature.FeatureExtractor;
import dev.archiver.core.object.AccessHistory;
import dev.archiver.core.object.AccessHistoryProvider;
import dev.archiver.core.object.ObjectInfo;
import dev.archiver.core.predict.LogisticModel;
import dev.archiver.testkit.sagemaker.LocalInferenceEndpoint;
import dev.archiver.testkit.RandomModels;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Decisions per second of {@link Archiver#decideAll} (default batch size, 1000) when every score
 * comes from a {@link SageMakerPredictor} over the real AWS SDK client and a
 * {@link LocalInferenceEndpoint} on loopback serving a {@link LogisticModel}; and, printed at the
 * end of each trial, InvokeEndpoint requests per 1,000 decisions. {@code codec=original} is the
 * original design: one request per object.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar SageMakerPredictorBenchmark
 * </pre>
 * The score is decisions per second (one thread); the network is loopback, so this measures the
 * library, the SDK and HTTP, not SageMaker.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class SageMakerPredictorBenchmark {
    static final int OBJECTS = 5_000;
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Param({"csv", "jsonlines", "original"})
    public String codec;

    private LocalInferenceEndpoint endpoint;
    private SageMakerRuntimeClient client;
    private SageMakerPredictor predictor;
    private Archiver archiver;
    private List<ObjectInfo> objects;
    private long decisions;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom r = new SplittableRandom(42);
        List<String> names = FeatureExtractor.defaults().featureNames();
        LogisticModel model = RandomModels.logistic(r, "benchmark");
        endpoint = LocalInferenceEndpoint.start().serve("access-model", model, names);
        client = SageMakerRuntimeClient.builder()
                .endpointOverride(endpoint.uri())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
        PayloadCodec c = switch (codec) {
            case "csv" -> PayloadCodec.csv();
            case "jsonlines" -> PayloadCodec.jsonLines();
            case "original" -> PayloadCodec.originalDesign();
            default -> throw new IllegalArgumentException("codec " + codec);
        };
        predictor = SageMakerPredictor.builder(client, "access-model").codec(c).build();

        String[] prefixes = {"logs/app/2025/06/01/", "media/images/", "media/videos/", "backups/db/", "datasets/climate/run-"};
        String[] exts = {".log.gz", ".jpg", ".mp4", ".dump.gz", ".h5"};
        objects = new ArrayList<>(OBJECTS);
        Map<ObjectInfo, AccessHistory> byObject = new IdentityHashMap<>();
        for (int i = 0; i < OBJECTS; i++) {
            int k = r.nextInt(prefixes.length);
            ObjectInfo o = ObjectInfo.builder("bench-bucket", prefixes[k] + "object-" + i + exts[k])
                    .size((long) Math.pow(10, 3 + r.nextDouble() * 7))
                    .lastModified(NOW.minusSeconds(r.nextLong(400L * 86_400))).eTag("\"" + Long.toHexString(r.nextLong()) + "\"").build();
            objects.add(o);
            if (r.nextBoolean()) {
                byObject.put(o, AccessHistory.ofEpochSeconds(NOW.getEpochSecond() - r.nextLong(180L * 86_400)));
            }
        }
        AccessHistoryProvider histories = o -> byObject.getOrDefault(o, AccessHistory.none());
        archiver = Archiver.builder().predictor(predictor).accessHistory(histories)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();   // default batch size
    }

    @Benchmark
    @OperationsPerInvocation(OBJECTS)
    public List<Decision> decideAll() {
        List<Decision> out = archiver.decideAll(objects);
        decisions += out.size();
        return out;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        SageMakerStats s = predictor.stats();
        System.out.printf("%n[%s] %d decisions, %d InvokeEndpoint requests: %.3f requests per 1,000 decisions; %s%n",
                codec, decisions, s.invocations(), s.invocations() * 1000.0 / Math.max(1, decisions), s.describe());
        client.close();
        endpoint.close();
    }
}
