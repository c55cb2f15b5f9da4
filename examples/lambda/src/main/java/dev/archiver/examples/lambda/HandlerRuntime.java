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
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
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
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;

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

    /** The {@code check} of {@link #fromEnvironment} for handlers that need only the common settings. */
    static final Consumer<HandlerConfig> NO_CHECK = config -> { };

    /** With an injected client (tests, host code): everything is built here, on the caller's thread. */
    HandlerRuntime(String handler, S3Client s3, HandlerConfig config, Clock clock, PrintStream out) {
        this(handler, Objects.requireNonNull(config, "config"), Objects.requireNonNull(s3, "s3"),
                Objects.requireNonNull(clock, "clock"), out, Prepared.of(config));
    }

    private HandlerRuntime(String handler, HandlerConfig config, S3Client s3, Clock clock, PrintStream out, Prepared prepared) {
        this.config = config;
        this.s3 = s3;
        this.clock = clock;
        // A model in S3 is read with the client; any other predictor was loaded before the client was needed.
        this.predictor = new TimedPredictor(prepared.predictor() != null ? prepared.predictor() : loadPredictor(s3, config));
        Archiver.Builder b = Archiver.builder()
                .predictor(predictor)
                .guardrails(prepared.guardrails())
                .costModel(prepared.costModel())
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

    /**
     * What a no-argument constructor (and the local runner) builds from the environment: the same
     * runtime as {@code new HandlerRuntime(handler, s3Client(endpointUrl, env), HandlerConfig.from(env), clock, out)},
     * but the S3 client is built on a second thread and a third {@linkplain #primeRequestPath primes}
     * the SDK's request path while this one reads the settings and loads the predictor, price book and
     * cost model. All three are mostly class loading (the SDK's ~2,800 classes, Jackson's and ours),
     * and Lambda gives the init phase the whole CPU.
     *
     * <p>Errors are those of the sequential order: a client that cannot be built fails this with the
     * client's own exception even when the settings are invalid too (their error is attached as
     * suppressed); then an invalid setting, {@code check}'s exception, a model that cannot be loaded.
     *
     * @param check validates the settings before anything is loaded (a handler's own requirements)
     */
    static HandlerRuntime fromEnvironment(String handler, String endpointUrl, Map<String, String> env,
                                          Consumer<HandlerConfig> check, Clock clock, PrintStream out) {
        Objects.requireNonNull(clock, "clock");
        Background<S3Client> client = Background.start("archiver-s3-client", () -> s3Client(endpointUrl, env));
        Background<Boolean> primed = Background.start("archiver-prime", () -> primeRequestPath(endpointUrl, env));
        HandlerConfig config;
        Prepared prepared;
        try {
            config = HandlerConfig.from(env);
            check.accept(config);
            prepared = Prepared.of(config);
        } catch (RuntimeException | Error e) {
            // The priming thread (a daemon, no side effects) is left to finish on its own.
            S3Client built;
            try {
                built = client.join();
            } catch (RuntimeException | Error clientFailure) {
                clientFailure.addSuppressed(e);
                throw clientFailure;
            }
            built.close();
            throw e;
        }
        S3Client s3 = client.join();
        primed.join(); // done before the constructor returns: Lambda freezes the environment then (SnapStart snapshots it)
        return new HandlerRuntime(handler, config, s3, clock, out, prepared);
    }

    /** What needs no S3 client: the predictor (null for a model in S3), guardrails and cost model. */
    private record Prepared(AccessPredictor predictor, Guardrails guardrails, CostModel costModel) {
        static Prepared of(HandlerConfig config) {
            AccessPredictor predictor = config.rule() != null || !config.model().startsWith("s3://") ? loadPredictor(null, config) : null;
            Guardrails.Builder guardrails = Guardrails.builder();
            if (config.allowedClasses() != null) {
                guardrails.allowedClasses(config.allowedClasses());
            }
            CostModel costModel = CostModel.builder(PriceBook.usEast1())
                    .transitionMethod(config.tagMode() ? TransitionMethod.LIFECYCLE : TransitionMethod.COPY).build();
            return new Prepared(predictor, guardrails.build(), costModel);
        }
    }

    /** A value computed on its own thread; {@link #join} waits for it and throws what computing it threw. */
    static final class Background<T> {
        private final FutureTask<T> task;
        private final String threadName;

        private Background(FutureTask<T> task, String threadName) {
            this.task = task;
            this.threadName = threadName;
        }

        static <T> Background<T> start(String threadName, Callable<T> work) {
            FutureTask<T> task = new FutureTask<>(work);
            Thread t = new Thread(task, threadName);
            t.setDaemon(true);
            t.start();
            return new Background<>(task, threadName);
        }

        /** The value; rethrows the unchecked exception or error the work threw, unchanged. */
        T join() {
            try {
                return task.get();
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException r) {
                    throw r;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw new ArchiverException(cause.toString(), cause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ArchiverException("interrupted while waiting for " + threadName, e);
            }
        }
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
        return addressed(S3Client.builder().httpClient(UrlConnectionHttpClient.create()), endpointUrl, env)
                .credentialsProvider(credentials)
                .build();
    }

    /** The region from {@code AWS_REGION} (default us-east-1) and, given {@code endpointUrl}, path-style requests to it. */
    private static S3ClientBuilder addressed(S3ClientBuilder b, String endpointUrl, Map<String, String> env) {
        String region = env.get("AWS_REGION");
        b.region(Region.of(region == null || region.isBlank() ? "us-east-1" : region));
        if (endpointUrl != null) {
            b.endpointOverride(URI.create(endpointUrl)).forcePathStyle(true);
        }
        return b;
    }

    /**
     * Sends one HeadObject through a throwaway client addressed like {@link #s3Client} but with
     * placeholder credentials and an HTTP client that answers from memory (no connection is made), so
     * that the first real request finds the SDK's request path loaded: endpoint rules, marshalling,
     * signing and unmarshalling are ~950 classes and lambdas, most of a cold first request. The
     * throwaway client's build also loads the SDK's region and service metadata (~370 classes) that
     * the real client's build needs. {@link #fromEnvironment} runs it on its own thread while another
     * builds the real client; class initialisation runs once, whichever thread gets there first.
     *
     * @return whether the HEAD went through; false when anything failed (the real client meets and reports it)
     */
    static boolean primeRequestPath(String endpointUrl, Map<String, String> env) {
        try (S3Client primer = addressed(S3Client.builder().httpClient(new AnsweringHttpClient()), endpointUrl, env)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("prime", "prime")))
                .build()) {
            primer.headObject(h -> h.bucket("archiver-prime").key("prime"));
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Answers every request from memory as S3 answers the HEAD of an empty object. */
    static final class AnsweringHttpClient implements SdkHttpClient {
        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() {
                    return HttpExecuteResponse.builder().response(SdkHttpResponse.builder().statusCode(200)
                            .putHeader("ETag", "\"d41d8cd98f00b204e9800998ecf8427e\"")
                            .putHeader("Content-Length", "0")
                            .putHeader("Last-Modified", "Thu, 01 Jan 2026 00:00:00 GMT")
                            .build()).build();
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
