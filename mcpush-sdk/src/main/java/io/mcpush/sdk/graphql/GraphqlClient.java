package io.mcpush.sdk.graphql;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpush.sdk.http.Endpoints;
import io.mcpush.sdk.http.HttpTransport;
import io.mcpush.sdk.http.RetryExecutor;
import io.mcpush.sdk.push.RetryPolicy;
import io.mcpush.sdk.push.Secret;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Posts GraphQL requests to Monte Carlo's API ({@code POST <endpoint>} with
 * {@code {"query": ..., "variables": ...}} and the {@code x-mcd-id}/{@code x-mcd-token} headers of
 * a GraphQL API key, which is not the ingestion key). Retries follow the same {@link RetryPolicy}
 * as the pusher (408, 429, 5xx, connection failures, timeouts) and additionally an
 * {@code errors[].code} or {@code errors[].extensions.code} of {@code REQUEST_TIMEOUT}; a
 * top-level {@code errors} array otherwise becomes a {@link GraphqlException} carrying the messages.
 * The key secret is only ever put in the {@code x-mcd-token} header and is redacted from every
 * message. Thread-safe. For the typed operations see {@link MonteCarloApi}.
 */
public final class GraphqlClient {
    /** The production GraphQL API. */
    public static final URI DEFAULT_ENDPOINT = URI.create("https://api.getmontecarlo.com/graphql");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI endpoint;
    private final String keyId;
    private final Secret keyToken;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final RetryPolicy retryPolicy;
    private final String userAgent;
    private final HttpTransport transport;
    private final RetryExecutor retries;

