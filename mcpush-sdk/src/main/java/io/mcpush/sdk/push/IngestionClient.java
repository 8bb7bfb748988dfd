package io.mcpush.sdk.push;

import static java.util.Objects.requireNonNull;

import io.mcpush.sdk.EventType;
import io.mcpush.sdk.Flow;
import io.mcpush.sdk.http.Endpoints;
import io.mcpush.sdk.http.HttpTransport;
import io.mcpush.sdk.http.RetryExecutor;
import io.mcpush.sdk.json.PyJsonWriter;
import io.mcpush.sdk.model.LineageEvent;
import io.mcpush.sdk.model.QueryLogEntry;
import io.mcpush.sdk.model.RelationalAsset;
import io.mcpush.sdk.model.WireEvent;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Sends push requests to Monte Carlo's integration gateway and returns their invocation ids.
 * Retries follow the {@link RetryPolicy}; a 413 is thrown at once (the {@link Pusher} splits the
 * batch). The key secret is only ever put in the {@code x-mcd-token} header. Thread-safe: one
 * client serves concurrent requests.
 */
public final class IngestionClient implements AutoCloseable {
    /** The production gateway. */
    public static final URI DEFAULT_ENDPOINT = URI.create("https://integrations.getmontecarlo.com");

    private final URI endpoint;
    private final String keyId;
    private final Secret keyToken;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final RetryPolicy retryPolicy;
    private final String userAgent;
    private final Map<Flow, URI> uris;
    private final HttpTransport transport;
    private final RetryExecutor retries;

    private IngestionClient(Builder b) {
        this.endpoint = Endpoints.requireSecure(requireNonNull(b.endpoint, "endpoint is null"), "the gateway endpoint");
        this.keyId = requireNonNull(b.keyId, "keyId is null");
        this.keyToken = requireNonNull(b.keyToken, "keyToken is null");
        this.connectTimeout = b.connectTimeout;
        this.requestTimeout = b.requestTimeout;
        this.retryPolicy = b.retryPolicy;
        this.userAgent = b.userAgent;
        this.uris = new EnumMap<>(Flow.class);
        for (Flow flow : Flow.values()) {
            uris.put(flow, endpoint.resolve(flow.path()));
        }
        this.transport = new HttpTransport(keyId, keyToken, connectTimeout, requestTimeout, userAgent);
        this.retries = new RetryExecutor(retryPolicy, b.retryListener);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Options; endpoint, key id and key token are required. Not thread-safe. */
    public static final class Builder {
        private URI endpoint = DEFAULT_ENDPOINT;
        private String keyId;
        private Secret keyToken;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private String userAgent = "mcpush";
        private RetryExecutor.Listener retryListener = RetryExecutor.Listener.NONE;

        /** The gateway base URL; {@code http://} only to a loopback address (see {@link Endpoints}). */
        public Builder endpoint(URI value) {
            this.endpoint = value;
            return this;
        }

        /** Told before each retry (what failed, the wait, the time left); default: nothing. */
        public Builder retryListener(RetryExecutor.Listener value) {
            this.retryListener = requireNonNull(value, "retryListener is null");
            return this;
        }

        public Builder key(String id, Secret token) {
            this.keyId = id;
            this.keyToken = token;
            return this;
        }

        public Builder connectTimeout(Duration value) {
            this.connectTimeout = requireNonNull(value, "connectTimeout is null");
            return this;
        }

        /** The longest wait for the gateway to answer (the socket read timeout; default 30 s). */
        public Builder requestTimeout(Duration value) {
            this.requestTimeout = requireNonNull(value, "requestTimeout is null");
            return this;
        }

        public Builder retryPolicy(RetryPolicy value) {
            this.retryPolicy = requireNonNull(value, "retryPolicy is null");
            return this;
        }

        public Builder userAgent(String value) {
            this.userAgent = requireNonNull(value, "userAgent is null");
            return this;
        }

        public IngestionClient build() {
            return new IngestionClient(this);
        }
    }

    /**
     * The outcome of one acknowledged request; {@code invocationId} is never null (a 2xx without
     * one is an {@link IngestionException}). {@code possibleDuplicate} is true when an earlier attempt
     * may have reached the gateway although its answer was lost (a reset or timeout after
     * sending), so the data may now be stored twice.
     */
    public record SendResult(String invocationId, int status, int attempts, boolean possibleDuplicate) {
    }

    public URI endpoint() {
        return endpoint;
    }

    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    /**
     * Sends one request body (already serialised) to the path of {@code type}, with retries.
     *
     * @throws IngestionException when the gateway did not take the request after the retries the
     *     policy allows: a failed status, no answer, or a 2xx without an {@code invocation_id}
     *     ({@link IngestionException#rejectedWithoutInvocationId()})
     */
    public SendResult send(EventType type, byte[] body) {
        URI uri = uris.get(type.flow());
        RetryExecutor.Outcome<HttpTransport.Answer> outcome = retries.execute(type.name() + " request to " + uri,
                () -> attempt(uri, body));
        if (outcome instanceof RetryExecutor.Done<HttpTransport.Answer> done) {
            HttpTransport.Answer answer = done.value();
            return new SendResult(GatewayAnswer.invocationId(answer.status(), answer.body()), answer.status(),
                    done.attempts(), done.possibleDuplicate());
        }
        RetryExecutor.GaveUp<HttpTransport.Answer> gaveUp = (RetryExecutor.GaveUp<HttpTransport.Answer>) outcome;
        if (gaveUp.interrupted()) {
            throw new IngestionException(type.flow().label() + " ingestion request interrupted", 0, "",
                    gaveUp.attempts(), gaveUp.cause());
        }
        throw failure(type, uri, gaveUp);
    }

    private RetryExecutor.Step<HttpTransport.Answer> attempt(URI uri, byte[] body) {
        HttpTransport.Attempt attempt = transport.post(uri, body, true); // fixed-length streaming: see HttpTransport
        if (attempt instanceof HttpTransport.Failed f) {
            return new RetryExecutor.Failure<>(f.failure(), "", f.cause());
        }
        HttpTransport.Answer answer = (HttpTransport.Answer) attempt;
        if (GatewayAnswer.accepted(answer.status(), answer.body())) {
            return new RetryExecutor.Success<>(answer);
        }
        return new RetryExecutor.Failure<>(new RetryPolicy.Status(answer.status(),
                RetryPolicy.parseRetryAfter(answer.retryAfter(), Instant.now())), excerpt(answer.body()), null);
    }

    private IngestionException failure(EventType type, URI uri, RetryExecutor.GaveUp<?> gaveUp) {
        RetryPolicy.Failure failure = gaveUp.failure();
        int status = failure instanceof RetryPolicy.Status s ? s.code() : 0;
        boolean noInvocationId = status >= 200 && status < 300;
        StringBuilder msg = new StringBuilder(type.flow().label()).append(" ingestion request to ")
                .append(uri).append(" failed: ").append(RetryExecutor.describe(failure));
        if (noInvocationId) {
            msg.append(" without an invocation_id: the gateway did not take the batch (check the key and the "
                    + "resource UUID)");
        } else if (status == 401) {
            msg.append(" (the gateway refused the key: check MCD_INGEST_ID/MCD_INGEST_TOKEN; it must be an Ingestion-scope key)");
        } else if (status == 403) {
            msg.append(" (the key is not allowed to push to this resource: check the resource UUID)");
        }
        if (!gaveUp.excerpt().isEmpty()) {
            msg.append(". Response: ").append(gaveUp.excerpt());
        }
        if (gaveUp.attempts() > 1) {
            msg.append(" (").append(gaveUp.reason()).append(")");
        }
        return new IngestionException(msg.toString(), status, gaveUp.excerpt(), gaveUp.attempts(), gaveUp.cause(),
                noInvocationId, gaveUp.possibleDuplicate());
    }

    private String excerpt(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.length() > 500) {
            text = text.substring(0, 500);
        }
        return keyToken.redact(text.replace('\n', ' ').replace('\r', ' ').strip());
    }

