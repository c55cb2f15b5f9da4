package dev.archiver.aws.sagemaker;

import dev.archiver.core.plan.RetryPolicy.Sleeper;
import dev.archiver.core.feature.FeatureBatch;
import dev.archiver.core.predict.AccessPredictor;
import dev.archiver.core.predict.PredictionException;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClientBuilder;
import software.amazon.awssdk.services.sagemakerruntime.model.InternalDependencyException;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointRequest;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointResponse;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelNotReadyException;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

/**
 * An {@link AccessPredictor} that scores feature rows on an Amazon SageMaker real-time endpoint
 * through the caller's {@link SageMakerRuntimeClient}: many rows per InvokeEndpoint request (one
 * request per batch at the default sizes), split only to stay under the payload limit; retried
 * with exponential backoff on throttling, 5xx and timeouts; a response whose number of scores or
 * values does not fit is an error, never a guess.
 *
 * <pre>{@code
 * SageMakerPredictor predictor = SageMakerPredictor.builder(client, "access-model")
 *         .features("log_age_days", "log_size_bytes", "log_reads_30d") // the columns the model takes
 *         .codec(PayloadCodec.csv())                                  // scikit-learn / XGBoost containers
 *         .fallback(LogisticModel.load(Path.of("model.json")))        // when the endpoint fails
 *         .circuitBreaker(5, Duration.ofMinutes(1))
 *         .build();
 * Archiver archiver = Archiver.builder().predictor(predictor).build();
 * Plan plan = archiver.plan(source);
 * System.err.println(predictor.stats().describe());
 * }</pre>
 *
 * <p><b>Fail safe.</b> When a request fails after its retries, or its response does not fit, the
 * rows of that request are scored by the {@linkplain Builder#fallback fallback predictor}; without
 * one, {@link #predict} throws {@link PredictionException} and the decision engine keeps every
 * object of the batch where it is ({@code PREDICTION_FAILED}, counted in the plan summary).
 * Either way {@link #stats()} counts what happened. With a {@linkplain Builder#circuitBreaker
 * circuit breaker}, consecutive failures stop requests for a while, and those rows go the same way
 * without a request being sent.
 *
 * <p><b>Retries.</b> This predictor retries itself, waiting through the injected {@link Sleeper};
 * give it a client without SDK retries ({@link #defaultClient} does) so that one policy counts.
 * Thread-safe when the codec and fallback are.
 */
public final class SageMakerPredictor implements AccessPredictor {
    /** SageMaker's limit on an InvokeEndpoint request body: 6 MB. */
    public static final int PAYLOAD_LIMIT_BYTES = 6 * 1024 * 1024;
    /** The default most bytes per request, under {@link #PAYLOAD_LIMIT_BYTES} with room to spare. */
    public static final int DEFAULT_MAX_PAYLOAD_BYTES = 5_000_000;
    private static final Pattern ENDPOINT_NAME = Pattern.compile("^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$");

    private final SageMakerRuntimeClient client;
    private final String endpointName;
    private final String name;
    private final PayloadCodec codec;
    private final List<String> features;
    private final int maxPayloadBytes;
    private final int maxRowsPerRequest;
    private final Duration timeout;
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Sleeper sleeper;
    private final AccessPredictor fallback;
    private final CircuitBreaker breaker;
    private volatile Binding binding;

    private final LongAdder batches = new LongAdder();
    private final LongAdder invocations = new LongAdder();
    private final LongAdder rowsScored = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder failedRequests = new LongAdder();
    private final LongAdder rowsFallback = new LongAdder();
    private final LongAdder rowsFailed = new LongAdder();
    private final LongAdder circuitRejections = new LongAdder();
    private volatile String lastFailure;

    private record Binding(List<String> names, int[] columns) {
    }

    private SageMakerPredictor(Builder b) {
        this.client = b.client;
        this.endpointName = b.endpointName;
        this.name = "sagemaker:" + b.endpointName;
        this.codec = b.codec;
        this.features = b.features;
        this.maxPayloadBytes = b.maxPayloadBytes;
        this.maxRowsPerRequest = Math.min(b.maxRowsPerRequest, b.codec.maxRowsPerRequest());
        this.timeout = b.timeout;
        this.maxAttempts = b.maxAttempts;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.sleeper = b.sleeper;
        this.fallback = b.fallback;
        this.breaker = b.breakerThreshold > 0 ? new CircuitBreaker(b.breakerThreshold, b.breakerOpenFor, b.clock) : null;
    }

