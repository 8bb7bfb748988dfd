package io.mcpush.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcpush.sdk.Flow;
import io.mcpush.sdk.manifest.ManifestEvent;
import io.mcpush.sdk.manifest.ManifestReader;
import io.mcpush.sdk.model.RelationalAsset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code collect}, {@code run} and {@code sources} against a real DuckDB file and the emulator. */
class CollectAndRunIT {
    @TempDir
    Path dir;

    private Path warehouse;
    private TestGateway gateway;

    @BeforeEach
    void createWarehouse() {
        warehouse = ShopWarehouse.create(dir.resolve("shop.duckdb"));
    }

    @AfterEach
    void stopGateway() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private Cli.Run run(Map<String, String> env, String... args) {
        return SourceCli.run(env, args);
    }

    private Map<String, String> pushEnv() {
        Map<String, String> env = new LinkedHashMap<>(Cli.env(gateway));
        env.put("MCD_RESOURCE_UUID", Manifests.UUID);
        return env;
    }

    private static List<String> names(Path manifest) {
        List<String> out = new ArrayList<>();
        try (ManifestReader reader = ManifestReader.open(manifest)) {
            ManifestEvent e;
            while ((e = reader.next()) != null) {
                RelationalAsset a = (RelationalAsset) e.event();
                out.add(a.metadata().schema() + "." + a.metadata().name());
            }
        }
        return out;
    }

    @Test
    void collectWritesAManifestThatTheReaderAccepts() {
        Path out = dir.resolve("metadata.jsonl.gz");

        Cli.Run r = run(Map.of(), "collect", "metadata", "--source", "duckdb", "--database-file", warehouse.toString(),
                "--out", out.toString(), "--state-dir", dir.resolve("state").toString());

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("collected metadata: 6 events in " + out);
        try (ManifestReader reader = ManifestReader.open(out)) {
            assertThat(reader.header().flow()).isEqualTo(Flow.METADATA);
            assertThat(reader.header().resourceType()).isEqualTo("duckdb");
            assertThat(reader.header().collectedAt()).endsWith("Z");
            assertThat(reader.header().source()).containsEntry("type", "duckdb")
                    .containsEntry("id", "jdbc:duckdb:" + warehouse.toAbsolutePath());
            assertThat(reader.header().windowStart()).isNull();
        }
        assertThat(names(out)).containsExactlyInAnyOrderElementsOf(ShopWarehouse.RELATIONS);
        assertThat(dir.resolve("state")).doesNotExist();
    }

    @Test
    void collectedManifestPushesWithPush() {
        gateway = TestGateway.start();
        Path out = dir.resolve("metadata.jsonl");
        assertThat(run(Map.of(), "collect", "metadata", "--source", "duckdb", "--jdbc-url",
                "jdbc:duckdb:" + warehouse, "--out", out.toString()).exitCode()).isZero();

        Cli.Run push = Cli.run(pushEnv(), "push", "metadata", "--manifest", out.toString(),
                "--state-dir", dir.resolve("state").toString());

        assertThat(push.exitCode()).as(push.toString()).isZero();
        assertThat(gateway.metadataNames()).containsExactlyInAnyOrder("orders", "customers", "order totals",
                "Stg \"Orders\"", "select", "v.dotted");
    }

    @Test
    void runMetadataPushesEveryTableAndWritesTheResultFile() {
        gateway = TestGateway.start();
        Path result = dir.resolve("run.push.json");

        Cli.Run r = run(pushEnv(), "run", "metadata", "--source", "duckdb", "--database-file", warehouse.toString(),
                "--result", result.toString(), "--state-dir", dir.resolve("state").toString());

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(gateway.metadataNames()).containsExactlyInAnyOrder("orders", "customers", "order totals",
                "Stg \"Orders\"", "select", "v.dotted");
        assertThat(gateway.accepted()).allSatisfy(req -> assertThat(req.resourceValue()).isEqualTo("duckdb"));
        JsonNode json = Manifests.readJson(result);
        assertThat(json.path("flow").asText()).isEqualTo("metadata");
        assertThat(json.path("status").asText()).isEqualTo("complete");
        assertThat(json.path("events").asLong()).isEqualTo(6);
        assertThat(json.path("source").path("type").asText()).isEqualTo("duckdb");
        assertThat(json.path("warnings")).isEmpty();
        List<String> ids = Manifests.texts(json.path("invocation_ids"));
        assertThat(ids).isNotEmpty().allSatisfy(id -> assertThat(r.out()).contains("invocation_id " + id));
        assertThat(ids).containsExactlyElementsOf(gateway.accepted().stream().map(a -> a.invocationId()).toList());
        JsonNode orders = gateway.events("METADATA").stream()
                .map(e -> e.get("relational_asset"))
                .filter(a -> a.get("metadata").get("name").asText().equals("orders")).findFirst().orElseThrow();
        assertThat(orders.path("volume").path("row_count").asLong()).isEqualTo(3);
        assertThat(orders.path("metadata").path("description").asText()).isEqualTo("one row per order");
        assertThat(orders.path("fields").get(2).path("type").asText()).isEqualTo("DECIMAL(10,2)");
    }

    @Test
    void runAlsoWritesTheManifestWhenAskedTo() {
        gateway = TestGateway.start();
        Path out = dir.resolve("m.jsonl");

        Cli.Run r = run(pushEnv(), "run", "metadata", "--source", "duckdb", "--database-file", warehouse.toString(),
                "--out", out.toString(), "--state-dir", dir.resolve("state").toString());

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(names(out)).containsExactlyInAnyOrderElementsOf(ShopWarehouse.RELATIONS);
        assertThat(dir.resolve("m.jsonl.push.json")).exists();
    }

