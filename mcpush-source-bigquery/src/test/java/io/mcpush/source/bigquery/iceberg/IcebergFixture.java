package io.mcpush.source.bigquery.iceberg;

import io.mcpush.source.bigquery.BigQueryFixture;
import io.mcpush.source.bigquery.BigQueryStandIn;
import io.mcpush.source.bigquery.BigQueryStandIn.Col;
import io.mcpush.source.bigquery.BigQueryStandIn.Query;
import io.mcpush.source.bigquery.BigQueryStandIn.Result;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Hand-written rows of {@code region-X.INFORMATION_SCHEMA.TABLE_STORAGE} (documented columns:
 * table_schema, table_name, creation_time, total_rows, total_logical_bytes,
 * current_physical_bytes, storage_last_modified_time, deleted, managed_table_type) and of the
 * datasets' COLUMN_FIELD_PATHS, behind {@link BigQueryStandIn}, on top of the BigQuery fixture.
 * The stand-in applies the WHERE clauses the SQL states, with the parameters it received: the
 * managed-table type, the table-name array, and the Iceberg semi-join of the jobs query.
 */
public class IcebergFixture extends BigQueryFixture {
    static final List<Col> STORAGE_COLUMNS = List.of(Col.of("table_schema", "STRING"), Col.of("table_name", "STRING"),
            Col.of("creation_time", "TIMESTAMP"), Col.of("total_rows", "INTEGER"),
            Col.of("total_logical_bytes", "INTEGER"), Col.of("current_physical_bytes", "INTEGER"),
            Col.of("storage_last_modified_time", "TIMESTAMP"));
    static final List<Col> COLUMNS_COLUMNS = List.of(Col.of("table_name", "STRING"), FIELDS);

    /** One TABLE_STORAGE row of a region. */
    record Storage(String region, String dataset, String table, Instant created, Long rows, Long logicalBytes,
            Long physicalBytes, Instant modified, boolean deleted, String managedType) {
    }

    final List<Storage> storage = new ArrayList<>();
    final Map<String, List<Object>> columns = new HashMap<>();

    void lake(BigQueryStandIn standIn) {
        acme(standIn);
        storage.add(new Storage("region-us", "lake", "events", t("2025-06-01T00:00:00Z"), 1_500_000L, 734_003_200L,
                120_000_000L, t("2026-11-25T08:45:12.345678Z"), false, "BIGLAKE"));
        storage.add(new Storage("region-us", "lake", "sessions", t("2025-06-02T00:00:00Z"), 80_000L, null, 9_437_184L,
                null, false, "BIGLAKE"));
        storage.add(new Storage("region-us", "lake", "dropped_table", t("2025-06-03T00:00:00Z"), 1L, 1L, 1L,
                t("2026-01-01T00:00:00Z"), true, "BIGLAKE"));
        storage.add(new Storage("region-us", "sales", "orders", t("2025-03-01T09:05:00Z"), 48210L, 3145728L,
                1000000L, t("2025-11-25T11:00:00Z"), false, "NATIVE"));
        storage.add(new Storage("region-us", "Lake_EU_copy", "Ereignisse – Übersicht", t("2025-06-05T00:00:00Z"), 12L,
                2048L, 1024L, t("2026-11-20T00:00:00Z"), false, "BIGLAKE"));
        storage.add(new Storage("region-us", "lake", "clicks", t("2025-06-04T00:00:00Z"), 3L, 300L, 100L,
                t("2026-11-24T00:00:00Z"), false, "BIGLAKE"));
        storage.add(new Storage("region-europe-west4", "lake_eu", "events_eu", t("2025-06-06T00:00:00Z"), 5L, 500L, 100L,
                t("2026-11-21T00:00:00Z"), false, "BIGLAKE"));
        columns.put("lake.events", List.of(field("event_id", "STRING", "ULID"),
                field("payload", "STRUCT<kind STRING, props ARRAY<STRUCT<k STRING, v STRING>>>", null),
                field("payload.kind", "STRING", null), field("payload.props", "ARRAY<STRUCT<k STRING, v STRING>>", null),
                field("payload.props.k", "STRING", null), field("payload.props.v", "STRING", null),
                field("ts", "TIMESTAMP", null)));
        columns.put("lake.sessions", List.of(field("session_id", "STRING", null), field("duration", "NUMERIC(10,3)", null)));
        columns.put("lake.clicks", List.of(field("url", "STRING", null)));
        columns.put("Lake_EU_copy.Ereignisse – Übersicht", List.of(field("Straße", "STRING", null)));
        columns.put("lake_eu.events_eu", List.of(field("id", "INT64", null)));
        standIn.datasets(PROJECT, "sales", "Marketing_EU", "lake");
        tables.put("lake", List.of(new Table("events", "BASE TABLE", t("2025-06-01T00:00:00Z"), null, null, null, null,
                null, List.of(field("event_id", "STRING", "ULID")))));
    }

