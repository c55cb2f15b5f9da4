package dev.archiver.aws.sagemaker;

import dev.archiver.core.feature.FeatureBatch;
import dev.archiver.core.predict.AccessPredictor;
import dev.archiver.core.predict.LogisticModel;
import dev.archiver.core.predict.PredictionException;
import dev.archiver.testkit.MutableClock;
import dev.archiver.testkit.ScriptedPredictor;
import dev.archiver.testkit.sagemaker.LocalInferenceEndpoint;
import dev.archiver.testkit.sagemaker.RecordedInvocation;
import dev.archiver.testkit.sagemaker.ScriptedResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelErrorException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SageMakerPredictorTest {
    private static final String NAME = "access-model";
    private final LogisticModel model = Fixtures.model();
    private final MutableClock clock = new MutableClock(Fixtures.START);
    private final List<Duration> waits = new ArrayList<>();
    private LocalInferenceEndpoint endpoint;
    private SageMakerRuntimeClient client;

    @BeforeEach
    void start() {
        endpoint = LocalInferenceEndpoint.start().serve(NAME, model, Fixtures.MODEL_FEATURES);
        client = Fixtures.client(endpoint.uri());
    }

    @AfterEach
    void stop() {
        client.close();
        endpoint.close();
    }

    private SageMakerPredictor.Builder predictor() {
        return SageMakerPredictor.builder(client, NAME)
                .features(Fixtures.MODEL_FEATURES)
                .sleeper(d -> {
                    waits.add(d);
                    clock.advance(d);
                })
                .clock(clock)
                .retries(3, Duration.ofMillis(100), Duration.ofSeconds(1));
    }

    /** {@code rows} rows of every default feature, random but seeded. */
    private static FeatureBatch batch(int rows, long seed) {
        List<String> names = Fixtures.allFeatures();
        Random random = new Random(seed);
        double[] v = new double[rows * names.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.round(random.nextDouble() * 2000) / 100.0;
        }
        return new FeatureBatch(names, v, rows);
    }

    @Test
    void predict_sendsOneInvocation_forDefaultBatchOf1000Rows() {
        FeatureBatch batch = batch(1000, 1);
        SageMakerPredictor p = predictor().build();
        assertArrayEquals(model.predict(batch), p.predict(batch));
        assertEquals(1, endpoint.invocationCount());
        RecordedInvocation inv = endpoint.invocations().get(0);
        assertEquals(1000, inv.rows());
        assertEquals("text/csv", inv.contentType());
        assertEquals(1, p.stats().invocations());
        assertEquals(1000, p.stats().rowsScored());
        assertTrue(p.stats().healthy());
    }

    @Test
    void predict_sendsOnlySelectedFeatures_inTheEndpointsOrder() {
        FeatureBatch batch = batch(2, 2);
        predictor().build().predict(batch);
        String firstLine = endpoint.invocations().get(0).bodyText().split("\n")[0];
        String[] cells = firstLine.split(",");
        assertEquals(Fixtures.MODEL_FEATURES.size(), cells.length);
        for (int i = 0; i < cells.length; i++) {
            assertEquals(batch.get(0, batch.column(Fixtures.MODEL_FEATURES.get(i))), Double.parseDouble(cells[i]), 0);
        }
    }

    @Test
    void predict_splitsBatch_whenPayloadExceedsLimit() {
        FeatureBatch batch = batch(1000, 3);
        int limit = 8_000;
        SageMakerPredictor p = predictor().maxPayloadBytes(limit).build();
        assertArrayEquals(model.predict(batch), p.predict(batch));
        List<RecordedInvocation> sent = endpoint.invocations();
        assertTrue(sent.size() > 1, "expected a split, got " + sent.size());
        int rows = 0;
        for (RecordedInvocation inv : sent) {
            assertTrue(inv.body().length <= limit, inv + " is over " + limit);
            rows += inv.rows();
        }
        assertEquals(1000, rows);
        // Split close to the limit, not into needlessly many requests.
        long total = sent.stream().mapToLong(i -> i.body().length).sum();
        assertTrue(sent.size() <= total / (limit * 0.8) + 1, sent.size() + " requests for " + total + " bytes");
    }

    @Test
    void predict_honoursMaxRowsPerRequest() {
        SageMakerPredictor p = predictor().maxRowsPerRequest(300).build();
        p.predict(batch(1000, 4));
        assertEquals(List.of(300, 300, 300, 100), endpoint.invocations().stream().map(RecordedInvocation::rows).toList());
    }

    @Test
    void predict_retriesWithBackoff_whenThrottled() {
        endpoint.enqueue(ScriptedResponse.throttling(), 2);
        FeatureBatch batch = batch(10, 5);
        SageMakerPredictor p = predictor().build();
        assertArrayEquals(model.predict(batch), p.predict(batch));
        assertEquals(3, endpoint.invocationCount());
        assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(200)), waits);
        assertEquals(2, p.stats().retries());
        assertEquals(0, p.stats().failedRequests());
    }

    @Test
    void predict_retries_when5xxOrModelNotReady() {
        endpoint.enqueue(ScriptedResponse.serviceUnavailable(), ScriptedResponse.internalFailure(),
                ScriptedResponse.error(429, "ModelNotReadyException", "warming up"));
        SageMakerPredictor p = predictor().retries(4, Duration.ofMillis(100), Duration.ofMillis(150)).build();
        FeatureBatch batch = batch(3, 6);
        assertArrayEquals(model.predict(batch), p.predict(batch));
        assertEquals(4, endpoint.invocationCount());
        assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(150), Duration.ofMillis(150)), waits);
    }

    @Test
    void predict_givesUp_afterMaxAttempts_namingTheError() {
        endpoint.enqueue(ScriptedResponse.throttling(), 5);
        SageMakerPredictor p = predictor().build();
        PredictionException e = assertThrows(PredictionException.class, () -> p.predict(batch(4, 7)));
        assertTrue(e.getMessage().contains("ThrottlingException"), e.getMessage());
        assertTrue(e.getMessage().contains("after 3 attempts"), e.getMessage());
        assertEquals(3, endpoint.invocationCount());
        assertEquals(1, p.stats().failedRequests());
        assertEquals(4, p.stats().rowsFailed());
        assertTrue(p.stats().lastFailure().contains("ThrottlingException"));
    }

    @Test
    void predict_doesNotRetry_whenModelError() {
        endpoint.enqueue(ScriptedResponse.modelError("ValueError: X has 3 features, but the model expects 4"));
        SageMakerPredictor p = predictor().build();
        PredictionException e = assertThrows(PredictionException.class, () -> p.predict(batch(4, 8)));
        assertInstanceOf(ModelErrorException.class, e.getCause().getCause());
        assertTrue(e.getMessage().contains("ModelError (HTTP 424)"), e.getMessage());
        assertTrue(e.getMessage().contains("expects 4"), e.getMessage());
        assertEquals(1, endpoint.invocationCount());
        assertEquals(List.of(), waits);
    }

    @Test
    void predict_doesNotRetry_whenEndpointUnknown() {
        SageMakerPredictor p = SageMakerPredictor.builder(client, "no-such-endpoint").sleeper(waits::add).build();
        PredictionException e = assertThrows(PredictionException.class, () -> p.predict(batch(1, 9)));
        assertTrue(e.getMessage().contains("ValidationError (HTTP 400)"), e.getMessage());
        assertEquals(1, endpoint.invocationCount());
    }

    @Test
    void predict_throws_whenResponseHasOneScoreTooMany() {
        endpoint.enqueue(ScriptedResponse.extraScore());
        SageMakerPredictor p = predictor().build();
        PredictionException e = assertThrows(PredictionException.class, () -> p.predict(batch(5, 10)));
        assertTrue(e.getMessage().contains("6 lines for 5 rows"), e.getMessage());
        assertEquals(1, endpoint.invocationCount(), "a bad answer is not retried");
    }

    @Test
    void predict_throws_whenResponseIsGarbage() {
        endpoint.enqueue(ScriptedResponse.body("text/html", "<html><body>502 Bad Gateway</body></html>"));
        SageMakerPredictor p = predictor().build();
        PredictionException e = assertThrows(PredictionException.class, () -> p.predict(batch(1, 11)));
        assertTrue(e.getMessage().contains("not a number"), e.getMessage());
    }

    @Test
    void predict_throws_whenResponseIsNotAProbability() {
        endpoint.enqueue(ScriptedResponse.body("text/csv", "0.5\n2.0\n"));
        PredictionException e = assertThrows(PredictionException.class, () -> predictor().build().predict(batch(2, 12)));
        assertTrue(e.getMessage().contains("score 2 is 2.0"), e.getMessage());
    }

    @Test
    void predict_retriesThenFails_whenEndpointIsDown() {
        SageMakerPredictor p = predictor().build();
        endpoint.close();
        PredictionException e = assertThrows(PredictionException.class, () -> p.predict(batch(2, 13)));
        assertTrue(e.getMessage().contains("after 3 attempts"), e.getMessage());
        assertEquals(2, waits.size());
    }

    @Test
    void predict_timesOut_whenEndpointStalls() {
        endpoint.enqueue(ScriptedResponse.stall());
        SageMakerPredictor p = predictor().timeout(Duration.ofMillis(300)).retries(1, Duration.ZERO, Duration.ZERO).build();
        try {
            PredictionException e = assertThrows(PredictionException.class, () -> p.predict(batch(2, 14)));
            assertTrue(e.getMessage().contains("ApiCallTimeoutException"), e.getMessage());
        } finally {
            endpoint.releaseStalled();
        }
    }

    @Test
    void predict_retriesAfterTimeout_andSucceeds() {
        FeatureBatch batch = batch(2, 15);
        // Generous: only the stalled attempt may time out, however loaded the machine.
        SageMakerPredictor p = predictor().timeout(Duration.ofSeconds(2)).build();
        p.predict(batch);
        endpoint.enqueue(ScriptedResponse.stall());
        try {
            assertArrayEquals(model.predict(batch), p.predict(batch));
            assertEquals(1, p.stats().retries());
            assertEquals(1, endpoint.stalledCount(), "the timed-out attempt is still held by the endpoint");
        } finally {
            endpoint.releaseStalled();
        }
    }

    @Test
    void predict_usesFallback_forTheRowsOfAFailedRequest() {
        endpoint.enqueue(ScriptedResponse.modelError("boom"));
        ScriptedPredictor fallback = new ScriptedPredictor("fallback").always(0.25);
        SageMakerPredictor p = predictor().maxRowsPerRequest(4).fallback(fallback).build();
        FeatureBatch batch = batch(10, 16);
        double[] expected = model.predict(batch);
        double[] got = p.predict(batch);
        for (int i = 0; i < 4; i++) {
            assertEquals(0.25, got[i], "row " + i + " from the fallback");
        }
        for (int i = 4; i < 10; i++) {
            assertEquals(expected[i], got[i], "row " + i + " from the endpoint");
        }
        assertEquals(4, fallback.rowsSeen());
        assertEquals(4, p.stats().rowsFallback());
        assertEquals(6, p.stats().rowsScored());
        assertEquals(0, p.stats().rowsFailed());
        assertTrue(p.stats().describe().contains("4 rows scored by the fallback"), p.stats().describe());
    }

    @Test
    void predict_throws_whenFallbackFailsToo() {
        endpoint.enqueue(ScriptedResponse.modelError("boom"));
        SageMakerPredictor p = predictor().fallback(new ScriptedPredictor("fallback").failNext(1)).build();
        PredictionException e = assertThrows(PredictionException.class, () -> p.predict(batch(3, 17)));
        assertTrue(e.getMessage().contains("boom") && e.getMessage().contains("fallback fallback failed too"), e.getMessage());
        assertEquals(3, p.stats().rowsFailed());
    }

    @Test
    void circuitBreaker_stopsRequests_whileOpen_thenSendsOneTrial() {
        endpoint.enqueue(ScriptedResponse.modelError("down"), 2);
        ScriptedPredictor fallback = new ScriptedPredictor("fallback").always(0.5);
        SageMakerPredictor p = predictor().fallback(fallback).circuitBreaker(2, Duration.ofMinutes(1)).build();
        FeatureBatch batch = batch(3, 18);
        p.predict(batch);
        p.predict(batch);
        assertEquals("OPEN", p.stats().circuitState());
        p.predict(batch);
        p.predict(batch);
        assertEquals(2, endpoint.invocationCount(), "no request while open");
        assertEquals(2, p.stats().circuitRejections());
        assertEquals(12, fallback.rowsSeen());

        clock.advance(Duration.ofMinutes(1));
        assertEquals("HALF_OPEN", p.stats().circuitState());
        assertArrayEquals(model.predict(batch), p.predict(batch));
        assertEquals(3, endpoint.invocationCount());
        assertEquals("CLOSED", p.stats().circuitState());
    }

    @Test
    void circuitBreaker_opensAgain_whenTrialFails() {
        endpoint.enqueue(ScriptedResponse.modelError("down"), 3);
        SageMakerPredictor p = predictor().circuitBreaker(1, Duration.ofSeconds(30)).build();
        assertThrows(PredictionException.class, () -> p.predict(batch(1, 19)));
        PredictionException open = assertThrows(PredictionException.class, () -> p.predict(batch(1, 19)));
        assertTrue(open.getMessage().contains("circuit breaker open"), open.getMessage());
        clock.advance(Duration.ofSeconds(30));
        assertThrows(PredictionException.class, () -> p.predict(batch(1, 19)));
        assertEquals("OPEN", p.stats().circuitState());
        assertEquals(2, endpoint.invocationCount());
    }

    @Test
    void predict_throws_whenBatchLacksAnEndpointFeature() {
        SageMakerPredictor p = predictor().features("log_age_days", "shoe_size").build();
        PredictionException e = assertThrows(PredictionException.class, () -> p.predict(batch(1, 20)));
        assertTrue(e.getMessage().contains("[shoe_size]"), e.getMessage());
        assertEquals(0, endpoint.invocationCount());
    }

    @Test
    void predict_sendsNothing_forAnEmptyBatch() {
        assertEquals(0, predictor().build().predict(batch(0, 21)).length);
        assertEquals(0, endpoint.invocationCount());
    }

    @Test
    void originalDesign_makesOneInvocationPerObject_andReadsZeroOrOne() {
        AccessPredictor rule = AccessPredictor.ageRule(30);
        endpoint.serve("original", rule, List.of("age_days"));
        SageMakerPredictor p = SageMakerPredictor.builder(client, "original")
                .codec(PayloadCodec.originalDesign()).features("age_days").build();
        FeatureBatch batch = batch(5, 22);
        assertArrayEquals(rule.predict(batch), p.predict(batch));
        assertEquals(5, endpoint.invocationCount());
        assertTrue(endpoint.invocations().get(0).bodyText().matches("\\{\"data\": \\[[0-9.E-]+]}"), endpoint.invocations().get(0).bodyText());
    }

    @Test
    void jsonLinesAndJsonResponses_roundTripThroughTheSdk() {
        FeatureBatch batch = batch(50, 23);
        double[] expected = model.predict(batch);
        assertArrayEquals(expected, predictor().codec(PayloadCodec.jsonLines()).build().predict(batch));
        assertArrayEquals(expected, predictor().codec(PayloadCodec.csv("application/json")).build().predict(batch));
        assertEquals("application/jsonlines", endpoint.invocations().get(0).contentType());
        assertEquals("application/json", endpoint.invocations().get(1).accept());
    }

    @Test
    void predict_givesEachCallerItsOwnScores_underConcurrentBatches() throws Exception {
        SageMakerPredictor p = predictor().build();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                FeatureBatch batch = batch(50 + t, 100 + t);
                results.add(pool.submit(() -> java.util.Arrays.equals(model.predict(batch), p.predict(batch))));
            }
            for (java.util.concurrent.Future<Boolean> r : results) {
                assertTrue(r.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(16, p.stats().invocations());
        assertEquals(16 * 50 + 120, p.stats().rowsScored());
    }

    @Test
    void defaultClient_leavesRetriesToThePredictor() {
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        try (SageMakerRuntimeClient plain = SageMakerPredictor.defaultClient(software.amazon.awssdk.regions.Region.US_EAST_1, endpoint.uri())) {
            endpoint.enqueue(ScriptedResponse.throttling());
            SageMakerPredictor p = SageMakerPredictor.builder(plain, NAME).features(Fixtures.MODEL_FEATURES)
                    .retries(1, Duration.ZERO, Duration.ZERO).build();
            assertThrows(PredictionException.class, () -> p.predict(batch(1, 24)));
            assertEquals(1, endpoint.invocationCount(), "the SDK did not retry on its own");
            FeatureBatch batch = batch(2, 25);
            assertArrayEquals(model.predict(batch), p.predict(batch));
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
    }

    @Test
    void builder_refusesBadSettings_namingTheValue() {
        assertMessage("'bad_name!'", () -> SageMakerPredictor.builder(client, "bad_name!"));
        assertMessage("was 0", () -> SageMakerPredictor.builder(client, NAME).maxPayloadBytes(0));
        assertMessage("was 7000000", () -> SageMakerPredictor.builder(client, NAME).maxPayloadBytes(7_000_000));
        assertMessage("'a' twice", () -> SageMakerPredictor.builder(client, NAME).features("a", "b", "a"));
        assertMessage("was 0", () -> SageMakerPredictor.builder(client, NAME).retries(0, Duration.ZERO, Duration.ZERO));
        assertMessage("PT-1S", () -> SageMakerPredictor.builder(client, NAME).timeout(Duration.ofSeconds(-1)));
        assertMessage("was 0", () -> SageMakerPredictor.builder(client, NAME).circuitBreaker(0, Duration.ofSeconds(1)));
        assertMessage("was 0", () -> SageMakerPredictor.builder(client, NAME).maxRowsPerRequest(0));
    }

    private static void assertMessage(String fragment, Runnable r) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }
}