    @Test
    void filtersLimitWhatIsCollectedAndPushed() {
        gateway = TestGateway.start();

        Cli.Run r = run(pushEnv(), "run", "metadata", "--source", "duckdb", "--database-file", warehouse.toString(),
                "--include-schema", "staging", "--exclude-table", ".*\\..*", "--state-dir", dir.resolve("state").toString());

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(gateway.metadataNames()).containsExactlyInAnyOrder("Stg \"Orders\"", "select");
    }

    @Test
    void onlyFreshnessAndVolumeSendsNoColumns() {
        Path out = dir.resolve("m.jsonl");

        Cli.Run r = run(Map.of(), "collect", "metadata", "--source", "duckdb", "--database-file", warehouse.toString(),
                "--only-freshness-and-volume", "--out", out.toString());

        assertThat(r.exitCode()).as(r.toString()).isZero();
        try (ManifestReader reader = ManifestReader.open(out)) {
            ManifestEvent e;
            int n = 0;
            while ((e = reader.next()) != null) {
                assertThat(((RelationalAsset) e.event()).fields()).isEmpty();
                n++;
            }
            assertThat(n).isEqualTo(6);
        }
    }

    @Test
    void missingSourceOptionExitsTwoAndSendsNothing() {
        gateway = TestGateway.start();

        Cli.Run r = run(pushEnv(), "run", "metadata", "--source", "duckdb", "--state-dir", dir.resolve("s").toString());

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("--jdbc-url").contains("--database-file");
        assertThat(gateway.received()).isZero();
    }

    @Test
    void unknownSourceAndUnknownOptionsExitTwo() {
        Cli.Run unknown = run(Map.of(), "collect", "metadata", "--source", "oracle", "--out", dir.resolve("x").toString());
        Cli.Run foreign = run(Map.of(), "collect", "metadata", "--source", "duckdb", "--database-file",
                warehouse.toString(), "--history-name", "x", "--out", dir.resolve("x").toString());

        assertThat(unknown.exitCode()).as(unknown.toString()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown source 'oracle'").contains("duckdb");
        assertThat(foreign.exitCode()).as(foreign.toString()).isEqualTo(2);
        assertThat(foreign.err()).contains("--history-name is not an option of source duckdb");
        assertThat(dir.resolve("x")).doesNotExist();
    }

    @Test
    void aFlowTheSourceCannotCollectExitsTwo() {
        Cli.Run r = run(Map.of(), "collect", "query-logs", "--source", "duckdb", "--database-file",
                warehouse.toString(), "--out", dir.resolve("q.jsonl").toString());

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("source duckdb cannot collect query-logs");
    }

    @Test
    void unreachableDatabaseExitsOneWithOneLineNamingHostDatabaseAndCause() {
        gateway = TestGateway.start();
        Path missing = dir.resolve("no such dir").resolve("gone.duckdb");

        Cli.Run r = run(pushEnv(), "run", "metadata", "--source", "duckdb", "--database-file", missing.toString(),
                "--state-dir", dir.resolve("s").toString());

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        List<String> errorLines = r.err().lines().filter(l -> l.startsWith("error:")).toList();
        assertThat(errorLines).hasSize(1);
        assertThat(errorLines.get(0)).startsWith("error: cannot connect to database " + missing + " on localhost: ");
        assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception:");
        assertThat(gateway.received()).isZero();
    }

    @Test
    void passwordNeverAppearsInOutput() {
        gateway = TestGateway.start();
        String password = "pw-SECRET-31337";
        Map<String, String> env = new LinkedHashMap<>(pushEnv());
        env.put("WAREHOUSE_PASSWORD", password);
        Path missing = dir.resolve("gone").resolve("x.duckdb");

        Cli.Run ok = run(env, "run", "metadata", "--source", "duckdb", "--database-file", warehouse.toString(),
                "--user", "collector", "--password-env", "WAREHOUSE_PASSWORD", "--result", dir.resolve("r.json").toString(),
                "--state-dir", dir.resolve("s").toString());
        Cli.Run failed = run(env, "run", "metadata", "--source", "duckdb", "--jdbc-url",
                "jdbc:duckdb:" + missing + "?password=" + password, "--password-env", "WAREHOUSE_PASSWORD",
                "--state-dir", dir.resolve("s2").toString(), "--debug");
        Cli.Run asValue = run(env, "run", "metadata", "--source", "duckdb", "--database-file", warehouse.toString(),
                "--password", password);

        assertThat(ok.exitCode()).as(ok.toString()).isZero();
        assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
        assertThat(asValue.exitCode()).as(asValue.toString()).isEqualTo(2);
        for (Cli.Run r : List.of(ok, failed, asValue)) {
            assertThat(r.all()).doesNotContain(password);
        }
        assertThat(Manifests.readJson(dir.resolve("r.json")).toString()).doesNotContain(password);
    }

    @Test
    void sourcesListsEverySourceWithCapabilitiesOptionsAndGrants() {
        Cli.Run r = run(Map.of(), "sources");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("duckdb — ").contains("collects: metadata")
                .contains("--jdbc-url URL").contains("--password-env VAR").contains("--database-file FILE")
                .contains("--include-schema REGEX").contains("--only-freshness-and-volume")
                .contains("grants:").contains("no query logs");
        assertThat(r.out()).contains("fake-history — ").contains("collects: query logs");
    }
}
