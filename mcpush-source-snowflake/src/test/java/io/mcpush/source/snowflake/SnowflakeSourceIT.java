package io.mcpush.source.snowflake;

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
import io.mcpush.source.CollectionReport;
import io.mcpush.source.EventStream;
import io.mcpush.source.QueryLogWindow;
import io.mcpush.source.SourceException;
import io.mcpush.source.jdbc.JdbcConfig;
import io.mcpush.source.jdbc.NameFilter;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The Snowflake source's SQL and row mapping, run against the local DuckDB TWIN of Snowflake's
 * system views ({@link SnowflakeTwin}: documented columns, hand-written rows), since Snowflake
 * itself cannot run here. {@code SnowflakeLiveIT} runs the same flows against a real account.
 */
class SnowflakeSourceIT {
    private static final QueryLogWindow WINDOW = new QueryLogWindow(Instant.parse("2026-11-20T08:00:00Z"),
            Instant.parse("2026-11-20T09:00:00Z"));

    private static SnowflakeSource source(boolean withAccessHistory, NameFilter filter,
            SnowflakeConfig.LineageFrom from) throws Exception {
        Connection c = SnowflakeTwin.open(withAccessHistory);
        JdbcConfig jdbc = new JdbcConfig("jdbc:snowflake://xy12345.eu-central-1.snowflakecomputing.com/", "COLLECTOR",
                null, filter, false, 2, null); // fetch size 2: many round trips even on a small twin
        return new SnowflakeSource(c, new SnowflakeConfig(jdbc, null, from), SnowflakeTwin.CATALOG);
    }

