package io.mcpush.emulator;

import static io.mcpush.emulator.Gateway.ID;
import static io.mcpush.emulator.Gateway.ORDERS;
import static io.mcpush.emulator.Gateway.QUERY;
import static io.mcpush.emulator.Gateway.RESOURCE;
import static io.mcpush.emulator.Gateway.TABLE_EDGE;
import static io.mcpush.emulator.Gateway.TOKEN;
import static io.mcpush.emulator.Gateway.json;
import static io.mcpush.emulator.Gateway.lineage;
import static io.mcpush.emulator.Gateway.message;
import static io.mcpush.emulator.Gateway.metadata;
import static io.mcpush.emulator.Gateway.q;
import static io.mcpush.emulator.Gateway.queryLogs;
import static org.assertj.core.api.Assertions.assertThat;

import io.mcpush.sdk.EventType;
import io.mcpush.sdk.json.PyJsonWriter;
import io.mcpush.sdk.model.AssetField;
import io.mcpush.sdk.model.AssetFreshness;
import io.mcpush.sdk.model.AssetMetadata;
import io.mcpush.sdk.model.AssetVolume;
import io.mcpush.sdk.model.ColumnLineageField;
import io.mcpush.sdk.model.ColumnLineageSourceField;
import io.mcpush.sdk.model.LineageAssetRef;
import io.mcpush.sdk.model.LineageEvent;
import io.mcpush.sdk.model.QueryLogEntry;
import io.mcpush.sdk.model.RelationalAsset;
import io.mcpush.sdk.model.Tag;
import io.mcpush.sdk.model.WireEvent;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EmulatorIT {
    private Emulator emulator;
    private Gateway gateway;

    @BeforeEach
    void start() {
        emulator = Emulator.start(EmulatorConfig.builder()
                .key(new IngestKey(ID, TOKEN))
                .key(new IngestKey("restricted", "other-token", Set.of("allowed-uuid")))
                .build());
        gateway = new Gateway(emulator);
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void listensOnLoopbackAtTheChosenPort() {
        assertThat(emulator.port()).isPositive();
        assertThat(emulator.baseUrl().toString()).isEqualTo("http://127.0.0.1:" + emulator.port());
    }

    @Test
    void acceptsSdkShapedMetadataWith202AndAnInvocationIdAndStoresIt() throws Exception {
        Instant before = Instant.now();
        String body = metadata(ORDERS, "{'type': 'VIEW', 'metadata': {'name': 'V', 'database': 'SALES', 'schema': 'CORE',"
                + " 'view_query': 'select 1'}, 'tags': [{'key': 'pii'}], 'fields': [{'name': 'A', 'type': 'NUMBER'}],"
                + " 'volume': {}, 'freshness': {'last_update_time': '2026-11-25T10:00:00+00:00'}}");

        HttpResponse<String> response = gateway.post("/ingest/v1/metadata", body);

        assertThat(response.statusCode()).isEqualTo(202);
        String invocationId = json(response).path("invocation_id").asText();
        assertThat(UUID.fromString(invocationId)).isNotNull();
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(emulator.accepted()).singleElement().satisfies(r -> {
            assertThat(r.invocationId()).isEqualTo(invocationId);
            assertThat(r.path()).isEqualTo("/ingest/v1/metadata");
            assertThat(r.eventType()).isEqualTo("METADATA");
            assertThat(r.resourceUuid()).isEqualTo(RESOURCE);
            assertThat(r.resourceValue()).isEqualTo("snowflake");
            assertThat(r.eventCount()).isEqualTo(2);
            assertThat(r.compressedBytes()).isEqualTo(-1);
            assertThat(r.receivedAt()).isAfterOrEqualTo(before.minusMillis(1));
            assertThat(r.body()).isEqualTo(Gateway.MAPPER.readTree(body));
        });
        assertThat(emulator.acceptedEventCount()).isEqualTo(2);
        assertThat(emulator.receivedCount()).isEqualTo(1);
    }

    @Test
    void acceptsTableLineageColumnLineageAndQueryLogs() throws Exception {
        String column = "{'destination': {'type': 'TABLE', 'name': 'F', 'database': 'D', 'schema': 'S', 'asset_id': 'd1'},"
                + " 'sources': [{'type': 'TABLE', 'name': 'O', 'database': 'D', 'schema': 'S', 'asset_id': 's1'},"
                + " {'type': 'WILDCARD', 'name': '*', 'database': 'D', 'schema': 'S'}],"
                + " 'fields': [{'name': 'X', 'source_fields': [{'asset_id': 's1', 'field_name': 'Y'}]}]}";
        String failedQuery = "{'start_time': '2026-11-25T08:01:00Z', 'end_time': '2026-11-25T08:01:00.300000Z',"
                + " 'query_text': 'select * from M', 'query_id': 'q1', 'user': 'ANALYST', 'error_code': 2003,"
                + " 'error_text': 'Object does not exist', 'returned_rows': 0, 'extra': {'warehouse_name': 'WH', 'x': null}}";

        assertThat(gateway.post("/ingest/v1/lineage", lineage("LINEAGE", TABLE_EDGE)).statusCode()).isEqualTo(202);
        assertThat(gateway.post("/ingest/v1/lineage", lineage("COLUMN_LINEAGE", column, TABLE_EDGE)).statusCode())
                .isEqualTo(202);
        assertThat(gateway.post("/ingest/v1/querylogs", queryLogs("hive-s3", QUERY, failedQuery)).statusCode())
                .isEqualTo(202);

        assertThat(emulator.accepted()).extracting(StoredRequest::eventType, StoredRequest::resourceValue,
                StoredRequest::eventCount).containsExactly(
                org.assertj.core.groups.Tuple.tuple("LINEAGE", "snowflake", 1),
                org.assertj.core.groups.Tuple.tuple("COLUMN_LINEAGE", "snowflake", 2),
                org.assertj.core.groups.Tuple.tuple("QUERY_LOG", "hive-s3", 2));
        assertThat(emulator.acceptedEventCount()).isEqualTo(5);
    }

    @Test
    void acceptsWhatTheSdkWireModelWrites() throws Exception {
        RelationalAsset asset = new RelationalAsset("TABLE", new AssetMetadata("ORDERS", "SALES", "CORE"),
                List.of(new Tag("domain", "sales")), List.of(new AssetField("ID", "NUMBER")),
                new AssetVolume(10L, 2048L), new AssetFreshness("2026-11-25T10:00:00Z"));
        LineageEvent edge = new LineageEvent(
                new LineageAssetRef("TABLE", "F", "D", "S", "d"),
                List.of(new LineageAssetRef("VIEW", "O", "D", "S", "s")),
                List.of(new ColumnLineageField("X", List.of(new ColumnLineageSourceField("s", "Y")))));
        QueryLogEntry query = new QueryLogEntry(Instant.parse("2026-11-25T08:00:00.123456789Z"),
                Instant.parse("2026-11-25T08:00:01Z"), "select 'é'", "q", null, "E1", null, 3L,
                Map.of("bytes_scanned", 5));

        assertThat(gateway.post("/ingest/v1/metadata", sdkBody(EventType.METADATA, "snowflake", asset))
                .statusCode()).isEqualTo(202);
        assertThat(gateway.post("/ingest/v1/lineage", sdkBody(EventType.COLUMN_LINEAGE, "snowflake", edge))
                .statusCode()).isEqualTo(202);
        assertThat(gateway.post("/ingest/v1/lineage", sdkBody(EventType.LINEAGE, "snowflake", edge.tableLevel()))
                .statusCode()).isEqualTo(202);
        HttpResponse<String> logs = gateway.post("/ingest/v1/querylogs", sdkBody(EventType.QUERY_LOG, "snowflake", query));
        assertThat(logs.statusCode()).as(logs.body()).isEqualTo(202);
    }

    private static String sdkBody(EventType type, String resourceValue, WireEvent event) {
        PyJsonWriter out = new PyJsonWriter();
        type.writePrefix(out, RESOURCE, resourceValue);
        type.writeEvent(out, event);
        EventType.writeSuffix(out);
        return new String(out.toByteArray(), StandardCharsets.UTF_8);
    }

    @Test
    void answers401WithoutCredentialHeaders() throws Exception {
        HttpResponse<String> response = gateway.post("/ingest/v1/metadata",
                metadata(ORDERS).getBytes(StandardCharsets.UTF_8), null, null, Duration.ofSeconds(5));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(message(response)).contains("x-mcd-id").contains("x-mcd-token");
        assertThat(emulator.accepted()).isEmpty();
    }

    @Test
    void answers401ForAWrongTokenWithoutEchoingIt() throws Exception {
        HttpResponse<String> response = gateway.post("/ingest/v1/metadata",
                metadata(ORDERS).getBytes(StandardCharsets.UTF_8), ID, "wrong-token-xyz", Duration.ofSeconds(5));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).doesNotContain("wrong-token-xyz").doesNotContain(TOKEN);
        assertThat(emulator.accepted()).isEmpty();
    }

    @Test
    void answers401ForAnUnknownKeyId() throws Exception {
        HttpResponse<String> response = gateway.post("/ingest/v1/metadata",
                metadata(ORDERS).getBytes(StandardCharsets.UTF_8), "nobody", TOKEN, Duration.ofSeconds(5));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).doesNotContain(TOKEN);
    }

    @Test
    void checksAuthenticationBeforeTheBody() throws Exception {
        HttpResponse<String> response = gateway.post("/ingest/v1/metadata",
                "not json".getBytes(StandardCharsets.UTF_8), ID, "wrong", Duration.ofSeconds(5));

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void answers403WhenTheKeyMayNotPushToTheResource() throws Exception {
        HttpResponse<String> response = gateway.post("/ingest/v1/metadata",
                metadata(ORDERS).getBytes(StandardCharsets.UTF_8), "restricted", "other-token", Duration.ofSeconds(5));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(message(response)).isEqualTo("key 'restricted' may not push to resource '" + RESOURCE + "'");
        assertThat(response.body()).doesNotContain("other-token");
        assertThat(emulator.accepted()).isEmpty();
    }

    @Test
    void acceptsARestrictedKeyOnItsOwnResource() throws Exception {
        HttpResponse<String> response = gateway.post("/ingest/v1/metadata",
                metadata(ORDERS).replace(RESOURCE, "allowed-uuid").getBytes(StandardCharsets.UTF_8),
                "restricted", "other-token", Duration.ofSeconds(5));

        assertThat(response.statusCode()).isEqualTo(202);
    }

    @Test
    void answers413WhenTheGzippedBodyExceedsTheLimit() throws Exception {
        try (Emulator small = Emulator.start(EmulatorConfig.builder().key(new IngestKey(ID, TOKEN))
                .maxCompressedBytes(2_000).build())) {
            Gateway client = new Gateway(small);
            byte[] noise = new byte[3_000];
            new Random(1).nextBytes(noise);
            String text = java.util.Base64.getEncoder().encodeToString(noise);
            String big = queryLogs("snowflake", QUERY.replace("select 1", text));
            // Highly compressible text of the same raw size fits: the limit is on the gzip size.
            String compressible = queryLogs("snowflake", QUERY.replace("select 1", "x".repeat(text.length())));

            HttpResponse<String> rejected = client.post("/ingest/v1/querylogs", big);
            HttpResponse<String> accepted = client.post("/ingest/v1/querylogs", compressible);

            assertThat(rejected.statusCode()).isEqualTo(413);
            assertThat(message(rejected)).contains("gzip-compressed").contains("2000-byte limit");
            assertThat(accepted.statusCode()).isEqualTo(202);
            assertThat(small.accepted()).singleElement().satisfies(r -> {
                long expected = Emulator.gzipSize(compressible.getBytes(StandardCharsets.UTF_8));
                assertThat(r.compressedBytes()).isEqualTo(expected).isLessThan(2_000);
            });
        }
    }

    @Test
    void answers400ForABodyThatIsNotJson() throws Exception {
        HttpResponse<String> response = gateway.post("/ingest/v1/metadata", "{\"event_type\": ");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(message(response)).startsWith("request body is not valid JSON");
    }

    @Test
    void answers400ForABodyThatIsNotUtf8() throws Exception {
        byte[] latin1 = metadata(ORDERS).replace("ORDERS", "ÖRDERS").getBytes(StandardCharsets.ISO_8859_1);

        HttpResponse<String> response = gateway.post("/ingest/v1/metadata", latin1, ID, TOKEN, Duration.ofSeconds(5));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(message(response)).startsWith("request body is not UTF-8 JSON: invalid UTF-8");
    }

    @Test
    void answers400ForUtf16Json() throws Exception {
        byte[] utf16 = metadata(ORDERS).getBytes(StandardCharsets.UTF_16LE);

        HttpResponse<String> response = gateway.post("/ingest/v1/metadata", utf16, ID, TOKEN, Duration.ofSeconds(5));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(message(response)).contains("NUL byte");
    }

    @Test
    void answers400ForAJsonValueThatIsNotAnObject() throws Exception {
        HttpResponse<String> response = gateway.post("/ingest/v1/metadata", "[" + metadata(ORDERS) + "]");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(message(response)).isEqualTo("the request body must be a JSON object, got an array");
    }

    @Test
    void answers400ForDuplicateKeys() throws Exception {
        String body = metadata(ORDERS).replace("'snowflake'".replace('\'', '"'),
                q("'snowflake', 'resource_type': 'bigquery'"));

        HttpResponse<String> response = gateway.post("/ingest/v1/metadata", body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(message(response)).contains("Duplicate field 'resource_type'");
    }

    @Test
    void answers400ForAGzippedBody() throws Exception {
        HttpResponse<String> response = gatewayWithHeader("Content-Encoding", "gzip");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(message(response)).contains("Content-Encoding 'gzip' is not accepted");
    }

    private HttpResponse<String> gatewayWithHeader(String name, String value) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        return http.send(java.net.http.HttpRequest.newBuilder(emulator.baseUrl().resolve("/ingest/v1/metadata"))
                .header("x-mcd-id", ID).header("x-mcd-token", TOKEN).header(name, value)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(metadata(ORDERS))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void answers404ForUnknownPaths() throws Exception {
        HttpResponse<String> response = gateway.post("/ingest/v1/etl/runs", metadata(ORDERS));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(message(response)).startsWith("no endpoint at /ingest/v1/etl/runs");
    }

    @Test
    void answers405ForOtherMethods() throws Exception {
        HttpResponse<String> response = gateway.send("GET", "/ingest/v1/metadata");

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("POST");
        assertThat(message(response)).isEqualTo("GET is not allowed on /ingest/v1/metadata; use POST");
    }

    @Test
    void countsEveryRequestButStoresOnlyAcceptedOnes() throws Exception {
        gateway.post("/ingest/v1/metadata", metadata(ORDERS));
        gateway.post("/nowhere", "{}");
        gateway.send("GET", "/ingest/v1/lineage");
        gateway.post("/ingest/v1/metadata", metadata(ORDERS).getBytes(StandardCharsets.UTF_8), null, null,
                Duration.ofSeconds(5));

        assertThat(emulator.receivedCount()).isEqualTo(4);
        assertThat(emulator.accepted()).hasSize(1);
    }

    @Test
    void servesConcurrentClients() throws Exception {
        List<Thread> threads = new java.util.ArrayList<>();
        java.util.concurrent.atomic.AtomicInteger ok = new java.util.concurrent.atomic.AtomicInteger();
        for (int t = 0; t < 8; t++) {
            threads.add(started(() -> {
                for (int i = 0; i < 25; i++) {
                    try {
                        if (gateway.post("/ingest/v1/metadata", metadata(ORDERS, ORDERS)).statusCode() == 202) {
                            ok.incrementAndGet();
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }

        assertThat(ok.get()).isEqualTo(200);
        assertThat(emulator.accepted()).hasSize(200);
        assertThat(emulator.acceptedEventCount()).isEqualTo(400);
        assertThat(emulator.accepted()).extracting(StoredRequest::invocationId).doesNotHaveDuplicates();
    }

    private static Thread started(Runnable body) {
        Thread t = new Thread(body);
        t.start();
        return t;
    }
}