    private GraphqlClient(Builder b) {
        this.endpoint = Endpoints.requireSecure(requireNonNull(b.endpoint, "endpoint is null"), "the GraphQL endpoint");
        this.keyId = requireNonNull(b.keyId, "keyId is null");
        this.keyToken = requireNonNull(b.keyToken, "keyToken is null");
        this.connectTimeout = b.connectTimeout;
        this.requestTimeout = b.requestTimeout;
        this.retryPolicy = b.retryPolicy;
        this.userAgent = b.userAgent;
        this.transport = new HttpTransport(keyId, keyToken, connectTimeout, requestTimeout, userAgent);
        this.retries = new RetryExecutor(retryPolicy, b.retryListener);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Options; the key is required, the endpoint defaults to {@link #DEFAULT_ENDPOINT}. Not thread-safe. */
    public static final class Builder {
        private URI endpoint = DEFAULT_ENDPOINT;
        private String keyId;
        private Secret keyToken;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private RetryPolicy retryPolicy = RetryPolicy.defaults().withDeadline(Duration.ofMinutes(2));
        private String userAgent = "mcpush";
        private RetryExecutor.Listener retryListener = RetryExecutor.Listener.NONE;

        private Builder() {
        }

        /** Told before each retry (what failed, the wait, the time left); default: nothing. */
        public Builder retryListener(RetryExecutor.Listener value) {
            this.retryListener = requireNonNull(value, "retryListener is null");
            return this;
        }

        /** The full GraphQL URL, e.g. {@code https://api.getmontecarlo.com/graphql}; {@code http://} only to a loopback address. */
        public Builder endpoint(URI value) {
            this.endpoint = requireNonNull(value, "endpoint is null");
            return this;
        }

        /** The GraphQL API key ({@code MCD_ID} / {@code MCD_TOKEN}). */
        public Builder key(String id, Secret token) {
            this.keyId = requireNonNull(id, "id is null");
            this.keyToken = requireNonNull(token, "token is null");
            return this;
        }

        public Builder connectTimeout(Duration value) {
            this.connectTimeout = requireNonNull(value, "connectTimeout is null");
            return this;
        }

        /** The longest wait for one answer (default 30 s, the pycarlo SDK's GraphQL timeout). */
        public Builder requestTimeout(Duration value) {
            this.requestTimeout = requireNonNull(value, "requestTimeout is null");
            return this;
        }

        /** Default: {@link RetryPolicy#defaults()} with a 2-minute deadline. */
        public Builder retryPolicy(RetryPolicy value) {
            this.retryPolicy = requireNonNull(value, "retryPolicy is null");
            return this;
        }

        public Builder userAgent(String value) {
            this.userAgent = requireNonNull(value, "userAgent is null");
            return this;
        }

        public GraphqlClient build() {
            return new GraphqlClient(this);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    /**
     * Runs one operation and returns its {@code data} object.
     *
     * @param variables may be null or empty; values must be serialisable by Jackson
     * @throws GraphqlException on an {@code errors} array, a failed status or no answer
     */
    public JsonNode execute(String query, Map<String, ?> variables) {
        requireNonNull(query, "query is null");
        ObjectNode request = JSON.createObjectNode();
        request.put("query", query);
        request.set("variables", variables == null ? JSON.createObjectNode() : JSON.valueToTree(variables));
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(request);
        } catch (IOException e) {
            throw new IllegalArgumentException("variables cannot be serialised: " + e.getMessage(), e);
        }
        String operation = operationName(query);
        RetryExecutor.Outcome<JsonNode> outcome = retries.execute("GraphQL " + operation, () -> attempt(operation, body));
        if (outcome instanceof RetryExecutor.Done<JsonNode> done) {
            return done.value();
        }
        RetryExecutor.GaveUp<JsonNode> gaveUp = (RetryExecutor.GaveUp<JsonNode>) outcome;
        if (gaveUp.interrupted()) {
            throw new GraphqlException(operation + " interrupted", 0, List.of(), gaveUp.cause());
        }
        throw failure(operation, gaveUp);
    }

    private RetryExecutor.Step<JsonNode> attempt(String operation, byte[] body) {
        // no fixed-length streaming (unlike the gateway client): in streaming mode the JDK drops the
        // body of a 401, and that body says why the key was refused; GraphQL bodies are small
        HttpTransport.Attempt attempt = transport.post(endpoint, body, false);
        if (attempt instanceof HttpTransport.Failed f) {
            return new RetryExecutor.Failure<>(f.failure(), "", f.cause());
        }
        HttpTransport.Answer answer = (HttpTransport.Answer) attempt;
        JsonNode root = parse(answer.body());
        List<String> errors = errorMessages(root);
        if (answer.success() && errors.isEmpty()) {
            JsonNode data = root == null ? null : root.get("data");
            if (data == null || data.isNull()) {
                throw new GraphqlException(operation + " failed: the API answered without data", answer.status(),
                        List.of());
            }
            return new RetryExecutor.Success<>(data);
        }
        if (answer.success() && !isRequestTimeout(root)) {
            throw new GraphqlException(operation + " failed: " + String.join("; ", errors), answer.status(), errors);
        }
        String excerpt = errors.isEmpty() ? excerpt(answer.body()) : String.join("; ", errors);
        RetryPolicy.Failure failure = answer.success() ? RetryPolicy.Transport.maybeSent("REQUEST_TIMEOUT")
                : new RetryPolicy.Status(answer.status(), RetryPolicy.parseRetryAfter(answer.retryAfter(), Instant.now()));
        return new RetryExecutor.Failure<>(failure, excerpt, null);
    }

    private static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private List<String> errorMessages(JsonNode root) {
        JsonNode errors = root == null ? null : root.get("errors");
        if (errors == null || !errors.isArray() || errors.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : errors) {
            String m = e.path("message").asText("");
            out.add(keyToken.redact(m.isEmpty() ? e.toString() : m));
        }
        return out;
    }

    private static boolean isRequestTimeout(JsonNode root) {
        JsonNode errors = root == null ? null : root.get("errors");
        if (errors == null || !errors.isArray()) {
            return false;
        }
        for (JsonNode e : errors) {
            if ("REQUEST_TIMEOUT".equals(e.path("code").asText())
                    || "REQUEST_TIMEOUT".equals(e.path("extensions").path("code").asText())) {
                return true;
            }
        }
        return false;
    }

    private GraphqlException failure(String operation, RetryExecutor.GaveUp<?> gaveUp) {
        RetryPolicy.Failure failure = gaveUp.failure();
        StringBuilder msg = new StringBuilder(operation).append(" request to ").append(endpoint).append(" failed: ")
                .append(RetryExecutor.describe(failure));
        int status = failure instanceof RetryPolicy.Status s ? s.code() : 0;
        if (status == 401 || status == 403) {
            msg.append(" (the API refused the key: check MCD_ID/MCD_TOKEN; it must be a GraphQL API key, "
                    + "not the ingestion key)");
        }
        if (!gaveUp.excerpt().isEmpty()) {
            msg.append(". Response: ").append(gaveUp.excerpt());
        }
        if (gaveUp.attempts() > 1) {
            msg.append(" (").append(gaveUp.reason()).append(")");
        }
        List<String> errors = gaveUp.excerpt().isEmpty() ? List.of() : List.of(gaveUp.excerpt());
        return new GraphqlException(keyToken.redact(msg.toString()), status, errors, gaveUp.cause());
    }

    private String excerpt(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        JsonNode root = parse(body);
        if (root != null && root.path("message").isTextual()) {
            text = root.path("message").asText();
        }
        if (text.length() > 500) {
            text = text.substring(0, 500);
        }
        return keyToken.redact(text.replace('\n', ' ').replace('\r', ' ').strip());
    }

    /** The first field of the operation, for messages: {@code getTable} in {@code query { getTable(...) }}. */
    static String operationName(String query) {
        int brace = query.indexOf('{');
        if (brace < 0) {
            return "GraphQL operation";
        }
        int i = brace + 1;
        while (i < query.length() && Character.isWhitespace(query.charAt(i))) {
            i++;
        }
        int start = i;
        while (i < query.length() && Character.isJavaIdentifierPart(query.charAt(i))) {
            i++;
        }
        return i > start ? query.substring(start, i) : "GraphQL operation";
    }
}
