package io.mcpush.source.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpush.sdk.model.RelationalAsset;
import io.mcpush.source.Capability;
import io.mcpush.source.CollectionReport;
import io.mcpush.source.EventStream;
import io.mcpush.source.SourceConnectionException;
import io.mcpush.source.SourceOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JDBC base against a real H2 database that checks its password: secret handling,
 * per-schema catalog queries, filters, streaming and partial failure as warnings.
 */
class JdbcSourceIT {
    private static final String PASSWORD = "pw-SECRET-h2-777";

    @TempDir
    Path dir;

    private String url;

    @BeforeEach
    void createDatabase() throws Exception {
        url = "jdbc:h2:file:" + dir.resolve("shop").toAbsolutePath();
        try (Connection c = DriverManager.getConnection(url, "owner", PASSWORD); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA \"Sales \"\"EU\"\"\"");
            s.execute("CREATE SCHEMA \"broken\"");
            s.execute("CREATE SCHEMA \"tmp\"");
            for (int i = 0; i < 30; i++) {
                s.execute("CREATE TABLE \"Sales \"\"EU\"\"\".\"t" + i + "\" (id INT, \"Name.x\" VARCHAR(20))");
            }
            s.execute("COMMENT ON TABLE \"Sales \"\"EU\"\"\".\"t0\" IS 'first'");
            s.execute("CREATE VIEW \"Sales \"\"EU\"\"\".\"v 1\" AS SELECT id FROM \"Sales \"\"EU\"\"\".\"t1\"");
            s.execute("CREATE TABLE \"broken\".\"x\" (id INT)");
            s.execute("CREATE TABLE \"tmp\".\"y\" (id INT)");
        }
    }

    /** A minimal JDBC source over H2's INFORMATION_SCHEMA; counts relations queries; the schema "broken" fails. */
    static final class H2Source extends JdbcSource {
        final List<String> relationsQueries = new ArrayList<>();

        H2Source(JdbcConfig config) {
            super("h2", config, new Dialect("h2", '"', io.mcpush.sdk.TableTypes.Warehouse.GENERIC,
                    Set.of("information_schema")));
        }

        @Override
        public Set<Capability> capabilities() {
            return Set.of(Capability.METADATA);
        }

        @Override
        protected CatalogQuery schemasQuery(String database) {
            return CatalogQuery.of("SELECT SCHEMA_NAME AS schema_name FROM INFORMATION_SCHEMA.SCHEMATA "
                    + "WHERE CATALOG_NAME = ? ORDER BY SCHEMA_NAME", database);
        }

        @Override
        protected CatalogQuery relationsQuery(String database, String schema, boolean withColumns) {
            relationsQueries.add(schema);
            String from = schema.equals("broken") ? "INFORMATION_SCHEMA.NO_SUCH_VIEW" : "INFORMATION_SCHEMA.TABLES";
            String sql = "SELECT t.TABLE_NAME AS table_name, t.TABLE_TYPE AS table_type, t.REMARKS AS table_comment, "
                    + "v.VIEW_DEFINITION AS view_definition"
                    + (withColumns ? ", c.COLUMN_NAME AS column_name, c.DATA_TYPE AS data_type, c.REMARKS AS column_comment" : "")
                    + " FROM " + from + " t LEFT JOIN INFORMATION_SCHEMA.VIEWS v"
                    + " ON v.TABLE_SCHEMA = t.TABLE_SCHEMA AND v.TABLE_NAME = t.TABLE_NAME"
                    + (withColumns ? " LEFT JOIN INFORMATION_SCHEMA.COLUMNS c ON c.TABLE_SCHEMA = t.TABLE_SCHEMA"
                            + " AND c.TABLE_NAME = t.TABLE_NAME" : "")
                    + " WHERE t.TABLE_CATALOG = ? AND t.TABLE_SCHEMA = ?"
                    + " ORDER BY t.TABLE_NAME" + (withColumns ? ", c.ORDINAL_POSITION" : "");
            return CatalogQuery.of(sql, database, schema);
        }
    }

    private H2Source source(Map<String, String> extra, Map<String, String> env) {
        Map<String, String> options = new HashMap<>(Map.of("user", "owner"));
        options.putAll(extra);
        return new H2Source(JdbcConfig.from(new SourceOptions("h2", options, env::get), url));
    }

    private static List<RelationalAsset> collect(H2Source source, CollectionReport report) {
        List<RelationalAsset> out = new ArrayList<>();
        try (EventStream<RelationalAsset> stream = source.metadata(report)) {
            RelationalAsset a;
            while ((a = stream.next()) != null) {
                out.add(a);
            }
        }
        return out;
    }

    @Test
    void wrongPasswordIsOneLineNamingHostDatabaseAndCauseWithoutThePassword() {
        try (H2Source source = source(Map.of("password-env", "PW"), Map.of("PW", "wrong-" + PASSWORD))) {
            assertThatThrownBy(() -> source.metadata(new CollectionReport()))
                    .isInstanceOfSatisfying(SourceConnectionException.class, e -> {
                        assertThat(e.getMessage()).startsWith("cannot connect to database (default) on localhost: ")
                                .containsIgnoringCase("password").doesNotContain(PASSWORD).doesNotContain("\n");
                        assertThat(e.sqlState()).isEqualTo("28000");
                        for (Throwable t = e; t != null; t = t.getCause()) {
                            assertThat(String.valueOf(t.getMessage())).doesNotContain(PASSWORD);
                        }
                    });
        }
    }

    @Test
    void passwordFromAFileConnectsAndEveryReadableSchemaIsCollectedWithOneQueryPerSchema() throws Exception {
        Path pw = Files.writeString(dir.resolve("pw.txt"), PASSWORD + "\n");
        CollectionReport report = new CollectionReport();
        try (H2Source source = source(Map.of("password-file", pw.toString(), "fetch-size", "7"), Map.of())) {
            List<RelationalAsset> assets = collect(source, report);

            assertThat(assets).hasSize(32); // 30 + tmp.y tables and one view; broken.x cannot be read
            assertThat(source.relationsQueries).containsExactlyInAnyOrder("PUBLIC", "Sales \"EU\"", "broken", "tmp");
            RelationalAsset t0 = assets.stream().filter(a -> a.metadata().name().equals("t0")).findFirst().orElseThrow();
            assertThat(t0.metadata().schema()).isEqualTo("Sales \"EU\"");
            assertThat(t0.metadata().description()).isEqualTo("first");
            assertThat(t0.fields()).extracting(f -> f.name()).containsExactly("ID", "Name.x");
            RelationalAsset view = assets.stream().filter(a -> a.metadata().name().equals("v 1")).findFirst().orElseThrow();
            assertThat(view.type()).isEqualTo("VIEW");
            assertThat(view.metadata().viewQuery()).containsIgnoringCase("SELECT");
        }
        assertThat(report.warnings()).singleElement().asString()
                .startsWith("schema SHOP.broken: cannot read it: ").doesNotContain("SELECT");
        assertThat(report.summary()).contains("31 tables").contains("1 views");
    }

    @Test
    void filtersOnSchemaAndTableAndOnlyFreshnessAndVolumeSkipColumns() {
        CollectionReport report = new CollectionReport();
        try (H2Source source = source(Map.of("password-env", "PW", "include-schema", "Sales.*",
                "exclude-table", "t[12][0-9]", "only-freshness-and-volume", "true"), Map.of("PW", PASSWORD))) {
            List<RelationalAsset> assets = collect(source, report);

            assertThat(assets).extracting(a -> a.metadata().name()).containsExactly(
                    "t0", "t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8", "t9", "v 1");
            assertThat(assets).allSatisfy(a -> assertThat(a.fields()).isEmpty());
            assertThat(source.relationsQueries).containsExactly("Sales \"EU\"");
        }
        assertThat(report.warnings()).isEmpty();
    }
}
