package io.mcpush.source.redshift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpush.sdk.model.AssetField;
import io.mcpush.sdk.model.LineageAssetRef;
import io.mcpush.sdk.model.LineageEvent;
import io.mcpush.sdk.model.QueryLogEntry;
import io.mcpush.sdk.model.RelationalAsset;
import io.mcpush.sdk.push.Secret;
import io.mcpush.source.CollectionReport;
import io.mcpush.source.EventStream;
import io.mcpush.source.QueryLogWindow;
import io.mcpush.source.SourceConnectionException;
import io.mcpush.source.jdbc.JdbcConfig;
import io.mcpush.source.jdbc.NameFilter;
import io.mcpush.sdk.model.WireEvent;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The redshift source's production SQL and row mapping against {@link RedshiftTwin}: Redshift's
 * system views reproduced in a real embedded PostgreSQL and filled with hand-written rows.
 * Redshift's own driver does not speak to PostgreSQL (its session set-up fails), so the twin is
 * reached with the PostgreSQL driver; everything above the connection is the production code.
 */
class RedshiftSourceIT {
    private static final String PASSWORD = "pw-SECRET-rs-7f3e";
    private static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");
    private static final QueryLogWindow WINDOW = new QueryLogWindow(T0, T0.plus(Duration.ofHours(1)));
    /** 37 full pieces and a last one of 2,000 characters; piece 0 ends in blanks that are the query's own. */
    private static String bigQuery;
    private static EmbeddedServer server;

