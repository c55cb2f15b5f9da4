package dev.archiver.testkit;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MotoServerExtensionTest {

    @Test
    void beforeAll_skips_whenMotoIsMissingAndCiIsUnset() {
        MotoServerExtension ext = new MotoServerExtension(Map.of("PATH", "/nonexistent")::get, Duration.ofSeconds(5));

        assertThrows(TestAbortedException.class, () -> ext.beforeAll(null));
        assertFalse(ext.isRunning());
    }

    @Test
    void beforeAll_fails_whenMotoIsMissingAndCiIsSet() {
        MotoServerExtension ext = new MotoServerExtension(Map.of("PATH", "/nonexistent", "CI", "true")::get, Duration.ofSeconds(5));

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ext.beforeAll(null));
        assertTrue(e.getMessage().contains("CI is set"), e.getMessage());
    }

    @Test
    void constructor_rejectsNonPositiveStartupTimeout() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MotoServerExtension(System::getenv, Duration.ZERO));
        assertTrue(e.getMessage().contains("PT0S"), e.getMessage());
    }

    @Test
    void endpoint_throws_beforeStart() {
        assertThrows(IllegalStateException.class, () -> new MotoServerExtension().endpoint());
    }

    @Test
    void server_answersOnLoopback_forgetsBucketsOnReset_andStops() throws Exception {
        MotoServerExtension ext = new MotoServerExtension();
        ext.beforeAll(null); // skips (aborts) here when moto is not installed and CI is unset
        try {
            URI endpoint = ext.endpoint();
            assertEquals("127.0.0.1", endpoint.getHost());
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(endpoint.resolve("/probe-bucket"))
                    .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, created.statusCode(), created.body());
            assertTrue(listBuckets(http, endpoint).contains("probe-bucket"));

            ext.beforeEach(null);

            assertFalse(listBuckets(http, endpoint).contains("probe-bucket"));
        } finally {
            ext.afterAll(null);
        }
        assertFalse(ext.isRunning());
        assertThrows(IllegalStateException.class, ext::endpoint);
    }

    private static String listBuckets(HttpClient http, URI endpoint) throws Exception {
        return http.send(HttpRequest.newBuilder(endpoint.resolve("/")).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
