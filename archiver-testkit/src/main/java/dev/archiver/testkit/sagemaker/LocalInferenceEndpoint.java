package dev.archiver.testkit.sagemaker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.archiver.core.feature.FeatureBatch;
import dev.archiver.core.predict.AccessPredictor;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback HTTP server that speaks SageMaker runtime's InvokeEndpoint REST API
 * ({@code POST /endpoints/{name}/invocations}) and serves any {@link AccessPredictor}, so a test
 * points the real AWS SDK client at it with {@code endpointOverride}. No AWS or JUnit dependency.
 *
 * <pre>{@code
 * try (LocalInferenceEndpoint endpoint = LocalInferenceEndpoint.start()) {
 *     endpoint.serve("access-model", LogisticModel.load(modelFile), extractor.featureNames());
 *     SageMakerRuntimeClient client = SageMakerRuntimeClient.builder()
 *             .endpointOverride(endpoint.uri())
 *             .region(Region.US_EAST_1)
 *             .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
 *             .httpClient(UrlConnectionHttpClient.create())
 *             .build();
 *     endpoint.enqueue(ScriptedResponse.throttling());   // the first call is throttled, the next one scored
 *     // ... run the code under test ...
 *     assertEquals(2, endpoint.invocationCount());
 * }
 * }</pre>
 *
 * <p>Requests: {@code text/csv} (one row per line, the served feature columns in order),
 * {@code application/jsonlines} (one JSON array of numbers per line), {@code application/json}
 * (an array of rows, {@code {"instances": [...]}}, or the original design's single row
 * {@code {"data": [...]}}, answered like that design's classifier with {@code [0]} or {@code [1]}).
 * Responses follow {@code Accept}: {@code text/csv} and {@code application/jsonlines} one score per
 * line, {@code application/json} a JSON array; without {@code Accept}, the request's type.
 * An unknown endpoint is a {@code ValidationError}; rows that do not parse, or a predictor that
 * throws, a {@code ModelError} (HTTP 424), as SageMaker reports a failing container. Thread-safe.
 *
 * <p>Loading this class sets the system property {@code sun.net.httpserver.nodelay=true} unless
 * it is set already (it turns Nagle's algorithm off for JDK HTTP servers started afterwards in the
 * JVM; without it every response waits ~40 ms for a delayed ACK).
 */
public final class LocalInferenceEndpoint implements AutoCloseable {
    private static final Pattern PATH = Pattern.compile("^/endpoints/([^/]+)/invocations$");
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        // The JDK server writes headers and body as two segments; with Nagle on, the body waits
        // for the client's delayed ACK (~40 ms per request on Linux loopback). The JDK reads this
        // property once, when its first HttpServer starts; a value set by the user is kept.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private record Served(AccessPredictor predictor, List<String> features) {
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, Served> endpoints = new ConcurrentHashMap<>();
    private final ArrayDeque<ScriptedResponse> script = new ArrayDeque<>();
    private final List<RecordedInvocation> invocations = new ArrayList<>();
    private final AtomicReference<CountDownLatch> stallGate = new AtomicReference<>(new CountDownLatch(1));
    private final AtomicInteger stalled = new AtomicInteger();
    private volatile boolean closed;

    private LocalInferenceEndpoint(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Starts a server on a free loopback port with no endpoints yet; add them with {@link #serve}.
     *
     * @throws UncheckedIOException when no port can be bound
     */
    public static LocalInferenceEndpoint start() {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind a loopback port for LocalInferenceEndpoint", e);
        }
        AtomicInteger n = new AtomicInteger();
        ExecutorService executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "local-inference-endpoint-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        LocalInferenceEndpoint endpoint = new LocalInferenceEndpoint(server, executor);
        server.setExecutor(executor);
        server.createContext("/", endpoint::handle);
        server.start();
        return endpoint;
    }

    /**
     * Serves {@code predictor} as the endpoint {@code endpointName}; request rows carry the
     * columns {@code featureNames}, in order. Replaces an endpoint of the same name.
     *
     * @throws IllegalArgumentException when the name is blank or has a {@code /}, or no feature is named
     */
    public LocalInferenceEndpoint serve(String endpointName, AccessPredictor predictor, List<String> featureNames) {
        if (endpointName == null || endpointName.isBlank() || endpointName.contains("/")) {
            throw new IllegalArgumentException("endpoint name must be non-blank without '/', was '" + endpointName + "'");
        }
        Objects.requireNonNull(predictor, "predictor");
        if (featureNames == null || featureNames.isEmpty()) {
            throw new IllegalArgumentException("featureNames must name at least one column, was " + featureNames);
        }
        endpoints.put(endpointName, new Served(predictor, List.copyOf(featureNames)));
        return this;
    }

    /** The base URI to give the SDK client's {@code endpointOverride}, e.g. {@code http://127.0.0.1:53124}. */
    public URI uri() {
        InetSocketAddress a = server.getAddress();
        return URI.create("http://" + a.getAddress().getHostAddress() + ":" + a.getPort());
    }

    /** Queues scripted responses, used one per invocation in order before normal scoring resumes. */
    public LocalInferenceEndpoint enqueue(ScriptedResponse... responses) {
        synchronized (script) {
            for (ScriptedResponse r : responses) {
                script.add(Objects.requireNonNull(r, "response"));
            }
        }
        return this;
    }

    /** Queues {@code response} {@code times} times. @throws IllegalArgumentException when times is negative */
    public LocalInferenceEndpoint enqueue(ScriptedResponse response, int times) {
        if (times < 0) {
            throw new IllegalArgumentException("times must be >= 0, was " + times);
        }
        for (int i = 0; i < times; i++) {
            enqueue(response);
        }
        return this;
    }

    /** Lets every request held by {@link ScriptedResponse#stall()} go on (they are then scored). */
    public void releaseStalled() {
        stallGate.getAndSet(new CountDownLatch(1)).countDown();
    }

    /** Requests currently held by {@link ScriptedResponse#stall()}. */
    public int stalledCount() {
        return stalled.get();
    }

    /** Invocations received so far, scripted and failed ones included. */
    public int invocationCount() {
        synchronized (invocations) {
            return invocations.size();
        }
    }

    /** A copy of the invocations received so far, in arrival order. */
    public List<RecordedInvocation> invocations() {
        synchronized (invocations) {
            return List.copyOf(invocations);
        }
    }

    /** Forgets the recorded invocations and the scripted responses not yet used. */
    public void reset() {
        synchronized (invocations) {
            invocations.clear();
        }
        synchronized (script) {
            script.clear();
        }
    }

    /** Stops the server; stalled requests are released and their connections closed. */
    @Override
    public void close() {
        closed = true;
        releaseStalled();
        server.stop(0);
        executor.shutdownNow();
    }

    @Override
    public String toString() {
        return "LocalInferenceEndpoint[" + uri() + ", endpoints " + endpoints.keySet() + "]";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String contentType = header(exchange, "Content-Type");
            String accept = header(exchange, "Accept");
            Matcher m = PATH.matcher(exchange.getRequestURI().getPath());
            if (!"POST".equals(exchange.getRequestMethod()) || !m.matches()) {
                sendError(exchange, 404, "UnknownOperationException", "no operation at "
                        + exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
                return;
            }
            String name = m.group(1);
            ScriptedResponse scripted;
            synchronized (script) {
                scripted = script.poll();
            }
            Response r = respond(name, contentType, accept, body, scripted);
            synchronized (invocations) {
                invocations.add(new RecordedInvocation(name, contentType, accept, body, r.rows, r.status));
            }
            if (closed) {
                return;
            }
            if (r.errorType != null) {
                sendError(exchange, r.status, r.errorType, r.body);
            } else {
                send(exchange, r.status, r.contentType, r.body);
            }
        }
    }

    private record Response(int status, String contentType, String body, String errorType, int rows) {
        static Response error(int status, String type, String message, int rows) {
            return new Response(status, null, message, type, rows);
        }
    }

    private Response respond(String name, String contentType, String accept, byte[] body, ScriptedResponse scripted) {
        if (scripted != null) {
            switch (scripted.kind()) {
                case ERROR:
                    return Response.error(scripted.status(), scripted.errorType(), scripted.body(), -1);
                case BODY:
                    return new Response(scripted.status(), scripted.contentType(), scripted.body(), null, -1);
                case STALL:
                    stall();
                    break;
                case DELAY:
                    try {
                        Thread.sleep(scripted.delay().toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    break;
                default:
                    break;
            }
        }
        Served served = endpoints.get(name);
        if (served == null) {
            return Response.error(400, "ValidationError", "Endpoint " + name + " of account 123456789012 not found.", -1);
        }
        String type = mediaType(contentType);
        Rows rows;
        try {
            rows = parse(type, new String(body, StandardCharsets.UTF_8), served.features.size());
        } catch (RuntimeException e) {
            return Response.error(424, "ModelError", "Received client error (400) from primary with message \""
                    + e.getMessage() + "\".", -1);
        }
        double[] p;
        try {
            p = served.predictor.predict(new FeatureBatch(served.features, rows.values, rows.count));
        } catch (RuntimeException e) {
            return Response.error(424, "ModelError", "Received server error (500) from primary with message \""
                    + e.getMessage() + "\".", rows.count);
        }
        if (scripted != null && scripted.kind() == ScriptedResponse.Kind.EXTRA_SCORE) {
            p = java.util.Arrays.copyOf(p, p.length + 1);
            p[p.length - 1] = p.length > 1 ? p[0] : 0.5;
        }
        if (rows.originalDesign) {
            return new Response(200, "application/json", "[" + (p.length > 0 && p[0] >= 0.5 ? 1 : 0) + "]", null, rows.count);
        }
        String out = mediaType(accept);
        if (out == null || out.equals("*/*")) {
            out = type;
        }
        return new Response(200, out, format(out, p), null, rows.count);
    }

    private void stall() {
        CountDownLatch gate = stallGate.get();
        stalled.incrementAndGet();
        try {
            gate.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stalled.decrementAndGet();
        }
    }

    private record Rows(double[] values, int count, boolean originalDesign) {
    }

    private static Rows parse(String type, String text, int width) {
        if (type == null) {
            throw new IllegalArgumentException("no Content-Type");
        }
        List<double[]> rows = new ArrayList<>();
        boolean original = false;
        switch (type) {
            case "text/csv" -> {
                for (String line : text.split("\n")) {
                    String l = line.strip();
                    if (l.isEmpty()) {
                        continue;
                    }
                    String[] cells = l.split(",", -1);
                    double[] row = new double[cells.length];
                    for (int i = 0; i < cells.length; i++) {
                        row[i] = Double.parseDouble(cells[i].strip());
                    }
                    rows.add(row);
                }
            }
            case "application/jsonlines", "application/x-jsonlines", "application/json-lines" -> {
                for (String line : text.split("\n")) {
                    if (!line.isBlank()) {
                        rows.add(numbers(readJson(line)));
                    }
                }
            }
            case "application/json" -> {
                JsonNode root = readJson(text);
                if (root.isObject() && root.has("data")) {
                    original = true;
                    rows.add(numbers(root.get("data")));
                } else {
                    JsonNode list = root.isObject() ? root.get("instances") : root;
                    if (list == null || !list.isArray()) {
                        throw new IllegalArgumentException("expected an array of rows, {\"instances\": [...]} or {\"data\": [...]}");
                    }
                    for (JsonNode row : list) {
                        rows.add(numbers(row));
                    }
                }
            }
            default -> throw new IllegalArgumentException("unsupported Content-Type " + type);
        }
        double[] values = new double[rows.size() * width];
        for (int r = 0; r < rows.size(); r++) {
            double[] row = rows.get(r);
            if (row.length != width) {
                throw new IllegalArgumentException("row " + (r + 1) + " has " + row.length + " values, the model takes " + width);
            }
            System.arraycopy(row, 0, values, r * width, width);
        }
        return new Rows(values, rows.size(), original);
    }

    private static JsonNode readJson(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
    }

    private static double[] numbers(JsonNode node) {
        if (node == null || !node.isArray()) {
            throw new IllegalArgumentException("expected a JSON array of numbers, was " + node);
        }
        double[] v = new double[node.size()];
        for (int i = 0; i < v.length; i++) {
            if (!node.get(i).isNumber()) {
                throw new IllegalArgumentException("expected a number, was " + node.get(i));
            }
            v[i] = node.get(i).asDouble();
        }
        return v;
    }

    private static String format(String type, double[] p) {
        if ("application/json".equals(type)) {
            ArrayNode a = JSON.createArrayNode();
            for (double v : p) {
                a.add(v);
            }
            return a.toString();
        }
        StringBuilder sb = new StringBuilder(p.length * 20);
        for (double v : p) {
            sb.append(v).append('\n');
        }
        return sb.toString();
    }

    private static String mediaType(String header) {
        if (header == null) {
            return null;
        }
        int semi = header.indexOf(';');
        return (semi >= 0 ? header.substring(0, semi) : header).strip().toLowerCase(java.util.Locale.ROOT);
    }

    private static String header(HttpExchange exchange, String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    private static void sendError(HttpExchange exchange, int status, String type, String message) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.put("__type", type);
        body.put("message", message);
        if ("ModelError".equals(type)) {
            body.put("OriginalStatusCode", 500);
            body.put("OriginalMessage", message);
        }
        exchange.getResponseHeaders().set("x-amzn-ErrorType", type + ":http://internal.amazon.com/coral/com.amazon.sagemaker/");
        send(exchange, status, "application/json", body.toString());
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        if (status == 200) {
            exchange.getResponseHeaders().set("x-Amzn-Invoked-Production-Variant", "AllTraffic");
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
