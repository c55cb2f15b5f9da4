package dev.archiver.aws.sagemaker;

import dev.archiver.core.feature.FeatureBatch;
import dev.archiver.core.predict.PredictionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import dev.archiver.testkit.MotoServerExtension;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real SDK client against moto_server's sagemaker-runtime, answering canned results. */
class MotoSageMakerRuntimeTest {
    @RegisterExtension
    static final MotoServerExtension MOTO = new MotoServerExtension();

    private static SageMakerRuntimeClient client;
    private static final FeatureBatch BATCH = new FeatureBatch(List.of("a", "b"), new double[]{1, 2, 3, 4, 5, 6}, 3);
    private static int calls;

    @BeforeAll
    static void client() {
        client = Fixtures.client(MOTO.endpoint());
    }

    @AfterAll
    static void closeClient() {
        if (client != null) {
            client.close();
        }
    }

    /** POSTs {@code json} to moto's control API (the extension resets moto before each test). */
    private static void post(String path, String json) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(MOTO.endpoint().resolve(path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
        }
    }

    /** moto answers the first request with the first canned body, and the same request again the same way. */
    private void cannedBody(String contentType, String body) throws Exception {
        String json = Scores.JSON.writeValueAsString(java.util.Map.of("results", List.of(java.util.Map.of(
                "Body", body, "ContentType", contentType, "InvokedProductionVariant", "AllTraffic", "CustomAttributes", ""))));
        post("/moto-api/static/sagemaker/endpoint-results", json);
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
