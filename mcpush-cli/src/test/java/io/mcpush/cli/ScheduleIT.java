package io.mcpush.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcpush.sdk.Flow;
import io.mcpush.sdk.Timestamps;
import io.mcpush.sdk.pipeline.PushHistory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Running mcpush on a schedule, through the real CLI against the emulator and a real DuckDB
 * file: the hourly cadence guard for metadata, the push history and {@code status}.
 */
class ScheduleIT {
    @TempDir
    Path dir;

    private TestGateway gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>(Cli.env(gateway));
        env.put("MCD_RESOURCE_UUID", Manifests.UUID);
        return env;
    }

    private Cli.Run runMetadata(Path warehouse, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("run", "metadata", "--source", "duckdb",
                "--database-file", warehouse.toString(), "--state-dir", dir.resolve("state").toString()));
        args.addAll(List.of(extra));
        return SourceCli.run(env(), args.toArray(String[]::new));
    }

    @Test
    void aSecondMetadataRunWithinTheHourIsRefusedUnlessForced() {
        gateway = TestGateway.start();
        Path warehouse = ShopWarehouse.create(dir.resolve("shop.duckdb"));

        Cli.Run first = runMetadata(warehouse);
        int stored = gateway.accepted().size();
        Cli.Run second = runMetadata(warehouse);

        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(second.exitCode()).as(second.toString()).isEqualTo(2);
        assertThat(second.all()).contains("--force").contains("nothing was collected or sent");
        assertThat(gateway.accepted()).hasSize(stored);
        assertThat(second.all()).doesNotContain("collecting metadata");

        Cli.Run forced = runMetadata(warehouse, "--force");

        assertThat(forced.exitCode()).as(forced.toString()).isZero();
        assertThat(gateway.accepted().size()).isGreaterThan(stored);
    }

    @Test
    void statusCountsTwoCompleteMetadataPushes() {
        gateway = TestGateway.start();
        Path warehouse = ShopWarehouse.create(dir.resolve("shop.duckdb"));
        Instant before = Instant.now();
        assertThat(runMetadata(warehouse).exitCode()).isZero();
        assertThat(runMetadata(warehouse, "--force").exitCode()).isZero();

        Cli.Run status = Cli.run(Map.of(), "status", "--state-dir", dir.resolve("state").toString(), "--json");

        assertThat(status.exitCode()).as(status.toString()).isZero();
        JsonNode list = Manifests.JSON.valueToTree(readJson(status.out()));
        assertThat(list.isArray()).isTrue();
        JsonNode metadata = null;
        for (JsonNode o : list) {
            if ("metadata".equals(o.path("flow").asText())) {
                metadata = o;
            }
        }
        assertThat(metadata).as(status.out()).isNotNull();
        assertThat(metadata.path("resource_uuid").asText()).isEqualTo(Manifests.UUID);
        assertThat(metadata.path("pushes").asLong()).isEqualTo(2);
        assertThat(Timestamps.parseZoned(metadata.path("last_push_at").asText())).isAfter(before);
        assertThat(metadata.path("readiness").path("freshness").path("have").asLong()).isEqualTo(2);
        assertThat(metadata.path("readiness").path("freshness").path("ready").asBoolean()).isFalse();
        assertThat(metadata.path("warnings").toString()).contains("more often than hourly");

        Cli.Run text = Cli.run(Map.of(), "status", "--state-dir", dir.resolve("state").toString());
        assertThat(text.out()).contains(Manifests.UUID + " metadata: 2 pushes").contains("2 of 7 pushes");
    }

    @Test
    void pushingAManifestCollectedWithinTheHourWarnsButPushingTheSameOneAgainDoesNot() throws Exception {
        gateway = TestGateway.start();
        Path warehouse = ShopWarehouse.create(dir.resolve("shop.duckdb"));
        Path first = dir.resolve("m1.jsonl");
        Path second = dir.resolve("m2.jsonl");
        for (Path out : List.of(first, second)) {
            Cli.Run collect = SourceCli.run(env(), "collect", "metadata", "--source", "duckdb", "--database-file",
                    warehouse.toString(), "--out", out.toString());
            assertThat(collect.exitCode()).as(collect.toString()).isZero();
        }
        String state = dir.resolve("state").toString();

        Cli.Run one = Cli.run(env(), "push", "metadata", "--manifest", first.toString(), "--state-dir", state);
        Cli.Run again = Cli.run(env(), "push", "metadata", "--manifest", first.toString(), "--state-dir", state,
                "--again");
        Cli.Run two = Cli.run(env(), "push", "metadata", "--manifest", second.toString(), "--state-dir", state);

        assertThat(one.exitCode()).isZero();
        assertThat(one.all()).doesNotContain("warning: this manifest was collected");
        assertThat(again.exitCode()).isZero();
        assertThat(again.all()).doesNotContain("warning: this manifest was collected");
        assertThat(two.exitCode()).as(two.toString()).isZero();
        assertThat(two.err()).contains("warning: this manifest was collected").contains("at most once an hour");
        List<PushHistory.Entry> history = new PushHistory(dir.resolve("state").resolve("history"))
                .read(Manifests.UUID, Flow.METADATA);
        assertThat(history).hasSize(3);
        assertThat(history.get(0).invocationIds()).isNotEmpty();
        assertThat(Files.exists(dir.resolve("state").resolve("history"))).isTrue();
    }

    private static Object readJson(String text) {
        try {
            return Manifests.JSON.readValue(text, Object.class);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
