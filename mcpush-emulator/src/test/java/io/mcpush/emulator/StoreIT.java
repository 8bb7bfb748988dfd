package io.mcpush.emulator;

import static io.mcpush.emulator.Gateway.ID;
import static io.mcpush.emulator.Gateway.ORDERS;
import static io.mcpush.emulator.Gateway.QUERY;
import static io.mcpush.emulator.Gateway.TOKEN;
import static io.mcpush.emulator.Gateway.metadata;
import static io.mcpush.emulator.Gateway.queryLogs;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreIT {
    @TempDir
    Path dir;

    private Emulator start(boolean retainBodies) {
        return Emulator.start(EmulatorConfig.builder().key(new IngestKey(ID, TOKEN)).storeDir(dir)
                .retainBodies(retainBodies).build());
    }

    @Test
    void acceptedRequestsSurviveARestart() throws Exception {
        List<StoredRequest> before;
        try (Emulator emulator = start(true)) {
            Gateway gateway = new Gateway(emulator);
            gateway.post("/ingest/v1/metadata", metadata(ORDERS, ORDERS));
            gateway.post("/ingest/v1/querylogs", queryLogs("snowflake", QUERY));
            gateway.post("/ingest/v1/querylogs", queryLogs("postgres", QUERY));
            before = emulator.accepted();
        }

        try (Emulator emulator = start(true)) {
            assertThat(emulator.accepted()).isEqualTo(before).hasSize(2);
            assertThat(emulator.acceptedEventCount()).isEqualTo(3);
            assertThat(emulator.receivedCount()).isZero();

            new Gateway(emulator).post("/ingest/v1/metadata", metadata(ORDERS));

            assertThat(emulator.accepted()).hasSize(3).startsWith(before.toArray(StoredRequest[]::new));
        }
        assertThat(Files.readAllLines(dir.resolve("requests.jsonl"))).hasSize(3);
    }

    @Test
    void withoutRetainedBodiesKeepsOnlySummariesInMemory() throws Exception {
        try (Emulator emulator = Emulator.start(EmulatorConfig.builder().key(new IngestKey(ID, TOKEN))
                .retainBodies(false).build())) {
            new Gateway(emulator).post("/ingest/v1/metadata", metadata(ORDERS, ORDERS, ORDERS));

            assertThat(emulator.accepted()).singleElement().satisfies(r -> {
                assertThat(r.body()).isNull();
                assertThat(r.eventCount()).isEqualTo(3);
                assertThat(r.eventType()).isEqualTo("METADATA");
            });
            assertThat(emulator.acceptedEventCount()).isEqualTo(3);
        }
    }

    @Test
    void withoutRetainedBodiesStillWritesBodiesToTheStoreButLoadsSummaries() throws Exception {
        try (Emulator emulator = start(false)) {
            new Gateway(emulator).post("/ingest/v1/metadata", metadata(ORDERS));
            assertThat(emulator.accepted().get(0).body()).isNull();
        }
        assertThat(Files.readString(dir.resolve("requests.jsonl"))).contains("\"body\":{\"event_type\":\"METADATA\"");

        try (Emulator emulator = start(true)) {
            assertThat(emulator.accepted().get(0).body().path("events").size()).isEqualTo(1);
        }
        try (Emulator emulator = start(false)) {
            assertThat(emulator.accepted().get(0).body()).isNull();
        }
    }

    @Test
    void skipsALineCutShortByACrashAndKeepsAppending() throws Exception {
        try (Emulator emulator = start(true)) {
            new Gateway(emulator).post("/ingest/v1/metadata", metadata(ORDERS));
        }
        Files.writeString(dir.resolve("requests.jsonl"), "{\"invocation_id\": \"cut", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);

        try (Emulator emulator = start(true)) {
            assertThat(emulator.accepted()).hasSize(1);
            new Gateway(emulator).post("/ingest/v1/metadata", metadata(ORDERS));
        }
        try (Emulator emulator = start(true)) {
            assertThat(emulator.accepted()).hasSize(2);
        }
    }
}