    @BeforeAll
    static void start(@TempDir Path serverDir) throws Exception {
        server = EmbeddedServer.start(serverDir);
        server.execute("postgres", "CREATE ROLE collector LOGIN PASSWORD '" + PASSWORD + "'",
                "CREATE ROLE etl_loader LOGIN", "CREATE ROLE \"analyst ö\" LOGIN", "CREATE DATABASE dev");
        server.execute("dev", RedshiftTwin.DDL, "GRANT USAGE ON SCHEMA twin TO collector",
                "GRANT SELECT ON ALL TABLES IN SCHEMA twin TO collector",
                "ALTER ROLE collector SET search_path = twin, pg_catalog, public");
        server.execute("dev", """
                INSERT INTO twin.svv_redshift_databases VALUES ('dev', 100, 'local', NULL, NULL, 'Serializable'),
                  ('analytics', 100, 'local', NULL, NULL, 'Snapshot Isolation'),
                  ('padb_harvest', 1, 'local', NULL, NULL, 'Serializable');
                INSERT INTO twin.svv_all_schemas VALUES
                  ('dev', 'public', 1, 'local', NULL, NULL, NULL),
                  ('dev', 'sales', 100, 'local', NULL, NULL, NULL),
                  ('dev', 'we"ird schema', 100, 'local', NULL, NULL, NULL),
                  ('dev', 'spectrum', 100, 'external', NULL, 'glue_db', NULL),
                  ('dev', 'pg_catalog', 1, 'local', NULL, NULL, NULL),
                  ('dev', 'information_schema', 1, 'local', NULL, NULL, NULL),
                  ('dev', 'pg_temp_4', 1, 'local', NULL, NULL, NULL),
                  ('analytics', 'mart', 100, 'local', NULL, NULL, NULL);
                INSERT INTO twin.svv_all_tables VALUES
                  ('dev', 'sales', 'orders', 'TABLE', NULL, 'one row per order'),
                  ('dev', 'sales', 'daily_totals', 'TABLE', NULL, NULL),
                  ('dev', 'sales', 'empty_table', 'TABLE', NULL, NULL),
                  ('dev', 'sales', 'v_big_orders', 'VIEW', NULL, 'orders over 100'),
                  ('dev', 'sales', 'v_late', 'VIEW', NULL, NULL),
                  ('dev', 'sales', 'mv_totals', 'VIEW', NULL, NULL),
                  ('dev', 'public', 'customers', 'TABLE', NULL, NULL),
                  ('dev', 'public', 'report_counts', 'TABLE', NULL, NULL),
                  ('dev', 'we"ird schema', 'Select', 'TABLE', NULL, 'hostile: quote in schema, keyword as name'),
                  ('dev', 'we"ird schema', 'Bestellungen_ü', 'TABLE', NULL, 'Bestellungen – ünïcödé'),
                  ('dev', 'spectrum', 'clicks', 'EXTERNAL TABLE', NULL, NULL),
                  ('dev', 'pg_catalog', 'pg_class', 'TABLE', NULL, NULL),
                  ('analytics', 'mart', 'revenue', 'TABLE', NULL, NULL);
                INSERT INTO twin.svv_all_columns VALUES
                  ('dev', 'sales', 'orders', 'id', 1, NULL, 'NO', 'bigint', NULL, 64, 0, 'order key'),
                  ('dev', 'sales', 'orders', 'amount', 2, NULL, 'YES', 'numeric', NULL, 12, 2, NULL),
                  ('dev', 'sales', 'orders', 'customer_id', 3, NULL, 'YES', 'integer', NULL, 32, 0, NULL),
                  ('dev', 'sales', 'orders', 'created_at', 4, NULL, 'YES', 'timestamp without time zone', NULL, NULL, NULL, NULL),
                  ('dev', 'sales', 'orders', 'note', 5, NULL, 'YES', 'character varying', 256, NULL, NULL, NULL),
                  ('dev', 'sales', 'orders', 'payload', 6, NULL, 'YES', 'super', NULL, NULL, NULL, NULL),
                  ('dev', 'sales', 'daily_totals', 'day', 1, NULL, 'YES', 'date', NULL, NULL, NULL, NULL),
                  ('dev', 'sales', 'daily_totals', 'total', 2, NULL, 'YES', 'numeric', NULL, 18, 2, NULL),
                  ('dev', 'sales', 'empty_table', 'flag', 1, NULL, 'YES', 'boolean', NULL, NULL, NULL, NULL),
                  ('dev', 'sales', 'v_big_orders', 'id', 1, NULL, 'YES', 'bigint', NULL, 64, 0, NULL),
                  ('dev', 'sales', 'v_big_orders', 'amount', 2, NULL, 'YES', 'numeric', NULL, 12, 2, NULL),
                  ('dev', 'sales', 'v_late', 'id', 1, NULL, 'YES', 'bigint', NULL, 64, 0, NULL),
                  ('dev', 'sales', 'v_late', 'code', 2, NULL, 'YES', 'character', 3, NULL, NULL, NULL),
                  ('dev', 'sales', 'mv_totals', 'day', 1, NULL, 'YES', 'date', NULL, NULL, NULL, NULL),
                  ('dev', 'public', 'customers', 'id', 1, NULL, 'NO', 'integer', NULL, 32, 0, NULL),
                  ('dev', 'public', 'report_counts', 'n', 1, NULL, 'YES', 'bigint', NULL, 64, 0, NULL),
                  ('dev', 'we"ird schema', 'Select', 'a"b', 1, NULL, 'YES', 'double precision', NULL, 53, NULL, NULL),
                  ('dev', 'we"ird schema', 'Bestellungen_ü', 'größe', 1, NULL, 'YES', 'real', NULL, 24, NULL, 'in €'),
                  ('dev', 'spectrum', 'clicks', 'url', 1, NULL, 'YES', 'varchar(2048)', 2048, NULL, NULL, NULL),
                  ('dev', 'spectrum', 'clicks', 'ts', 2, NULL, 'YES', 'timestamp', NULL, NULL, NULL, NULL),
                  ('analytics', 'mart', 'revenue', 'total', 1, NULL, 'YES', 'numeric', NULL, 18, 2, NULL);
                INSERT INTO twin.pg_views VALUES
                  ('sales', 'v_big_orders', 'etl_loader', ' SELECT orders.id, orders.amount FROM sales.orders WHERE orders.amount > 100::numeric;'),
                  ('sales', 'v_late', 'etl_loader', 'create view sales.v_late as select o.id, c.code from sales.orders o join public.country_codes c on c.id = o.customer_id with no schema binding;'),
                  ('sales', 'mv_totals', 'etl_loader', ' SELECT daily_totals.day FROM sales.daily_totals;');
                INSERT INTO twin.svv_mv_info VALUES ('dev', 'sales', 'etl_loader', 'mv_totals', 'f', 1, 't', 't');
                INSERT INTO twin.svv_table_info (database, schema, table_id, "table", encoded, diststyle, size, tbl_rows,
                    estimated_visible_rows) VALUES
                  ('dev', 'sales', 100101, 'orders', 'Y', 'KEY(id)', 12, 1200, 1000),
                  ('dev', 'sales', 100102, 'daily_totals', 'Y', 'AUTO(ALL)', 1, 30, NULL),
                  ('dev', 'we"ird schema', 100103, 'Select', 'N', 'EVEN', 3, 7, 7);
                """);
        try (Connection c = server.connect("dev")) {
            // writes that freshness is derived from: query 10 inserted into orders, 11 failed, 12 deleted from
            // daily_totals, 13 only scanned orders later
            RedshiftTwin.query(c, 10, "etl_loader", "dev", "INSERT", "success", T0.minusSeconds(7200),
                    T0.minusSeconds(7190), null, 0L, "insert into sales.orders select * from staging.orders");
            RedshiftTwin.query(c, 11, "etl_loader", "dev", "INSERT", "failed", T0.minusSeconds(3600),
                    T0.minusSeconds(3590), "ERROR: disk full", null, "insert into sales.orders select * from staging.o2");
            RedshiftTwin.query(c, 12, "etl_loader", "dev", "DELETE", "success", T0.minusSeconds(5000),
                    T0.minusSeconds(4999), null, 0L, "delete from sales.daily_totals where day < '2026-01-01'");
            RedshiftTwin.query(c, 13, "analyst ö", "dev", "SELECT", "success", T0.minusSeconds(100),
                    T0.minusSeconds(99), null, 5L, "select * from sales.orders limit 5");
            try (Statement s = c.createStatement()) {
                s.execute("""
                        INSERT INTO twin.sys_query_detail (user_id, query_id, step_name, table_id, table_name, start_time,
                          end_time) VALUES
                          (100, 10, 'scan', 0, 'staging.orders', '2026-11-20 05:59:51', '2026-11-20 06:00:00'),
                          (100, 10, 'insert', 100101, 'orders', '2026-11-20 05:59:55', '2026-11-20 06:00:00'),
                          (100, 11, 'insert', 100101, 'orders', '2026-11-20 06:59:55', '2026-11-20 07:00:00'),
                          (100, 12, 'delete', 100102, 'daily_totals', '2026-11-20 06:36:40', '2026-11-20 06:36:41'),
                          (101, 13, 'scan', 100101, 'orders', '2026-11-20 07:58:20', '2026-11-20 07:58:21')
                        """);
            }
            // the window's queries
            String head = "INSERT INTO sales.daily_totals SELECT TRUNC(o.created_at) AS day, SUM(o.amount) AS total "
                    + "FROM sales.orders o WHERE o.note NOT IN ('x'";
            String tail = ") GROUP BY 1";
            // piece 0 ends in blanks of the query's own, which a trimming reassembly would lose
            StringBuilder sb = new StringBuilder(head).append(" ".repeat(4000 - head.length())).append(", 'y'");
            for (int n = 0; sb.length() + 20 + tail.length() < 150_000; n++) {
                sb.append(", 'ü€ note ").append(n).append('\'');
            }
            sb.append(" ".repeat(150_000 - tail.length() - sb.length())).append(tail);
            bigQuery = sb.toString();
            RedshiftTwin.query(c, 100, "etl_loader", "dev", "INSERT", "success", T0, T0.plusMillis(4250), null, 0L,
                    bigQuery);
            RedshiftTwin.query(c, 101, "analyst ö", "dev", "SELECT", "failed", T0.plusSeconds(60),
                    T0.plusSeconds(61), "ERROR: relation \"sales.missing\" does not exist", null,
                    "select * from sales.missing");
            RedshiftTwin.query(c, 102, "etl_loader", "dev", "INSERT", "success", T0.plusSeconds(120),
                    T0.plusSeconds(121), null, 0L, "insert into report_counts select count(*) from customers");
            RedshiftTwin.query(c, 103, "analyst ö", "dev", "SELECT", "running", T0.plusSeconds(3000), null, null,
                    null, "select * from sales.orders, sales.orders o2");
            RedshiftTwin.query(c, 104, "analyst ö", "dev", "SELECT", "success",
                    WINDOW.end().minusNanos(1000), WINDOW.end().plusSeconds(1), null, 1L,
                    "select 'Grüße 👋 from the last microsecond'");
            RedshiftTwin.query(c, 105, "etl_loader", "dev", "SELECT", "success", WINDOW.end(),
                    WINDOW.end().plusSeconds(1), null, 1L, "select 'at the end: excluded'");
            RedshiftTwin.query(c, 99, "etl_loader", "dev", "SELECT", "success", T0.minusNanos(1000),
                    T0.plusSeconds(1), null, 1L, "select 'one microsecond early: excluded'");
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static RedshiftSource source(boolean allDatabases, NameFilter filter, int fetchSize) {
        JdbcConfig jdbc = new JdbcConfig(server.url("dev"), "collector", new Secret(PASSWORD), filter, false,
                fetchSize, null);
        return new RedshiftSource(new RedshiftConfig(RedshiftConfig.withDriverDefaults(jdbc), allDatabases, false));
    }

    private static RedshiftSource source() {
        return source(false, NameFilter.ALL, 100);
    }

    private static <E extends WireEvent> List<E> drain(EventStream<E> stream) {
        List<E> out = new ArrayList<>();
        try (stream) {
            E e;
            while ((e = stream.next()) != null) {
                out.add(e);
            }
        }
        return out;
    }

    private static Map<String, RelationalAsset> byName(List<RelationalAsset> assets) {
        Map<String, RelationalAsset> m = new LinkedHashMap<>();
        for (RelationalAsset a : assets) {
            m.put(a.metadata().database() + "." + a.metadata().schema() + "." + a.metadata().name(), a);
        }
        return m;
    }

    @Test
    void metadataReadsTablesViewsExternalTablesAndHostileNamesOfTheConnectedDatabase() {
        CollectionReport report = new CollectionReport();
        Map<String, RelationalAsset> assets;
        try (RedshiftSource s = source()) {
            assets = byName(drain(s.metadata(report)));
        }
        assertThat(assets.keySet()).containsExactlyInAnyOrder("dev.public.customers", "dev.public.report_counts",
                "dev.sales.daily_totals", "dev.sales.empty_table", "dev.sales.mv_totals", "dev.sales.orders",
                "dev.sales.v_big_orders", "dev.sales.v_late", "dev.spectrum.clicks", "dev.we\"ird schema.Bestellungen_ü",
                "dev.we\"ird schema.Select");
        RelationalAsset orders = assets.get("dev.sales.orders");
        assertThat(orders.type()).isEqualTo("TABLE");
        assertThat(orders.metadata().description()).isEqualTo("one row per order");
        assertThat(orders.fields()).extracting(AssetField::name, AssetField::type).containsExactly(
                org.assertj.core.groups.Tuple.tuple("id", "BIGINT"),
                org.assertj.core.groups.Tuple.tuple("amount", "DECIMAL(12,2)"),
                org.assertj.core.groups.Tuple.tuple("customer_id", "INTEGER"),
                org.assertj.core.groups.Tuple.tuple("created_at", "TIMESTAMP"),
                org.assertj.core.groups.Tuple.tuple("note", "VARCHAR(256)"),
                org.assertj.core.groups.Tuple.tuple("payload", "SUPER"));
        assertThat(orders.fields().get(0).description()).isEqualTo("order key");
        // estimated_visible_rows wins over tbl_rows (which counts deleted rows not yet vacuumed); 12 blocks of 1 MB
        assertThat(orders.volume().rowCount()).isEqualTo(1000L);
        assertThat(orders.volume().byteCount()).isEqualTo(12L * 1_048_576L);
        // the successful insert (query 10) ended at 06:00:10 (the query's end, not the step's); the failed insert and the later scan do not count
        assertThat(orders.freshness().lastUpdateTime()).isEqualTo("2026-11-20T06:00:10Z");
        RelationalAsset totals = assets.get("dev.sales.daily_totals");
        assertThat(totals.volume().rowCount()).isEqualTo(30L);
        assertThat(totals.freshness().lastUpdateTime()).isEqualTo("2026-11-20T06:36:41Z");
        // not in SVV_TABLE_INFO (empty): unknown, not a made-up zero
        assertThat(assets.get("dev.sales.empty_table").volume()).isNull();
        assertThat(assets.get("dev.sales.empty_table").freshness()).isNull();

        RelationalAsset view = assets.get("dev.sales.v_big_orders");
        assertThat(view.type()).isEqualTo("VIEW");
        assertThat(view.metadata().viewQuery()).contains("FROM sales.orders");
        assertThat(view.metadata().description()).isEqualTo("orders over 100");
        assertThat(view.volume()).isNull();
        RelationalAsset late = assets.get("dev.sales.v_late");
        assertThat(late.type()).isEqualTo("VIEW");
        assertThat(late.metadata().viewQuery()).contains("with no schema binding");
        assertThat(late.fields()).extracting(AssetField::type).containsExactly("BIGINT", "CHAR(3)");
        RelationalAsset mv = assets.get("dev.sales.mv_totals");
        assertThat(mv.type()).isEqualTo("TABLE");

        RelationalAsset external = assets.get("dev.spectrum.clicks");
        assertThat(external.type()).isEqualTo("TABLE");
        assertThat(external.fields()).extracting(AssetField::type).containsExactly("VARCHAR(2048)", "TIMESTAMP");
        assertThat(external.volume()).isNull();

        RelationalAsset hostile = assets.get("dev.we\"ird schema.Select");
        assertThat(hostile.fields()).extracting(AssetField::name, AssetField::type)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a\"b", "DOUBLE"));
        assertThat(hostile.volume().rowCount()).isEqualTo(7L);
        RelationalAsset unicode = assets.get("dev.we\"ird schema.Bestellungen_ü");
        assertThat(unicode.metadata().description()).isEqualTo("Bestellungen – ünïcödé");
        assertThat(unicode.fields().get(0).name()).isEqualTo("größe");
        assertThat(unicode.fields().get(0).description()).isEqualTo("in €");

        assertThat(report.get("tables")).isEqualTo(9); // the materialized view counts as a table
        assertThat(report.get("views")).isEqualTo(2);
        assertThat(report.get("schemas")).isEqualTo(4);
        assertThat(report.warnings()).isEmpty();
    }

