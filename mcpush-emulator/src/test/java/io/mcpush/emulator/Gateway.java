package io.mcpush.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Test client for an emulator: plain java.net.http, as the SDK uses. */
final class Gateway {
    static final String ID = "key-1";
    static final String TOKEN = "s3cret-token-value";
    static final String RESOURCE = "0b6c4a0e-1111-2222-3333-444455556666";
    static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final URI base;

    Gateway(Emulator emulator) {
        this.base = emulator.baseUrl();
    }

    HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return post(path, body.getBytes(StandardCharsets.UTF_8), ID, TOKEN, Duration.ofSeconds(10));
    }

    HttpResponse<String> post(String path, byte[] body, String id, String token, Duration timeout)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (id != null) {
            b.header("x-mcd-id", id);
        }
        if (token != null) {
            b.header("x-mcd-token", token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String message(HttpResponse<String> response) {
        return json(response).path("message").asText();
    }

    /** Lets tests write JSON with single quotes. */
    static String q(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    static String metadata(String... assets) {
        return q("{'event_type': 'METADATA', 'resource': {'uuid': '" + RESOURCE + "', 'resource_type': 'snowflake'},"
                + " 'events': [" + String.join(", ", wrap(assets)) + "]}");
    }

    private static String[] wrap(String[] assets) {
        String[] out = new String[assets.length];
        for (int i = 0; i < assets.length; i++) {
            out[i] = "{'relational_asset': " + assets[i] + "}";
        }
        return out;
    }

    static final String ORDERS = "{'type': 'TABLE', 'metadata': {'name': 'ORDERS', 'database': 'SALES', 'schema': 'CORE'}}";

    static String lineage(String eventType, String... events) {
        return q("{'event_type': '" + eventType + "', 'resource': {'uuid': '" + RESOURCE
                + "', 'resource_type': 'snowflake'}, 'events': [" + String.join(", ", events) + "]}");
    }

    static final String TABLE_EDGE = "{'destination': {'type': 'TABLE', 'name': 'ORDER_FACTS', 'database': 'SALES', 'schema': 'MART'},"
            + " 'sources': [{'type': 'TABLE', 'name': 'ORDERS', 'database': 'SALES', 'schema': 'CORE'}]}";

    static String queryLogs(String logType, String... entries) {
        return q("{'event_type': 'QUERY_LOG', 'resource': {'uuid': '" + RESOURCE + "', 'log_type': '" + logType
                + "'}, 'events': [" + String.join(", ", entries) + "]}");
    }

    static final String QUERY = "{'start_time': '2026-11-25T08:00:00Z', 'end_time': '2026-11-25T08:00:04.250000Z',"
            + " 'query_text': 'select 1'}";
}
