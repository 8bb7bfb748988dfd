package io.mcpush.source.databricks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpush.sdk.Flow;
import io.mcpush.sdk.json.PyJsonWriter;
import io.mcpush.sdk.model.AssetField;
import io.mcpush.sdk.model.LineageEvent;
import io.mcpush.sdk.model.QueryLogEntry;
import io.mcpush.sdk.model.RelationalAsset;
import io.mcpush.sdk.model.WireEvent;
import io.mcpush.source.CollectionReport;
import io.mcpush.source.EventStream;
import io.mcpush.source.QueryLogWindow;
import io.mcpush.source.Source;
import io.mcpush.source.SourceConnectionException;
import io.mcpush.source.SourceOptions;
import io.mcpush.source.SourceRegistry;
import io.mcpush.source.jdbc.NameFilter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Databricks source against {@link UnityCatalogTwin}, a DuckDB twin of Unity Catalog's
 * information_schema and system tables filled with hand-written rows that follow Databricks'
 * documented column lists (Databricks itself cannot run here). The SQL is the source's own.
 */
class DatabricksSourceIT {
    private static final String WEIRD_CATALOG = "we`ird cat.ü";
    private static final String WEIRD_SCHEMA = "Mixed Case`s";
    private static final String DOTTED_TABLE = "dot.ted tbl";
    private static final String UNICODE_TABLE = "ünïcødé_表";
    private static final QueryLogWindow WINDOW = new QueryLogWindow(Instant.parse("2026-11-25T08:00:00Z"),
            Instant.parse("2026-11-25T09:00:00Z"));

    private UnityCatalogTwin twin;

    @BeforeEach
    void fill() throws Exception {
        twin = new UnityCatalogTwin();
        twin.catalog("prod");
        twin.catalog("sales");
        twin.catalog(WEIRD_CATALOG);
        twin.catalogRowOnly("hive_metastore");
        twin.catalogRowOnly("__databricks_internal");
        twin.catalogRowOnly(UnityCatalogTwin.SYSTEM);

        twin.schema("prod", "core");
        twin.schema("prod", WEIRD_SCHEMA);
        twin.table("prod", "core", "orders", "MANAGED", "one row per order", "2025-06-01 12:00:00+00", "DELTA");
        twin.columns("prod", "core", "orders", List.of(new String[] {"order_id", "bigint"},
                new String[] {"amount", "decimal(12,2)", "gross amount"},
                new String[] {"items", "array<struct<sku:string,qty:int>>"},
                new String[] {"Created At", "timestamp"}));
        twin.table("prod", "core", "customers", "EXTERNAL", null, "2025-06-02 08:30:00.250+00", "PARQUET");
        twin.columns("prod", "core", "customers", List.<String[]>of(new String[] {"id", "bigint"}));
        twin.table("prod", "core", "v_open_orders", "VIEW", "open orders", "2025-06-03 00:00:00+00", null);
        twin.view("prod", "core", "v_open_orders", "SELECT * FROM prod.core.orders WHERE status = 'OPEN'");
        twin.columns("prod", "core", "v_open_orders", List.<String[]>of(new String[] {"order_id", "bigint"}));
        twin.table("prod", "core", "mv_daily", "MATERIALIZED_VIEW", null, "2025-06-04 00:00:00+00", "DELTA");
        twin.view("prod", "core", "mv_daily", "SELECT date(ts) AS d, count(*) AS n FROM prod.core.orders GROUP BY 1");
        twin.columns("prod", "core", "mv_daily", List.of(new String[] {"d", "date"}, new String[] {"n", "bigint"}));
        twin.table("prod", "core", "st_events", "STREAMING_TABLE", null, "2025-06-05 00:00:00+00", "DELTA");
        twin.columns("prod", "core", "st_events", List.<String[]>of(new String[] {"payload", "string"}));
        twin.table("prod", "core", "pg_orders", "FOREIGN", null, "2025-06-06 00:00:00+00", "POSTGRESQL");
        // a relation whose columns this user cannot see: it still comes out, without fields
        twin.table("prod", "core", "secret_cols", "MANAGED", null, "2025-06-07 00:00:00+00", "DELTA");
        twin.table("prod", WEIRD_SCHEMA, DOTTED_TABLE, "MANAGED", "dots, spaces & `ticks`", "2025-06-08 00:00:00+00",
                "DELTA");
        twin.columns("prod", WEIRD_SCHEMA, DOTTED_TABLE, List.of(new String[] {"a.b", "string"},
                new String[] {"Ümlaut Col", "map<string,int>"}));
        twin.schema("sales", "public");
        twin.table("sales", "public", UNICODE_TABLE, "MANAGED", null, "2025-07-01 00:00:00+00", "DELTA");
        twin.columns("sales", "public", UNICODE_TABLE, List.<String[]>of(new String[] {"fx_rate", "double"}));
        twin.schema(WEIRD_CATALOG, "s");
        twin.table(WEIRD_CATALOG, "s", "t`1", "MANAGED", null, "2025-08-01 00:00:00+00", "DELTA");
        twin.columns(WEIRD_CATALOG, "s", "t`1", List.<String[]>of(new String[] {"x", "int"}));
    }

