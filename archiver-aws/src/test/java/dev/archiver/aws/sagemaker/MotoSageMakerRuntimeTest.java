package dev.archiver.aws.sagemaker;

import dev.archiver.core.feature.FeatureBatch;
import dev.archiver.core.predict.PredictionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real SDK client against moto_server's sagemaker-runtime, answering canned results. */
class MotoSageMakerRuntimeTest {
    private static MotoServer moto;
    private static SageMakerRuntimeClient client;
    private static final FeatureBatch BATCH = new FeatureBatch(List.of("a", "b"), new double[]{1, 2, 3, 4, 5, 6}, 3);
    private static int calls;

    @BeforeAll
    static void startMoto() throws Exception {
        moto = MotoServer.start();
        client = Fixtures.client(moto.uri());
    }

    @AfterAll
    static void stopMoto() {
        if (client != null) {
            client.close();
        }
        if (moto != null) {
            moto.close();
        }
    }

    @BeforeEach
    void reset() throws Exception {
        moto.post("/moto-api/reset", "{}");
    }

    /** moto answers the first request with the first canned body, and the same request again the same way. */
    private void cannedBody(String contentType, String body) throws Exception {
        String json = Scores.JSON.writeValueAsString(java.util.Map.of("results", List.of(java.util.Map.of(
                "Body", body, "ContentType", contentType, "InvokedProductionVariant", "AllTraffic", "CustomAttributes", ""))));
        moto.post("/moto-api/static/sagemaker/endpoint-results", json);
    }

    private SageMakerPredictor predictor(PayloadCodec codec) {
        // A new endpoint name per predictor: moto remembers an endpoint's answer to a given body.
        return SageMakerPredictor.builder(client, "moto-endpoint-" + (++calls)).codec(codec).sleeper(d -> { }).build();
    }

    @Test
    void csvScores_roundTripThroughTheSdk() throws Exception {
        cannedBody("text/csv", "0.1\n0.5\n0.9\n");
        SageMakerPredictor p = predictor(PayloadCodec.csv());
        assertArrayEquals(new double[]{0.1, 0.5, 0.9}, p.predict(BATCH));
        assertTrue(p.stats().healthy());
    }

    @Test
    void jsonArrayScores_roundTripThroughTheSdk() throws Exception {
        cannedBody("application/json", "[0.25, 0.5, 0.75]");
        assertArrayEquals(new double[]{0.25, 0.5, 0.75}, predictor(PayloadCodec.csv("application/json")).predict(BATCH));
    }

    @Test
    void wrongRowCount_fromMoto_isAPredictionException() throws Exception {
        cannedBody("text/csv", "0.1\n0.5\n");
        PredictionException e = assertThrows(PredictionException.class, () -> predictor(PayloadCodec.csv()).predict(BATCH));
        assertTrue(e.getMessage().contains("2 lines for 3 rows"), e.getMessage());
    }

    @Test
    void motosDefaultBody_isRefused_notGuessed() {
        // Nothing canned: moto answers the literal "body".
        PredictionException e = assertThrows(PredictionException.class,
                () -> predictor(PayloadCodec.csv()).predict(new FeatureBatch(List.of("a"), new double[]{1}, 1)));
        assertTrue(e.getMessage().contains("not a number"), e.getMessage());
    }
}