    @Test
    void allDatabasesReadsOtherDatabasesThroughTheCrossDatabaseViewsWithFiltersApplied() {
        CollectionReport report = new CollectionReport();
        List<RelationalAsset> assets;
        NameFilter filter = new NameFilter(null, null, null, Pattern.compile("we.*|spectrum|public"), null, null);
        try (RedshiftSource s = source(true, filter, 2)) {
            assets = drain(s.metadata(report));
        }
        Map<String, RelationalAsset> m = byName(assets);
        assertThat(m.keySet()).containsExactlyInAnyOrder("dev.sales.daily_totals", "dev.sales.empty_table",
                "dev.sales.mv_totals", "dev.sales.orders", "dev.sales.v_big_orders", "dev.sales.v_late",
                "analytics.mart.revenue");
        RelationalAsset revenue = m.get("analytics.mart.revenue");
        assertThat(revenue.fields()).extracting(AssetField::type).containsExactly("DECIMAL(18,2)");
        assertThat(revenue.volume()).isNull(); // SVV_TABLE_INFO does not cross databases
        assertThat(report.get("databases")).isEqualTo(2); // padb_harvest is Redshift's own
    }

    @Test
    void onlyFreshnessAndVolumeReadsNoColumnsButKeepsTheFigures() {
        JdbcConfig jdbc = new JdbcConfig(server.url("dev"), "collector", new Secret(PASSWORD),
                new NameFilter(null, null, Pattern.compile("sales"), null, null, null), true, 100, null);
        CollectionReport report = new CollectionReport();
        Map<String, RelationalAsset> assets;
        try (RedshiftSource s = new RedshiftSource(new RedshiftConfig(RedshiftConfig.withDriverDefaults(jdbc), false,
                false))) {
            assets = byName(drain(s.metadata(report)));
        }
        assertThat(assets).hasSize(6);
        assertThat(assets.values()).allSatisfy(a -> assertThat(a.fields()).isEmpty());
        assertThat(assets.get("dev.sales.orders").volume().rowCount()).isEqualTo(1000L);
        assertThat(assets.get("dev.sales.daily_totals").freshness().lastUpdateTime()).isEqualTo("2026-11-20T06:36:41Z");
        assertThat(assets.get("dev.sales.mv_totals").type()).isEqualTo("TABLE");
        assertThat(report.get("columns")).isZero();
    }

