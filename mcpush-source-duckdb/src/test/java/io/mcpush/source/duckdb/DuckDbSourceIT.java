package io.mcpush.source.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpush.sdk.model.AssetField;
import io.mcpush.sdk.model.RelationalAsset;
import io.mcpush.source.Capability;
import io.mcpush.source.CollectionReport;
import io.mcpush.source.EventStream;
import io.mcpush.source.Source;
import io.mcpush.source.SourceConfigException;
import io.mcpush.source.SourceConnectionException;
import io.mcpush.source.SourceFactory;
import io.mcpush.source.SourceOptions;
import io.mcpush.source.SourceRegistry;
import io.mcpush.source.jdbc.Dialect;
import io.mcpush.source.jdbc.JdbcConfig;
import io.mcpush.source.jdbc.NameFilter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DuckDB collector against real in-process DuckDB files. */
class DuckDbSourceIT {
    /** Names that break naive SQL: quotes, spaces, dots, unicode, mixed case, reserved words. */
    private static final List<String> HOSTILE = List.of("Quote\"d", "with space", "dot.ted", "ünïcødé_表",
            "MixedCase", "select", "it's", "a\"\"b.c d");

    @TempDir
    Path dir;

    private static final Dialect Q = Dialect.DUCKDB;

    private Path create(String name, String... statements) throws Exception {
        Path file = dir.resolve(name);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
        return file;
    }

    private static Source open(Path file, Map<String, String> extra) {
        Map<String, String> options = new HashMap<>(Map.of("database-file", file.toString()));
        options.putAll(extra);
        SourceFactory factory = SourceRegistry.load().get("duckdb");
        return factory.create(SourceOptions.of("duckdb", options));
    }

    private static List<RelationalAsset> collect(Source source, CollectionReport report) {
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
    void hostileIdentifiersRoundTripExactly() throws Exception {
        List<String> statements = new ArrayList<>();
        for (String schema : HOSTILE) {
            statements.add("CREATE SCHEMA " + Q.quote(schema));
            for (String table : HOSTILE) {
                StringBuilder columns = new StringBuilder();
                for (String column : HOSTILE) {
                    columns.append(columns.length() == 0 ? "" : ", ").append(Q.quote(column)).append(" INTEGER");
                }
                statements.add("CREATE TABLE " + Q.qualified(schema, table) + " (" + columns + ")");
            }
            statements.add("CREATE VIEW " + Q.qualified(schema, "view " + schema) + " AS SELECT "
                    + Q.quote(HOSTILE.get(0)) + " FROM " + Q.qualified(schema, HOSTILE.get(0)));
        }
        Path file = create("hostile.duckdb", statements.toArray(String[]::new));
        CollectionReport report = new CollectionReport();

        List<RelationalAsset> assets;
        try (Source source = open(file, Map.of())) {
            assets = collect(source, report);
        }

        List<String> expected = new ArrayList<>();
        for (String schema : HOSTILE) {
            for (String table : HOSTILE) {
                expected.add(schema + "|" + table);
            }
            expected.add(schema + "|view " + schema);
        }
        assertThat(assets).extracting(a -> a.metadata().schema() + "|" + a.metadata().name())
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(assets).allSatisfy(a -> assertThat(a.metadata().database()).isEqualTo("hostile"));
        assertThat(assets).filteredOn(a -> a.type().equals("TABLE"))
                .allSatisfy(a -> assertThat(a.fields()).extracting(AssetField::name).containsExactlyElementsOf(HOSTILE));
        assertThat(assets).filteredOn(a -> a.type().equals("VIEW"))
                .allSatisfy(a -> assertThat(a.fields()).extracting(AssetField::name).containsExactly(HOSTILE.get(0)));
        assertThat(report.warnings()).isEmpty();
        assertThat(report.get("schemas")).isEqualTo(HOSTILE.size() + 1); // and main
    }

    @Test
    void typesCommentsViewSqlAndRowCountsAreCollected() throws Exception {
        Path file = create("shop.duckdb",
                "CREATE TABLE orders (id INTEGER, amount DECIMAL(10,2), tags VARCHAR[], placed TIMESTAMPTZ, "
                        + "address STRUCT(city VARCHAR, zip VARCHAR))",
                "INSERT INTO orders (id, amount) SELECT i, i * 1.5 FROM range(1, 1001) t(i)",
                "COMMENT ON TABLE orders IS 'one row per order'",
                "COMMENT ON COLUMN orders.amount IS 'in EUR, with tax'",
                "CREATE VIEW big_orders AS SELECT id FROM orders WHERE amount > 100",
                "COMMENT ON VIEW big_orders IS 'over 100'");

        List<RelationalAsset> assets;
        try (Source source = open(file, Map.of())) {
            assets = collect(source, new CollectionReport());
        }

        RelationalAsset orders = assets.get(1);
        assertThat(orders.metadata().name()).isEqualTo("orders");
        assertThat(orders.type()).isEqualTo("TABLE");
        assertThat(orders.metadata().description()).isEqualTo("one row per order");
        assertThat(orders.fields()).extracting(AssetField::type)
                .containsExactly("INTEGER", "DECIMAL(10,2)", "VARCHAR[]", "TIMESTAMP WITH TIME ZONE",
                        "STRUCT(city VARCHAR, zip VARCHAR)");
        assertThat(orders.fields().get(1).description()).isEqualTo("in EUR, with tax");
        assertThat(orders.volume().rowCount()).isEqualTo(1000);
        assertThat(orders.volume().byteCount()).isNull();
        assertThat(orders.freshness()).isNull();
        RelationalAsset view = assets.get(0);
        assertThat(view.metadata().name()).isEqualTo("big_orders");
        assertThat(view.type()).isEqualTo("VIEW");
        assertThat(view.metadata().description()).isEqualTo("over 100");
        assertThat(view.metadata().viewQuery()).startsWith("CREATE VIEW big_orders AS SELECT id FROM orders");
        assertThat(view.volume()).isNull();
    }

    @Test
    void filtersAndOnlyFreshnessAndVolumeApply() throws Exception {
        Path file = create("f.duckdb", "CREATE SCHEMA raw", "CREATE SCHEMA marts", "CREATE TABLE raw.a (x INT)",
                "CREATE TABLE raw.tmp_a (x INT)", "CREATE TABLE marts.m (x INT)", "CREATE TABLE main.z (x INT)");

        List<RelationalAsset> assets;
        try (Source source = open(file, Map.of("include-schema", "raw|marts", "exclude-table", "tmp_.*",
                "only-freshness-and-volume", "true"))) {
            assets = collect(source, new CollectionReport());
        }

        assertThat(assets).extracting(a -> a.metadata().schema() + "." + a.metadata().name())
                .containsExactlyInAnyOrder("raw.a", "marts.m");
        assertThat(assets).allSatisfy(a -> assertThat(a.fields()).isEmpty());
        assertThat(assets).allSatisfy(a -> assertThat(a.volume().rowCount()).isZero());
    }

    @Test
    void attachedDatabasesOfAnEmbeddedConnectionAreCollectedAndFilteredByName() throws Exception {
        Path other = create("other.duckdb", "CREATE TABLE o (x INT)");
        Connection c = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE mem_table (x INT)");
            s.execute("ATTACH '" + other.toString().replace("'", "''") + "' AS \"Other DB\"");
            s.execute("ATTACH '" + dir.resolve("skipped.duckdb").toString().replace("'", "''") + "' AS skipped");
            s.execute("CREATE TABLE skipped.s (x INT)");
        }
        JdbcConfig config = new JdbcConfig("jdbc:duckdb:", null, null,
                new NameFilter(null, java.util.regex.Pattern.compile("skipped"), null, null, null, null),
                false, 100, null);

        List<RelationalAsset> assets;
        try (DuckDbSource source = new DuckDbSource(c, config)) {
            assertThat(source.capabilities()).containsExactlyInAnyOrder(Capability.METADATA, Capability.TABLE_LINEAGE,
                    Capability.COLUMN_LINEAGE);
            assets = collect(source, new CollectionReport());
        }

        assertThat(assets).extracting(a -> a.metadata().database() + ":" + a.metadata().schema() + "." + a.metadata().name())
                .containsExactlyInAnyOrder("memory:main.mem_table", "Other DB:main.o");
        assertThat(c.isClosed()).isTrue();
    }

