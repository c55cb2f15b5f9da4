package dev.archiver.examples.lambda;

import dev.archiver.testkit.MotoServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The local runner: the same handler, the event from a file, against moto with --endpoint-url. */
class LambdaLocalRunnerTest {

    @RegisterExtension
    static final MotoServerExtension MOTO = new MotoServerExtension();

    private MotoWorld world;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void setUp() {
        world = new MotoWorld(MOTO.endpoint());
        world.bucket("photos", false);
    }

    @AfterEach
    void tearDown() {
        world.close();
    }

    private int run(Map<String, String> env, String... args) {
        return LocalRunner.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static Path model() throws URISyntaxException {
        return Path.of(LambdaLocalRunnerTest.class.getResource("/model.json").toURI());
    }

    @Test
    void invoke_runsTheS3HandlerWithALocalModel_andPrintsItsResponse(@TempDir Path tmp) throws Exception {
        String eTag = MotoWorld.bare(world.put("photos", "red flower.jpg").eTag());
        Path event = tmp.resolve("event.json");
        Files.writeString(event, MotoWorld.resource("s3-put.json").replace("__ETAG_0__", eTag));
        Map<String, String> env = new HashMap<>(Map.of("ARCHIVER_MODEL", model().toString(), "AWS_ACCESS_KEY_ID", "test",
                "AWS_SECRET_ACCESS_KEY", "test"));

        int code = run(env, "invoke", "--handler", "s3", "--event", event.toString(), "--endpoint-url", MOTO.endpoint().toString());

        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, err::toString);
        assertTrue(printed.contains("\"type\":\"decision\""), printed);
        assertTrue(printed.contains("\"key\":\"red flower.jpg\""), printed);
        // dry by default: decided, nothing moved; the other three records name objects that do not exist
        assertTrue(printed.trim().endsWith("{\"records\":4,\"decisions\":1,\"moved\":0,\"failed\":0,\"malformed\":0}"), printed);
        assertEquals(0, world.totalCopies());
    }

    @Test
    void invoke_explainsUsageAndConfigurationErrors_withExitCode2() throws IOException {
        assertEquals(2, run(Map.of(), "plan"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("usage: java -jar archiver-lambda.jar invoke"));
        err.reset();
        assertEquals(2, run(Map.of(), "invoke", "--handler", "s3", "--event", "/no/such/event.json"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--event: no such file /no/such/event.json"), err::toString);
        err.reset();
        Path event = Files.createTempFile("event", ".json");
        assertEquals(2, run(Map.of("AWS_REGION", "us-east-1"), "invoke", "--handler", "s3", "--event", event.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("set exactly one of ARCHIVER_MODEL"), err::toString);
        err.reset();
        assertEquals(2, run(Map.of("ARCHIVER_RULE", "age-days:x"), "invoke", "--handler", "s3", "--event", event.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("ARCHIVER_RULE: N in age-days:N"), err::toString);
        err.reset();
        assertEquals(2, run(Map.of("ARCHIVER_RULE", "age-days:1"), "invoke", "--handler", "lambda", "--event", event.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--handler: expected s3, sqs, batch or scan"), err::toString);
        Files.delete(event);
    }
}