    @Test
    void queryLogsCoverTheWindowWithTheWholeTextUsersAndFailures() {
        CollectionReport report = new CollectionReport();
        List<QueryLogEntry> entries;
        try (RedshiftSource s = source()) {
            entries = drain(s.queryLogs(WINDOW, report));
        }
        assertThat(entries).extracting(QueryLogEntry::queryId).containsExactly("100", "101", "102", "104");
        QueryLogEntry big = entries.get(0);
        assertThat(RedshiftTwin.pieces(bigQuery)).hasSize(38);
        assertThat(RedshiftTwin.pieces(bigQuery).get(0)).endsWith("  ");
        assertThat(bigQuery).hasSize(150_000);
        assertThat(big.queryText().length()).isEqualTo(150_000);
        // byte for byte (compared without printing 150 KB on failure)
        assertThat(big.queryText().equals(bigQuery)).as("the reassembled text equals the original").isTrue();
        assertThat(big.user()).isEqualTo("etl_loader");
        assertThat(big.startTime()).isEqualTo(T0);
        assertThat(big.endTime()).isEqualTo(T0.plusMillis(4250));
        assertThat(big.errorCode()).isNull();
        assertThat(big.returnedRows()).isEqualTo(0L);
        assertThat(big.extra()).containsEntry("database_name", "dev").containsEntry("elapsed_time_us", 4_250_000L)
                .containsEntry("query_type", "INSERT").containsEntry("status", "success");

        QueryLogEntry failed = entries.get(1);
        assertThat(failed.user()).isEqualTo("analyst ö");
        assertThat(failed.errorCode()).isEqualTo("failed");
        assertThat(failed.errorText()).isEqualTo("ERROR: relation \"sales.missing\" does not exist");
        assertThat(failed.queryText()).isEqualTo("select * from sales.missing");

        assertThat(entries.get(3).queryText()).isEqualTo("select 'Grüße 👋 from the last microsecond'");
        assertThat(report.warnings()).singleElement().asString().startsWith("1 queries that started in the window were "
                + "still running");
        assertThat(report.get("queries")).isEqualTo(4);
    }

