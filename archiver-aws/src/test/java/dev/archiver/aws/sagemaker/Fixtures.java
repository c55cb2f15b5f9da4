package dev.archiver.aws.sagemaker;

import dev.archiver.core.Archiver;
import dev.archiver.core.feature.FeatureExtractor;
import dev.archiver.core.object.AccessHistory;
import dev.archiver.core.object.AccessHistoryProvider;
import dev.archiver.core.object.ObjectInfo;
import dev.archiver.core.predict.AccessPredictor;
import dev.archiver.core.predict.LogisticModel;
import dev.archiver.testkit.Content;
import dev.archiver.testkit.InMemoryObjectStore;
import dev.archiver.testkit.MutableClock;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Shared set-up: an SDK client for a local endpoint, a model, and a bucket whose objects it scores differently. */
final class Fixtures {
    static final String BUCKET = "bucket";
    static final List<String> MODEL_FEATURES = List.of("log_age_days", "log_size_bytes", "never_read", "log_reads_30d");
    static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    private Fixtures() {
    }

    /** The real SDK client, pointed at {@code endpoint}, with no SDK retries (the predictor retries). */
    static SageMakerRuntimeClient client(URI endpoint) {
        return SageMakerRuntimeClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    /** A model whose scores spread over (0, 1) for the objects of {@link #bucket}. */
    static LogisticModel model() {
        return LogisticModel.of(MODEL_FEATURES, new double[]{3.5, 16, 0.5, 0.5}, new double[]{1.2, 2.5, 0.5, 0.7},
                new double[]{-1.6, 0.3, -0.8, 1.9}, -0.4, Map.of("name", "test-model"));
    }

    /** All feature names of the default extractor: the columns of every batch the engine builds. */
    static List<String> allFeatures() {
        return FeatureExtractor.defaults().featureNames();
    }

    /** {@code n} objects of varied age, size and key, put over 300 days; the clock ends 30 days after the last. */
    static InMemoryObjectStore bucket(MutableClock clock, int n) {
        InMemoryObjectStore store = new InMemoryObjectStore(clock);
        store.createBucket(BUCKET);
        String[] prefixes = {"logs/", "backups/", "media/", "datasets/", "tmp/"};
        String[] exts = {".log.gz", ".dump", ".jpg", ".parquet", ".bin"};
        for (int i = 0; i < n; i++) {
            clock.advance(Duration.ofMinutes(300L * 24 * 60 / n));
            String key = prefixes[i % 5] + "part-" + i + exts[(i / 5) % 5];
            long size = 200_000L + (i * 7_919L % 50_000_000L);
            store.put(BUCKET, key, Content.synthetic(i, size));
        }
        clock.advance(Duration.ofDays(30));
        return store;
    }

    /** Reads for some objects: every third key read {@code i % 7} times in the last weeks. */
    static AccessHistoryProvider histories(Instant now) {
        return (ObjectInfo o) -> {
            int h = Math.abs(o.key().hashCode());
            if (h % 3 != 0) {
                return AccessHistory.none();
            }
            List<Instant> reads = new ArrayList<>();
            for (int r = 0; r < h % 7; r++) {
                reads.add(now.minus(Duration.ofDays(1 + (h + r * 11L) % 40)));
            }
            return AccessHistory.of(reads);
        };
    }

    static Archiver.Builder archiver(AccessPredictor predictor, InMemoryObjectStore store, MutableClock clock) {
        return Archiver.builder()
                .predictor(predictor)
                .accessHistory(histories(clock.instant()))
                .transitioner(store)
                .clock(clock);
    }
}