    @Test
    void missingOrBadOptionsAreConfigErrorsNamingTheOption() {
        SourceFactory factory = new DuckDbSourceFactory();

        assertThatThrownBy(() -> factory.create(SourceOptions.of("duckdb", Map.of())))
                .isInstanceOf(SourceConfigException.class).hasMessageContaining("--jdbc-url").hasMessageContaining("--database-file");
        assertThatThrownBy(() -> factory.create(SourceOptions.of("duckdb", Map.of("jdbc-url", "jdbc:postgresql://x/y"))))
                .isInstanceOf(SourceConfigException.class).hasMessageContaining("jdbc:duckdb:");
        assertThatThrownBy(() -> factory.create(SourceOptions.of("duckdb", Map.of("jdbc-url", "jdbc:duckdb:"))))
                .isInstanceOf(SourceConfigException.class).hasMessageContaining("in-memory");
        assertThatThrownBy(() -> factory.create(SourceOptions.of("duckdb", Map.of("database-file", "x", "log-file", "y"))))
                .isInstanceOf(SourceConfigException.class).hasMessageContaining("--log-file is not an option of source duckdb");
    }

    @Test
    void aMissingFileIsAConnectionFailureNamingHostDatabaseAndCause() {
        Path missing = dir.resolve("nowhere").resolve("gone.duckdb");

        try (Source source = open(missing, Map.of())) {
            assertThatThrownBy(() -> source.metadata(new CollectionReport()))
                    .isInstanceOf(SourceConnectionException.class)
                    .hasMessageStartingWith("cannot connect to database " + missing + " on localhost: ")
                    .hasMessageNotContaining("\n");
        }
    }

    @Test
    void theIdentityIsTheFileUrlAndTheFactoryIsFoundByServiceLoader() {
        Path file = dir.resolve("x.duckdb");
        try (Source source = open(file, Map.of())) {
            assertThat(source.identity().type()).isEqualTo("duckdb");
            assertThat(source.identity().id()).isEqualTo("jdbc:duckdb:" + file.toAbsolutePath());
        }
        assertThat(SourceRegistry.load().get("duckdb").capabilities()).containsExactlyInAnyOrder(Capability.METADATA,
                Capability.TABLE_LINEAGE, Capability.COLUMN_LINEAGE);
    }
}