    @Test
    void lineageComesFromViewsAndSuccessfulQueriesWithNamesAsTheCatalogReportsThem() {
        CollectionReport report = new CollectionReport();
        List<LineageEvent> events;
        try (RedshiftSource s = source()) {
            events = drain(s.lineage(WINDOW, report));
        }
        Map<String, List<String>> edges = events.stream().collect(Collectors.toMap(
                e -> e.destination().database() + "." + e.destination().schema() + "." + e.destination().name(),
                e -> e.sources().stream().map(RedshiftSourceIT::name).sorted().toList()));
        assertThat(edges).containsEntry("dev.sales.daily_totals", List.of("dev.sales.orders"))
                .containsEntry("dev.public.report_counts", List.of("dev.public.customers"))
                .containsEntry("dev.sales.v_big_orders", List.of("dev.sales.orders"))
                .containsKey("dev.sales.v_late");
        assertThat(edges).doesNotContainKey("dev.sales.missing");
        assertThat(edges.get("dev.sales.v_late")).contains("dev.sales.orders");
    }

    private static String name(LineageAssetRef r) {
        return r.database() + "." + r.schema() + "." + r.name();
    }

    @Test
    void manyQueriesArePagedThroughInQueryIdOrderWithoutALimit() throws Exception {
        Instant start = Instant.parse("2026-11-21T00:00:00Z");
        int count = 2_500;
        try (Connection c = server.connect("dev")) {
            c.setAutoCommit(false);
            for (int i = 0; i < count; i++) {
                long id = 1_000_000L + i * 2L;
                String sql = "select " + i + " as n, '" + "x".repeat(i % 7 == 0 ? 4_500 : 10) + "' from sales.orders";
                RedshiftTwin.query(c, id, i % 2 == 0 ? "etl_loader" : "analyst ö", "dev", "SELECT", "success",
                        start.plusMillis(i), start.plusMillis(i + 5), null, 1L, sql);
                if (i % 100 == 0) {
                    // text of a query outside the window, between two of the window's ids: passed over
                    RedshiftTwin.query(c, id + 1, "etl_loader", "dev", "SELECT", "success", start.minusSeconds(86_400),
                            start.minusSeconds(86_399), null, 1L, "select 'outside'");
                }
            }
            c.commit();
        }
        CollectionReport report = new CollectionReport();
        long n = 0;
        try (RedshiftSource s = source(false, NameFilter.ALL, 37);
                EventStream<QueryLogEntry> stream = s.queryLogs(new QueryLogWindow(start, start.plusSeconds(3600)), report)) {
            QueryLogEntry e;
            while ((e = stream.next()) != null) {
                assertThat(e.queryId()).isEqualTo(String.valueOf(1_000_000L + n * 2));
                assertThat(e.queryText()).startsWith("select " + n + " as n, 'x").endsWith("' from sales.orders")
                        .hasSize(("select " + n + " as n, '' from sales.orders").length() + (n % 7 == 0 ? 4_500 : 10));
                n++;
            }
        }
        assertThat(n).isEqualTo(count);
        assertThat(report.get("queries")).isEqualTo(count);
    }

