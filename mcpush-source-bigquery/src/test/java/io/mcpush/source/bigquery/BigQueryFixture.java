package io.mcpush.source.bigquery;

import com.google.cloud.NoCredentials;
import io.mcpush.source.bigquery.BigQueryStandIn.Col;
import io.mcpush.source.bigquery.BigQueryStandIn.Query;
import io.mcpush.source.bigquery.BigQueryStandIn.Result;
import io.mcpush.source.jdbc.NameFilter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Hand-written, realistic BigQuery catalog and job history behind {@link BigQueryStandIn}: the
 * rows are what the documented INFORMATION_SCHEMA views (TABLES, TABLE_OPTIONS, VIEWS,
 * COLUMN_FIELD_PATHS, JOBS, TABLE_STORAGE) and {@code __TABLES__} would return for a small
 * project, answered per query kind. Queries are recognised by the views they name and the
 * dataset by the backtick-quoted path (unescaped as GoogleSQL does); the JOBS answer applies the
 * received window parameters, so a window computed wrongly in Java returns the wrong jobs.
 */
public class BigQueryFixture {
    public static final String PROJECT = "acme-analytics";

    /** The columns of the per-dataset metadata query (DatasetQuery), with and without the field array. */
    public static final List<Col> TABLE_COLUMNS = List.of(Col.of("table_name", "STRING"), Col.of("table_type", "STRING"),
            Col.of("creation_time", "TIMESTAMP"), Col.of("view_definition", "STRING"), Col.of("description", "STRING"),
            Col.of("row_count", "INTEGER"), Col.of("size_bytes", "INTEGER"), Col.of("last_modified_time", "INTEGER"));
    public static final Col FIELDS = Col.repeated("fields", Col.of("name", "STRING"), Col.of("type", "STRING"),
            Col.of("description", "STRING"));

    public static final List<Col> JOB_COLUMNS = List.of(Col.of("job_id", "STRING"), Col.of("creation_time", "TIMESTAMP"),
            Col.of("start_time", "TIMESTAMP"), Col.of("end_time", "TIMESTAMP"), Col.of("user_email", "STRING"),
            Col.of("statement_type", "STRING"), Col.of("query", "STRING"), Col.of("state", "STRING"),
            Col.of("total_bytes_processed", "INTEGER"), Col.of("total_bytes_billed", "INTEGER"),
            Col.of("total_slot_ms", "INTEGER"), Col.of("cache_hit", "BOOLEAN"), Col.of("parent_job_id", "STRING"),
            Col.of("error_reason", "STRING"), Col.of("error_message", "STRING"),
            Col.of("destination_project", "STRING"), Col.of("destination_dataset", "STRING"),
            Col.of("destination_table", "STRING"),
            Col.repeated("referenced_tables", Col.of("project_id", "STRING"), Col.of("dataset_id", "STRING"),
                    Col.of("table_id", "STRING")));

    /** One table of a dataset as the metadata query returns it. */
    public record Table(String name, String type, Instant created, String view, String description, Long rows,
            Long bytes, Long modifiedMillis, List<List<Object>> fields) {
    }

    /** One job of JOBS; {@code labels} as key=value; {@code region} as region-xx. */
    public record Job(String region, String id, Instant created, Instant started, Instant ended, String user,
            String statementType, String query, String state, Long processed, Long billed, Long slotMs, Boolean cacheHit,
            String errorReason, String errorMessage, List<String> destination, List<List<String>> referenced,
            List<String> labels) {
        List<Object> row() {
            List<Object> refs = new ArrayList<>();
            for (List<String> r : referenced) {
                refs.add(new ArrayList<Object>(r));
            }
            return Arrays.asList(id, created, started, ended, user, statementType, query, state, processed, billed,
                    slotMs, cacheHit, null, errorReason, errorMessage, destination == null ? null : destination.get(0),
                    destination == null ? null : destination.get(1), destination == null ? null : destination.get(2),
                    refs);
        }
    }

    public final Map<String, List<Table>> tables = new HashMap<>();
    public final Map<String, Result> failures = new HashMap<>();
    public final List<Job> jobs = new ArrayList<>();
    public final List<String> jobFailures = new ArrayList<>();

