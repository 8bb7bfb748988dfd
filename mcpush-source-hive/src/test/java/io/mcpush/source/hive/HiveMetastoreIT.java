package io.mcpush.source.hive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpush.sdk.Timestamps;
import io.mcpush.sdk.model.LineageAssetRef;
import io.mcpush.sdk.model.LineageEvent;
import io.mcpush.sdk.model.QueryLogEntry;
import io.mcpush.sdk.model.RelationalAsset;
import io.mcpush.source.CollectionReport;
import io.mcpush.source.EventStream;
import io.mcpush.source.QueryLogWindow;
import io.mcpush.source.Source;
import io.mcpush.source.SourceConfigException;
import io.mcpush.source.SourceConnectionException;
import io.mcpush.source.SourceException;
import io.mcpush.source.SourceOptions;
import io.mcpush.source.logfile.LogPositions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metastore path against a real PostgreSQL (zonky's embedded binaries) holding a twin of the
 * Hive metastore schema: the tables mcpush reads, with the columns of Hive's own schema script
 * for PostgreSQL ({@code metastore/hive-schema-subset.postgres.sql}, hand-written subset) and
 * hand-written rows as Hive 3/4 writes them ({@code metastore/rows.sql}). A second database
 * reproduces a Hive 2 metastore (no catalogs). Query logs and lineage read the hand-written
 * HiveServer2 log of the parser test.
 */
class HiveMetastoreIT {
    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        execute("postgres", "CREATE DATABASE metastore", "CREATE DATABASE metastore2");
        execute("metastore", resource("/metastore/hive-schema-subset.postgres.sql"), resource("/metastore/rows.sql"));
        execute("metastore2", resource("/metastore/hive-schema-subset.postgres.sql"), resource("/metastore/rows.sql"),
                "DELETE FROM \"TBLS\" WHERE \"DB_ID\" = 5", "DELETE FROM \"DBS\" WHERE \"DB_ID\" = 5",
                "ALTER TABLE \"DBS\" DROP COLUMN \"CTLG_NAME\"", "DROP TABLE \"CTLGS\"");
    }

    @AfterAll
    static void stop() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = HiveMetastoreIT.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void execute(String database, String... statements) throws SQLException {
        try (Connection c = postgres.getDatabase("postgres", database).getConnection();
                Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    private static String url(String database) {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database;
    }

    private static Source source(Map<String, String> options) {
        Map<String, String> all = new HashMap<>(options);
        all.putIfAbsent("user", "postgres");
        return new HiveSourceFactory().create(SourceOptions.of("hive", all));
    }

    private static Map<String, RelationalAsset> metadata(Source source, CollectionReport report) {
        Map<String, RelationalAsset> out = new LinkedHashMap<>();
        try (EventStream<RelationalAsset> s = source.metadata(report)) {
            RelationalAsset a;
            while ((a = s.next()) != null) {
                out.put(a.metadata().schema() + "." + a.metadata().name(), a);
            }
        }
        return out;
    }

    private static String epoch(long seconds) {
        return Timestamps.toWire(Instant.ofEpochSecond(seconds));
    }

    private static List<String> columns(RelationalAsset a) {
        return a.fields().stream().map(f -> f.name() + " " + f.type()).collect(Collectors.toList());
    }

    @Test
    void readsEveryTableAndViewOfTheHiveCatalogAndNothingElse() {
        CollectionReport report = new CollectionReport();
        try (Source s = source(Map.of("jdbc-url", url("metastore")))) {
            Map<String, RelationalAsset> assets = metadata(s, report);

            assertThat(assets.keySet()).containsExactlyInAnyOrder("sales.orders", "sales.customers", "sales.raw_clicks",
                    "sales.sales_summary", "sales.événements", "sales.empty_parted", "mart.customer_orders",
                    "mart.mv_revenue", "mart.v_top", "o'hara\"db.t1");
            // the Hive database is database and schema (fullTableId sales:sales.orders)
            assertThat(assets.get("sales.orders").metadata().database()).isEqualTo("sales");
            assertThat(report.warnings()).isEmpty();
            assertThat(report.get("databases")).isEqualTo(4); // default, mart, o'hara"db, sales; not sys, not catalog spark
            assertThat(report.get("views")).isEqualTo(2);
        }
    }

    @Test
    void listsPartitionKeysAsColumnsAndSumsPartitionStatistics() {
        try (Source s = source(Map.of("jdbc-url", url("metastore")))) {
            RelationalAsset orders = metadata(s, new CollectionReport()).get("sales.orders");

            assertThat(orders.type()).isEqualTo("TABLE");
            assertThat(columns(orders)).containsExactly("order_id BIGINT", "customer_id BIGINT", "amount DECIMAL(10,2)",
                    "order total € DOUBLE", "ds VARCHAR");
            assertThat(orders.fields().get(2).description()).isEqualTo("gross amount");
            assertThat(orders.fields().get(4).description()).isEqualTo("order date");
            assertThat(orders.volume().rowCount()).isEqualTo(350L);
            assertThat(orders.volume().byteCount()).isEqualTo(12288L);
            // the latest partition's change, not the table's own DDL time
            assertThat(orders.freshness().lastUpdateTime()).isEqualTo(epoch(1764066000));
            assertThat(orders.metadata().createdOn()).isEqualTo(epoch(1763900000));
            assertThat(orders.metadata().description()).isEqualTo("All orders");
        }
    }

    @Test
    void trustsOnlyStatisticsHiveMarksAccurateOrPositive() {
        try (Source s = source(Map.of("jdbc-url", url("metastore")))) {
            Map<String, RelationalAsset> assets = metadata(s, new CollectionReport());

            RelationalAsset customers = assets.get("sales.customers");
            assertThat(customers.volume().rowCount()).isEqualTo(42L);
            assertThat(customers.volume().byteCount()).isEqualTo(1234L);
            assertThat(customers.freshness().lastUpdateTime()).isEqualTo(epoch(1764070000)); // last_modified_time
            assertThat(columns(customers)).containsExactly("id INTEGER", "name VARCHAR",
                    "address STRUCT<STREET:STRING,ZIP:INT>");
            // numRows=0/totalSize=0 without COLUMN_STATS_ACCURATE: never computed, not empty
            assertThat(assets.get("sales.raw_clicks").volume()).isNull();
            assertThat(assets.get("sales.raw_clicks").freshness().lastUpdateTime()).isEqualTo(epoch(1764050000));
            // one partition without statistics: the sum would be a lie
            assertThat(assets.get("sales.événements").volume()).isNull();
            assertThat(assets.get("sales.événements").freshness().lastUpdateTime()).isEqualTo(epoch(1764025000));
            assertThat(columns(assets.get("sales.événements"))).containsExactly("nom VARCHAR", "event day VARCHAR");
            // a partitioned table without partitions is empty
            assertThat(assets.get("sales.empty_parted").volume().rowCount()).isZero();
            // garbage parameters read as unknown without failing the database
            RelationalAsset t1 = assets.get("o'hara\"db.t1");
            assertThat(t1.volume()).isNull();
            assertThat(t1.freshness()).isNull();
        }
    }

    @Test
    void mapsVirtualViewsToViewsWithTheirExpandedTextAndMaterializedViewsToTables() {
        try (Source s = source(Map.of("jdbc-url", url("metastore")))) {
            Map<String, RelationalAsset> assets = metadata(s, new CollectionReport());

            RelationalAsset view = assets.get("sales.sales_summary");
            assertThat(view.type()).isEqualTo("VIEW");
            assertThat(view.metadata().viewQuery()).startsWith("select `orders`.`customer_id`").contains("`sales`.`orders`");
            assertThat(view.volume()).isNull();
            assertThat(view.freshness()).isNull();
            RelationalAsset mv = assets.get("mart.mv_revenue");
            assertThat(mv.type()).isEqualTo("TABLE");
            assertThat(mv.volume().rowCount()).isEqualTo(7L);
            assertThat(mv.freshness().lastUpdateTime()).isEqualTo(epoch(1764090000));
        }
    }

    @Test
    void appliesFiltersAndOnlyFreshnessAndVolume() {
        try (Source s = source(Map.of("jdbc-url", url("metastore"), "include-database", "sales",
                "exclude-table", "raw_.*", "only-freshness-and-volume", "true"))) {
            Map<String, RelationalAsset> assets = metadata(s, new CollectionReport());

            assertThat(assets.keySet()).containsExactlyInAnyOrder("sales.orders", "sales.customers", "sales.sales_summary",
                    "sales.événements", "sales.empty_parted");
            assertThat(assets.values()).allSatisfy(a -> assertThat(a.fields()).isEmpty());
            assertThat(assets.get("sales.orders").volume().rowCount()).isEqualTo(350L);
        }
    }

    @Test
    void readsAHive2MetastoreWithoutCatalogs() {
        try (Source s = source(Map.of("jdbc-url", url("metastore2"), "include-database", "sales"))) {
            Map<String, RelationalAsset> assets = metadata(s, new CollectionReport());

            assertThat(assets).containsKeys("sales.orders", "sales.sales_summary").doesNotContainKey("sales.spark_only");
            assertThat(assets.get("sales.orders").volume().rowCount()).isEqualTo(350L);
        }
    }

    @Test
    void refusesADatabaseThatIsNotAMetastore() {
        try (Source s = source(Map.of("jdbc-url", url("postgres")))) {
            assertThatThrownBy(() -> metadata(s, new CollectionReport())).isInstanceOf(SourceException.class)
                    .hasMessageContaining("is not a Hive metastore");
        }
    }

    @Test
    void reportsAnUnreachableMetastoreInOneLine() {
        try (Source s = source(Map.of("jdbc-url", "jdbc:postgresql://localhost:1/metastore"))) {
            assertThatThrownBy(() -> metadata(s, new CollectionReport())).isInstanceOf(SourceConnectionException.class)
                    .hasMessageContaining("localhost").hasMessageNotContaining("\n");
        }
    }

    @Test
    void refusesAHiveServer2UrlNamingTheOption() {
        assertThatThrownBy(() -> source(Map.of("jdbc-url", "jdbc:hive2://hs2:10000/default")))
                .isInstanceOf(SourceConfigException.class).hasMessageContaining("jdbc:hive2");
    }

    private static Path completedLog(Path dir) throws IOException {
        String log = resource("/hiveserver2/hive.log") + "2026-11-25T10:15:20,000  INFO [HiveServer2-Background-Pool: "
                + "Thread-126] ql.Driver: Completed executing command(queryId="
                + "hive_20261125101510_dddd0004-0000-4000-8000-000000000004); Time taken: 9.9 seconds\n";
        Path file = dir.resolve("hive.log");
        Files.writeString(file, log);
        return file;
    }

    /** A first collection: the log files from their beginning (log sources are positioned, not timed). */
    private static final QueryLogWindow DAY = QueryLogWindow.after(LogPositions.NONE);

    @Test
    void collectsQueryLogsOfTheWindowFromTheLogFile(@TempDir Path dir) throws IOException {
        Path file = completedLog(dir);
        List<QueryLogEntry> entries = new ArrayList<>();
        CollectionReport report = new CollectionReport();
        try (Source s = source(Map.of("log-file", file.toString()));
                EventStream<QueryLogEntry> logs = s.queryLogs(DAY, report)) {
            assertThat(s.logType()).isEqualTo("hive-s3");
            QueryLogEntry e;
            while ((e = logs.next()) != null) {
                entries.add(e);
            }
        }
        assertThat(entries).hasSize(6);
        assertThat(report.get("failed queries")).isEqualTo(2);
        // the next collection starts at the positions reached: nothing new is read twice
        LogPositions reached = report.reachedPositions();
        assertThat(reached).isNotNull();
        try (Source s = source(Map.of("log-file", file.toString()));
                EventStream<QueryLogEntry> logs = s.queryLogs(QueryLogWindow.after(reached), new CollectionReport())) {
            assertThat(logs.next()).isNull();
        }
    }

    @Test
    void derivesLineageFromViewsAcrossDatabasesAndFromSuccessfulLoggedCommands(@TempDir Path dir) throws IOException {
        Path file = completedLog(dir);
        Map<String, LineageEvent> events = new LinkedHashMap<>();
        CollectionReport report = new CollectionReport();
        try (Source s = source(Map.of("jdbc-url", url("metastore"), "log-file", file.toString()));
                EventStream<LineageEvent> lineage = s.lineage(DAY, report)) {
            LineageEvent e;
            while ((e = lineage.next()) != null) {
                events.put(e.destination().schema() + "." + e.destination().name(), e);
            }
        }
        // the failed INSERT OVERWRITE mart.daily_revenue moved no data
        assertThat(events.keySet()).containsExactlyInAnyOrder("sales.sales_summary", "mart.v_top", "mart.customer_orders");
        LineageEvent top = events.get("mart.v_top");
        assertThat(top.destination().type()).isEqualTo("VIEW");
        assertThat(top.destination().database()).isEqualTo("mart");
        assertThat(top.sources()).extracting(LineageAssetRef::database, LineageAssetRef::schema, LineageAssetRef::name)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("sales", "sales", "customers"));
        LineageEvent co = events.get("mart.customer_orders");
        assertThat(co.sources()).extracting(LineageAssetRef::name).containsExactlyInAnyOrder("customers", "orders");
        assertThat(co.fields()).extracting(f -> f.name()).contains("id", "name");
        assertThat(events.get("sales.sales_summary").sources()).extracting(LineageAssetRef::name).containsExactly("orders");
        assertThat(report.warnings()).isEmpty();
    }

    @Test
    void derivesLineageFromTheLogAloneWithoutAMetastore(@TempDir Path dir) throws IOException {
        Path file = completedLog(dir);
        List<LineageEvent> events = new ArrayList<>();
        try (Source s = source(Map.of("log-file", file.toString()));
                EventStream<LineageEvent> lineage = s.lineage(DAY, new CollectionReport())) {
            LineageEvent e;
            while ((e = lineage.next()) != null) {
                events.add(e);
            }
        }
        assertThat(events).hasSize(1);
        assertThat(events.get(0).destination().name()).isEqualTo("customer_orders");
        assertThat(events.get(0).destination().database()).isEqualTo("mart");
        assertThat(events.get(0).sources()).extracting(LineageAssetRef::schema).containsOnly("sales");
    }
}