    private static SnowflakeSource source() throws Exception {
        return source(true, NameFilter.ALL, SnowflakeConfig.LineageFrom.AUTO);
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
    void metadataReadsEveryDatabaseSchemaAndRelationWithSnowflakeTypesAndUtcTimes() throws Exception {
        CollectionReport report = new CollectionReport();
        List<RelationalAsset> assets;
        try (SnowflakeSource s = source()) {
            assets = drain(s.metadata(report));
        }
        Map<String, RelationalAsset> m = byName(assets);
        assertThat(m.keySet()).containsExactly("SALES.CORE.APP_EVENTS", "SALES.CORE.CUSTOMERS", "SALES.CORE.EXT_CLICKS",
                "SALES.CORE.MV_DAILY", "SALES.CORE.ORDERS", "SALES.CORE.STG_EVENTS", "SALES.CORE.V_OPEN_ORDERS",
                "SALES.Mixed Case.lower_view", "SALES.Mixed Case.order.items 2026", "analytics lab.MART.ORDER_FACTS");

        RelationalAsset orders = m.get("SALES.CORE.ORDERS");
        assertThat(orders.type()).isEqualTo("TABLE");
        assertThat(orders.metadata().description()).isEqualTo("one row per order");
        assertThat(orders.metadata().viewQuery()).isNull();
        assertThat(orders.metadata().createdOn()).isEqualTo("2024-03-02T18:00:00Z");
        assertThat(orders.volume().rowCount()).isEqualTo(48210L);
        assertThat(orders.volume().byteCount()).isEqualTo(3145728L);
        // LAST_ALTERED 02:00 at -08:00 is 10:00 UTC, whatever the session zone (the twin's is Asia/Kolkata)
        assertThat(orders.freshness().lastUpdateTime()).isEqualTo("2026-11-25T10:00:00Z");
        assertThat(orders.fields()).extracting(AssetField::name)
                .containsExactly("ORDER_ID", "CUSTOMER_ID", "TOTAL", "STATUS", "ORDERED_AT", "PAYLOAD");
        assertThat(orders.fields()).extracting(AssetField::type).containsExactly("NUMBER(38,0)", "NUMBER(38,0)",
                "NUMBER(12,2)", "VARCHAR(16777216)", "TIMESTAMP_NTZ(9)", "VARIANT");
        assertThat(orders.fields().get(2).description()).isEqualTo("gross amount");

        assertThat(m.get("SALES.CORE.CUSTOMERS").freshness().lastUpdateTime()).isEqualTo("2026-11-24T23:59:59.123456Z");
        assertThat(m.get("SALES.CORE.CUSTOMERS").fields()).extracting(AssetField::type)
                .containsExactly("NUMBER(38,0)", "VARCHAR(200)", "FLOAT");
        assertThat(m.get("SALES.CORE.STG_EVENTS").type()).isEqualTo("TABLE"); // transient
        assertThat(m.get("SALES.CORE.STG_EVENTS").fields().get(0).type()).isEqualTo("BINARY(8388608)");
        assertThat(m.get("SALES.CORE.STG_EVENTS").freshness().lastUpdateTime()).isEqualTo("2026-11-25T01:00:00Z");
        RelationalAsset external = m.get("SALES.CORE.EXT_CLICKS");
        assertThat(external.type()).isEqualTo("TABLE");
        assertThat(external.volume()).isNull();
        assertThat(external.fields()).extracting(AssetField::type).containsExactly("VARIANT", "TIMESTAMP_LTZ(3)");
        RelationalAsset mv = m.get("SALES.CORE.MV_DAILY");
        assertThat(mv.type()).isEqualTo("TABLE");
        assertThat(mv.volume().rowCount()).isEqualTo(365L);
        assertThat(m.get("SALES.CORE.APP_EVENTS").type()).isEqualTo("TABLE"); // event table

        RelationalAsset view = m.get("SALES.CORE.V_OPEN_ORDERS");
        assertThat(view.type()).isEqualTo("VIEW");
        assertThat(view.volume()).isNull();
        assertThat(view.metadata().description()).isEqualTo("orders not shipped");
        assertThat(view.metadata().viewQuery()).startsWith("create or replace view V_OPEN_ORDERS")
                .contains("where STATUS = 'OPEN'");

        RelationalAsset hostile = m.get("SALES.Mixed Case.order.items 2026");
        assertThat(hostile.fields()).extracting(AssetField::name).containsExactly("Qty ünits", "ORDER_ID");
        assertThat(hostile.fields().get(0).description()).isEqualTo("quoted \"qty\"");
        assertThat(m.get("SALES.Mixed Case.lower_view").metadata().viewQuery())
                .isEqualTo("create view \"lower_view\" as select \"Qty ünits\" from \"Mixed Case\".\"order.items 2026\"");

        assertThat(report.get("tables")).isEqualTo(8);
        assertThat(report.get("views")).isEqualTo(2);
        assertThat(report.get("databases")).isEqualTo(2);
        // RETIRED is listed by SHOW DATABASES but its INFORMATION_SCHEMA cannot be read: a warning, not a silent skip
        assertThat(report.warnings()).singleElement().asString().startsWith("database RETIRED: cannot list its schemas");
    }

    @Test
    void sharedSnowflakeDatabasesAreCollectedOnlyWhenNamedAndFiltersApply() throws Exception {
        NameFilter onlyMixed = new NameFilter(Pattern.compile("SALES|SNOWFLAKE"), null, Pattern.compile("Mixed Case"),
                null, null, Pattern.compile("lower_.*"));
        CollectionReport report = new CollectionReport();
        List<RelationalAsset> assets;
        try (SnowflakeSource s = source(true, onlyMixed, SnowflakeConfig.LineageFrom.AUTO)) {
            assets = drain(s.metadata(report));
        }
        assertThat(byName(assets).keySet()).containsExactly("SALES.Mixed Case.order.items 2026");
        // SNOWFLAKE was named, so it is read: the twin gives it no INFORMATION_SCHEMA, hence the warning
        assertThat(report.warnings()).anyMatch(w -> w.startsWith("database SNOWFLAKE: cannot list its schemas"));
        assertThat(report.warnings()).noneMatch(w -> w.contains("SNOWFLAKE_SAMPLE_DATA"));
    }

    @Test
    void onlyFreshnessAndVolumeLeavesColumnsOut() throws Exception {
        Connection c = SnowflakeTwin.open(false);
        JdbcConfig jdbc = new JdbcConfig("jdbc:snowflake://xy12345.snowflakecomputing.com/", "COLLECTOR", null,
                NameFilter.ALL, true, 1000, null);
        try (SnowflakeSource s = new SnowflakeSource(c, new SnowflakeConfig(jdbc, null,
                SnowflakeConfig.LineageFrom.AUTO), SnowflakeTwin.CATALOG)) {
            Map<String, RelationalAsset> m = byName(drain(s.metadata(new CollectionReport())));
            assertThat(m).hasSize(10);
            assertThat(m.get("SALES.CORE.ORDERS").fields()).isEmpty();
            assertThat(m.get("SALES.CORE.ORDERS").volume().rowCount()).isEqualTo(48210L);
            assertThat(m.get("SALES.CORE.ORDERS").freshness().lastUpdateTime()).isEqualTo("2026-11-25T10:00:00Z");
        }
    }

    @Test
    void queryLogsTakeTheHalfOpenWindowWithFailuresAndAllFields() throws Exception {
        CollectionReport report = new CollectionReport();
        List<QueryLogEntry> logs;
        try (SnowflakeSource s = source()) {
            assertThat(s.windowed(Flow.QUERY_LOGS)).isTrue();
            logs = drain(s.queryLogs(WINDOW, report));
        }
        // ...01 started 1 µs before the window, ...07 exactly at its end: both out; ...02 exactly at its start: in
        assertThat(logs).extracting(QueryLogEntry::queryId).containsExactly("01b8a0c2-0001-4d2e-0000-000000000002",
                "01b8a0c2-0001-4d2e-0000-000000000003", "01b8a0c2-0001-4d2e-0000-000000000004",
                "01b8a0c2-0001-4d2e-0000-000000000005", "01b8a0c2-0001-4d2e-0000-000000000006");
        QueryLogEntry quoted = logs.get(0);
        assertThat(quoted.queryText()).isEqualTo(
                "select $$it's \"quoted\" $ and $$ as s, 'O''Brien' as n from \"Mixed Case\".\"order.items 2026\"");
        assertThat(quoted.startTime()).isEqualTo(Instant.parse("2026-11-20T08:00:00Z"));
        assertThat(quoted.endTime()).isEqualTo(Instant.parse("2026-11-20T08:00:04.25Z"));
        assertThat(quoted.user()).isEqualTo("ANALYST");
        assertThat(quoted.returnedRows()).isEqualTo(7L);
        assertThat(quoted.errorCode()).isNull();
        assertThat(quoted.extra()).containsEntry("warehouse_name", "COMPUTE_WH").containsEntry("bytes_scanned", 1024L)
                .containsEntry("warehouse_size", "X-Small").containsEntry("role_name", "REPORTER")
                .containsEntry("database_name", "SALES").containsEntry("schema_name", "Mixed Case")
                .containsEntry("query_type", "SELECT").containsEntry("query_tag", "dashboard:42")
                .containsEntry("execution_status", "SUCCESS").containsEntry("total_elapsed_time_ms", 4250L);

        QueryLogEntry insert = logs.get(1);
        assertThat(insert.startTime()).isEqualTo(Instant.parse("2026-11-20T08:10:00Z")); // 13:40 at +05:30
        assertThat(insert.queryText()).contains("\nselect o.ORDER_ID");
        assertThat(insert.extra()).doesNotContainKey("query_tag");

        QueryLogEntry failed = logs.get(2);
        assertThat(failed.errorCode()).isEqualTo("002003");
        assertThat(failed.errorText()).isEqualTo(
                "SQL compilation error: Object 'SALES.CORE.MISSING' does not exist or not authorized.");
        assertThat(failed.extra()).containsEntry("execution_status", "FAIL");

        assertThat(report.get("queries")).isEqualTo(5);
        assertThat(report.get("failed queries")).isEqualTo(1);
    }

    @Test
    void anEmptyWindowReadsNothing() throws Exception {
        Instant t = Instant.parse("2026-11-20T08:00:00Z");
        try (SnowflakeSource s = source()) {
            assertThat(drain(s.queryLogs(new QueryLogWindow(t, t), new CollectionReport()))).isEmpty();
        }
    }

    private static String ref(LineageAssetRef r) {
        return r.type() + " " + r.database() + "." + r.schema() + "." + r.name();
    }

    private static Map<String, LineageEvent> byDestination(List<LineageEvent> events) {
        Map<String, LineageEvent> m = new LinkedHashMap<>();
        for (LineageEvent e : events) {
            assertThat(m.put(ref(e.destination()), e)).as("one event per destination").isNull();
        }
        return m;
    }

    private static Map<String, List<String>> columns(LineageEvent e) {
        Map<String, String> sources = new LinkedHashMap<>();
        for (LineageAssetRef r : e.sources()) {
            sources.put(r.assetId(), r.name());
        }
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (ColumnLineageField f : e.fields()) {
            m.put(f.name(), f.sourceFields().stream().map(sf -> sources.get(sf.assetId()) + "." + sf.fieldName())
                    .collect(Collectors.toList()));
        }
        return m;
    }

    @Test
    void lineageComesFromAccessHistoryColumnsDeduplicatedPlusViewDefinitions() throws Exception {
        CollectionReport report = new CollectionReport();
        List<LineageEvent> events;
        try (SnowflakeSource s = source()) {
            assertThat(s.windowed(Flow.LINEAGE)).isTrue();
            events = drain(s.lineage(WINDOW, report));
        }
        Map<String, LineageEvent> m = byDestination(events);
        assertThat(m.keySet()).containsExactly("TABLE analytics lab.MART.ORDER_FACTS",
                "TABLE SALES.Mixed Case.order.items 2026", "VIEW SALES.CORE.V_OPEN_ORDERS",
                "VIEW SALES.Mixed Case.lower_view");

        // two INSERTs (...03, ...06) into ORDER_FACTS: one event, each source and mapping once
        LineageEvent facts = m.get("TABLE analytics lab.MART.ORDER_FACTS");
        assertThat(facts.sources()).extracting(SnowflakeSourceIT::ref)
                .containsExactly("TABLE SALES.CORE.ORDERS", "TABLE SALES.CORE.CUSTOMERS");
        assertThat(columns(facts)).containsExactly(Map.entry("ORDER_ID", List.of("ORDERS.ORDER_ID")),
                Map.entry("CUSTOMER_NAME", List.of("CUSTOMERS.NAME")));

        // a CTAS from a view into a table with dots and spaces; the stage source is not a table
        LineageEvent items = m.get("TABLE SALES.Mixed Case.order.items 2026");
        assertThat(items.sources()).extracting(SnowflakeSourceIT::ref).containsExactly("VIEW SALES.CORE.V_OPEN_ORDERS");
        assertThat(columns(items)).containsExactly(Map.entry("Qty ünits", List.of("V_OPEN_ORDERS.TOTAL")),
                Map.entry("ORDER_ID", List.of("V_OPEN_ORDERS.ORDER_ID")));

        assertThat(m.get("VIEW SALES.CORE.V_OPEN_ORDERS").sources()).extracting(SnowflakeSourceIT::ref)
                .containsExactly("TABLE SALES.CORE.ORDERS");
        assertThat(m.get("VIEW SALES.Mixed Case.lower_view").sources()).extracting(SnowflakeSourceIT::ref)
                .containsExactly("TABLE SALES.Mixed Case.order.items 2026");

        // ...07 (STG_EVENTS) started exactly at the window's end: not in this window
        assertThat(m).doesNotContainKey("TABLE SALES.CORE.STG_EVENTS");
        assertThat(report.get("access history queries")).isEqualTo(3); // ...03, ...05, ...06 modified something
        assertThat(report.get("lineage endpoints not tables (stages, streams, functions)")).isEqualTo(1);
        assertThat(report.warnings()).noneMatch(w -> w.contains("ACCESS_HISTORY"));
    }

    @Test
    void withoutAccessHistoryLineageComesFromQueryHistoryTextWithAWarning() throws Exception {
        CollectionReport report = new CollectionReport();
        List<LineageEvent> events;
        try (SnowflakeSource s = source(false, NameFilter.ALL, SnowflakeConfig.LineageFrom.AUTO)) {
            events = drain(s.lineage(WINDOW, report));
        }
        assertThat(report.warnings()).anyMatch(w -> w.startsWith("ACCESS_HISTORY cannot be read (")
                && w.endsWith("lineage derived from QUERY_HISTORY text instead"));
        Map<String, LineageEvent> m = byDestination(events);
        // unqualified ORDERS/CUSTOMERS resolved in the query's DATABASE_NAME.SCHEMA_NAME (SALES.CORE), cased as reported
        LineageEvent facts = m.get("TABLE analytics lab.MART.ORDER_FACTS");
        assertThat(facts).isNotNull();
        assertThat(facts.sources()).extracting(SnowflakeSourceIT::ref)
                .containsExactlyInAnyOrder("TABLE SALES.CORE.ORDERS", "TABLE SALES.CORE.CUSTOMERS");
        assertThat(columns(facts)).containsEntry("ORDER_ID", List.of("ORDERS.ORDER_ID"))
                .containsEntry("CUSTOMER_NAME", List.of("CUSTOMERS.NAME"));
        assertThat(m.get("TABLE SALES.Mixed Case.order.items 2026").sources()).extracting(SnowflakeSourceIT::ref)
                .containsExactly("VIEW SALES.CORE.V_OPEN_ORDERS");
        assertThat(m).containsKey("VIEW SALES.CORE.V_OPEN_ORDERS");
        // the boundary query ...07 and the failed and read-only queries add nothing
        assertThat(m).doesNotContainKey("TABLE SALES.CORE.STG_EVENTS");
        // only successful writing queries were read for lineage: ...03, ...05, ...06
        assertThat(report.get("queries")).isEqualTo(3);
    }

    @Test
    void lineageFromAccessHistoryOnlyFailsWhenItCannotBeRead() throws Exception {
        try (SnowflakeSource s = source(false, NameFilter.ALL, SnowflakeConfig.LineageFrom.ACCESS_HISTORY)) {
            assertThatThrownBy(() -> s.lineage(WINDOW, new CollectionReport())).isInstanceOf(SourceException.class)
                    .hasMessageStartingWith("cannot read \"SNOWFLAKE\".\"ACCOUNT_USAGE\".\"ACCESS_HISTORY\": ")
                    .hasMessageNotContaining("SELECT QUERY_ID");
        }
    }

    @Test
    void lineageFromQueryHistoryIgnoresAccessHistory() throws Exception {
        CollectionReport report = new CollectionReport();
        try (SnowflakeSource s = source(true, NameFilter.ALL, SnowflakeConfig.LineageFrom.QUERY_HISTORY)) {
            Map<String, LineageEvent> m = byDestination(drain(s.lineage(WINDOW, report)));
            assertThat(m).containsKey("TABLE analytics lab.MART.ORDER_FACTS");
        }
        assertThat(report.get("access history queries")).isZero();
        assertThat(report.get("queries")).isEqualTo(3);
        assertThat(report.warnings()).noneMatch(w -> w.contains("ACCESS_HISTORY"));
    }

    @Test
    void theTwinRunsTheProductionSqlWithOnlyTheSystemSchemaNameSubstituted() throws Exception {
        JdbcConfig jdbc = new JdbcConfig("jdbc:snowflake://xy12345.snowflakecomputing.com/", "COLLECTOR", null,
                NameFilter.ALL, false, 1000, null);
        SnowflakeConfig config = new SnowflakeConfig(jdbc, null, SnowflakeConfig.LineageFrom.AUTO);
        try (SnowflakeSource production = new SnowflakeSource(config); SnowflakeSource twin = source()) {
            for (boolean withColumns : new boolean[] {true, false}) {
                String real = production.relationsQuery("analytics lab", "MART", withColumns).sql();
                assertThat(real).contains("FROM \"analytics lab\".\"INFORMATION_SCHEMA\".\"TABLES\"");
                assertThat(twin.relationsQuery("analytics lab", "MART", withColumns).sql())
                        .isEqualTo(real.replace("\"INFORMATION_SCHEMA\"", "\"SF_INFORMATION_SCHEMA\""));
            }
            assertThat(twin.schemasQuery("SALES").sql()).isEqualTo(production.schemasQuery("SALES").sql()
                    .replace("\"INFORMATION_SCHEMA\"", "\"SF_INFORMATION_SCHEMA\""));
        }
        // ACCOUNT_USAGE is at its real name in the twin: the statements are identical
        assertThat(QueryHistoryStream.sql(SnowflakeTwin.CATALOG, false))
                .isEqualTo(QueryHistoryStream.sql(SnowflakeCatalog.SNOWFLAKE, false))
                .contains("FROM \"SNOWFLAKE\".\"ACCOUNT_USAGE\".\"QUERY_HISTORY\"");
        assertThat(AccessHistoryLineage.sql(SnowflakeTwin.CATALOG)).isEqualTo(AccessHistoryLineage.sql(
                SnowflakeCatalog.SNOWFLAKE));
        assertThat(SnowflakeCatalog.SNOWFLAKE.showDatabases()).isEqualTo("SHOW DATABASES");
    }
}