    public static List<Object> field(String name, String type, String description) {
        return Arrays.asList(name, type, description);
    }

    public static Instant t(String iso) {
        return Instant.parse(iso);
    }

    public static BigQueryConfig config(BigQueryStandIn standIn, List<String> regions, NameFilter filter,
            boolean onlyFreshnessAndVolume) {
        return new BigQueryConfig(PROJECT, List.of(PROJECT), regions, NoCredentials.getInstance(),
                "no credentials (test stand-in)", standIn.url(), filter, onlyFreshnessAndVolume, 1);
    }

    /** The sales project: nested fields, a view, a materialized view, an external table, a BigLake table, hostile names. */
    public void acme(BigQueryStandIn standIn) {
        standIn.datasets(PROJECT, "sales", "Marketing_EU", "restricted");
        tables.put("sales", List.of(
                new Table("customers", "BASE TABLE", t("2025-03-01T09:00:00Z"), null, "\"One row per \\\"customer\\\"\"",
                        1200L, 98304L, 1764064800123L, List.of(
                                field("customer_id", "INT64", "surrogate key"),
                                field("address", "STRUCT<street STRING, city STRING, geo STRUCT<lat FLOAT64, lon FLOAT64>>", null),
                                field("address.city", "STRING", null),
                                field("address.geo", "STRUCT<lat FLOAT64, lon FLOAT64>", null),
                                field("address.geo.lat", "FLOAT64", null),
                                field("address.geo.lon", "FLOAT64", null),
                                field("address.street", "STRING", null),
                                field("tags", "ARRAY<STRING>", null),
                                field("balance", "NUMERIC(12, 2)", null))),
                new Table("orders", "BASE TABLE", t("2025-03-01T09:05:00Z"), null, null, 48210L, 3145728L,
                        1764068400000L, List.of(field("order_id", "INT64", null), field("customer_id", "INT64", null),
                                field("total", "BIGNUMERIC", null), field("placed_at", "TIMESTAMP", null))),
                new Table("order_totals", "BASE TABLE", t("2025-04-01T00:00:00Z"), null, null, 900L, 20480L,
                        1764070000000L, List.of(field("customer_id", "INT64", null), field("total", "BIGNUMERIC", null))),
                new Table("v_big_orders", "VIEW", t("2025-03-02T10:00:00Z"),
                        "SELECT order_id, total FROM `acme-analytics.sales.orders` WHERE total > 100", "'large orders'",
                        0L, 0L, 1740909600000L, List.of(field("order_id", "INT64", null), field("total", "BIGNUMERIC", null))),
                new Table("mv_daily", "MATERIALIZED VIEW", t("2025-03-03T00:00:00Z"),
                        "CREATE MATERIALIZED VIEW `acme-analytics.sales.mv_daily` AS SELECT DATE(placed_at) AS d, SUM(total) AS s FROM `acme-analytics.sales.orders` GROUP BY d",
                        null, 365L, 8192L, 1764060000000L, List.of(field("d", "DATE", null), field("s", "BIGNUMERIC", null))),
                new Table("ext_clicks", "EXTERNAL", t("2025-05-01T00:00:00Z"), null, null, 0L, 0L, 1746057600000L,
                        List.of(field("url", "STRING", null))),
                new Table("events_iceberg", "BASE TABLE", t("2025-06-01T00:00:00Z"), null, null, null, null, null,
                        List.of(field("event_id", "STRING", null)))));
        tables.put("Marketing_EU", List.of(
                new Table("Kampagnen – Übersicht", "BASE TABLE", t("2025-07-01T00:00:00Z"), null,
                        "\"Kampagnen je Woche\\nmit Umsatz\"", 52L, 4096L, 1764000000000L,
                        List.of(field("Straße Nr", "STRING", "mit Leerzeichen"), field("Umsatz€", "FLOAT64", null),
                                field("CamelCase", "BOOL", null))),
                new Table("订单", "SNAPSHOT", t("2025-07-02T00:00:00Z"), null, null, 7L, 700L, 1751414400000L,
                        List.of(field("id", "INT64", null)))));
        failures.put("restricted", Result.error(403, "accessDenied",
                "Access Denied: Dataset acme-analytics:restricted: Permission bigquery.tables.list denied"));
        standIn.answer = this::answer;
    }

