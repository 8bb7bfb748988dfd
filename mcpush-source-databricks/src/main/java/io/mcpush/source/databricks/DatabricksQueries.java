package io.mcpush.source.databricks;

import static io.mcpush.source.databricks.DatabricksNames.qualified;

import io.mcpush.source.QueryLogWindow;
import io.mcpush.source.jdbc.CatalogQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL the Databricks source runs. Every identifier is backtick-quoted (catalog names come
 * from the warehouse and may hold any character); every value — schema names, window bounds,
 * keyset positions, the workspace id — is a bind parameter. Window bounds are bound as
 * microseconds since the epoch and turned into timestamps by {@code timestamp_micros}, so
 * neither the JVM's nor the session's time zone plays a part; timestamps are read back the same
 * way with {@code unix_micros}. Stateless.
 */
final class DatabricksQueries {
    private DatabricksQueries() {
    }

    /** Every catalog of the metastore the user can see, from the system catalog's cross-catalog information_schema. */
    static CatalogQuery catalogs(DatabricksConfig c) {
        return CatalogQuery.of("SELECT catalog_name FROM " + qualified(c.systemCatalog(), c.informationSchema(), "catalogs")
                + " ORDER BY catalog_name");
    }

    static CatalogQuery schemas(DatabricksConfig c, String catalog) {
        return CatalogQuery.of("SELECT schema_name FROM " + qualified(catalog, c.informationSchema(), "schemata")
                + " ORDER BY schema_name");
    }

    /**
     * One schema's tables and views, one row per column in ordinal order (or one per relation
     * without columns), labelled as {@link io.mcpush.source.jdbc.JdbcSource#relationsQuery} wants.
     * {@code full_data_type} keeps the parameters ({@code decimal(10,2)}, {@code array<string>}).
     */
    static CatalogQuery relations(DatabricksConfig c, String catalog, String schema, boolean withColumns) {
        String tables = qualified(catalog, c.informationSchema(), "tables");
        String views = qualified(catalog, c.informationSchema(), "views");
        String columns = qualified(catalog, c.informationSchema(), "columns");
        StringBuilder sql = new StringBuilder();
        sql.append("SELECT t.table_name AS table_name, t.table_type AS table_type, t.comment AS table_comment, ")
                .append("v.view_definition AS view_definition, t.created AS created_at");
        if (withColumns) {
            sql.append(", col.column_name AS column_name, col.full_data_type AS data_type, col.comment AS column_comment");
        }
        sql.append(" FROM ").append(tables).append(" t LEFT JOIN ").append(views)
                .append(" v ON v.table_schema = t.table_schema AND v.table_name = t.table_name");
        if (withColumns) {
            sql.append(" LEFT JOIN ").append(columns)
                    .append(" col ON col.table_schema = t.table_schema AND col.table_name = t.table_name");
        }
        sql.append(" WHERE t.table_schema = ? ORDER BY t.table_name");
        if (withColumns) {
            sql.append(", col.ordinal_position");
        }
        return CatalogQuery.of(sql.toString(), schema);
    }

    /** {@code DESCRIBE DETAIL `catalog`.`schema`.`table`}: one row with sizeInBytes, numFiles, lastModified. */
    static String describeDetail(String catalog, String schema, String table) {
        return "DESCRIBE DETAIL " + qualified(catalog, schema, table);
    }

    private static String window(String column) {
        return column + " >= timestamp_micros(?) AND " + column + " < timestamp_micros(?)";
    }

    private static List<Object> windowParameters(QueryLogWindow w) {
        List<Object> p = new ArrayList<>();
        p.add(micros(w.start()));
        p.add(micros(w.end()));
        return p;
    }