    /**
     * Starts a predictor over {@code client} that invokes the endpoint {@code endpointName}.
     *
     * @throws IllegalArgumentException when the name is not a SageMaker endpoint name
     */
    public static Builder builder(SageMakerRuntimeClient client, String endpointName) {
        return new Builder(client, endpointName);
    }

    /**
     * A convenience client for the CLI and small programs: URL-connection HTTP client, the default
     * credentials chain, no SDK retries (the predictor retries).
     *
     * @param region           the endpoint's region, or null for the default region chain
     * @param endpointOverride e.g. {@code http://127.0.0.1:8080} for a local endpoint, or null
     */
    public static SageMakerRuntimeClient defaultClient(Region region, URI endpointOverride) {
        return defaultClient(region, endpointOverride, null);
    }

    /**
     * {@link #defaultClient(Region, URI)} with the credentials of a named profile
     * ({@code ~/.aws/credentials}, {@code ~/.aws/config}), as the CLI's {@code --profile} asks.
     *
     * @param profile a profile name, or null for the default credentials chain
     */
    public static SageMakerRuntimeClient defaultClient(Region region, URI endpointOverride, String profile) {
        SageMakerRuntimeClientBuilder b = SageMakerRuntimeClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
        if (region != null) {
            b.region(region);
        }
        if (endpointOverride != null) {
            b.endpointOverride(endpointOverride);
        }
        if (profile != null) {
            b.credentialsProvider(ProfileCredentialsProvider.create(profile));
        }
        return b.build();
    }

    @Override
    public String name() {
        return name;
    }

    /** The SageMaker endpoint invoked. */
    public String endpointName() {
        return endpointName;
    }

    /** A snapshot of the counters. */
    public SageMakerStats stats() {
        String state = breaker == null ? "DISABLED" : breaker.state().name();
        return new SageMakerStats(batches.sum(), invocations.sum(), rowsScored.sum(), retries.sum(), failedRequests.sum(),
                rowsFallback.sum(), rowsFailed.sum(), circuitRejections.sum(), state, lastFailure);
    }

    /**
     * Scores {@code batch} on the endpoint, in as few requests as the payload limit allows.
     *
     * @throws PredictionException when a request fails or its response does not fit and there is
     *                             no fallback (or the fallback fails too)
     */
    @Override
    public double[] predict(FeatureBatch batch) {
        Objects.requireNonNull(batch, "batch");
        batches.increment();
        int rows = batch.rows();
        double[] out = new double[rows];
        if (rows == 0) {
            return out;
        }
        int[] columns;
        try {
            columns = columns(batch);
        } catch (PredictionException e) {
            recordFailure(e.getMessage());
            return fallbackOrThrow(batch, 0, rows, out, e);
        }
        int perRequest = maxRowsPerRequest;
        int from = 0;
        while (from < rows) {
            int n = Math.min(perRequest, rows - from);
            double[] p;
            try {
                byte[] body = codec.encode(batch, columns, from, from + n);
                while (body.length > maxPayloadBytes && n > 1) {
                    // Rows differ little in size: aim just under the limit, then check again.
                    n = Math.max(1, Math.min(n - 1, (int) ((long) n * maxPayloadBytes / body.length * 95 / 100)));
                    body = codec.encode(batch, columns, from, from + n);
                }
                if (body.length > maxPayloadBytes) {
                    throw new PredictionException("row " + (from + 1) + " alone encodes to " + body.length
                            + " bytes, over the limit of " + maxPayloadBytes);
                }
                perRequest = n;
                p = send(body, n);
            } catch (PredictionException e) {
                recordFailure(e.getMessage());
                fallbackOrThrow(batch, from, from + n, out, e);
                from += n;
                continue;
            }
            System.arraycopy(p, 0, out, from, n);
            from += n;
        }
        return out;
    }