    // ---- convenience for pipelines that hold their events in memory ------------------------

    /** Sends assets in as many size-bounded batches as needed; returns the invocation ids in order. */
    public List<String> sendMetadata(String resourceUuid, String resourceType, List<RelationalAsset> events) {
        return sendAll(Flow.METADATA, resourceUuid, resourceType, events);
    }

    /** Sends lineage; column lineage goes as COLUMN_LINEAGE plus table-level twins as LINEAGE. */
    public List<String> sendLineage(String resourceUuid, String resourceType, List<LineageEvent> events) {
        return sendAll(Flow.LINEAGE, resourceUuid, resourceType, events);
    }

    public List<String> sendQueryLogs(String resourceUuid, String logType, List<QueryLogEntry> events) {
        return sendAll(Flow.QUERY_LOGS, resourceUuid, logType, events);
    }

    private List<String> sendAll(Flow flow, String uuid, String resourceValue, List<? extends WireEvent> events) {
        requireNonNull(events, "events is null");
        if (events.isEmpty()) {
            throw new IllegalArgumentException("at least one event is required");
        }
        PushResult result = new Pusher(this, PushOptions.defaults(flow))
                .push(new PushTarget(flow, uuid, resourceValue), EventSource.of(events), null);
        if (result.failure() != null) {
            throw result.failure();
        }
        if (!result.complete()) {
            PushResult.DeadLetter first = result.deadLetters().get(0);
            throw new IngestionException(result.deadLetterCount() + " of " + events.size() + " events cannot be sent"
                    + " (the others were); event " + first.line() + ": " + first.reason(), 0, "", 0, null);
        }
        return result.invocationIds();
    }

    /** Sends a ready-made request body unchanged (one request; no batching). */
    public SendResult sendRaw(EventType type, String json) {
        return send(type, json.getBytes(StandardCharsets.UTF_8));
    }

    /** Serialises one request exactly as the pycarlo SDK would. */
    public static byte[] requestBody(EventType type, String resourceUuid, String resourceValue,
            List<? extends WireEvent> events) {
        PyJsonWriter out = new PyJsonWriter(1024);
        type.writePrefix(out, resourceUuid, resourceValue);
        for (int i = 0; i < events.size(); i++) {
            if (i > 0) {
                out.raw(", ");
            }
            type.writeEvent(out, events.get(i));
        }
        EventType.writeSuffix(out);
        return out.toByteArray();
    }

    @Override
    public void close() {
        // connections live in the JDK's keep-alive cache, which closes idle ones itself
    }
}
