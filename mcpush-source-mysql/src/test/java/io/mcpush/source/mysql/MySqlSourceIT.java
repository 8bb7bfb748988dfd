package io.mcpush.source.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpush.sdk.Flow;
import io.mcpush.sdk.model.AssetField;
import io.mcpush.sdk.model.ColumnLineageField;
import io.mcpush.sdk.model.LineageAssetRef;
import io.mcpush.sdk.model.LineageEvent;
import io.mcpush.sdk.model.QueryLogEntry;
import io.mcpush.sdk.model.RelationalAsset;
import io.mcpush.sdk.model.WireEvent;
import io.mcpush.source.Capability;
import io.mcpush.source.CollectionReport;
import io.mcpush.source.EventStream;
import io.mcpush.source.QueryLogWindow;
import io.mcpush.source.Source;
import io.mcpush.source.SourceConnectionException;
import io.mcpush.source.SourceException;
import io.mcpush.source.SourceOptions;
import io.mcpush.source.SourceRegistry;
import io.mcpush.source.jdbc.Dialect;
import io.mcpush.testsupport.MariaDbServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The mysql source against a real MariaDB server ({@link MariaDbServer}). Each test works in
 * databases of its own; query-log tests bound their windows by the times around their own
 * statements.
 */
class MySqlSourceIT {
    private static final Dialect Q = Dialect.MYSQL;
    private static final String PASSWORD = "pw-SECRET-9f8e7d";
    private static final Function<String, String> ENV = name -> name.equals("MYSQL_PW") ? PASSWORD : null;
    private static MariaDbServer server;

