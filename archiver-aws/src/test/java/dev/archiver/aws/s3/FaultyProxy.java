package dev.archiver.aws.s3;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP proxy in front of moto that, for a seeded fraction of requests, answers
 * 503 SlowDown without forwarding (nothing happened), forwards and then answers 500
 * InternalError (it happened, the client is told it failed), or drops the connection after
 * forwarding (it happened, the client hears nothing). Not for HEAD requests.
 */
final class FaultyProxy implements AutoCloseable {
    private static final Set<String> HOP = Set.of("host", "connection", "content-length", "expect", "upgrade",
            "transfer-encoding", "keep-alive", "te", "trailer", "proxy-connection");

    private final URI target;
    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Random random;
    private final double slowDown;
    private final double errorAfter;
    private final double dropAfter;
    final AtomicInteger slowDowns = new AtomicInteger();
    final AtomicInteger errorsAfter = new AtomicInteger();
    final AtomicInteger drops = new AtomicInteger();
    final AtomicInteger forwarded = new AtomicInteger();

    FaultyProxy(URI target, long seed, double slowDown, double errorAfter, double dropAfter) throws IOException {
        this.target = target;
        this.random = new Random(seed);
        this.slowDown = slowDown;
        this.errorAfter = errorAfter;
        this.dropAfter = dropAfter;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::handle);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private synchronized double roll() {
        return random.nextDouble();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            double r = roll();
            if (r < slowDown) {
                slowDowns.incrementAndGet();
                ex.getRequestBody().readAllBytes();
                send(ex, 503, "<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>");
                return;
            }
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readAllBytes();
            }
            HttpRequest.Builder req = HttpRequest.newBuilder(target.resolve(ex.getRequestURI().getRawPath()
                    + (ex.getRequestURI().getRawQuery() == null ? "" : "?" + ex.getRequestURI().getRawQuery())))
                    .method(ex.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            for (Map.Entry<String, List<String>> h : ex.getRequestHeaders().entrySet()) {
                if (!HOP.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                    h.getValue().forEach(v -> req.header(h.getKey(), v));
                }
            }
            HttpResponse<byte[]> resp;
            try {
                resp = client.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            forwarded.incrementAndGet();
            if (r < slowDown + errorAfter) {
                errorsAfter.incrementAndGet();
                send(ex, 500, "<Error><Code>InternalError</Code><Message>We encountered an internal error.</Message></Error>");
                return;
            }
            if (r < slowDown + errorAfter + dropAfter) {
                drops.incrementAndGet();
                return; // closing the exchange without a response: the client sees the connection end
            }
            resp.headers().map().forEach((k, vs) -> {
                if (!HOP.contains(k.toLowerCase(Locale.ROOT)) && !k.startsWith(":")) {
                    vs.forEach(v -> ex.getResponseHeaders().add(k, v));
                }
            });
            byte[] out = resp.body();
            ex.sendResponseHeaders(resp.statusCode(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream os = ex.getResponseBody()) {
                    os.write(out);
                }
            }
        }
    }

    private static void send(HttpExchange ex, int status, String xml) throws IOException {
        byte[] b = xml.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/xml");
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(b);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
