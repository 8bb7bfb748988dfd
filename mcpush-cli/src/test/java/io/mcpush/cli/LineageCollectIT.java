package io.mcpush.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcpush.emulator.Emulator;
import io.mcpush.emulator.EmulatorConfig;
import io.mcpush.emulator.GraphqlKey;
import io.mcpush.emulator.IngestKey;
import io.mcpush.emulator.StoredRequest;
import io.mcpush.sdk.Flow;
import io.mcpush.sdk.manifest.ManifestEvent;
import io.mcpush.sdk.manifest.ManifestReader;
import io.mcpush.sdk.model.ColumnLineageField;
import io.mcpush.sdk.model.ColumnLineageSourceField;
import io.mcpush.sdk.model.LineageAssetRef;
import io.mcpush.sdk.model.LineageEvent;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lineage flow of {@code collect} and {@code run} on a real DuckDB file whose views are
 * derived from the SQL lineage engine: a {@code select *} view, a view over that view, and a view
 * with a CTE and a join whose unqualified names DuckDB binds in {@code main}.
 */
class LineageCollectIT {
    private static final String API_ID = "lineage-api-key";
    private static final String API_TOKEN = "api-SECRET-lineage";

    @TempDir
    Path dir;

    private Path warehouse;
    private Emulator emulator;

    @BeforeEach
    void createWarehouse() throws SQLException {
        warehouse = dir.resolve("shop.duckdb");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + warehouse.toAbsolutePath());
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE orders (id INTEGER, customer_id INTEGER, amount DECIMAL(10,2), created DATE)");
            s.execute("CREATE TABLE Customers (ID INTEGER, Name VARCHAR, Country VARCHAR)");
            s.execute("CREATE SCHEMA staging");
            s.execute("CREATE SCHEMA mart");
            s.execute("CREATE VIEW staging.\"Stg Orders\" AS SELECT * FROM main.orders");
            s.execute("CREATE VIEW mart.big_orders AS SELECT id, amount AS order_amount FROM staging.\"Stg Orders\" "
                    + "WHERE amount > 10");
            s.execute("CREATE VIEW mart.customer_totals AS WITH t AS (SELECT customer_id, sum(amount) AS total "
                    + "FROM orders GROUP BY customer_id) SELECT c.name AS customer, c.country, t.total "
                    + "FROM t JOIN customers c ON c.id = t.customer_id");
        }
    }

    @AfterEach
    void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }

    private Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("MCD_INGEST_ID", TestGateway.KEY_ID);
        env.put("MCD_INGEST_TOKEN", TestGateway.TOKEN);
        env.put("MCD_INGEST_ENDPOINT", emulator.baseUrl().toString());
        env.put("MCD_ID", API_ID);
        env.put("MCD_TOKEN", API_TOKEN);
        env.put("MCD_API_ENDPOINT", emulator.graphqlUrl().toString());
        env.put("MCD_RESOURCE_UUID", Manifests.UUID);
        return env;
    }

    /** {@code destination <- sources} and one {@code column <- source:column} line per mapping. */
    private static List<String> describe(LineageEvent e) {
        List<String> out = new ArrayList<>();
        Map<String, String> byId = new LinkedHashMap<>();
        for (LineageAssetRef s : e.sources()) {
            byId.put(s.assetId(), s.schema() + "." + s.name());
        }
        out.add(ref(e.destination()) + " <- " + e.sources().stream().map(LineageCollectIT::ref)
                .collect(Collectors.joining(", ")));
        for (ColumnLineageField f : e.fields()) {
            List<String> from = new ArrayList<>();
            for (ColumnLineageSourceField sf : f.sourceFields()) {
                from.add(byId.get(sf.assetId()) + "." + sf.fieldName());
            }
            out.add("  " + e.destination().name() + "." + f.name() + " <- " + String.join(", ", from));
        }
        return out;
    }

    private static String ref(LineageAssetRef r) {
        return r.type() + " " + r.database() + ":" + r.schema() + "." + r.name();
    }

    private static List<String> lineage(Path manifest) {
        List<String> out = new ArrayList<>();
        try (ManifestReader reader = ManifestReader.open(manifest)) {
            assertThat(reader.header().flow()).isEqualTo(Flow.LINEAGE);
            assertThat(reader.header().resourceType()).isEqualTo("duckdb");
            ManifestEvent e;
            while ((e = reader.next()) != null) {
                out.addAll(describe((LineageEvent) e.event()));
            }
        }
        return out;
    }

    @Test
    void collectLineageDerivesViewsOverTablesViewsCtesJoinsAndStarsWithExactSourcesAndColumns() {
        Path out = dir.resolve("lineage.jsonl");

        Cli.Run r = SourceCli.run(Map.of(), "collect", "lineage", "--source", "duckdb", "--database-file",
                warehouse.toString(), "--out", out.toString());

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("collected lineage: 3 events").contains("3 views analysed");
        assertThat(lineage(out)).containsExactly(
                "VIEW shop:mart.big_orders <- VIEW shop:staging.Stg Orders",
                "  big_orders.id <- staging.Stg Orders.id",
                "  big_orders.order_amount <- staging.Stg Orders.amount",
                "VIEW shop:mart.customer_totals <- TABLE shop:main.orders, TABLE shop:main.Customers",
                "  customer_totals.customer <- main.Customers.Name",
                "  customer_totals.Country <- main.Customers.Country",
                "  customer_totals.total <- main.orders.amount",
                "VIEW shop:staging.Stg Orders <- TABLE shop:main.orders",
                "  Stg Orders.id <- main.orders.id",
                "  Stg Orders.customer_id <- main.orders.customer_id",
                "  Stg Orders.amount <- main.orders.amount",
                "  Stg Orders.created <- main.orders.created");
    }

    @Test
    void runLineagePushesColumnLineageWithTableTwinsAndValidateFromTheResultPasses() {
        emulator = Emulator.start(EmulatorConfig.builder().port(0)
                .key(new IngestKey(TestGateway.KEY_ID, TestGateway.TOKEN))
                .graphqlKey(new GraphqlKey(API_ID, API_TOKEN)).build());
        Cli.Run metadata = SourceCli.run(env(), "run", "metadata", "--source", "duckdb", "--database-file",
                warehouse.toString(), "--out", dir.resolve("metadata.jsonl").toString(), "--state-dir",
                dir.resolve("state").toString());
        assertThat(metadata.exitCode()).as(metadata.toString()).isZero();
        Path result = dir.resolve("lineage.push.json");

        Cli.Run run = SourceCli.run(env(), "run", "lineage", "--source", "duckdb", "--database-file",
                warehouse.toString(), "--out", dir.resolve("lineage.jsonl").toString(), "--result", result.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<StoredRequest> lineageRequests = emulator.accepted().stream()
                .filter(q -> q.path().equals(Flow.LINEAGE.path())).toList();
        assertThat(lineageRequests).extracting(StoredRequest::eventType)
                .containsExactlyInAnyOrder("COLUMN_LINEAGE", "LINEAGE");
        JsonNode json = Manifests.readJson(result);
        assertThat(json.path("flow").asText()).isEqualTo("lineage");
        assertThat(json.path("events").asLong()).isEqualTo(3);

        Cli.Run validate = ValidateCommandIT.run(env(), "validate", "lineage", "--result", result.toString());

        assertThat(validate.exitCode()).as(validate.toString()).isZero();
        assertThat(validate.out()).contains("validation passed");
    }
}