    /** One request, through the breaker and the retries; counts its outcome. */
    private double[] send(byte[] body, int rows) {
        if (breaker != null && !breaker.allowRequest()) {
            circuitRejections.increment();
            throw new PredictionException("circuit breaker open until " + breaker.openUntil()
                    + ", request not sent (last failure: " + lastFailure + ")");
        }
        try {
            double[] p = invokeWithRetries(body, rows);
            rowsScored.add(rows);
            if (breaker != null) {
                breaker.onSuccess();
            }
            return p;
        } catch (PredictionException e) {
            failedRequests.increment();
            if (breaker != null) {
                breaker.onFailure();
            }
            throw e;
        }
    }

    private double[] invokeWithRetries(byte[] body, int rows) {
        InvokeEndpointRequest.Builder request = InvokeEndpointRequest.builder()
                .endpointName(endpointName)
                .contentType(codec.contentType())
                .body(SdkBytes.fromByteArrayUnsafe(body))
                .overrideConfiguration(o -> o.apiCallTimeout(timeout));
        if (codec.accept() != null) {
            request.accept(codec.accept());
        }
        InvokeEndpointRequest req = request.build();
        for (int attempt = 1; ; attempt++) {
            InvokeEndpointResponse response;
            try {
                invocations.increment();
                response = client.invokeEndpoint(req);
            } catch (SdkServiceException | SdkClientException e) {
                String what = describe(e);
                if (Thread.currentThread().isInterrupted()) {
                    throw new PredictionException("InvokeEndpoint " + endpointName + " interrupted: " + what, e);
                }
                if (!retryable(e)) {
                    throw new PredictionException("InvokeEndpoint " + endpointName + " failed: " + what, e);
                }
                if (attempt >= maxAttempts) {
                    throw new PredictionException("InvokeEndpoint " + endpointName + " failed after " + attempt
                            + (attempt == 1 ? " attempt: " : " attempts: ") + what, e);
                }
                pause(attempt, e);
                continue;
            } catch (RuntimeException e) {
                throw new PredictionException("InvokeEndpoint " + endpointName + " failed: " + e, e);
            }
            byte[] bytes = response.body() == null ? new byte[0] : response.body().asByteArrayUnsafe();
            double[] p;
            try {
                p = codec.decode(bytes, response.contentType(), rows);
            } catch (PredictionException e) {
                throw new PredictionException("endpoint " + endpointName + " answered " + rows + " rows badly: " + e.getMessage(), e);
            }
            if (p == null || p.length != rows) {
                throw new PredictionException("codec " + codec + " decoded " + (p == null ? "nothing" : p.length + " scores")
                        + " for " + rows + " rows");
            }
            for (int i = 0; i < rows; i++) {
                if (!(p[i] >= 0 && p[i] <= 1)) {
                    throw new PredictionException("codec " + codec + " decoded score " + p[i] + " for row " + (i + 1) + ", not a probability");
                }
            }
            return p;
        }
    }

    private void pause(int attempt, RuntimeException cause) {
        long cap = maxBackoff.toNanos();
        long wait = initialBackoff.toNanos();
        for (int i = 1; i < attempt && wait < cap; i++) {
            wait = wait > cap / 2 ? cap : wait * 2;
        }
        Duration d = Duration.ofNanos(Math.min(wait, cap));
        retries.increment();
        try {
            sleeper.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PredictionException("interrupted while waiting to retry InvokeEndpoint " + endpointName
                    + " (" + describe(cause) + ")", e);
        }
    }

    static boolean retryable(RuntimeException e) {
        if (e instanceof SdkClientException) {
            return true; // connection refused or reset, timeouts
        }
        if (e instanceof ModelNotReadyException || e instanceof InternalDependencyException) {
            return true;
        }
        if (e instanceof SdkServiceException s) {
            return s.isThrottlingException() || s.statusCode() == 429 || s.statusCode() >= 500;
        }
        return false;
    }

