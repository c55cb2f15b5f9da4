package dev.archiver.testkit.sagemaker;

import dev.archiver.core.predict.AccessPredictor;
import dev.archiver.testkit.ScriptedPredictor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalInferenceEndpointTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private final ScriptedPredictor predictor = new ScriptedPredictor("model").always(0.25);
    private LocalInferenceEndpoint endpoint;

    @BeforeEach
    void start() {
        endpoint = LocalInferenceEndpoint.start().serve("scorer", predictor, List.of("x", "y"));
    }

    @AfterEach
    void stop() {
        endpoint.close();
    }

    private HttpRequest.Builder invoke(String name, String contentType, String body) {
        return HttpRequest.newBuilder(endpoint.uri().resolve("/endpoints/" + name + "/invocations"))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void csvRows_areScoredByThePredictor_onePerLine() throws Exception {
        HttpResponse<String> r = send(invoke("scorer", "text/csv", "1,2\n3,4.5\n").header("Accept", "text/csv"));
        assertEquals(200, r.statusCode());
        assertEquals("0.25\n0.25\n", r.body());
        assertEquals("text/csv", r.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(2, predictor.rowsSeen());
        assertEquals(4.5, predictor.batches().get(0).get(1, 1));
        RecordedInvocation inv = endpoint.invocations().get(0);
        assertEquals("scorer", inv.endpointName());
        assertEquals(2, inv.rows());
        assertEquals(200, inv.status());
    }

    @Test
    void acceptJson_answersAJsonArray() throws Exception {
        HttpResponse<String> r = send(invoke("scorer", "text/csv", "1,2\n").header("Accept", "application/json"));
        assertEquals("[0.25]", r.body());
    }

    @Test
    void jsonLines_andJsonArrayOfRows_areRead() throws Exception {
        assertEquals("0.25\n0.25\n", send(invoke("scorer", "application/jsonlines", "[1,2]\n[3,4]\n")).body());
        assertEquals("[0.25]", send(invoke("scorer", "application/json", "{\"instances\": [[1, 2]]}")).body());
        assertEquals(3, predictor.rowsSeen());
    }

    @Test
    void originalDesign_isAnsweredZeroOrOne() throws Exception {
        endpoint.serve("original", AccessPredictor.ageRule(30), List.of("age_days"));
        assertEquals("[0]", send(invoke("original", "application/json", "{\"data\": [45]}")).body());
        assertEquals("[1]", send(invoke("original", "application/json", "{\"data\": [12]}")).body());
    }

    @Test
    void unknownEndpoint_isAValidationError_inTheAwsErrorShape() throws Exception {
        HttpResponse<String> r = send(invoke("nope", "text/csv", "1,2\n"));
        assertEquals(400, r.statusCode());
        assertTrue(r.headers().firstValue("x-amzn-ErrorType").orElseThrow().startsWith("ValidationError:"));
        assertTrue(r.body().contains("\"__type\":\"ValidationError\""), r.body());
        assertTrue(r.body().contains("Endpoint nope"), r.body());
    }

    @Test
    void rowOfTheWrongWidth_isAModelError() throws Exception {
        HttpResponse<String> r = send(invoke("scorer", "text/csv", "1,2,3\n"));
        assertEquals(424, r.statusCode());
        assertTrue(r.body().contains("ModelError") && r.body().contains("row 1 has 3 values"), r.body());
        assertEquals(0, predictor.calls());
    }

    @Test
    void predictorFailure_isAModelError() throws Exception {
        predictor.failNext(1);
        HttpResponse<String> r = send(invoke("scorer", "text/csv", "1,2\n"));
        assertEquals(424, r.statusCode());
        assertTrue(r.body().contains("scripted failure"), r.body());
    }

    @Test
    void scriptedResponses_areUsedOnceEachInOrder_thenScoringResumes() throws Exception {
        endpoint.enqueue(ScriptedResponse.throttling(), ScriptedResponse.body("text/plain", "garbage"), ScriptedResponse.extraScore());
        HttpResponse<String> throttled = send(invoke("scorer", "text/csv", "1,2\n"));
        assertEquals(400, throttled.statusCode());
        assertTrue(throttled.headers().firstValue("x-amzn-ErrorType").orElseThrow().startsWith("ThrottlingException:"));
        assertEquals("garbage", send(invoke("scorer", "text/csv", "1,2\n")).body());
        assertEquals("0.25\n0.25\n0.25\n", send(invoke("scorer", "text/csv", "1,2\n3,4\n")).body());
        assertEquals("0.25\n", send(invoke("scorer", "text/csv", "1,2\n")).body());
        assertEquals(4, endpoint.invocationCount());
        assertEquals(List.of(400, 200, 200, 200), endpoint.invocations().stream().map(RecordedInvocation::status).toList());
    }

    @Test
    void stall_holdsTheRequest_untilReleased() throws Exception {
        endpoint.enqueue(ScriptedResponse.stall());
        CompletableFuture<HttpResponse<String>> f = http.sendAsync(invoke("scorer", "text/csv", "1,2\n").build(),
                HttpResponse.BodyHandlers.ofString());
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (endpoint.stalledCount() == 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(1, endpoint.stalledCount());
        assertFalse(f.isDone());
        endpoint.releaseStalled();
        assertEquals("0.25\n", f.get().body());
    }

    @Test
    void wrongPath_isNotAnInvocation() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(endpoint.uri().resolve("/ping")).GET());
        assertEquals(404, r.statusCode());
    }

    @Test
    void uri_isLoopback() {
        URI uri = endpoint.uri();
        assertEquals("127.0.0.1", uri.getHost());
        assertTrue(uri.getPort() > 0);
    }

    @Test
    void settings_areCheckedAtOnce_namingTheBadValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> endpoint.serve("a/b", predictor, List.of("x")));
        assertTrue(e.getMessage().contains("'a/b'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> endpoint.serve("a", predictor, List.of()));
        assertThrows(IllegalArgumentException.class, () -> ScriptedResponse.error(99, "X", "m"));
        assertThrows(IllegalArgumentException.class, () -> ScriptedResponse.error(400, " ", "m"));
        assertThrows(IllegalArgumentException.class, () -> endpoint.enqueue(ScriptedResponse.throttling(), -1));
    }
}
