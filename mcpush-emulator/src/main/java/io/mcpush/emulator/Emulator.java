package io.mcpush.emulator;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.mcpush.emulator.FaultPlan.Rule;
import io.mcpush.lineage.LineageQueryTableExtractor;
import io.mcpush.sdk.Flow;
import io.mcpush.sdk.push.CompressedSize;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local, strict imitation of Monte Carlo's integration gateway and GraphQL API on 127.0.0.1.
 * {@code POST /graphql} answers a subset of the GraphQL API (validation and management, spec
 * §15) from what the gateway accepted; it takes the {@link EmulatorConfig#graphqlKeys()} only.
 * The gateway: the three push
 * endpoints ({@code POST /ingest/v1/metadata}, {@code /ingest/v1/lineage},
 * {@code /ingest/v1/querylogs}) with the gateway's checks, in this order, each answered with
 * {@code {"message": "..."}}: authentication (401), gzip-compressed size (413), UTF-8 JSON
 * object (400), the pycarlo SDK's exact payload shape (400, naming the JSON path of the first
 * problem), resource allowed for the key (403). Accepted requests are stored and answered 202
 * {@code {"invocation_id": "<uuid>"}}. Injected faults ({@link FaultPlan}) come first.
 * Other paths answer 404, other methods 405.
 *
 * <p>Thread-safe: requests are served concurrently by {@link EmulatorConfig#workerThreads()}
 * threads, and every accessor may be called at any time from any thread. No method accepts or
 * returns null.
 */
public final class Emulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Emulator.class);
    private static final Map<String, Flow> FLOWS = Map.of(
            Flow.METADATA.path(), Flow.METADATA,
            Flow.LINEAGE.path(), Flow.LINEAGE,
            Flow.QUERY_LOGS.path(), Flow.QUERY_LOGS);
    /** gzip's 10-byte header and 8-byte trailer around the raw deflate stream. */
    /** Compared with when the key id is unknown, so a wrong id costs as long as a wrong token. */
    private static final byte[] NO_TOKEN = new byte[32];

    static {
        // HttpServer writes response headers and body separately; with Nagle's algorithm on, the
        // body then waits for the client's delayed ACK (~40 ms a request). The JDK reads this
        // property once, when its first server starts; an explicit setting is left alone.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final EmulatorConfig config;
    private final Map<String, IngestKey> keysById = new LinkedHashMap<>();
    private final ObjectMapper mapper;
    private final RequestStore store;
    private final FaultState faults;
    private final HttpServer server;
    private final ExecutorService executor;
    private final AtomicInteger received = new AtomicInteger();
    private final PushedCatalog catalog;
    private final GraphqlEndpoint graphql;

    private Emulator(EmulatorConfig config) throws IOException {
        this.config = config;
        config.keys().forEach(k -> keysById.put(k.id(), k));
        this.mapper = JsonMapper.builder()
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
        this.store = RequestStore.open(config.storeDir(), config.retainBodies(), mapper);
        this.faults = new FaultState(config.faults());
        this.catalog = new PushedCatalog(config.clock(), config.queryLogDelay(), LineageQueryTableExtractor::forLogType,
                config.warehouses());
        store.snapshot().forEach(catalog::record);
        this.graphql = new GraphqlEndpoint(config, catalog, mapper);
        this.executor = Executors.newFixedThreadPool(config.workerThreads(), daemonThreads());
        HttpServer s;
        try {
            s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), config.port()), 128);
        } catch (IOException e) {
            executor.shutdownNow();
            store.close();
            throw e;
        }
        this.server = s;
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /**
     * Starts an emulator; it serves until {@link #close()}.
     *
     * @throws UncheckedIOException when the port cannot be bound or the store cannot be read
     */
    public static Emulator start(EmulatorConfig config) {
        requireNonNull(config, "config is null");
        try {
            Emulator emulator = new Emulator(config);
            LOG.info("Monte Carlo gateway emulator listening on {}", emulator.baseUrl());
            return emulator;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the emulator on 127.0.0.1:" + config.port() + ": "
                    + e.getMessage(), e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:PORT}, the value for {@code MCD_INGEST_ENDPOINT}. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port());
    }

    /** {@code http://127.0.0.1:PORT/graphql}, the value for {@code MCD_API_ENDPOINT}. */
    public URI graphqlUrl() {
        return URI.create("http://127.0.0.1:" + port() + GraphqlEndpoint.PATH);
    }

    public EmulatorConfig config() {
        return config;
    }

    /** The accepted requests in the order they were stored (including those loaded from the store). */
    public List<StoredRequest> accepted() {
        return store.snapshot();
    }

    /** Every request received since start, whatever its answer (rejected, faulted, 404...). */
    public int receivedCount() {
        return received.get();
    }

    /** Events in all accepted requests (including those loaded from the store). */
    public long acceptedEventCount() {
        return store.eventCount();
    }

    /** Stops serving at once; requests in flight are dropped. Idempotent. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            store.close();
        } catch (IOException e) {
            LOG.warn("cannot close the request store: {}", e.getMessage());
        }
    }

    private void handle(HttpExchange exchange) {
        // the configured clock, like every "now" the GraphQL side compares against (query-log delay,
        // lineage expiry): two clocks would make those spans depend on how far apart they are
        Instant receivedAt = config.clock().instant();
        received.incrementAndGet();
        try {
            String path = exchange.getRequestURI().getPath();
            if (GraphqlEndpoint.PATH.equals(path)) {
                // no injected faults here: FaultPlan counts gateway requests only
                graphql.handle(exchange);
                return;
            }
            Flow flow = FLOWS.get(path);
            if (flow == null) {
                respond(exchange, 404, message("no endpoint at " + PayloadValidator.abbreviate(path)
                        + " (endpoints: POST " + Flow.METADATA.path() + ", " + Flow.LINEAGE.path() + ", "
                        + Flow.QUERY_LOGS.path() + ")"));
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "POST");
                respond(exchange, 405, message(exchange.getRequestMethod() + " is not allowed on " + path
                        + "; use POST"));
                return;
            }
            FaultState.Arrival arrival = faults.arrive();
            Rule rule = arrival.rule();
            if (rule != null) {
                switch (rule.kind()) {
                    case TOO_MANY_REQUESTS, INTERNAL_SERVER_ERROR, SERVICE_UNAVAILABLE -> {
                        exchange.getRequestBody().readAllBytes();
                        if (rule.retryAfterSeconds() >= 0) {
                            exchange.getResponseHeaders().set("Retry-After", Integer.toString(rule.retryAfterSeconds()));
                        }
                        respond(exchange, rule.kind().status(), message("injected fault " + rule));
                        return;
                    }
                    case RESET -> {
                        exchange.getRequestBody().readAllBytes();
                        LOG.debug("request {} to {}: dropping the connection (fault {})", arrival.sequence(), path, rule);
                        return; // closing without response headers closes the connection
                    }
                    case SLOW -> Thread.sleep(rule.delayMillis());
                    case NO_INVOCATION_ID -> {
                        exchange.getRequestBody().readAllBytes();
                        respond(exchange, 200, message("accepted"));
                        return;
                    }
                    default -> throw new IllegalStateException("unexpected arrival fault " + rule);
                }
            }
            ingest(exchange, flow, arrival.sequence(), receivedAt);
        } catch (IOException e) {
            LOG.debug("request to {} failed: {}", exchange.getRequestURI(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("emulator failed on a request to {}", exchange.getRequestURI(), e);
            if (exchange.getResponseCode() == -1) {
                try {
                    respond(exchange, 500, message("emulator error: " + e));
                } catch (IOException ignored) {
                    // the client is gone
                }
            }
        } finally {
            // Without response headers, HttpServer closes the connection here: the client sees
            // the connection close with no response (tested in FaultInjectionIT).
            exchange.close();
        }
    }

    private void ingest(HttpExchange exchange, Flow flow, long sequence, Instant receivedAt) throws IOException {
        // Read the whole body before any answer, so clients never meet a half-read request.
        byte[] body = exchange.getRequestBody().readAllBytes();

        String id = exchange.getRequestHeaders().getFirst("x-mcd-id");
        String token = exchange.getRequestHeaders().getFirst("x-mcd-token");
        if (id == null || id.isEmpty() || token == null || token.isEmpty()) {
            respond(exchange, 401, message("missing x-mcd-id or x-mcd-token header; send an ingestion key"));
            return;
        }
        IngestKey key = keysById.get(id);
        boolean tokenMatches = MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                key == null ? NO_TOKEN : key.token().getBytes(StandardCharsets.UTF_8));
        if (key == null || !tokenMatches) {
            respond(exchange, 401, message("x-mcd-id and x-mcd-token do not match an ingestion key"));
            return;
        }

        long limit = config.maxCompressedBytes();
        long compressed = -1;
        // deflate never grows data by more than this bound, so smaller bodies cannot exceed the limit
        if (CompressedSize.GZIP_FRAMING + CompressedSize.bound(body.length) > limit) {
            compressed = gzipSize(body);
            if (compressed > limit) {
                respond(exchange, 413, message("request body is " + compressed + " bytes gzip-compressed, over the "
                        + limit + "-byte limit; send fewer events per request"));
                return;
            }
        }

        String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
        if (encoding != null && !encoding.equalsIgnoreCase("identity")) {
            respond(exchange, 400, message("Content-Encoding '" + PayloadValidator.abbreviate(encoding)
                    + "' is not accepted; send plain JSON as the SDK does"));
            return;
        }
        String encodingProblem = Utf8.problem(body);
        if (encodingProblem != null) {
            respond(exchange, 400, message("request body is not UTF-8 JSON: " + encodingProblem));
            return;
        }
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            respond(exchange, 400, message("request body is not valid JSON: " + oneLine(e.getOriginalMessage())
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")")));
            return;
        }
        if (root == null || root.isMissingNode()) {
            respond(exchange, 400, message("request body is empty; send a JSON object"));
            return;
        }

        FaultPlan.Rule refusal = faults.refuse(sequence, new String(body, StandardCharsets.UTF_8));
        if (refusal != null) {
            respond(exchange, 400, message("injected fault " + refusal + ": the request holds '" + refusal.match() + "'"));
            return;
        }

        PayloadValidator.Summary summary;
        try {
            summary = PayloadValidator.validate(flow, root);
        } catch (PayloadValidator.InvalidPayload e) {
            respond(exchange, 400, message(e.getMessage()));
            return;
        }

        if (!key.allows(summary.resourceUuid())) {
            respond(exchange, 403, message("key '" + key.id() + "' may not push to resource '"
                    + PayloadValidator.abbreviate(summary.resourceUuid()) + "'"));
            return;
        }

        String invocationId = UUID.randomUUID().toString();
        StoredRequest stored = new StoredRequest(invocationId, flow.path(), summary.eventType(), summary.resourceUuid(),
                summary.resourceValue(), summary.eventCount(), compressed, receivedAt, root);
        store.add(stored);
        if (config.retainBodies()) {
            // the GraphQL view is built from bodies; a benchmark that discards them keeps no catalog either
            catalog.record(stored);
        }
        if (faults.loseAfterStore(sequence)) {
            LOG.debug("request {} to {}: stored as {}, dropping the response (fault lost)", sequence,
                    flow.path(), invocationId);
            return; // closing without response headers closes the connection
        }
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("invocation_id", invocationId);
        respond(exchange, 202, answer);
    }

    /** Size of {@code data} as {@link java.util.zip.GZIPOutputStream} at its default level writes it. */
    static long gzipSize(byte[] data) {
        return CompressedSize.gzipSize(data, data.length);
    }

    private static Map<String, String> message(String text) {
        return Map.of("message", text);
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }

    private void respond(HttpExchange exchange, int status, Map<String, String> json) throws IOException {
        byte[] bytes = mapper.writeValueAsBytes(json);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "mcpush-emulator-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