    @Test
    void aWrongPasswordIsOneLineWithoutThePassword() {
        JdbcConfig jdbc = new JdbcConfig(server.url("dev"), "collector", new Secret("wrong-" + PASSWORD),
                NameFilter.ALL, false, 100, null);
        try (RedshiftSource s = new RedshiftSource(new RedshiftConfig(jdbc, false, false))) {
            assertThatThrownBy(() -> drain(s.metadata(new CollectionReport())))
                    .isInstanceOf(SourceConnectionException.class)
                    .hasMessageContaining("dev").hasMessageContaining("localhost")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PASSWORD).doesNotContain("\n"));
        }
    }

    @Test
    void aSchemaWithoutTheStatsViewsIsAWarningAndItsAssetsStillCome() throws Exception {
        server.execute("dev", "CREATE ROLE limited LOGIN PASSWORD '" + PASSWORD + "'",
                "GRANT USAGE ON SCHEMA twin TO limited", "GRANT SELECT ON ALL TABLES IN SCHEMA twin TO limited",
                "REVOKE SELECT ON twin.svv_table_info FROM limited",
                "ALTER ROLE limited SET search_path = twin, pg_catalog, public");
        JdbcConfig jdbc = new JdbcConfig(server.url("dev"), "limited", new Secret(PASSWORD),
                new NameFilter(null, null, Pattern.compile("sales"), null, null, null), false, 100, null);
        CollectionReport report = new CollectionReport();
        List<RelationalAsset> assets;
        try (RedshiftSource s = new RedshiftSource(new RedshiftConfig(RedshiftConfig.withDriverDefaults(jdbc), false,
                false))) {
            assets = drain(s.metadata(report));
        }
        assertThat(assets).hasSize(6);
        assertThat(assets).allSatisfy(a -> assertThat(a.volume()).isNull());
        assertThat(report.warnings()).singleElement().asString()
                .startsWith("schema dev.sales: no row counts, sizes or freshness").doesNotContain(PASSWORD);
    }

    @Test
    void withoutTheQueryDetailViewVolumeStaysAndFreshnessIsOneWarning() {
        server.execute("dev", "CREATE ROLE nodetail LOGIN PASSWORD '" + PASSWORD + "'",
                "GRANT USAGE ON SCHEMA twin TO nodetail", "GRANT SELECT ON ALL TABLES IN SCHEMA twin TO nodetail",
                "REVOKE SELECT ON twin.sys_query_detail FROM nodetail",
                "ALTER ROLE nodetail SET search_path = twin, pg_catalog, public");
        JdbcConfig jdbc = new JdbcConfig(server.url("dev"), "nodetail", new Secret(PASSWORD),
                new NameFilter(null, null, null, Pattern.compile("pg_.*"), null, null), false, 100, null);
        CollectionReport report = new CollectionReport();
        Map<String, RelationalAsset> assets;
        try (RedshiftSource s = new RedshiftSource(new RedshiftConfig(RedshiftConfig.withDriverDefaults(jdbc), false,
                false))) {
            assets = byName(drain(s.metadata(report)));
        }
        assertThat(assets.get("dev.sales.orders").volume().rowCount()).isEqualTo(1000L);
        assertThat(assets.get("dev.sales.orders").freshness()).isNull();
        assertThat(assets.get("dev.we\"ird schema.Select").volume().byteCount()).isEqualTo(3L * 1_048_576L);
        assertThat(report.warnings()).singleElement().asString().startsWith("database dev: no freshness");
    }

    static {
        // the twin is reached with the PostgreSQL driver; make sure it is registered before the Redshift one is asked
        try {
            DriverManager.getDriver("jdbc:postgresql://localhost/x");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
