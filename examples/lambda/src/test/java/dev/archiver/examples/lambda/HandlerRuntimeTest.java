package dev.archiver.examples.lambda;

import dev.archiver.core.ArchiverException;
import dev.archiver.core.predict.LogisticModel;
import dev.archiver.testkit.MotoServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HandlerRuntime.fromEnvironment: the client built on a second thread, errors in the sequential order. */
class HandlerRuntimeTest {

    @RegisterExtension
    static final MotoServerExtension MOTO = new MotoServerExtension();

    private MotoWorld world;

    @BeforeEach
    void setUp() {
        world = new MotoWorld(MOTO.endpoint());
    }

    @AfterEach
    void tearDown() {
        world.close();
    }

    private static Path model() throws URISyntaxException {
        return Path.of(HandlerRuntimeTest.class.getResource("/model.json").toURI());
    }

    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>(Map.of("AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test",
                "AWS_REGION", "us-east-1"));
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    private HandlerRuntime fromEnvironment(String endpoint, Map<String, String> env) {
        return HandlerRuntime.fromEnvironment("s3", endpoint, env, HandlerRuntime.NO_CHECK, Clock.systemUTC(), world.out);
    }

    @Test
    void fromEnvironment_buildsAWorkingRuntime_withALocalModel() throws Exception {
        world.bucket("photos", false);
        world.put("photos", "a.bin");
        HandlerRuntime rt = fromEnvironment(MOTO.endpoint().toString(), env("ARCHIVER_MODEL", model().toString()));

        assertEquals(LogisticModel.load(model()).name(), rt.predictor.name());
        assertTrue(rt.config.dryRun());
        // the client it built reaches the endpoint it was given
        assertEquals(524288L, rt.s3.headObject(h -> h.bucket("photos").key("a.bin")).contentLength());
    }

    @Test
    void fromEnvironment_readsAModelInS3_withTheClientItBuilt() throws Exception {
        world.bucket("models", false);
        world.s3.putObject(p -> p.bucket("models").key("m/model.json"), RequestBody.fromFile(model()));

        HandlerRuntime rt = fromEnvironment(MOTO.endpoint().toString(), env("ARCHIVER_MODEL", "s3://models/m/model.json"));

        assertEquals(LogisticModel.load(model()).name(), rt.predictor.name());
        ArchiverException missing = assertThrows(ArchiverException.class,
                () -> fromEnvironment(MOTO.endpoint().toString(), env("ARCHIVER_MODEL", "s3://models/none.json")));
        assertTrue(missing.getMessage().startsWith("ARCHIVER_MODEL: cannot read s3://models/none.json"), missing::getMessage);
    }

    @Test
    void fromEnvironment_aClientThatCannotBeBuilt_failsFirst_withTheSettingsErrorSuppressed() {
        // As when the client was built before the settings were read: its error wins, the other is kept.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fromEnvironment("http://bad host:1", env()));

        assertTrue(e.getMessage().contains("bad host"), e::getMessage);
        assertEquals(1, e.getSuppressed().length, () -> Arrays.toString(e.getSuppressed()));
        assertTrue(e.getSuppressed()[0].getMessage().startsWith("set exactly one of ARCHIVER_MODEL"), e.getSuppressed()[0]::getMessage);
    }

    @Test
    void fromEnvironment_invalidSettings_failWithTheirOwnMessage_whenTheClientIsFine() {
        ArchiverException e = assertThrows(ArchiverException.class,
                () -> fromEnvironment(MOTO.endpoint().toString(), env("ARCHIVER_RULE", "age-days:1", "ARCHIVER_MODE", "move")));

        assertEquals("ARCHIVER_MODE: expected copy or tag, was 'move'", e.getMessage());
        assertEquals(0, e.getSuppressed().length);
    }

    @Test
    void fromEnvironment_runsTheHandlersCheck_beforeLoadingTheModel() {
        AtomicBoolean checked = new AtomicBoolean();
        ArchiverException e = assertThrows(ArchiverException.class, () -> HandlerRuntime.fromEnvironment("scan",
                MOTO.endpoint().toString(), env("ARCHIVER_MODEL", "/no/such/model.json"), config -> {
                    checked.set(true);
                    ScheduledScanHandler.check(config);
                }, Clock.systemUTC(), world.out));

        assertTrue(checked.get());
        assertTrue(e.getMessage().startsWith("ScheduledScanHandler needs ARCHIVER_SCAN_BUCKET"), e::getMessage);
    }

    @Test
    void fromEnvironment_aModelThatCannotBeLoaded_failsWithItsMessage() {
        ArchiverException e = assertThrows(ArchiverException.class,
                () -> fromEnvironment(MOTO.endpoint().toString(), env("ARCHIVER_MODEL", "/no/such/model.json")));

        assertTrue(e.getMessage().contains("/no/such/model.json"), e::getMessage);
    }

    @Test
    void background_join_returnsTheValue_andRethrowsWhatTheWorkThrew_unchanged() {
        assertEquals("value", HandlerRuntime.Background.start("t", () -> "value").join());

        IllegalStateException unchecked = new IllegalStateException("unchecked");
        assertSame(unchecked, assertThrows(IllegalStateException.class, () -> HandlerRuntime.Background.start("t", () -> {
            throw unchecked;
        }).join()));
        AssertionError error = new AssertionError("error");
        assertSame(error, assertThrows(AssertionError.class, () -> HandlerRuntime.Background.start("t", () -> {
            throw error;
        }).join()));
        IOException checked = new IOException("checked");
        ArchiverException wrapped = assertThrows(ArchiverException.class, () -> HandlerRuntime.Background.start("t", () -> {
            throw checked;
        }).join());
        assertSame(checked, wrapped.getCause());
    }

    @Test
    void background_join_whenInterrupted_failsAndKeepsTheInterrupt() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        HandlerRuntime.Background<String> pending = HandlerRuntime.Background.start("archiver-s3-client", () -> {
            release.await();
            return "late";
        });
        Thread.currentThread().interrupt();
        try {
            ArchiverException e = assertThrows(ArchiverException.class, pending::join);
            assertInstanceOf(InterruptedException.class, e.getCause());
            assertEquals("interrupted while waiting for archiver-s3-client", e.getMessage());
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
            release.countDown();
        }
        assertEquals("late", pending.join());
        assertFalse(Thread.currentThread().isInterrupted());
    }

    @Test
    void localRunner_scanHandler_reportsItsMissingSettings_withExitCode2() throws Exception {
        Path event = Files.createTempFile("event", ".json");
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int code = LocalRunner.run(new String[] {"invoke", "--handler", "scan", "--event", event.toString(), "--endpoint-url",
                MOTO.endpoint().toString()}, env("ARCHIVER_RULE", "age-days:1", "ARCHIVER_SCAN_BUCKET", "photos"), world.out,
                new java.io.PrintStream(err, true));
        Files.delete(event);

        assertEquals(2, code);
        assertTrue(err.toString().startsWith("ScheduledScanHandler needs ARCHIVER_STATE"), err::toString);
    }

    @Test
    void primeRequestPath_answersFromMemory_withoutAConnectionOrCredentials() {
        // Nothing listens on port 1: a request that left the process would fail and prime would say false.
        assertTrue(HandlerRuntime.primeRequestPath("http://127.0.0.1:1", Map.of()));
        assertTrue(HandlerRuntime.primeRequestPath(null, Map.of("AWS_REGION", "eu-west-1")));
    }

    @Test
    void primeRequestPath_neverThrows_whenTheClientCannotBeBuilt() {
        assertFalse(HandlerRuntime.primeRequestPath("http://bad host:1", Map.of()));
    }
}
