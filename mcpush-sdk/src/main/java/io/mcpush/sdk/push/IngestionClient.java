package io.mcpush.sdk.push;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcpush.sdk.EventType;
import io.mcpush.sdk.Flow;
import io.mcpush.sdk.http.KeyedPost;
import io.mcpush.sdk.json.PyJsonWriter;
import io.mcpush.sdk.model.LineageEvent;
import io.mcpush.sdk.model.QueryLogEntry;
import io.mcpush.sdk.model.RelationalAsset;
import io.mcpush.sdk.model.WireEvent;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends push requests to Monte Carlo's integration gateway and returns their invocation ids.
 * Retries follow the {@link RetryPolicy}; a 413 is thrown at once (the {@link Pusher} splits the
 * batch). The key secret is only ever put in the {@code x-mcd-token} header. Thread-safe: one
 * client serves concurrent requests.
 */
public final class IngestionClient implements AutoCloseable {
    /** The production gateway. */
    public static final URI DEFAULT_ENDPOINT = URI.create("https://integrations.getmontecarlo.com");
    private static final Logger LOG = LoggerFactory.getLogger(IngestionClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI endpoint;
    private final String keyId;
    private final Secret keyToken;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final RetryPolicy retryPolicy;
    private final String userAgent;
    private final Map<Flow, KeyedPost> posts;

    private IngestionClient(Builder b) {
        this.endpoint = requireNonNull(b.endpoint, "endpoint is null");
        this.keyId = requireNonNull(b.keyId, "keyId is null");
        this.keyToken = requireNonNull(b.keyToken, "keyToken is null");
        this.connectTimeout = b.connectTimeout;
        this.requestTimeout = b.requestTimeout;
        this.retryPolicy = b.retryPolicy;
        this.userAgent = b.userAgent;
        this.posts = new EnumMap<>(Flow.class);
        for (Flow flow : Flow.values()) {
            // fixed-length streaming: see KeyedPost
            posts.put(flow, new KeyedPost(endpoint.resolve(flow.path()), keyId, keyToken, connectTimeout,
                    requestTimeout, userAgent, true));
        }
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

        public Builder endpoint(URI value) {
            this.endpoint = value;
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
     * The outcome of one acknowledged request. {@code invocationId} is null only when the
     * gateway answered 2xx without one. {@code possibleDuplicate} is true when an earlier attempt
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

    /** Sends one request body (already serialised) to the path of {@code type}, with retries. */
    public SendResult send(EventType type, byte[] body) {
        URI uri = endpoint.resolve(type.flow().path());
        long started = System.nanoTime();
        int attempts = 0;
        boolean ambiguous = false;
        while (true) {
            attempts++;
            RetryPolicy.Failure failure;
            String excerpt = "";
            Throwable cause = null;
            try {
                KeyedPost.Answer answer = posts.get(type.flow()).send(body);
                if (answer.status() >= 200 && answer.status() < 300) {
                    return new SendResult(invocationId(answer.body()), answer.status(), attempts, ambiguous);
                }
                excerpt = excerpt(answer.body());
                failure = new RetryPolicy.Status(answer.status(),
                        RetryPolicy.parseRetryAfter(answer.retryAfter(), Instant.now()));
            } catch (ConnectException | UnknownHostException e) {
                failure = new RetryPolicy.Transport("cannot connect to " + uri.getHost() + ":" + posts.get(type.flow()).port());
                cause = e;
            } catch (SocketTimeoutException e) {
                failure = new RetryPolicy.Transport("no answer within " + requestTimeout.toSeconds() + " s");
                ambiguous = true;
                cause = e;
            } catch (IOException e) {
                failure = new RetryPolicy.Transport("connection failed (" + keyToken.redact(String.valueOf(e.getMessage())) + ")");
                ambiguous = true;
                cause = e;
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            RetryPolicy.Decision decision = retryPolicy.decide(attempts, failure, elapsed,
                    ThreadLocalRandom.current().nextDouble());
            if (!decision.retry()) {
                throw failure(type, uri, failure, excerpt, attempts, decision.reason(), cause);
            }
            LOG.debug("{} request to {} failed ({}); retry {} in {} ms", type, uri.getPath(), describe(failure),
                    attempts, decision.delay().toMillis());
            try {
                Thread.sleep(decision.delay().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IngestionException(type.flow().label() + " ingestion request interrupted", 0, "", attempts, e);
            }
        }
    }

    private static String describe(RetryPolicy.Failure failure) {
        return failure instanceof RetryPolicy.Status s ? "HTTP " + s.code() : ((RetryPolicy.Transport) failure).what();
    }

    private IngestionException failure(EventType type, URI uri, RetryPolicy.Failure failure, String excerpt,
            int attempts, String reason, Throwable cause) {
        StringBuilder msg = new StringBuilder(type.flow().label()).append(" ingestion request to ")
                .append(uri).append(" failed: ").append(describe(failure));
        int status = failure instanceof RetryPolicy.Status s ? s.code() : 0;
        if (status == 401) {
            msg.append(" (the gateway refused the key: check MCD_INGEST_ID/MCD_INGEST_TOKEN; it must be an Ingestion-scope key)");
        } else if (status == 403) {
            msg.append(" (the key is not allowed to push to this resource: check the resource UUID)");
        }
        if (!excerpt.isEmpty()) {
            msg.append(". Response: ").append(excerpt);
        }
        if (attempts > 1) {
            msg.append(" (").append(reason).append(")");
        }
        return new IngestionException(msg.toString(), status, excerpt, attempts, cause);
    }

    private String excerpt(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.length() > 500) {
            text = text.substring(0, 500);
        }
        return keyToken.redact(text.replace('\n', ' ').replace('\r', ' ').strip());
    }

    private static String invocationId(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(body);
            JsonNode id = node == null ? null : node.get("invocation_id");
            return id != null && id.isTextual() ? id.textValue() : null;
        } catch (IOException e) {
            return null;
        }
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