    @BeforeAll
    static void start() {
        server = MariaDbServer.start();
        server.execute("CREATE USER collector@'%' IDENTIFIED BY '" + PASSWORD + "'",
                "GRANT SELECT, SHOW VIEW ON *.* TO collector@'%'",
                "CREATE USER app@'%' IDENTIFIED BY '" + PASSWORD + "'",
                "GRANT ALL ON *.* TO app@'%'");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static Map<String, String> options(String user, String... extra) {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("jdbc-url", server.url("mariadb", ""));
        o.put("user", user);
        o.put("password-env", "MYSQL_PW");
        for (int i = 0; i < extra.length; i += 2) {
            o.put(extra[i], extra[i + 1]);
        }
        return o;
    }

    private static Source source(Map<String, String> options) {
        return SourceRegistry.load().get("mysql").create(new SourceOptions("mysql", options, ENV));
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

    private static List<RelationalAsset> metadata(Map<String, String> options, CollectionReport report) {
        try (Source s = source(options)) {
            return drain(s.metadata(report));
        }
    }

    private static RelationalAsset find(List<RelationalAsset> assets, String schema, String name) {
        return assets.stream().filter(a -> a.metadata().schema().equals(schema) && a.metadata().name().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no " + schema + "." + name + " in "
                        + assets.stream().map(a -> a.metadata().schema() + "." + a.metadata().name()).toList()));
    }

    private static Map<String, String> columns(RelationalAsset a) {
        Map<String, String> m = new LinkedHashMap<>();
        for (AssetField f : a.fields()) {
            m.put(f.name(), f.type());
        }
        return m;
    }

    private static Connection app() throws SQLException {
        return server.connect("app", PASSWORD);
    }

    private static void pause() {
        try {
            Thread.sleep(30);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void hostileIdentifiersRoundTripExactly() {
        // MySQL identifiers: any character but NUL and supplementary ones (utf8mb3); no trailing space
        List<String> schemas = List.of("we`ird db", "Sales.Q1", "ünïcødé 表", "MixedCase", "mixedcase", "select",
                "it's \"q\"");
        List<String> tables = List.of("a `back` table", "dotted.name", "Ωmega", "MiXeD", "mixed", "order",
                "  lead", "quote's \"dq\"");
        List<String> cols = List.of("col `b`", "from", "Dot.ted", "ÜberCol", "CamelCase", "with space", "it's");
        List<String> ddl = new ArrayList<>();
        for (String s : schemas) {
            ddl.add("CREATE DATABASE " + Q.quote(s));
            for (String t : tables) {
                ddl.add("CREATE TABLE " + Q.qualified(s, t) + " (" + cols.stream().map(c -> Q.quote(c) + " int")
                        .collect(Collectors.joining(", ")) + ") COMMENT 'it''s \"commented\" ✓ " + t.length() + "'");
            }
            ddl.add("CREATE VIEW " + Q.qualified(s, "view " + s) + " AS SELECT " + Q.quote("from") + ", "
                    + Q.quote("col `b`") + " FROM " + Q.qualified(s, "a `back` table"));
        }
        server.execute(ddl.toArray(String[]::new));
        CollectionReport report = new CollectionReport();
        List<RelationalAsset> assets = metadata(options("collector", "include-schema",
                schemas.stream().map(java.util.regex.Pattern::quote).collect(Collectors.joining("|"))), report);
        assertThat(report.warnings()).isEmpty();
        assertThat(assets).hasSize(schemas.size() * (tables.size() + 1));
        for (String s : schemas) {
            for (String t : tables) {
                RelationalAsset a = find(assets, s, t);
                assertThat(a.type()).isEqualTo("TABLE");
                assertThat(a.metadata().database()).isEqualTo("def");
                assertThat(a.metadata().description()).isEqualTo("it's \"commented\" ✓ " + t.length());
                assertThat(columns(a).keySet()).containsExactlyElementsOf(cols);
            }
            RelationalAsset v = find(assets, s, "view " + s);
            assertThat(v.type()).isEqualTo("VIEW");
            assertThat(columns(v).keySet()).containsExactly("from", "col `b`");
            assertThat(v.metadata().viewQuery()).contains(Q.quote("a `back` table"));
        }
        assertThat(report.get("schemas")).isEqualTo(schemas.size());
    }

    @Test
    void tablesCarryServerColumnTypesVolumeFreshnessAndTheirViewsDefinitions() throws Exception {
        Instant before = Instant.now().minusSeconds(2);
        server.execute("CREATE DATABASE shop",
                "CREATE TABLE shop.orders (id BIGINT UNSIGNED NOT NULL PRIMARY KEY COMMENT 'order id', "
                        + "amount DECIMAL(10,2), status ENUM('new','paid'), note VARCHAR(40), at DATETIME(3)) "
                        + "ENGINE=Aria COMMENT 'all orders'",
                "CREATE TABLE shop.items (order_id BIGINT UNSIGNED, sku VARCHAR(12)) ENGINE=InnoDB",
                "INSERT INTO shop.orders VALUES (1, 9.50, 'new', 'x', NOW()), (2, 3.25, 'paid', NULL, NOW()), "
                        + "(3, 1.00, 'new', NULL, NOW())",
                "INSERT INTO shop.items VALUES (1, 'a'), (2, 'b')",
                "ANALYZE TABLE shop.items",
                "CREATE VIEW shop.paid AS SELECT id, amount FROM shop.orders WHERE status = 'paid'",
                "CREATE SEQUENCE shop.order_seq");
        Instant after = Instant.now().plusSeconds(2);
        CollectionReport report = new CollectionReport();
        List<RelationalAsset> assets = metadata(options("collector", "include-schema", "shop"), report);
        assertThat(report.warnings()).isEmpty();
        assertThat(assets).extracting(a -> a.metadata().name()).containsExactly("items", "order_seq", "orders", "paid");

        RelationalAsset orders = find(assets, "shop", "orders");
        assertThat(orders.type()).isEqualTo("TABLE");
        assertThat(orders.metadata().description()).isEqualTo("all orders");
        assertThat(columns(orders)).containsExactly(Map.entry("id", "bigint(20) unsigned"),
                Map.entry("amount", "decimal(10,2)"), Map.entry("status", "enum('new','paid')"),
                Map.entry("note", "varchar(40)"), Map.entry("at", "datetime(3)"));
        assertThat(orders.fields().get(0).description()).isEqualTo("order id");
        assertThat(orders.volume().rowCount()).isEqualTo(3L);
        assertThat(orders.volume().byteCount()).isPositive();
        // read in UTC: a session zone or a server zone misread would be hours off
        Instant updated = Instant.parse(orders.freshness().lastUpdateTime());
        assertThat(updated).isBetween(before.minusSeconds(1), after);
        Instant created = Instant.parse(orders.metadata().createdOn());
        assertThat(created).isBetween(before.minusSeconds(1), after);

        RelationalAsset items = find(assets, "shop", "items");
        assertThat(items.volume().rowCount()).isEqualTo(2L);

        RelationalAsset paid = find(assets, "shop", "paid");
        assertThat(paid.type()).isEqualTo("VIEW");
        assertThat(paid.volume()).isNull();
        assertThat(paid.metadata().description()).isNull(); // MySQL's TABLE_COMMENT of a view is the word VIEW
        assertThat(items.metadata().description()).isNull();
        assertThat(orders.fields().get(1).description()).isNull();
        assertThat(paid.metadata().viewQuery()).contains("`shop`.`orders`").containsIgnoringCase("where");
        assertThat(find(assets, "shop", "order_seq").type()).isEqualTo("TABLE");
        assertThat(report.get("tables")).isEqualTo(3);
        assertThat(report.get("views")).isEqualTo(1);
    }

    @Test
    void onlyFreshnessAndVolumeReadsNoColumnsAndFiltersApply() {
        server.execute("CREATE DATABASE f_raw", "CREATE DATABASE f_marts", "CREATE DATABASE f_other",
                "CREATE TABLE f_raw.events (id INT) ENGINE=Aria", "CREATE TABLE f_raw.tmp_scratch (id INT)",
                "CREATE TABLE f_marts.daily (id INT)", "CREATE TABLE f_other.hidden (id INT)",
                "INSERT INTO f_raw.events VALUES (1), (2)");
        CollectionReport report = new CollectionReport();
        List<RelationalAsset> assets = metadata(options("collector", "include-schema", "f_raw|f_marts",
                "exclude-table", "tmp_.*", "only-freshness-and-volume", "true"), report);
        assertThat(report.warnings()).isEmpty();
        assertThat(assets).extracting(a -> a.metadata().schema() + "." + a.metadata().name())
                .containsExactly("f_marts.daily", "f_raw.events");
        assertThat(assets).allSatisfy(a -> assertThat(a.fields()).isEmpty());
        assertThat(find(assets, "f_raw", "events").volume().rowCount()).isEqualTo(2L);
        assertThat(report.get("columns")).isZero();

        assertThat(metadata(options("collector", "include-schema", "f_.*", "exclude-schema", "f_raw|f_marts",
                "database-name", "prod_mysql"), new CollectionReport()))
                .extracting(a -> a.metadata().database() + ":" + a.metadata().schema() + "." + a.metadata().name())
                .containsExactly("prod_mysql:f_other.hidden");
        assertThat(metadata(options("collector", "include-schema", "f_.*", "exclude-database", "def"),
                new CollectionReport())).isEmpty();
    }

    @Test
    void tablesTheUserCannotSeeAndViewsItCannotReadAreWarnings() {
        server.execute("CREATE DATABASE part", "CREATE DATABASE whole",
                "CREATE TABLE part.granted (id INT)", "CREATE TABLE part.secret (id INT)",
                "CREATE VIEW part.v AS SELECT id FROM part.granted",
                "CREATE TABLE whole.t (id INT)",
                "CREATE USER limited@'%' IDENTIFIED BY '" + PASSWORD + "'",
                "GRANT SELECT ON part.granted TO limited@'%'",
                "GRANT SELECT ON part.v TO limited@'%'",
                "GRANT SELECT ON whole.* TO limited@'%'");
        CollectionReport report = new CollectionReport();
        List<RelationalAsset> assets = metadata(options("limited", "include-schema", "part|whole"), report);
        assertThat(assets).extracting(a -> a.metadata().schema() + "." + a.metadata().name())
                .containsExactly("part.granted", "part.v", "whole.t");
        assertThat(report.warnings()).hasSize(2);
        assertThat(report.warnings().get(0)).startsWith("schema def.part: user 'limited'@'%' has privileges on only "
                + "some of its tables");
        assertThat(report.warnings().get(1)).startsWith("view def.part.v: its definition is not readable");
        assertThat(find(assets, "part", "v").metadata().viewQuery()).isNull();
    }

    @Test
    void queryLogsHoldTheWindowsStatementsAndNothingOutsideIt() throws Exception {
        server.execute("CREATE DATABASE qlog", "CREATE TABLE qlog.t (id INT, name VARCHAR(10))",
                "INSERT INTO qlog.t VALUES (1, 'a'), (2, 'b'), (3, 'c')");
        Instant start;
        Instant end;
        String longSql = "SELECT id FROM t WHERE name IN (" + "'x', ".repeat(300) + "'y')";
        try (Connection c = app(); Statement s = c.createStatement()) {
            c.setCatalog("qlog");
            s.executeQuery("SELECT 'before the window' AS m").close();
            pause();
            start = Instant.now();
            pause();
            // an earlier collection inside the window: its statements (and its driver's) are no query logs
            assertThat(metadata(options("collector", "include-schema", "qlog"), new CollectionReport())).hasSize(1);
            try (Source earlier = source(options("collector"))) {
                drain(earlier.queryLogs(new QueryLogWindow(start.minusSeconds(1), Instant.now()), new CollectionReport()));
            }
            s.executeQuery("SELECT id, name FROM t WHERE id <= 2").close();
            s.executeUpdate("UPDATE t SET name = 'z' WHERE id = 3");
            assertThatThrownBy(() -> s.executeQuery("SELECT * FROM qlog.missing")).isInstanceOf(SQLException.class);
            s.executeQuery(longSql).close();
            pause();
            end = Instant.now();
            pause();
            s.executeQuery("SELECT 'after the window' AS m").close();

            CollectionReport report = new CollectionReport();
            List<QueryLogEntry> entries;
            try (Source source = source(options("collector"))) {
                assertThat(source.logType()).isEqualTo("mysql");
                assertThat(source.windowed(Flow.QUERY_LOGS)).isTrue();
                entries = drain(source.queryLogs(new QueryLogWindow(start, end), report));
            }
            assertThat(entries).extracting(QueryLogEntry::queryText).containsExactly(
                    "SELECT id, name FROM t WHERE id <= 2", "UPDATE t SET name = 'z' WHERE id = 3",
                    "SELECT * FROM qlog.missing", entries.get(3).queryText());
            String cut = entries.get(3).queryText();
            assertThat(cut.length()).isBetween(1000, 1024);
            assertThat(longSql).startsWith(cut.endsWith("...") ? cut.substring(0, cut.length() - 3) : cut);
            assertThat(entries).allSatisfy(e -> {
                assertThat(e.startTime()).isBetween(start, end);
                assertThat(e.endTime()).isBetween(e.startTime(), end);
                assertThat(e.user()).isEqualTo("app"); // its session is still open
                assertThat(e.extra()).containsEntry("current_schema", "qlog");
            });
            QueryLogEntry select = entries.get(0);
            assertThat(select.returnedRows()).isEqualTo(2L);
            assertThat(select.errorCode()).isNull();
            assertThat(entries.get(1).returnedRows()).isEqualTo(1L);
            assertThat(entries.get(1).extra()).containsEntry("rows_affected", 1L);
            QueryLogEntry failed = entries.get(2);
            assertThat(failed.errorCode()).isEqualTo(1146);
            assertThat(failed.errorText()).contains("missing");
            assertThat(entries.get(3).extra()).containsEntry("sql_text_truncated", true);
            assertThat(report.warnings()).singleElement().asString()
                    .startsWith("1 statements were cut at performance_schema_max_sql_text_length (1024 bytes)");
            assertThat(report.get("queries")).isEqualTo(4);
        }
    }

    @Test
    void queryTimesAreWallClockTimesToTheMillisecond() throws Exception {
        try (Connection c = app(); Statement s = c.createStatement()) {
            Instant start = Instant.now();
            pause();
            Instant before = Instant.now();
            s.executeQuery("SELECT 'clock check' AS m").close();
            Instant after = Instant.now();
            pause();
            Instant end = Instant.now();
            List<QueryLogEntry> entries;
            try (Source source = source(options("collector"))) {
                entries = drain(source.queryLogs(new QueryLogWindow(start, end), new CollectionReport()));
            }
            QueryLogEntry e = entries.stream().filter(q -> q.queryText().contains("clock check")).findFirst()
                    .orElseThrow();
            assertThat(e.startTime()).isBetween(before.minusMillis(2), after.plusMillis(2));
        }
    }

    @Test
    void aWrappedStatementHistoryIsAWarning() throws Exception {
        Instant start = Instant.now();
        pause();
        try (Connection c = app(); Statement s = c.createStatement()) {
            for (int i = 0; i < 1100; i++) {
                s.execute("DO " + i);
            }
        }
        pause();
        CollectionReport report = new CollectionReport();
        try (Source source = source(options("collector"))) {
            List<QueryLogEntry> entries = drain(source.queryLogs(new QueryLogWindow(start, Instant.now()), report));
            assertThat(entries).hasSizeLessThan(1100);
        }
        assertThat(report.warnings()).anySatisfy(w -> assertThat(w)
                .startsWith("events_statements_history_long wrapped: it keeps the last 1000 statements"));
    }

    @Test
    void lineageComesFromViewsAndFromAnInsertSelectInTheHistory() throws Exception {
        server.execute("CREATE DATABASE lin_raw", "CREATE DATABASE lin_mart",
                "CREATE TABLE lin_raw.`Orders` (id INT, amount DECIMAL(10,2), customer VARCHAR(20))",
                "CREATE TABLE lin_mart.totals (customer VARCHAR(20), total DECIMAL(12,2))",
                "CREATE VIEW lin_mart.big_orders AS SELECT id, amount FROM lin_raw.`Orders` WHERE amount > 100");
        Instant start = Instant.now();
        pause();
        try (Connection c = app(); Statement s = c.createStatement()) {
            c.setCatalog("lin_mart");
            s.executeUpdate("INSERT INTO totals (customer, total) SELECT customer, SUM(amount) FROM lin_raw.`Orders` "
                    + "GROUP BY customer");
        }
        pause();
        Instant end = Instant.now();
        CollectionReport report = new CollectionReport();
        List<LineageEvent> events;
        try (Source source = source(options("collector", "include-schema", "lin_.*"))) {
            assertThat(source.windowed(Flow.LINEAGE)).isTrue();
            events = drain(source.lineage(new QueryLogWindow(start, end), report));
        }
        Map<String, LineageEvent> byDestination = events.stream().collect(Collectors.toMap(
                e -> e.destination().schema() + "." + e.destination().name(), e -> e));
        assertThat(byDestination).containsOnlyKeys("lin_mart.big_orders", "lin_mart.totals");
        LineageEvent view = byDestination.get("lin_mart.big_orders");
        assertThat(view.destination().database()).isEqualTo("def");
        assertThat(view.sources()).extracting(LineageAssetRef::database, LineageAssetRef::schema,
                LineageAssetRef::name).containsExactly(org.assertj.core.groups.Tuple.tuple("def", "lin_raw", "Orders"));
        assertThat(view.fields()).extracting(ColumnLineageField::name).containsExactlyInAnyOrder("id", "amount");
        LineageEvent insert = byDestination.get("lin_mart.totals");
        assertThat(insert.sources()).extracting(LineageAssetRef::name).containsExactly("Orders");
        Map<String, List<String>> columns = insert.fields().stream().collect(Collectors.toMap(ColumnLineageField::name,
                f -> f.sourceFields().stream().map(sf -> sf.fieldName()).toList()));
        assertThat(columns).containsEntry("customer", List.of("customer")).containsEntry("total", List.of("amount"));
    }

    @Test
    void aMysqlSchemeUrlIsOpenedWithTheMariaDbDriver() {
        server.execute("CREATE DATABASE scheme_db", "CREATE TABLE scheme_db.t (id INT)");
        Map<String, String> o = options("collector", "include-schema", "scheme_db");
        o.put("jdbc-url", server.url("mysql", "scheme_db"));
        CollectionReport report = new CollectionReport();
        assertThat(metadata(o, report)).extracting(a -> a.metadata().name()).containsExactly("t");
        try (Source s = source(o)) {
            assertThat(s.identity().id()).isEqualTo(server.url("mysql", "scheme_db"));
        }
    }

    @Test
    void aWrongPasswordIsOneLineNamingHostAndDatabaseWithoutThePassword() {
        Map<String, String> o = options("collector");
        o.put("jdbc-url", server.url("mariadb", "shopdb"));
        Function<String, String> wrong = name -> "wrong-" + PASSWORD;
        try (Source s = SourceRegistry.load().get("mysql").create(new SourceOptions("mysql", o, wrong))) {
            assertThatThrownBy(() -> s.metadata(new CollectionReport()))
                    .isInstanceOf(SourceConnectionException.class)
                    .satisfies(e -> {
                        String m = e.getMessage();
                        assertThat(m).doesNotContain("\n").doesNotContain(PASSWORD)
                                .contains("127.0.0.1:" + server.port()).contains("shopdb")
                                .containsIgnoringCase("access denied");
                    });
        }
    }

    @Test
    void withoutPerformanceSchemaRightsQueryLogsFailAndNothingIsTakenAsCollected() {
        server.execute("CREATE USER nopfs@'%' IDENTIFIED BY '" + PASSWORD + "'", "GRANT SELECT ON *.* TO nopfs@'%'",
                "REVOKE SELECT ON *.* FROM nopfs@'%'", "GRANT SELECT ON mysql.* TO nopfs@'%'");
        try (Source s = source(options("nopfs"))) {
            Instant now = Instant.now();
            assertThatThrownBy(() -> drain(s.queryLogs(new QueryLogWindow(now.minus(Duration.ofMinutes(5)), now),
                    new CollectionReport())))
                    .isInstanceOf(SourceException.class)
                    .hasMessageContaining("SELECT ON performance_schema")
                    .hasMessageNotContaining(PASSWORD);
        }
    }

    @Test
    void theFactoryDescribesItself() {
        var f = SourceRegistry.load().get("mysql");
        assertThat(f.capabilities()).containsExactlyInAnyOrder(Capability.METADATA, Capability.TABLE_LINEAGE,
                Capability.COLUMN_LINEAGE, Capability.QUERY_LOGS);
        assertThat(f.resourceType()).isEqualTo("mysql");
        assertThat(f.grants()).isNotEmpty();
        assertThat(f.options()).extracting(o -> o.name()).contains("jdbc-url", "password-env", "database-name");
    }
}
