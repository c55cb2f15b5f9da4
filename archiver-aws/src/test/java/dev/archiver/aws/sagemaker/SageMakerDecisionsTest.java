package dev.archiver.aws.sagemaker;

import dev.archiver.core.Archiver;
import dev.archiver.core.decide.Decision;
import dev.archiver.core.decide.Reason;
import dev.archiver.core.object.ObjectInfo;
import dev.archiver.core.object.StorageClass;
import dev.archiver.core.plan.ApplyReport;
import dev.archiver.core.plan.Plan;
import dev.archiver.core.plan.PlanSummary;
import dev.archiver.core.predict.LogisticModel;
import dev.archiver.testkit.InMemoryObjectStore;
import dev.archiver.testkit.MutableClock;
import dev.archiver.testkit.sagemaker.LocalInferenceEndpoint;
import dev.archiver.testkit.sagemaker.ScriptedResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The predictor under the whole engine: same decisions as in-process, and nothing moved on a bad score. */
class SageMakerDecisionsTest {
    private static final String NAME = "access-model";
    private static final int OBJECTS = 2_500;
    private final LogisticModel model = Fixtures.model();
    private final MutableClock clock = new MutableClock(Fixtures.START);
    // The predictor's own clock: its retries must not move the clock the plan is decided at.
    private final MutableClock predictorClock = new MutableClock(Fixtures.START);
    private InMemoryObjectStore store;
    private LocalInferenceEndpoint endpoint;
    private SageMakerRuntimeClient client;

    @BeforeEach
    void start() {
        store = Fixtures.bucket(clock, OBJECTS);
        endpoint = LocalInferenceEndpoint.start().serve(NAME, model, Fixtures.MODEL_FEATURES);
        client = Fixtures.client(endpoint.uri());
    }

    @AfterEach
    void stop() {
        client.close();
        endpoint.close();
    }

    private SageMakerPredictor.Builder remote() {
        return SageMakerPredictor.builder(client, NAME)
                .features(Fixtures.MODEL_FEATURES)
                .clock(predictorClock)
                .sleeper(predictorClock::advance);
    }

    private Plan plan(dev.archiver.core.predict.AccessPredictor predictor) {
        return Fixtures.archiver(predictor, store, clock).build().plan(store.source(Fixtures.BUCKET));
    }

    @Test
    void decisions_areIdentical_inProcessAndThroughLocalEndpoint() {
        Plan local = plan(model);
        SageMakerPredictor remote = remote().build();
        Plan viaEndpoint = plan(remote);

        assertEquals(OBJECTS, local.decisions().size());
        assertSameDecisions(local, viaEndpoint);
        PlanSummary s = local.summary();
        assertTrue(s.moves() > 100 && s.moves() < OBJECTS - 100, "the model must split the bucket to prove anything: " + s.moves());
        assertEquals(0, viaEndpoint.summary().predictionFailures());
        // Default batch size 1000: three batches, one request each.
        assertEquals(3, endpoint.invocationCount());
        assertEquals(3, remote.stats().invocations());
        assertEquals(OBJECTS, remote.stats().rowsScored());
        assertTrue(remote.stats().invocationsPerThousandRows() <= 1.2);
    }

    @Test
    void endpointDown_movesNothing_andThePlanSaysWhy() {
        SageMakerPredictor p = remote().build();
        endpoint.close();
        assertNothingMoves(p, "failed after 3 attempts");
    }

    @Test
    void endpointThrottled_movesNothing_andThePlanSaysWhy() {
        endpoint.enqueue(ScriptedResponse.throttling(), 100);
        assertNothingMoves(remote().build(), "ThrottlingException");
    }

    @Test
    void endpointSlow_movesNothing_andThePlanSaysWhy() {
        endpoint.enqueue(ScriptedResponse.stall(), 100);
        try {
            // One stalled request times out (real time: the SDK's timer); the breaker spares the rest.
            assertNothingMoves(remote().timeout(Duration.ofMillis(500)).retries(1, Duration.ZERO, Duration.ZERO)
                            .circuitBreaker(1, Duration.ofMinutes(5)).build(),
                    "ApiCallTimeoutException");
        } finally {
            endpoint.releaseStalled();
        }
    }

    @Test
    void wrongRowCount_movesNothing_andThePlanSaysWhy() {
        endpoint.enqueue(ScriptedResponse.extraScore(), 100);
        assertNothingMoves(remote().build(), "1001 lines for 1000 rows");
    }

    @Test
    void garbage_movesNothing_andThePlanSaysWhy() {
        endpoint.enqueue(ScriptedResponse.body("application/json", "{\"error\": \"upstream\"}"), 100);
        assertNothingMoves(remote().build(), "not an array of scores");
    }

    @Test
    void fallback_decidesLikeTheLocalModel_whenTheEndpointIsDown() {
        SageMakerPredictor p = remote().fallback(model).circuitBreaker(1, Duration.ofMinutes(5)).build();
        endpoint.close();
        Plan plan = plan(p);
        assertSameDecisions(plan(model), plan);
        assertEquals(0, plan.summary().predictionFailures());
        assertEquals(OBJECTS, p.stats().rowsFallback());
        assertEquals(2, p.stats().circuitRejections(), "after the first failure the breaker spares the dead endpoint");
        assertEquals(3, p.stats().invocations(), "the first batch's three attempts, then nothing");
    }

    /** Every decision equal: action, target, reason, p(read) to the bit, every cost estimate. */
    private static void assertSameDecisions(Plan expected, Plan actual) {
        assertEquals(expected.decisions().size(), actual.decisions().size());
        for (int i = 0; i < expected.decisions().size(); i++) {
            Decision e = expected.decisions().get(i);
            Decision a = actual.decisions().get(i);
            if (!e.equals(a)) {
                fail("decision " + i + " differs: " + e.object().key() + " " + e.action() + " " + e.target() + " p=" + e.pRead()
                        + " vs " + a.object().key() + " " + a.action() + " " + a.target() + " p=" + a.pRead() + " " + a.note());
            }
        }
    }

    private void assertNothingMoves(SageMakerPredictor predictor, String expectedInNote) {
        Map<String, StorageClass> before = classes();
        Archiver archiver = Fixtures.archiver(predictor, store, clock).build();
        Plan plan = archiver.plan(store.source(Fixtures.BUCKET));
        PlanSummary s = plan.summary();
        assertEquals(0, s.moves());
        long failed = plan.decisions().stream().filter(d -> d.reason() == Reason.PREDICTION_FAILED).count();
        assertTrue(failed > OBJECTS / 2, "objects past the guardrails are kept for the failure: " + failed);
        assertEquals(failed, s.predictionFailures());
        assertEquals(failed, predictor.stats().rowsFailed());
        Decision d = plan.decisions().stream().filter(x -> x.reason() == Reason.PREDICTION_FAILED).findFirst().orElseThrow();
        assertTrue(d.note().contains(expectedInNote), d.note());
        assertTrue(d.note().contains("sagemaker:" + NAME), d.note());
        assertTrue(d.explanation().contains(expectedInNote), d.explanation());
        ApplyReport report = archiver.apply(plan);
        assertEquals(before, classes(), "no object changed class: " + report);
    }

    private Map<String, StorageClass> classes() {
        return store.source(Fixtures.BUCKET).objects()
                .collect(Collectors.toMap(ObjectInfo::key, ObjectInfo::storageClass));
    }

}
