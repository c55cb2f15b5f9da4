package dev.archiver.examples.lambda;

import dev.archiver.aws.events.DedupeStore;
import dev.archiver.aws.events.S3EventProcessor;
import dev.archiver.aws.s3.S3CopyTransitioner;
import dev.archiver.aws.s3.S3TagTransitioner;
import dev.archiver.core.Archiver;
import dev.archiver.core.ArchiverException;
import dev.archiver.core.cost.CostModel;
import dev.archiver.core.cost.PriceBook;
import dev.archiver.core.cost.TransitionMethod;
import dev.archiver.core.decide.Guardrails;
import dev.archiver.core.plan.PlanHeader;
import dev.archiver.core.plan.RetryPolicy;
import dev.archiver.core.predict.AccessPredictor;
import dev.archiver.core.predict.LogisticModel;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What every handler builds once, in its constructor: the S3 client, the predictor, the
 * {@link Archiver}, the event processor and the reporter.
 */
final class HandlerRuntime {
    final HandlerConfig config;
    final S3Client s3;
    final Clock clock;
    final TimedPredictor predictor;
    final Archiver archiver;
    final S3EventProcessor processor;
    final Reporter reporter;

    HandlerRuntime(String handler, S3Client s3, HandlerConfig config, Clock clock, PrintStream out) {
        this.config = Objects.requireNonNull(config, "config");
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.predictor = new TimedPredictor(loadPredictor(s3, config));
        Guardrails.Builder guardrails = Guardrails.builder();
        if (config.allowedClasses() != null) {
            guardrails.allowedClasses(config.allowedClasses());
        }
        Archiver.Builder b = Archiver.builder()
                .predictor(predictor)
                .guardrails(guardrails.build())
                .costModel(CostModel.builder(PriceBook.usEast1())
                        .transitionMethod(config.tagMode() ? TransitionMethod.LIFECYCLE : TransitionMethod.COPY).build())
                // Lambda time is money and S3 redelivers: a short in-process retry, then the platform's.
                .retryPolicy(RetryPolicy.builder().maxAttempts(3).baseDelay(Duration.ofMillis(100)).maxDelay(Duration.ofSeconds(1)).build())
                .clock(clock);
        b.transitioner(config.tagMode() ? S3TagTransitioner.builder(s3).build() : S3CopyTransitioner.builder(s3).build());
        this.archiver = b.build();
        DedupeStore dedupe = config.dedupeInS3()
                ? DedupeStore.s3(s3, config.state().bucket(), config.state().key("dedupe/"), clock)
                : DedupeStore.inMemory(100_000);
        this.processor = S3EventProcessor.builder(s3, archiver).dryRun(config.dryRun()).dedupe(dedupe).build();
        this.reporter = new Reporter(handler, config, s3, clock, out, archiver.engine().costModel().horizonMonths());
    }

    /** The header of a decision record written now: the price book, horizon, method and predictor decided with. */
    PlanHeader header() {
        CostModel cm = archiver.engine().costModel();
        return new PlanHeader(clock.instant(), cm.priceBook().name(), cm.priceBook().currency(), cm.horizonDays(),
                cm.transitionMethod(), predictor.name());
    }

    /**
     * An S3 client for Lambda: the URL-connection HTTP client (no Netty, no Apache: faster cold
     * start), the region from {@code AWS_REGION} (default us-east-1) and the credentials Lambda puts
     * in the environment ({@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY},
     * {@code AWS_SESSION_TOKEN}), else the SDK's default chain. {@code endpointUrl} (the local
     * runner's {@code --endpoint-url}) points it at moto or MinIO with path-style addressing.
     */
    static S3Client s3Client(String endpointUrl, Map<String, String> env) {
        String region = env.get("AWS_REGION");
        String key = env.get("AWS_ACCESS_KEY_ID");
        String secret = env.get("AWS_SECRET_ACCESS_KEY");
        String token = env.get("AWS_SESSION_TOKEN");
        AwsCredentialsProvider credentials;
        if (key != null && secret != null) {
            credentials = StaticCredentialsProvider.create(token == null || token.isEmpty()
                    ? AwsBasicCredentials.create(key, secret) : AwsSessionCredentials.create(key, secret, token));
        } else {
            credentials = DefaultCredentialsProvider.builder().build();
        }
        S3ClientBuilder b = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(region == null || region.isBlank() ? "us-east-1" : region))
                .credentialsProvider(credentials);
        if (endpointUrl != null) {
            b.endpointOverride(URI.create(endpointUrl)).forcePathStyle(true);
        }
        return b.build();
    }

    private static AccessPredictor loadPredictor(S3Client s3, HandlerConfig config) {
        if (config.rule() != null) {
            try {
                return AccessPredictor.rule(config.rule());
            } catch (IllegalArgumentException e) {
                throw new ArchiverException("ARCHIVER_RULE: " + e.getMessage());
            }
        }
        String model = config.model();
        if (model.startsWith("s3://")) {
            HandlerConfig.S3Location at = HandlerConfig.S3Location.parse(model, "ARCHIVER_MODEL");
            String json;
            try {
                json = s3.getObjectAsBytes(g -> g.bucket(at.bucket()).key(at.prefix())).asString(StandardCharsets.UTF_8);
            } catch (SdkException e) {
                throw new ArchiverException("ARCHIVER_MODEL: cannot read " + model + ": " + e.getMessage(), e);
            }
            return LogisticModel.parse(json, model);
        }
        return LogisticModel.load(Path.of(model));
    }
}