    @AfterEach
    void close() throws Exception {
        twin.close();
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

    private static String wire(WireEvent e) {
        PyJsonWriter w = new PyJsonWriter();
        e.writeWire(w);
        return new String(w.toByteArray(), java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** Text as the wire escapes it (Python's json.dumps: every non-ASCII character as backslash-u). */
    private static String py(String text) {
        StringBuilder sb = new StringBuilder();
        for (char c : text.toCharArray()) {
            sb.append(c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return sb.toString();
    }

    private static RelationalAsset named(List<RelationalAsset> assets, String name) {
        return assets.stream().filter(a -> a.metadata().name().equals(name)).findFirst().orElseThrow();
    }

    private List<RelationalAsset> metadata(DatabricksConfig config, CollectionReport report) throws Exception {
        try (Source source = twin.source(config)) {
            return drain(source.metadata(report));
        }
    }

    @Test
    void metadataReadsEveryCatalogOneQueryPerSchemaWithExactNamesTypesAndColumns() throws Exception {
        CollectionReport report = new CollectionReport();
        List<RelationalAsset> assets = metadata(UnityCatalogTwin.config(NameFilter.ALL, true, false, 100, null), report);

        // catalogs, schemas and tables in the warehouse's (binary) order: upper case before lower case
        assertThat(assets).extracting(RelationalAsset::identity).containsExactly(
                "TABLE prod:" + WEIRD_SCHEMA + "." + DOTTED_TABLE, "TABLE prod:core.customers", "TABLE prod:core.mv_daily",
                "TABLE prod:core.orders", "TABLE prod:core.pg_orders", "TABLE prod:core.secret_cols",
                "TABLE prod:core.st_events", "VIEW prod:core.v_open_orders",
                "TABLE sales:public." + UNICODE_TABLE, "TABLE " + WEIRD_CATALOG + ":s.t`1");

        RelationalAsset orders = named(assets, "orders");
        assertThat(orders.metadata().description()).isEqualTo("one row per order");
        assertThat(orders.metadata().createdOn()).isEqualTo("2025-06-01T12:00:00Z");
        assertThat(orders.metadata().viewQuery()).isNull();
        assertThat(orders.fields()).containsExactly(new AssetField("order_id", "bigint", null),
                new AssetField("amount", "decimal(12,2)", "gross amount"),
                new AssetField("items", "array<struct<sku:string,qty:int>>", null),
                new AssetField("Created At", "timestamp", null));
        assertThat(orders.volume()).isNull();
        assertThat(orders.freshness()).isNull();
        assertThat(named(assets, "customers").metadata().createdOn()).isEqualTo("2025-06-02T08:30:00.250000Z");

        RelationalAsset view = named(assets, "v_open_orders");
        assertThat(view.metadata().viewQuery()).isEqualTo("SELECT * FROM prod.core.orders WHERE status = 'OPEN'");
        // a materialized view holds data: TABLE, and its definition is not sent as a view's
        assertThat(named(assets, "mv_daily").metadata().viewQuery()).isNull();
        assertThat(named(assets, "secret_cols").fields()).isEmpty();
        assertThat(named(assets, DOTTED_TABLE).fields()).extracting(AssetField::name).containsExactly("a.b", "Ümlaut Col");
        assertThat(named(assets, DOTTED_TABLE).fields().get(1).type()).isEqualTo("map<string,int>");
        assertThat(named(assets, DOTTED_TABLE).metadata().description()).isEqualTo("dots, spaces & `ticks`");

        assertThat(report.get("databases")).isEqualTo(3);
        assertThat(report.get("schemas")).isEqualTo(4);
        assertThat(report.get("tables")).isEqualTo(9);
        assertThat(report.get("views")).isEqualTo(1);
        assertThat(report.get("tables without volume and freshness (see --table-details)")).isEqualTo(9);
        assertThat(report.warnings()).containsExactly("catalog hive_metastore: the legacy Hive metastore has no "
                + "information_schema and is not collected (upgrade its tables to Unity Catalog)");
    }

    @Test
    void filtersApplyToCatalogsSchemasAndTables() throws Exception {
        NameFilter filter = new NameFilter(Pattern.compile("prod|hive_metastore"), null, null, Pattern.compile("Mixed.*"),
                null, Pattern.compile("v_.*|mv_.*"));
        CollectionReport report = new CollectionReport();
        List<RelationalAsset> assets = metadata(UnityCatalogTwin.config(filter, true, false, 100, null), report);
        assertThat(assets).extracting(a -> a.metadata().name()).containsExactly("customers", "orders", "pg_orders",
                "secret_cols", "st_events");
        assertThat(report.warnings()).hasSize(1);
    }

    @Test
    void tableDetailsAddSizeRowsAndLastCommitAndSayWhatFailed() throws Exception {
        twin.exec("INSERT INTO " + UnityCatalogTwin.SYSTEM + ".twin.details (c, s, t, format, name, lastModified, "
                        + "numFiles, sizeInBytes, statistics) VALUES ('prod', 'core', 'orders', 'delta', 'prod.core.orders', "
                        + "TIMESTAMPTZ '2026-11-24 23:00:00.5+00', 12, 1048576, MAP {'numRows': 48210})",
                "INSERT INTO " + UnityCatalogTwin.SYSTEM + ".twin.details (c, s, t, format, name, lastModified, "
                        + "numFiles, sizeInBytes) VALUES ('prod', 'core', 'customers', 'delta', 'prod.core.customers', "
                        + "TIMESTAMPTZ '2026-11-20 10:00:00+00', 1, 2048)",
                "INSERT INTO " + UnityCatalogTwin.SYSTEM + ".twin.details (c, s, t, format, name, lastModified, "
                        + "numFiles, sizeInBytes) VALUES (" + UnityCatalogTwin.lit(WEIRD_CATALOG) + ", 's', 't`1', "
                        + "'delta', 'x', TIMESTAMPTZ '2026-11-21 10:00:00+00', 1, 4096)");
        CollectionReport report = new CollectionReport();
        List<RelationalAsset> assets = metadata(UnityCatalogTwin.config(NameFilter.ALL, true, true, 100, null), report);

        assertThat(assets).hasSize(10);
        RelationalAsset orders = named(assets, "orders");
        assertThat(wire(orders)).contains("\"volume\": {\"row_count\": 48210, \"byte_count\": 1048576}",
                "\"freshness\": {\"last_update_time\": \"2026-11-24T23:00:00.500000Z\"}");
        assertThat(named(assets, "customers").volume().byteCount()).isEqualTo(2048L);
        assertThat(named(assets, "customers").volume().rowCount()).isNull();
        assertThat(named(assets, "t`1").volume().byteCount()).isEqualTo(4096L);
        assertThat(named(assets, "v_open_orders").volume()).isNull(); // views are not described
        assertThat(named(assets, "mv_daily").volume()).isNull();
        // the order is the metadata stream's, whatever order the concurrent statements finish in
        assertThat(assets).extracting(a -> a.metadata().name()).containsExactlyElementsOf(
                metadata(UnityCatalogTwin.config(NameFilter.ALL, true, false, 100, null), new CollectionReport())
                        .stream().map(a -> a.metadata().name()).toList());
        assertThat(report.get("tables described")).isEqualTo(3);
        assertThat(report.get("tables without details")).isEqualTo(6);
        assertThat(report.warnings()).anySatisfy(w -> assertThat(w).startsWith("DESCRIBE DETAIL failed for 6 tables"));
    }

    private void lineageRow(String table, String workspace, String source, String sourcePath, String sourceType,
            String target, String targetPath, String targetType, String eventTime, String... columns) throws Exception {
        String[] s = parts(source);
        String[] t = parts(target);
        StringBuilder sql = new StringBuilder("INSERT INTO " + UnityCatalogTwin.SYSTEM + ".access." + table
                + " (account_id, metastore_id, workspace_id, entity_type, entity_id, source_table_full_name, "
                + "source_table_catalog, source_table_schema, source_table_name, source_path, source_type, "
                + "target_table_full_name, target_table_catalog, target_table_schema, target_table_name, target_path, "
                + "target_type, created_by, event_time, event_date, record_id");
        if (columns.length > 0) {
            sql.append(", source_column_name, target_column_name");
        }
        sql.append(") VALUES ('acc-1', 'ms-1', ").append(UnityCatalogTwin.lit(workspace)).append(", 'JOB', '4173', ")
                .append(UnityCatalogTwin.lit(source == null ? null : fullName(s))).append(", ")
                .append(UnityCatalogTwin.lit(s[0])).append(", ").append(UnityCatalogTwin.lit(s[1])).append(", ")
                .append(UnityCatalogTwin.lit(s[2])).append(", ").append(UnityCatalogTwin.lit(sourcePath)).append(", ")
                .append(UnityCatalogTwin.lit(sourceType)).append(", ")
                .append(UnityCatalogTwin.lit(target == null ? null : fullName(t))).append(", ")
                .append(UnityCatalogTwin.lit(t[0])).append(", ").append(UnityCatalogTwin.lit(t[1])).append(", ")
                .append(UnityCatalogTwin.lit(t[2])).append(", ").append(UnityCatalogTwin.lit(targetPath)).append(", ")
                .append(UnityCatalogTwin.lit(targetType)).append(", 'etl@example.com', TIMESTAMPTZ ")
                .append(UnityCatalogTwin.lit(eventTime)).append(", CAST(TIMESTAMPTZ ").append(UnityCatalogTwin.lit(eventTime))
                .append(" AS DATE), 'rec-").append(System.nanoTime()).append("'");
        if (columns.length > 0) {
            sql.append(", ").append(UnityCatalogTwin.lit(columns[0])).append(", ").append(UnityCatalogTwin.lit(columns[1]));
        }
        twin.exec(sql.append(")").toString());
    }

    /** {@code catalog|schema|table}, an empty part as NULL. */
    private static String[] parts(String name) {
        String[] p = name == null ? new String[3] : name.split("\\|", -1);
        for (int i = 0; i < p.length; i++) {
            if (p[i] != null && p[i].isEmpty()) {
                p[i] = null;
            }
        }
        return p;
    }

    /** As Databricks writes full names: the parts joined by dots, unquoted; null parts left out. */
    private static String fullName(String[] parts) {
        StringBuilder sb = new StringBuilder();
        for (String p : parts) {
            if (p != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(p);
            }
        }
        return sb.toString();
    }

    private void fillLineage() throws Exception {
        String in = "2026-11-25 08:30:00+00";
        lineageRow("table_lineage", "111", "prod|core|raw_orders", null, "TABLE", "prod|core|orders", null, "TABLE", in);
        lineageRow("table_lineage", "111", "prod|core|raw_orders", null, "TABLE", "prod|core|orders", null, "TABLE",
                "2026-11-25 08:45:00+00");
        lineageRow("table_lineage", "111", "sales|public|" + UNICODE_TABLE, null, "TABLE", "prod|core|orders", null,
                "TABLE", in);
        lineageRow("table_lineage", "111", "prod|core|orders", null, "TABLE", "prod|core|v_open_orders", null, "VIEW", in);
        lineageRow("table_lineage", "111", null, "s3://landing/orders/", "PATH", "prod|core|orders", null, "TABLE", in);
        lineageRow("table_lineage", "111", "prod|core|orders", null, "TABLE", null, null, null, in);
        lineageRow("table_lineage", "111", null, null, null, "prod|core|customers", null, "TABLE", in);
        lineageRow("table_lineage", "111", "prod|core|orders", null, "TABLE", null, "s3://export/orders/", "PATH", in);
        lineageRow("table_lineage", "111", "prod|core|orders", null, "TABLE", "prod|core|orders", null, "TABLE", in);
        // window edges: the start is inside, the end is not
        lineageRow("table_lineage", "111", "prod|core|pg_orders", null, "TABLE", "prod|core|st_events", null,
                "STREAMING_TABLE", "2026-11-25 08:00:00+00");
        lineageRow("table_lineage", "111", "prod|core|orders", null, "TABLE", "prod|core|customers", null, "TABLE",
                "2026-11-25 09:00:00+00");
        lineageRow("table_lineage", "111", "prod|core|orders", null, "TABLE", "prod|core|customers", null, "TABLE",
                "2026-11-25 07:59:59.999999+00");
        lineageRow("table_lineage", "111", "prod|" + WEIRD_SCHEMA + "|" + DOTTED_TABLE, null, "TABLE",
                WEIRD_CATALOG + "|s|t`1", null, "TABLE", in);
        lineageRow("table_lineage", "999", "prod|core|orders", null, "TABLE", "prod|core|mv_daily", null,
                "MATERIALIZED_VIEW", in);
        lineageRow("table_lineage", "111", "|legacy|tbl", null, "TABLE", "prod|core|orders", null, "TABLE", in);

        lineageRow("column_lineage", "111", "prod|core|raw_orders", null, "TABLE", "prod|core|orders", null, "TABLE", in,
                "amount_cents", "amount");
        lineageRow("column_lineage", "111", "prod|core|raw_orders", null, "TABLE", "prod|core|orders", null, "TABLE",
                "2026-11-25 08:50:00+00", "amount_cents", "amount");
        lineageRow("column_lineage", "111", "prod|core|raw_orders", null, "TABLE", "prod|core|orders", null, "TABLE", in,
                "id", "order_id");
        lineageRow("column_lineage", "111", "sales|public|" + UNICODE_TABLE, null, "TABLE", "prod|core|orders", null,
                "TABLE", in, "fx_rate", "amount");
        lineageRow("column_lineage", "111", "prod|core|orders", null, "TABLE", "prod|core|v_open_orders", null, "VIEW",
                in, "order_id", "order_id");
        lineageRow("column_lineage", "111", null, "s3://landing/orders/", "PATH", "prod|core|orders", null, "TABLE", in,
                "id", "order_id");
        lineageRow("column_lineage", "111", "prod|core|raw_orders", null, "TABLE", "prod|core|orders", null, "TABLE",
                "2026-11-25 09:00:00+00", "late", "late");
    }

    private List<LineageEvent> lineage(DatabricksConfig config, CollectionReport report) throws Exception {
        try (Source source = twin.source(config)) {
            assertThat(source.windowed(Flow.LINEAGE)).isTrue();
            return drain(source.lineage(WINDOW, report));
        }
    }

    @Test
    void lineageIsOneEventPerDestinationWithAllSourcesOfTheWindow() throws Exception {
        fillLineage();
        CollectionReport report = new CollectionReport();
        List<LineageEvent> events = lineage(UnityCatalogTwin.config(NameFilter.ALL, false, false, 100, null), report);

        assertThat(events).extracting(WireEvent::identity).containsExactly("lineage into prod:core.mv_daily",
                "lineage into prod:core.orders", "lineage into prod:core.st_events",
                "lineage into prod:core.v_open_orders", "lineage into " + WEIRD_CATALOG + ":s.t`1");
        assertThat(events).allSatisfy(e -> assertThat(e.hasColumnLineage()).isFalse());
        LineageEvent orders = events.get(1);
        assertThat(wire(orders)).isEqualTo("{\"destination\": {\"type\": \"TABLE\", \"name\": \"orders\", "
                + "\"database\": \"prod\", \"schema\": \"core\"}, \"sources\": [{\"type\": \"TABLE\", \"name\": "
                + "\"raw_orders\", \"database\": \"prod\", \"schema\": \"core\"}, {\"type\": \"TABLE\", \"name\": "
                + "\"" + py(UNICODE_TABLE) + "\", \"database\": \"sales\", \"schema\": \"public\"}]}");
        assertThat(events.get(3).destination().type()).isEqualTo("VIEW");
        assertThat(events.get(2).destination().type()).isEqualTo("TABLE"); // a streaming table
        assertThat(events.get(2).sources()).extracting(r -> r.name()).containsExactly("pg_orders");
        assertThat(events.get(4).sources().get(0).schema()).isEqualTo(WEIRD_SCHEMA);
        assertThat(events.get(4).sources().get(0).name()).isEqualTo(DOTTED_TABLE);

        assertThat(report.get("table lineage events")).isEqualTo(5);
        assertThat(report.get("table lineage edges from a table into itself (dropped)")).isEqualTo(1);
        assertThat(report.get("lineage records from storage paths (not pushable)")).isEqualTo(1);
        assertThat(report.get("lineage records into storage paths (not pushable)")).isEqualTo(1);
        assertThat(report.get("lineage records of reads without a target")).isEqualTo(1);
        assertThat(report.get("lineage records of writes without a source")).isEqualTo(1);
        assertThat(report.warnings()).containsExactly("table lineage: 1 edges name a table without catalog or schema "
                + "(legacy hive_metastore two-part names?) and were not pushed");
    }

    @Test
    void columnLineageMapsDestinationColumnsThroughAssetIdsOfItsSources() throws Exception {
        fillLineage();
        CollectionReport report = new CollectionReport();
        List<LineageEvent> events = lineage(UnityCatalogTwin.config(NameFilter.ALL, true, false, 100, "111"), report);

        // table events first (workspace 999's mv_daily left out), then column events
        assertThat(events).extracting(WireEvent::identity).containsExactly("lineage into prod:core.orders",
                "lineage into prod:core.st_events", "lineage into prod:core.v_open_orders",
                "lineage into " + WEIRD_CATALOG + ":s.t`1", "lineage into prod:core.orders",
                "lineage into prod:core.v_open_orders");
        LineageEvent orders = events.get(4);
        assertThat(wire(orders)).isEqualTo("{\"destination\": {\"type\": \"TABLE\", \"name\": \"orders\", "
                + "\"database\": \"prod\", \"schema\": \"core\"}, \"sources\": [{\"type\": \"TABLE\", \"name\": "
                + "\"raw_orders\", \"database\": \"prod\", \"schema\": \"core\", \"asset_id\": \"prod:core.raw_orders\"}, "
                + "{\"type\": \"TABLE\", \"name\": \"" + py(UNICODE_TABLE) + "\", \"database\": \"sales\", \"schema\": "
                + "\"public\", \"asset_id\": \"sales:public." + py(UNICODE_TABLE) + "\"}], \"fields\": [{\"name\": \"amount\", "
                + "\"source_fields\": [{\"asset_id\": \"prod:core.raw_orders\", \"field_name\": \"amount_cents\"}, "
                + "{\"asset_id\": \"sales:public." + py(UNICODE_TABLE) + "\", \"field_name\": \"fx_rate\"}]}, "
                + "{\"name\": \"order_id\", \"source_fields\": [{\"asset_id\": \"prod:core.raw_orders\", "
                + "\"field_name\": \"id\"}]}]}");
        assertThat(events.get(5).fields()).hasSize(1);
        assertThat(events.get(5).destination().type()).isEqualTo("VIEW");
        assertThat(report.get("column lineage events")).isEqualTo(2);
        assertThat(report.get("table lineage events")).isEqualTo(4);
    }

    @Test
    void anEmptyWindowReadsNothing() throws Exception {
        fillLineage();
        try (Source source = twin.source(UnityCatalogTwin.config(NameFilter.ALL, true, false, 100, null))) {
            QueryLogWindow empty = new QueryLogWindow(WINDOW.end(), WINDOW.end());
            assertThat(source.lineage(empty, new CollectionReport()).next()).isNull();
            assertThat(source.queryLogs(empty, new CollectionReport()).next()).isNull();
        }
    }

    private void history(String id, String workspace, String status, String start, String end, String text,
            String error, Long produced) throws Exception {
        twin.exec("INSERT INTO " + UnityCatalogTwin.SYSTEM + ".query.history (account_id, workspace_id, statement_id, "
                + "session_id, execution_status, compute, executed_by_user_id, executed_by, statement_text, "
                + "statement_type, error_message, client_application, total_duration_ms, execution_duration_ms, "
                + "total_task_duration_ms, start_time, end_time, update_time, read_rows, produced_rows, read_bytes, "
                + "from_result_cache) VALUES ('acc-1', " + UnityCatalogTwin.lit(workspace) + ", "
                + UnityCatalogTwin.lit(id) + ", 'sess-1', " + UnityCatalogTwin.lit(status)
                + ", {'type': 'WAREHOUSE', 'cluster_id': NULL, 'warehouse_id': 'ec58ee3772e8d305'}, '2967555311742259', "
                + "'analyst@example.com', " + UnityCatalogTwin.lit(text) + ", 'SELECT', " + UnityCatalogTwin.lit(error)
                + ", 'Databricks SQL Editor', 4250, 4000, 9100, TIMESTAMPTZ " + UnityCatalogTwin.lit(start) + ", "
                + (end == null ? "NULL" : "TIMESTAMPTZ " + UnityCatalogTwin.lit(end)) + ", TIMESTAMPTZ "
                + UnityCatalogTwin.lit(start) + ", 1000, " + (produced == null ? "NULL" : produced) + ", 524288, false)");
    }

    private void fillHistory() throws Exception {
        history("q1", "111", "FINISHED", "2026-11-25 08:00:00+00", "2026-11-25 08:00:04.25+00",
                "select count(*) from prod.core.orders", null, 1L);
        history("q2", "111", "FAILED", "2026-11-25 08:10:00+00", "2026-11-25 08:10:00.3+00",
                "select * from prod.core.secret_cols", "[INSUFFICIENT_PERMISSIONS] Insufficient privileges: User does "
                        + "not have permission SELECT on table 'prod.core.secret_cols'.", null);
        history("q3", "111", "CANCELED", "2026-11-25 08:20:00+00", "2026-11-25 08:21:00+00",
                "select * from prod.core.orders o cross join prod.core.orders p", null, null);
        history("q4", "111", "FINISHED", "2026-11-25 08:30:00+00", "2026-11-25 08:30:01+00", "", null, 5L);
        history("q5", "111", "RUNNING", "2026-11-25 08:40:00+00", null, "optimize prod.core.orders", null, null);
        history("q6", "111", "FINISHED", "2026-11-25 09:00:00+00", "2026-11-25 09:00:01+00", "select 'end'", null, 1L);
        history("q7", "111", "FINISHED", "2026-11-25 07:59:59.999999+00", "2026-11-25 08:00:01+00",
                "select 'before'", null, 1L);
        history("q8", "999", "FINISHED", "2026-11-25 08:15:00+00", "2026-11-25 08:15:01+00",
                "select 'other workspace'", null, 1L);
        for (String id : List.of("d", "b", "a", "c")) {
            history("same-" + id, "111", "FINISHED", "2026-11-25 08:50:00.123456+00", "2026-11-25 08:50:01+00",
                    "insert into prod.core.orders select * from prod.core.raw_orders /* " + id + " */", null, 0L);
        }
    }

    private List<QueryLogEntry> queryLogs(int pageSize, String workspace, CollectionReport report) throws Exception {
        try (Source source = twin.source(UnityCatalogTwin.config(NameFilter.ALL, true, false, pageSize, workspace))) {
            assertThat(source.windowed(Flow.QUERY_LOGS)).isTrue();
            return drain(source.queryLogs(WINDOW, report));
        }
    }

    @Test
    void queryLogsPageThroughTheWindowStartInclusiveEndExclusiveWithFailures() throws Exception {
        fillHistory();
        CollectionReport report = new CollectionReport();
        List<QueryLogEntry> entries = queryLogs(3, null, report);

        assertThat(entries).extracting(QueryLogEntry::queryId).containsExactly("q1", "q2", "q8", "q3", "same-a",
                "same-b", "same-c", "same-d");
        assertThat(wire(entries.get(0))).isEqualTo("{\"start_time\": \"2026-11-25T08:00:00Z\", \"end_time\": "
                + "\"2026-11-25T08:00:04.250000Z\", \"query_text\": \"select count(*) from prod.core.orders\", "
                + "\"query_id\": \"q1\", \"user\": \"analyst@example.com\", \"returned_rows\": 1, \"extra\": "
                + "{\"total_task_duration_ms\": 9100, \"read_rows\": 1000, \"read_bytes\": 524288, "
                + "\"total_duration_ms\": 4250, \"statement_type\": \"SELECT\", \"execution_status\": \"FINISHED\", "
                + "\"warehouse_id\": \"ec58ee3772e8d305\", \"workspace_id\": \"111\"}}");
        QueryLogEntry failed = entries.get(1);
        assertThat(failed.errorCode()).isEqualTo("INSUFFICIENT_PERMISSIONS");
        assertThat(failed.errorText()).startsWith("[INSUFFICIENT_PERMISSIONS] Insufficient privileges");
        assertThat(failed.returnedRows()).isNull();
        QueryLogEntry cancelled = entries.get(3);
        assertThat(cancelled.errorCode()).isEqualTo("CANCELED");
        assertThat(cancelled.errorText()).isEqualTo("the statement was cancelled");
        assertThat(entries.get(4).startTime()).isEqualTo(Instant.parse("2026-11-25T08:50:00.123456Z"));

        assertThat(report.get("queries")).isEqualTo(8);
        assertThat(report.get("failed or cancelled queries")).isEqualTo(2);
        // 10 rows in the window at 3 a page: 4 pages, the last one short
        assertThat(report.get("query history pages")).isEqualTo(4);
        assertThat(report.warnings()).containsExactly(
                "query history: 1 statements have no text (customer-managed keys leave statement_text empty) and were "
                        + "not collected",
                "query history: 1 statements had no end time yet (still running when read) and were not collected; "
                        + "a longer --lag avoids this");
    }

    @Test
    void aFullLastPageIsFollowedByAnEmptyOneAndTheWorkspaceFilterApplies() throws Exception {
        fillHistory();
        CollectionReport report = new CollectionReport();
        // workspace 111 has 9 rows in the window: three full pages, then an empty one
        List<QueryLogEntry> entries = queryLogs(3, "111", report);
        assertThat(entries).extracting(QueryLogEntry::queryId).containsExactly("q1", "q2", "q3", "same-a", "same-b",
                "same-c", "same-d");
        assertThat(report.get("query history pages")).isEqualTo(4);
        CollectionReport onePage = new CollectionReport();
        assertThat(queryLogs(10_000, "111", onePage)).hasSize(7);
        assertThat(onePage.get("query history pages")).isEqualTo(1);
    }

    @Test
    void theFactoryDeclaresItselfAndRefusesBadOptionsNamingThem() {
        var factory = SourceRegistry.load().get("databricks");
        assertThat(factory.resourceType()).isEqualTo("databricks");
        assertThat(factory.defaultLag()).isEqualTo(java.time.Duration.ofMinutes(90));
        assertThat(factory.grants()).anySatisfy(g -> assertThat(g).contains("system.query.history"));
        Map<String, String> options = new HashMap<>(Map.of("host", "adb-1.azuredatabricks.net",
                "http-path", "/sql/1.0/warehouses/abc", "token-env", "DBX_TOKEN", "only-freshness-and-volume", ""));
        assertThatThrownBy(() -> factory.create(new SourceOptions("databricks", options, Map.of("DBX_TOKEN", "dapi1")::get)))
                .hasMessageContaining("--table-details");
    }

    @Test
    void anUnreachableWarehouseIsOneLineNamingTheHostWithoutTheToken() {
        String token = "dapiLIVE0000SECRET1111";
        var factory = SourceRegistry.load().get("databricks");
        Map<String, String> options = Map.of("host", "127.0.0.1:1", "http-path", "/sql/1.0/warehouses/abc",
                "token-env", "DBX_TOKEN");
        try (Source source = factory.create(new SourceOptions("databricks", options, Map.of("DBX_TOKEN", token)::get))) {
            assertThat(source.identity().id()).isEqualTo("databricks://127.0.0.1");
            assertThatThrownBy(() -> source.metadata(new CollectionReport()))
                    .isInstanceOf(SourceConnectionException.class)
                    .hasMessageStartingWith("cannot connect to database (SQL warehouse) on 127.0.0.1: ")
                    .hasMessageNotContaining(token)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
    }
}
