package io.mcpush.example;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpush.emulator.Emulator;
import io.mcpush.emulator.EmulatorConfig;
import io.mcpush.emulator.IngestKey;
import io.mcpush.emulator.StoredRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example job against the local Monte Carlo emulator, over real HTTP. */
class NightlyJobPushIT {
    private static final String UUID = "4f1c9b2e-6d7a-4e3b-9c21-0d5e8f7a6b10";

    @TempDir
    Path dir;

    @Test
    void theJobsTableAndLineageArriveWithTheirInvocationIds() {
        try (Emulator emulator = Emulator.start(EmulatorConfig.builder().port(0)
                .key(new IngestKey("job-key", "job-secret")).build())) {
            List<String> ids = NightlyJobPush.pushWhatTheJobWrote(emulator.baseUrl(), "job-key", "job-secret", UUID, dir);

            List<StoredRequest> stored = emulator.accepted();
            assertThat(stored).extracting(StoredRequest::eventType).containsExactly("METADATA", "LINEAGE");
            assertThat(ids).containsExactlyElementsOf(stored.stream().map(StoredRequest::invocationId).toList());
            assertThat(stored.get(0).body().at("/events/0/relational_asset/metadata/name").asText())
                    .isEqualTo("daily_orders");
            assertThat(stored.get(1).body().at("/events/0/sources/0/name").asText()).isEqualTo("orders");
            assertThat(Files.exists(dir.resolve("metadata.push.json"))).isTrue();
        }
    }
}