    static String describe(RuntimeException e) {
        if (e instanceof AwsServiceException a && a.awsErrorDetails() != null) {
            String code = a.awsErrorDetails().errorCode();
            String message = a.awsErrorDetails().errorMessage();
            return (code == null ? "error" : code) + " (HTTP " + a.statusCode() + ")" + (message == null ? "" : ": " + message);
        }
        if (e instanceof SdkServiceException s) {
            return "HTTP " + s.statusCode() + ": " + s.getMessage();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private double[] fallbackOrThrow(FeatureBatch batch, int from, int to, double[] out, PredictionException cause) {
        String why = name + ": " + cause.getMessage();
        if (fallback == null) {
            rowsFailed.add(batch.rows());
            throw new PredictionException(why, cause);
        }
        int w = batch.width();
        FeatureBatch part = from == 0 && to == batch.rows() ? batch
                : new FeatureBatch(batch.names(), Arrays.copyOfRange(batch.values(), from * w, to * w), to - from);
        double[] p;
        try {
            p = fallback.predict(part);
        } catch (RuntimeException e) {
            rowsFailed.add(batch.rows());
            throw new PredictionException(why + "; fallback " + fallback.name() + " failed too: " + e.getMessage(), e);
        }
        if (p == null || p.length != to - from) {
            rowsFailed.add(batch.rows());
            throw new PredictionException(why + "; fallback " + fallback.name() + " returned "
                    + (p == null ? "no scores" : p.length + " scores") + " for " + (to - from) + " rows");
        }
        System.arraycopy(p, 0, out, from, to - from);
        rowsFallback.add(to - from);
        return out;
    }

    private void recordFailure(String message) {
        lastFailure = message;
    }

    private int[] columns(FeatureBatch batch) {
        Binding b = binding;
        if (b != null && b.names == batch.names()) {
            return b.columns;
        }
        int[] columns;
        if (features == null) {
            columns = new int[batch.width()];
            for (int i = 0; i < columns.length; i++) {
                columns[i] = i;
            }
        } else {
            columns = new int[features.size()];
            List<String> missing = new ArrayList<>();
            for (int i = 0; i < columns.length; i++) {
                columns[i] = batch.names().indexOf(features.get(i));
                if (columns[i] < 0) {
                    missing.add(features.get(i));
                }
            }
            if (!missing.isEmpty()) {
                throw new PredictionException("the endpoint takes features " + missing + " that the batch lacks (have " + batch.names() + ")");
            }
        }
        binding = new Binding(batch.names(), columns);
        return columns;
    }

    @Override
    public String toString() {
        return "SageMakerPredictor[" + endpointName + ", " + codec + (features == null ? "" : ", features " + features)
                + (fallback == null ? "" : ", fallback " + fallback.name()) + "]";
    }

    /**
     * Configures a {@link SageMakerPredictor}. Every setter checks its value at once and names it
     * when refused.
     *
     * <pre>{@code
     * SageMakerPredictor p = SageMakerPredictor.builder(client, "access-model")
     *         .codec(PayloadCodec.jsonLines())
     *         .timeout(Duration.ofSeconds(10))
     *         .retries(4, Duration.ofMillis(100), Duration.ofSeconds(2))
     *         .build();
     * }</pre>
     */
    public static final class Builder {
        private final SageMakerRuntimeClient client;
        private final String endpointName;
        private PayloadCodec codec = PayloadCodec.csv();
        private List<String> features;
        private int maxPayloadBytes = DEFAULT_MAX_PAYLOAD_BYTES;
        private int maxRowsPerRequest = Integer.MAX_VALUE;
        private Duration timeout = Duration.ofSeconds(60);
        private int maxAttempts = 3;
        private Duration initialBackoff = Duration.ofMillis(200);
        private Duration maxBackoff = Duration.ofSeconds(5);
        private Sleeper sleeper = Sleeper.threadSleep();
        private Clock clock = Clock.systemUTC();
        private AccessPredictor fallback;
        private int breakerThreshold;
        private Duration breakerOpenFor;

        private Builder(SageMakerRuntimeClient client, String endpointName) {
            this.client = Objects.requireNonNull(client, "client");
            if (endpointName == null || !ENDPOINT_NAME.matcher(endpointName).matches()) {
                throw new IllegalArgumentException("not a SageMaker endpoint name (1-63 letters, digits and hyphens,"
                        + " starting with a letter or digit): '" + endpointName + "'");
            }
            this.endpointName = endpointName;
        }

        /** How rows are sent and scores read (default {@link PayloadCodec#csv()}). */
        public Builder codec(PayloadCodec codec) {
            this.codec = Objects.requireNonNull(codec, "codec");
            return this;
        }

        /**
         * The feature columns the endpoint takes, by name, in its order (default: every column of
         * the batch, in batch order).
         *
         * @throws IllegalArgumentException when the list is empty, or has a blank or repeated name
         */
        public Builder features(List<String> names) {
            Objects.requireNonNull(names, "names");
            if (names.isEmpty()) {
                throw new IllegalArgumentException("features must name at least one column, was " + names);
            }
            for (int i = 0; i < names.size(); i++) {
                String n = names.get(i);
                if (n == null || n.isBlank()) {
                    throw new IllegalArgumentException("features[" + i + "] must be a feature name, was '" + n + "'");
                }
                if (names.indexOf(n) != i) {
                    throw new IllegalArgumentException("features lists '" + n + "' twice: " + names);
                }
            }
            this.features = List.copyOf(names);
            return this;
        }

        /** See {@link #features(List)}. */
        public Builder features(String... names) {
            return features(Arrays.asList(names));
        }

        /**
         * The most bytes in one request body (default {@value #DEFAULT_MAX_PAYLOAD_BYTES}); a batch
         * that encodes larger is split.
         *
         * @throws IllegalArgumentException unless 1..{@value #PAYLOAD_LIMIT_BYTES}
         */
        public Builder maxPayloadBytes(int bytes) {
            if (bytes < 1 || bytes > PAYLOAD_LIMIT_BYTES) {
                throw new IllegalArgumentException("maxPayloadBytes must be 1.." + PAYLOAD_LIMIT_BYTES + " (SageMaker's limit), was " + bytes);
            }
            this.maxPayloadBytes = bytes;
            return this;
        }

        /** The most rows in one request (default: no limit but the payload's). @throws IllegalArgumentException when below 1 */
        public Builder maxRowsPerRequest(int rows) {
            if (rows < 1) {
                throw new IllegalArgumentException("maxRowsPerRequest must be >= 1, was " + rows);
            }
            this.maxRowsPerRequest = rows;
            return this;
        }

        /** How long one attempt may take, SDK time included (default 60 s, SageMaker's own limit). @throws IllegalArgumentException unless positive */
        public Builder timeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, was " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * Attempts per request and the backoff between them: {@code initial}, doubled each retry,
         * at most {@code max} (default 3 attempts, 200 ms, 5 s). Throttling, HTTP 429 and 5xx,
         * {@code ModelNotReadyException}, connection failures and timeouts are retried; a
         * {@code ModelError} or {@code ValidationError} is not.
         *
         * @throws IllegalArgumentException unless 1 <= attempts <= 20 and 0 <= initial <= max
         */
        public Builder retries(int attempts, Duration initial, Duration max) {
            Objects.requireNonNull(initial, "initial");
            Objects.requireNonNull(max, "max");
            if (attempts < 1 || attempts > 20) {
                throw new IllegalArgumentException("attempts must be 1..20, was " + attempts);
            }
            if (initial.isNegative() || max.compareTo(initial) < 0) {
                throw new IllegalArgumentException("backoff must satisfy 0 <= initial <= max, was " + initial + " and " + max);
            }
            this.maxAttempts = attempts;
            this.initialBackoff = initial;
            this.maxBackoff = max;
            return this;
        }

        /** Waits between retries (default {@link Sleeper#threadSleep()}). */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /** The clock of the circuit breaker (default UTC system clock). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Scores the rows of a failed request instead (e.g. the local {@code LogisticModel}), so a
         * plan goes on when the endpoint does not; without it those objects are kept.
         */
        public Builder fallback(AccessPredictor fallback) {
            this.fallback = Objects.requireNonNull(fallback, "fallback");
            return this;
        }

        /**
         * After {@code consecutiveFailures} failed requests in a row, sends nothing for
         * {@code openFor}, then one trial request. Off by default.
         *
         * @throws IllegalArgumentException unless consecutiveFailures >= 1 and openFor is positive
         */
        public Builder circuitBreaker(int consecutiveFailures, Duration openFor) {
            Objects.requireNonNull(openFor, "openFor");
            if (consecutiveFailures < 1) {
                throw new IllegalArgumentException("consecutiveFailures must be >= 1, was " + consecutiveFailures);
            }
            if (openFor.isNegative() || openFor.isZero()) {
                throw new IllegalArgumentException("openFor must be positive, was " + openFor);
            }
            this.breakerThreshold = consecutiveFailures;
            this.breakerOpenFor = openFor;
            return this;
        }

        public SageMakerPredictor build() {
            return new SageMakerPredictor(this);
        }
    }
}