    /** Dispatches on the views the SQL names. */
    public Result answer(Query q) {
        if (q.useLegacySql()) {
            return Result.error(400, "invalidQuery", "legacy SQL");
        }
        if (q.sql().contains("INFORMATION_SCHEMA.JOBS")) {
            return jobs(q);
        }
        if (q.sql().contains("__TABLES__")) {
            return datasetTables(q);
        }
        return Result.error(400, "invalidQuery", "the fixture does not know this query");
    }

    private Result datasetTables(Query q) {
        List<String> path = BigQueryStandIn.pathBefore(q.sql(), ".INFORMATION_SCHEMA.TABLES");
        String dataset = path.get(1);
        if (!path.get(0).equals(q.project()) || !q.parameters().isEmpty()) {
            return Result.error(400, "invalidQuery", "unexpected project or parameters");
        }
        if (failures.containsKey(dataset)) {
            return failures.get(dataset);
        }
        List<Table> ts = tables.get(dataset);
        if (ts == null) {
            return Result.error(404, "notFound", "Not found: Dataset " + q.project() + ":" + dataset);
        }
        boolean withFields = q.sql().contains("COLUMN_FIELD_PATHS");
        List<Col> schema = new ArrayList<>(TABLE_COLUMNS);
        if (withFields) {
            schema.add(FIELDS);
        }
        List<List<Object>> rows = new ArrayList<>();
        for (Table t : ts) {
            List<Object> row = new ArrayList<>(Arrays.asList(t.name(), t.type(), t.created(), t.view(),
                    t.description(), t.rows(), t.bytes(), t.modifiedMillis()));
            if (withFields) {
                row.add(new ArrayList<Object>(t.fields()));
            }
            rows.add(row);
        }
        return Result.of(schema, rows);
    }

    /** JOBS of the region in the SQL, filtered as the SQL's WHERE clause says, with the received parameters. */
    private Result jobs(Query q) {
        String sql = q.sql();
        if (sql.contains("CURRENT_TIMESTAMP") || sql.contains("INTERVAL") || sql.contains("LIMIT")) {
            return Result.error(400, "invalidQuery", "the window must be parameters, with no LIMIT");
        }
        List<String> path = BigQueryStandIn.pathBefore(sql, ".INFORMATION_SCHEMA.JOBS");
        String region = path.get(1);
        if (jobFailures.contains(region)) {
            return Result.error(403, "accessDenied",
                    "Access Denied: Table " + path.get(0) + ":" + region + ".INFORMATION_SCHEMA.JOBS: "
                            + "User does not have permission bigquery.jobs.listAll");
        }
        Instant start = q.timestamp(JobsQuery.WINDOW_START);
        Instant end = q.timestamp(JobsQuery.WINDOW_END);
        if (!"QUERY".equals(q.string("job_type")) || q.string("label_key") == null) {
            return Result.error(400, "invalidQuery", "missing parameters");
        }
        boolean lineageOnly = sql.contains("@done");
        List<List<Object>> rows = new ArrayList<>();
        for (Job j : jobs) {
            if (!j.region().equals(region) || j.created().isBefore(start) || !j.created().isBefore(end)) {
                continue;
            }
            if (j.labels().contains(q.string("label_key") + "=" + q.string("label_value"))) {
                continue;
            }
            if (lineageOnly && (!q.string("done").equals(j.state()) || j.errorReason() != null
                    || j.destination() == null || j.destination().get(1).startsWith(q.string("hidden_prefix")))) {
                continue;
            }
            if (!touches(q, j)) {
                continue;
            }
            rows.add(j.row());
        }
        return Result.of(JOB_COLUMNS, rows);
    }

    /** Overridden by the Iceberg fixture to apply the TABLE_STORAGE semi-join. */
    protected boolean touches(Query q, Job j) {
        return true;
    }
}
