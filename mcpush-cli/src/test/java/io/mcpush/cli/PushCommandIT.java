package io.mcpush.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcpush.emulator.StoredRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code mcpush push} end to end: the CLI in this JVM, the emulator as the gateway. */
class PushCommandIT {
    @TempDir
    Path dir;

    private TestGateway gateway;

    @BeforeEach
    void startGateway() {
        gateway = TestGateway.start();
    }

    @AfterEach
    void stopGateway() {
        gateway.close();
    }

    private Cli.Run push(String... args) {
        return Cli.run(Cli.env(gateway), args);
    }

    private static long lines(Path manifest) throws IOException {
        return Files.readAllLines(manifest).stream().filter(l -> !l.isBlank()).count();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "metadata, metadata.jsonl, metadata",
            "lineage, lineage.jsonl, lineage",
            "query-logs, query-logs.jsonl, query_logs"})
    void pushesEachSampleManifestAndReportsEveryInvocationId(String flow, String sample, String manifestFlow)
            throws IOException {
        Path manifest = Manifests.example(dir, sample);
        Path result = dir.resolve("result.json");

        Cli.Run run = push("push", flow, "--manifest", manifest.toString(), "--result", result.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<String> issued = gateway.accepted().stream().map(StoredRequest::invocationId).toList();
        assertThat(issued).isNotEmpty();
        assertThat(run.out()).contains(issued);

        JsonNode r = Manifests.readJson(result);
        assertThat(r.path("flow").asText()).isEqualTo(manifestFlow);
        assertThat(r.path("resource_uuid").asText()).isEqualTo(Manifests.UUID);
        assertThat(r.path("events").asLong()).isEqualTo(lines(manifest) - 1);
        assertThat(r.path("status").asText()).isEqualTo("complete");
        List<String> ids = Manifests.texts(r.path("invocation_ids"));
        assertThat(ids).containsExactlyInAnyOrderElementsOf(issued);

        JsonNode batches = r.path("batches");
        assertThat(batches.size()).isEqualTo(issued.size());
        List<String> batchIds = new ArrayList<>();
        for (int i = 0; i < batches.size(); i++) {
            JsonNode b = batches.get(i);
            assertThat(b.path("index").asInt()).isEqualTo(i);
            assertThat(b.path("events").asInt()).isPositive();
            assertThat(b.path("compressed_bytes").isIntegralNumber()).isTrue();
            assertThat(b.path("status").asText()).isEqualTo("acknowledged");
            String id = b.path("invocation_id").asText();
            batchIds.add(id);
            assertThat(gateway.byInvocationId(id).eventCount()).isEqualTo(b.path("events").asInt());
        }
        assertThat(ids).containsExactlyElementsOf(batchIds);
        assertThat(gateway.accepted()).allSatisfy(s -> assertThat(s.resourceUuid()).isEqualTo(Manifests.UUID));
    }

    @Test
    void defaultResultFileSitsBesideTheManifest() {
        Path manifest = Manifests.example(dir, "metadata.jsonl");

        Cli.Run run = push("push", "metadata", "--manifest", manifest.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(dir.resolve("metadata.jsonl.push.json")).isRegularFile();
        assertThat(dir.resolve("metadata.jsonl.push.json.ledger")).isRegularFile();
    }

    @Test
    void listsInvocationIdsInBatchOrder() {
        Path manifest = Manifests.metadata(dir.resolve("m.jsonl"), 10);
        Path result = dir.resolve("r.json");

        Cli.Run run = push("push", "metadata", "--manifest", manifest.toString(), "--result", result.toString(),
                "--max-events", "2", "--concurrency", "1");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<String> ids = Manifests.texts(Manifests.readJson(result).path("invocation_ids"));
        assertThat(ids).hasSize(5);
        // one request at a time: the gateway stored them in batch order
        assertThat(ids).containsExactlyElementsOf(gateway.accepted().stream().map(StoredRequest::invocationId).toList());
        for (int i = 0; i < 5; i++) {
            assertThat(TestGateway.assetNames(gateway.byInvocationId(ids.get(i))))
                    .containsExactly(Manifests.name(2 * i), Manifests.name(2 * i + 1));
        }
        // stdout lists them in the same order
        List<String> printed = run.out().lines().filter(l -> l.startsWith("invocation_id "))
                .map(l -> l.split("\\s+")[1]).toList();
        assertThat(printed).containsExactlyElementsOf(ids);
    }

    @Test
    void columnLineageAlsoGoesAsTableLevelLineageTwins() {
        Path manifest = Manifests.example(dir, "lineage.jsonl");
        Path result = dir.resolve("r.json");

        Cli.Run run = push("push", "lineage", "--manifest", manifest.toString(), "--result", result.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<JsonNode> column = gateway.events("COLUMN_LINEAGE");
        List<JsonNode> table = gateway.events("LINEAGE");
        // the sample holds two column-lineage events and one table-only event
        assertThat(column).hasSize(2).allSatisfy(e -> assertThat(e.has("fields")).isTrue());
        assertThat(table).hasSize(3);
        assertThat(table).allSatisfy(e -> assertThat(e.has("fields")).as("a LINEAGE event carries no fields").isFalse());
        assertThat(table).extracting(e -> e.path("destination").path("name").asText())
                .containsExactlyInAnyOrder("ORDER_FACTS", "V_OPEN_ORDERS", "DAILY_REVENUE");
        for (JsonNode c : column) {
            String destination = c.path("destination").path("name").asText();
            JsonNode twin = table.stream().filter(t -> t.path("destination").path("name").asText().equals(destination))
                    .findFirst().orElseThrow();
            assertThat(twin.path("sources").size()).isEqualTo(c.path("sources").size());
        }
        JsonNode r = Manifests.readJson(result);
        assertThat(r.path("events").asLong()).isEqualTo(3);
        List<String> types = new ArrayList<>();
        r.path("batches").forEach(b -> types.add(b.path("event_type").asText()));
        assertThat(types).contains("COLUMN_LINEAGE", "LINEAGE");
        assertThat(Manifests.texts(r.path("invocation_ids")))
                .containsExactlyInAnyOrderElementsOf(gateway.accepted().stream().map(StoredRequest::invocationId).toList());
    }

    @Test
    void noTableTwinsSendsColumnLineageWithoutTwins() {
        Path manifest = Manifests.example(dir, "lineage.jsonl");

        Cli.Run run = push("push", "lineage", "--manifest", manifest.toString(), "--no-table-twins");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(gateway.events("COLUMN_LINEAGE")).hasSize(2);
        List<JsonNode> table = gateway.events("LINEAGE");
        assertThat(table).hasSize(1);
        assertThat(table.get(0).path("destination").path("name").asText()).isEqualTo("V_OPEN_ORDERS");
        assertThat(table.get(0).has("fields")).isFalse();
    }

    @Test
    void rerunOfACompletedPushSendsNothingAndSaysSo() {
        Path manifest = Manifests.metadata(dir.resolve("m.jsonl"), 12);
        Path result = dir.resolve("r.json");
        String[] args = {"push", "metadata", "--manifest", manifest.toString(), "--result", result.toString(),
                "--max-events", "5"};
        Cli.Run first = push(args);
        assertThat(first.exitCode()).as(first.toString()).isZero();
        int received = gateway.received();
        List<String> firstIds = Manifests.texts(Manifests.readJson(result).path("invocation_ids"));

        Cli.Run rerun = push(args);

        assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
        assertThat(gateway.received()).isEqualTo(received);
        assertThat(rerun.out()).contains("nothing sent").contains("already pushed");
        JsonNode r = Manifests.readJson(result);
        assertThat(Manifests.texts(r.path("invocation_ids"))).containsExactlyElementsOf(firstIds);
        assertThat(r.path("requests_sent").asInt()).isZero();
        r.path("batches").forEach(b -> assertThat(b.path("status").asText()).isEqualTo("resumed"));
        assertThat(rerun.out()).contains(firstIds);
    }

    @Test
    void againPushesEverythingAnew() {
        Path manifest = Manifests.metadata(dir.resolve("m.jsonl"), 12);
        Path result = dir.resolve("r.json");
        String[] args = {"push", "metadata", "--manifest", manifest.toString(), "--result", result.toString(),
                "--max-events", "5"};
        assertThat(push(args).exitCode()).isZero();
        List<String> firstIds = Manifests.texts(Manifests.readJson(result).path("invocation_ids"));
        assertThat(gateway.received()).isEqualTo(3);

        List<String> withAgain = new ArrayList<>(List.of(args));
        withAgain.add("--again");
        Cli.Run again = push(withAgain.toArray(String[]::new));

        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(gateway.received()).isEqualTo(6);
        List<String> ids = Manifests.texts(Manifests.readJson(result).path("invocation_ids"));
        assertThat(ids).hasSize(3).doesNotContainAnyElementsOf(firstIds);
        assertThat(gateway.metadataNameCounts().values()).containsOnly(2);
    }

    @ParameterizedTest(name = "flag={0} env={1} -> {2}")
    @CsvSource({
            "11111111-1111-1111-1111-111111111111, 22222222-2222-2222-2222-222222222222, 11111111-1111-1111-1111-111111111111",
            ",                                     22222222-2222-2222-2222-222222222222, 22222222-2222-2222-2222-222222222222",
            ",                                     ,                                     4f1c9b2e-6d7a-4e3b-9c21-0d5e8f7a6b10"})
    void resourceUuidComesFromTheFlagThenTheEnvironmentThenTheHeader(String flag, String env, String expected) {
        Path manifest = Manifests.example(dir, "metadata.jsonl");
        Path result = dir.resolve("r.json");
        Map<String, String> environment = new java.util.HashMap<>(Cli.env(gateway));
        if (env != null) {
            environment.put("MCD_RESOURCE_UUID", env);
        }
        List<String> args = new ArrayList<>(List.of("push", "metadata", "--manifest", manifest.toString(),
                "--result", result.toString()));
        if (flag != null) {
            args.add("--resource-uuid");
            args.add(flag);
        }

        Cli.Run run = Cli.run(environment, args.toArray(String[]::new));

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(gateway.accepted()).isNotEmpty()
                .allSatisfy(s -> assertThat(s.resourceUuid()).isEqualTo(expected));
        assertThat(Manifests.readJson(result).path("resource_uuid").asText()).isEqualTo(expected);
    }
}
