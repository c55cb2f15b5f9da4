package dev.archiver.testkit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A JUnit 5 extension that runs <a href="https://github.com/getmoto/moto">moto</a>'s
 * {@code moto_server} (any AWS API, S3 and SageMaker included) on a free loopback port for the
 * tests of one class: started before the first test and answering before it runs, reset
 * ({@code POST /moto-api/reset}) before every test, stopped after the last.
 *
 * <p>It runs {@code moto_server} from the {@code PATH}, else {@code python3 -m moto.server}.
 * When neither exists the tests are skipped, unless the environment variable {@code CI} is
 * set: then they fail, so a CI machine without moto cannot go green by skipping.
 *
 * <pre>{@code
 * class MyS3Test {
 *     @RegisterExtension
 *     static final MotoServerExtension MOTO = new MotoServerExtension();
 *
 *     @Test
 *     void lists() {
 *         S3Client s3 = S3Client.builder().endpointOverride(MOTO.endpoint())
 *                 .region(Region.US_EAST_1).forcePathStyle(true)
 *                 .credentialsProvider(StaticCredentialsProvider.create(
 *                         AwsBasicCredentials.create("test", "test")))
 *                 .build();
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>Register it as a {@code static} field so one server serves the whole class. Requires
 * {@code junit-jupiter-api} (an optional dependency of the testkit).
 */
public final class MotoServerExtension implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    private static final Duration DEFAULT_STARTUP = Duration.ofSeconds(60);

    private final Function<String, String> environment;
    private final Duration startupTimeout;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;
    private Path log;
    private URI endpoint;

    /** Reads {@code CI} and {@code PATH} from the process environment; waits up to 60 s for the server. */
    public MotoServerExtension() {
        this(System::getenv, DEFAULT_STARTUP);
    }

    /**
     * For tests of the extension itself: {@code environment} answers {@code CI} and {@code PATH}.
     *
     * @throws IllegalArgumentException when {@code startupTimeout} is not positive
     */
    MotoServerExtension(Function<String, String> environment, Duration startupTimeout) {
        this.environment = Objects.requireNonNull(environment, "environment");
        if (startupTimeout == null || startupTimeout.isZero() || startupTimeout.isNegative()) {
            throw new IllegalArgumentException("startupTimeout must be positive, was " + startupTimeout);
        }
        this.startupTimeout = startupTimeout;
    }

    /**
     * The server's base URI, {@code http://127.0.0.1:PORT}; use it as the SDK's endpoint override
     * (path-style addressing) or as the AWS CLI's {@code --endpoint-url}.
     *
     * @throws IllegalStateException before the server has started
     */
    public URI endpoint() {
        if (endpoint == null) {
            throw new IllegalStateException("moto_server is not running; register the extension on a static field");
        }
        return endpoint;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (process != null) {
            return;
        }
        Optional<List<String>> command = command();
        if (command.isEmpty()) {
            String why = "moto_server is not installed (neither moto_server on PATH nor python3 with the moto package);"
                    + " install it with: pip install 'moto[server]'";
            if (environment.apply("CI") != null) {
                throw new IllegalStateException(why + " (CI is set, so this fails instead of skipping)");
            }
            Assumptions.abort(why);
        }
        start(command.get());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        reset();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    /** Forgets every bucket and object: {@code POST /moto-api/reset}. */
    public void reset() {
        HttpRequest request = HttpRequest.newBuilder(endpoint().resolve("/moto-api/reset"))
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(30)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("moto reset answered HTTP " + response.statusCode() + ": " + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("moto reset failed at " + endpoint, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while resetting moto", e);
        }
    }

    private Optional<List<String>> command() {
        Optional<Path> onPath = findOnPath("moto_server");
        if (onPath.isPresent()) {
            return Optional.of(new ArrayList<>(List.of(onPath.get().toString())));
        }
        Optional<Path> python = findOnPath("python3");
        if (python.isPresent() && runsQuietly(List.of(python.get().toString(), "-c", "import moto.server"))) {
            return Optional.of(new ArrayList<>(List.of(python.get().toString(), "-m", "moto.server")));
        }
        return Optional.empty();
    }

    private Optional<Path> findOnPath(String program) {
        String path = environment.apply("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static boolean runsQuietly(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void start(List<String> command) {
        int port = freePort();
        command.addAll(List.of("-H", "127.0.0.1", "-p", Integer.toString(port)));
        try {
            log = Files.createTempFile("moto_server-", ".log");
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + String.join(" ", command), e);
        }
        endpoint = URI.create("http://127.0.0.1:" + port);
        awaitReady(command);
    }

    /** Polls the server until it answers; the pause between polls is in the fixture, never in a test. */
    private void awaitReady(List<String> command) {
        long deadline = System.nanoTime() + startupTimeout.toNanos();
        HttpRequest probe = HttpRequest.newBuilder(endpoint.resolve("/moto-api/data.json"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        while (true) {
            if (!process.isAlive()) {
                String output = readLog();
                process = null;
                endpoint = null;
                throw new IllegalStateException(String.join(" ", command) + " exited with " + exitCode() + ": " + output);
            }
            try {
                HttpResponse<Void> r = http.send(probe, HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() / 100 == 2) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop();
                throw new IllegalStateException("interrupted while waiting for moto_server", e);
            }
            if (System.nanoTime() > deadline) {
                String output = readLog();
                stop();
                throw new IllegalStateException("moto_server did not answer within " + startupTimeout + ": " + output);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop();
                throw new IllegalStateException("interrupted while waiting for moto_server", e);
            }
        }
    }

    private int exitCode() {
        try {
            return process.exitValue();
        } catch (IllegalThreadStateException | NullPointerException e) {
            return -1;
        }
    }

    private String readLog() {
        try {
            return log == null ? "" : Files.readString(log, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** Stops the server (and the Python process it runs in) and forgets the endpoint. */
    public void stop() {
        Process p = process;
        process = null;
        endpoint = null;
        if (p == null) {
            return;
        }
        p.descendants().forEach(ProcessHandle::destroy);
        p.destroy();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
        if (log != null) {
            try {
                Files.deleteIfExists(log);
            } catch (IOException ignored) {
                // a temp file; the OS cleans it
            }
        }
    }

    /** True while the server process runs. */
    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }
}
