package dev.archiver.aws.sagemaker;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code moto_server} (or {@code python3 -m moto.server}) on a free loopback port for one
 * test class. Missing moto skips the test, unless the environment variable {@code CI} is set,
 * where it fails. To be folded into the testkit's moto extension (issue 3).
 */
final class MotoServer implements AutoCloseable {
    private static final long START_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);
    private final Process process;
    private final URI uri;
    private final Path log;

    private MotoServer(Process process, URI uri, Path log) {
        this.process = process;
        this.uri = uri;
        this.log = log;
    }

    static MotoServer start() throws IOException, InterruptedException {
        List<String> command = command();
        if (command == null) {
            String why = "moto_server is not installed (pip install 'moto[server]')";
            if (System.getenv("CI") != null) {
                throw new IllegalStateException(why + ", and CI is set: the moto tests must run");
            }
            Assumptions.abort(why);
        }
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path log = Files.createTempFile("moto-server", ".log");
        List<String> args = new java.util.ArrayList<>(command);
        args.addAll(List.of("-H", "127.0.0.1", "-p", Integer.toString(port)));
        Process p = new ProcessBuilder(args).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        MotoServer server = new MotoServer(p, URI.create("http://127.0.0.1:" + port), log);
        long deadline = System.nanoTime() + START_TIMEOUT_NANOS;
        while (!server.answers()) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                server.close();
                throw new IllegalStateException("moto_server did not start on port " + port + ": " + Files.readString(log));
            }
            // Waiting for another process to come up: no clock to inject here.
            p.waitFor(100, TimeUnit.MILLISECONDS);
        }
        return server;
    }

    private static List<String> command() throws InterruptedException {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (Files.isExecutable(Path.of(dir, "moto_server"))) {
                    return List.of(Path.of(dir, "moto_server").toString());
                }
            }
        }
        try {
            Process p = new ProcessBuilder("python3", "-c", "import moto.server").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor() == 0) {
                return List.of("python3", "-m", "moto.server");
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    private boolean answers() {
        try {
            HttpURLConnection c = (HttpURLConnection) uri.resolve("/moto-api/").toURL().openConnection();
            c.setConnectTimeout(500);
            c.setReadTimeout(2000);
            int status = c.getResponseCode();
            c.disconnect();
            return status > 0;
        } catch (IOException e) {
            return false;
        }
    }

    URI uri() {
        return uri;
    }

    /** POSTs JSON to a moto-api path, e.g. {@code /moto-api/static/sagemaker/endpoint-results}. */
    void post(String path, String json) throws IOException {
        HttpURLConnection c = (HttpURLConnection) uri.resolve(path).toURL().openConnection();
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        c.setRequestProperty("Content-Type", "application/json");
        c.getOutputStream().write(json.getBytes(StandardCharsets.UTF_8));
        int status = c.getResponseCode();
        c.disconnect();
        if (status / 100 != 2) {
            throw new IOException("POST " + path + " answered HTTP " + status);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // a temp file
        }
    }
}