    @Override
    public Result answer(Query q) {
        String sql = q.sql();
        if (sql.contains("INFORMATION_SCHEMA.JOBS")) {
            return super.answer(q);
        }
        if (sql.contains("TABLE_STORAGE")) {
            return storage(q);
        }
        if (sql.contains("COLUMN_FIELD_PATHS") && !sql.contains("__TABLES__")) {
            return columns(q);
        }
        return super.answer(q);
    }

    private Result storage(Query q) {
        List<String> path = BigQueryStandIn.pathBefore(q.sql(), ".INFORMATION_SCHEMA.TABLE_STORAGE");
        if (!q.sql().contains("NOT deleted") || !q.sql().contains("ORDER BY table_schema, table_name")) {
            return Result.error(400, "invalidQuery", "unexpected storage query");
        }
        String type = q.string("managed_table_type");
        List<Storage> live = new ArrayList<>();
        for (Storage s : storage) {
            if (s.region().equals(path.get(1)) && !s.deleted() && s.managedType().equals(type)) {
                live.add(s);
            }
        }
        live.sort(Comparator.comparing(Storage::dataset).thenComparing(Storage::table));
        List<List<Object>> rows = new ArrayList<>();
        for (Storage s : live) {
            rows.add(Arrays.asList(s.dataset(), s.table(), s.created(), s.rows(), s.logicalBytes(), s.physicalBytes(),
                    s.modified()));
        }
        return Result.of(STORAGE_COLUMNS, rows);
    }

    private Result columns(Query q) {
        List<String> path = BigQueryStandIn.pathBefore(q.sql(), ".INFORMATION_SCHEMA.COLUMN_FIELD_PATHS");
        List<String> wanted = q.strings("tables");
        for (String name : wanted) {
            if (q.sql().contains(name)) {
                return Result.error(400, "invalidQuery", "table names must be parameters, not SQL text");
            }
        }
        List<List<Object>> rows = new ArrayList<>();
        for (String name : wanted) {
            List<Object> fs = columns.get(path.get(1) + "." + name);
            if (fs != null) {
                rows.add(Arrays.asList(name, new ArrayList<>(fs)));
            }
        }
        return Result.of(COLUMNS_COLUMNS, rows);
    }

    /** The semi-join of the Iceberg jobs query: the job's destination or a referenced table is a BigLake table. */
    @Override
    protected boolean touches(Query q, Job j) {
        if (!q.sql().contains("TABLE_STORAGE")) {
            return true;
        }
        String project = q.string("iceberg_project");
        String type = q.string("managed_table_type");
        for (Storage s : storage) {
            if (!s.region().equals(j.region()) || !s.managedType().equals(type)) {
                continue;
            }
            List<String> key = List.of(project, s.dataset(), s.table());
            if (key.equals(j.destination()) || j.referenced().contains(key)) {
                return true;
            }
        }
        return false;
    }
}