    static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
    }

    /**
     * Distinct table-to-table edges of the window, ordered by destination so that one pass
     * groups them into one event per destination. Reads (no target), writes without a source,
     * and storage paths are left to {@link #lineageOutside}.
     */
    static CatalogQuery tableLineage(DatabricksConfig c, QueryLogWindow w) {
        List<Object> p = windowParameters(w);
        String sql = "SELECT target_table_catalog AS target_catalog, target_table_schema AS target_schema, "
                + "target_table_name AS target_name, target_type, source_table_catalog AS source_catalog, "
                + "source_table_schema AS source_schema, source_table_name AS source_name, source_type"
                + " FROM " + qualified(c.systemCatalog(), "access", "table_lineage")
                + " WHERE " + window("event_time")
                + " AND source_table_full_name IS NOT NULL AND target_table_full_name IS NOT NULL"
                + workspace(c, p)
                + " GROUP BY target_table_catalog, target_table_schema, target_table_name, target_type,"
                + " source_table_catalog, source_table_schema, source_table_name, source_type"
                + " ORDER BY target_catalog, target_schema, target_name, source_catalog, source_schema, source_name,"
                + " target_type, source_type";
        return new CatalogQuery(sql, p);
    }

    /** Distinct column-to-column edges of the window, ordered by destination table and column. */
    static CatalogQuery columnLineage(DatabricksConfig c, QueryLogWindow w) {
        List<Object> p = windowParameters(w);
        String sql = "SELECT target_table_catalog AS target_catalog, target_table_schema AS target_schema, "
                + "target_table_name AS target_name, target_type, target_column_name AS target_column, "
                + "source_table_catalog AS source_catalog, source_table_schema AS source_schema, "
                + "source_table_name AS source_name, source_type, source_column_name AS source_column"
                + " FROM " + qualified(c.systemCatalog(), "access", "column_lineage")
                + " WHERE " + window("event_time")
                + " AND source_table_full_name IS NOT NULL AND target_table_full_name IS NOT NULL"
                + " AND source_column_name IS NOT NULL AND target_column_name IS NOT NULL"
                + workspace(c, p)
                + " GROUP BY target_table_catalog, target_table_schema, target_table_name, target_type, target_column_name,"
                + " source_table_catalog, source_table_schema, source_table_name, source_type, source_column_name"
                + " ORDER BY target_catalog, target_schema, target_name, target_column, source_catalog, source_schema,"
                + " source_name, source_column, target_type, source_type";
        return new CatalogQuery(sql, p);
    }

    /**
     * What the window's table-lineage records hold besides table-to-table edges, counted so
     * that the report says what was not pushed and why.
     */
    static CatalogQuery lineageOutside(DatabricksConfig c, QueryLogWindow w) {
        List<Object> p = windowParameters(w);
        String sql = "SELECT"
                + " SUM(CASE WHEN target_table_full_name IS NOT NULL AND source_table_full_name IS NULL"
                + " AND source_path IS NOT NULL THEN 1 ELSE 0 END) AS from_paths,"
                + " SUM(CASE WHEN source_table_full_name IS NOT NULL AND target_table_full_name IS NULL"
                + " AND target_path IS NOT NULL THEN 1 ELSE 0 END) AS to_paths,"
                + " SUM(CASE WHEN target_table_full_name IS NULL AND target_path IS NULL THEN 1 ELSE 0 END) AS reads,"
                + " SUM(CASE WHEN source_table_full_name IS NULL AND source_path IS NULL THEN 1 ELSE 0 END)"
                + " AS writes_without_source"
                + " FROM " + qualified(c.systemCatalog(), "access", "table_lineage")
                + " WHERE " + window("event_time") + workspace(c, p);
        return new CatalogQuery(sql, p);
    }

    /**
     * One page of the window's statements after the keyset position ({@code afterStartMicros},
     * {@code afterStatementId}); the first page starts at the window start with the empty id. The
     * page size is a number this source chose, written as a literal.
     */
    static CatalogQuery queryHistoryPage(DatabricksConfig c, QueryLogWindow w, long afterStartMicros,
            String afterStatementId, boolean first) {
        List<Object> p = windowParameters(w);
        StringBuilder sql = new StringBuilder("SELECT statement_id, statement_text, executed_by, "
                + "unix_micros(start_time) AS start_micros, unix_micros(end_time) AS end_micros, execution_status, "
                + "error_message, statement_type, compute.warehouse_id AS warehouse_id, workspace_id, "
                + "total_duration_ms, total_task_duration_ms, read_rows, read_bytes, produced_rows"
                + " FROM " + qualified(c.systemCatalog(), "query", "history")
                + " WHERE " + window("start_time"));
        if (first) {
            sql.append(" AND statement_id IS NOT NULL");
        } else {
            sql.append(" AND (start_time > timestamp_micros(?) OR (start_time = timestamp_micros(?) AND statement_id > ?))");
            p.add(afterStartMicros);
            p.add(afterStartMicros);
            p.add(afterStatementId);
        }
        sql.append(workspace(c, p));
        sql.append(" ORDER BY start_time, statement_id LIMIT ").append(c.pageSize());
        return new CatalogQuery(sql.toString(), p);
    }

    private static String workspace(DatabricksConfig c, List<Object> parameters) {
        if (c.workspaceId() == null) {
            return "";
        }
        parameters.add(c.workspaceId());
        return " AND workspace_id = ?";
    }
}
