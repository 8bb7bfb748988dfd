package io.mcpush.source.hive;

import static java.util.Objects.requireNonNull;

import io.mcpush.source.jdbc.CatalogQuery;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL that reads the Hive metastore schema (Hive 2.3 to 4.x; the tables {@code DBS}, {@code TBLS},
 * {@code SDS}, {@code COLUMNS_V2}, {@code PARTITION_KEYS}, {@code TABLE_PARAMS}, {@code PARTITIONS},
 * {@code PARTITION_PARAMS}): one query lists the Hive databases of a catalog, one query per Hive
 * database returns all its tables and views with their columns, partition keys, statistics and
 * change times (never one round trip per table). Every identifier is quoted for the backing
 * database and every value is a bind parameter. Immutable.
 *
 * <p>Statistics: Hive writes {@code numRows}/{@code totalSize} as table parameters, and for a
 * partitioned table per partition, where {@code -1} means unknown and {@code 0} may mean either
 * empty or never computed. A value is trusted when it is positive, or zero with
 * {@code COLUMN_STATS_ACCURATE} saying the basic statistics are accurate; a partitioned table's
 * volume is the sum over its partitions when every partition has a trusted value (no partitions:
 * zero). Change time: the latest of {@code last_modified_time} (set by user ALTERs),
 * {@code transient_lastDdlTime} (rewritten by Hive on every DDL and every statistics update, thus
 * on INSERT with {@code hive.stats.autogather}) and, for partitioned tables, the latest partition's
 * {@code transient_lastDdlTime}.
 */
final class MetastoreQueries {
    private static final String ACCURATE = "%\"BASIC_STATS\":\"true\"%";

    private final MetastoreBackend b;
    /** The metastore catalog ({@code DBS.CTLG_NAME}, Hive 3+), or null for a Hive 2 metastore that has none. */
    private final String catalog;

    MetastoreQueries(MetastoreBackend backend, String catalog) {
        this.b = requireNonNull(backend, "backend is null");
        this.catalog = catalog;
    }

    /** The Hive databases, one column {@code database_name}. */
    CatalogQuery databases() {
        String sql = "SELECT d." + b.q("NAME") + " AS database_name FROM " + b.q("DBS") + " d"
                + (catalog == null ? "" : " WHERE d." + b.q("CTLG_NAME") + " = ?")
                + " ORDER BY d." + b.q("NAME");
        return catalog == null ? CatalogQuery.of(sql) : CatalogQuery.of(sql, catalog);
    }

    /**
     * The tables and views of one Hive database in the labels {@code JdbcSource} reads, ordered by
     * table name and then column position (the columns of the storage descriptor, then the
     * partition keys, which Hive lists as columns too).
     */
    CatalogQuery relations(String database, boolean withColumns) {
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder();
        sql.append("WITH t AS (SELECT t.").append(b.q("TBL_ID")).append(" AS tbl_id, t.").append(b.q("TBL_NAME"))
                .append(" AS tbl_name, t.").append(b.q("TBL_TYPE")).append(" AS tbl_type, t.")
                .append(b.q("CREATE_TIME")).append(" AS create_time, t.").append(b.q("SD_ID")).append(" AS sd_id, ")
                .append("CASE WHEN t.").append(b.q("TBL_TYPE")).append(" = 'VIRTUAL_VIEW' THEN COALESCE(t.")
                .append(b.q("VIEW_EXPANDED_TEXT")).append(", t.").append(b.q("VIEW_ORIGINAL_TEXT"))
                .append(") END AS view_text")
                .append(" FROM ").append(b.q("TBLS")).append(" t JOIN ").append(b.q("DBS")).append(" d ON d.")
                .append(b.q("DB_ID")).append(" = t.").append(b.q("DB_ID"))
                .append(" WHERE d.").append(b.q("NAME")).append(" = ?");
        params.add(database);
        if (catalog != null) {
            sql.append(" AND d.").append(b.q("CTLG_NAME")).append(" = ?");
            params.add(catalog);
        }
        sql.append("),\n");
        // parameters are read one key at a time through the (id, PARAM_KEY) primary key: index lookups, however
        // many parameters and partitions the rest of the metastore holds. GROUP BY keeps each CTE a unit of its
        // own (evaluated once per table or partition), so the planner cannot fold the lookups into every column row.
        String tParam = "TABLE_PARAMS";
        sql.append("tp AS (SELECT t.tbl_id, ")
                .append("MAX(").append(b.number(param(tParam, "TBL_ID", "t.tbl_id", "numRows"))).append(") AS num_rows, ")
                .append("MAX(").append(b.number(param(tParam, "TBL_ID", "t.tbl_id", "totalSize")))
                .append(") AS total_size, ")
                .append("MAX(").append(b.number(param(tParam, "TBL_ID", "t.tbl_id", "transient_lastDdlTime")))
                .append(") AS ddl_time, ")
                .append("MAX(").append(b.number(param(tParam, "TBL_ID", "t.tbl_id", "last_modified_time")))
                .append(") AS modified_time, ")
                .append("MAX(CASE WHEN ").append(param(tParam, "TBL_ID", "t.tbl_id", "COLUMN_STATS_ACCURATE"))
                .append(" LIKE ? THEN 1 ELSE 0 END) AS accurate, ")
                .append("MAX(").append(param(tParam, "TBL_ID", "t.tbl_id", "comment"))
                .append(") AS table_comment FROM t GROUP BY t.tbl_id),\n");
        params.add(ACCURATE);
        String pParam = "PARTITION_PARAMS";
        String part = "pa." + b.q("PART_ID");
        sql.append("pp AS (SELECT pa.").append(b.q("TBL_ID")).append(" AS tbl_id, ")
                .append("MAX(").append(b.number(param(pParam, "PART_ID", part, "numRows"))).append(") AS num_rows, ")
                .append("MAX(").append(b.number(param(pParam, "PART_ID", part, "totalSize"))).append(") AS total_size, ")
                .append("MAX(").append(b.number(param(pParam, "PART_ID", part, "transient_lastDdlTime")))
                .append(") AS ddl_time, ")
                .append("MAX(CASE WHEN ").append(param(pParam, "PART_ID", part, "COLUMN_STATS_ACCURATE"))
                .append(" LIKE ? THEN 1 ELSE 0 END) AS accurate")
                .append(" FROM ").append(b.q("PARTITIONS")).append(" pa JOIN t ON t.tbl_id = pa.")
                .append(b.q("TBL_ID")).append(" GROUP BY pa.").append(b.q("TBL_ID")).append(", pa.")
                .append(b.q("PART_ID")).append("),\n");
        params.add(ACCURATE);
        // per partitioned table: sums only when every partition's value is trusted
        sql.append("ps AS (SELECT tbl_id, COUNT(*) AS parts, ")
                .append("CASE WHEN COUNT(*) = SUM(").append(trusted("num_rows", "accurate"))
                .append(") THEN SUM(num_rows) END AS num_rows, ")
                .append("CASE WHEN COUNT(*) = SUM(").append(trusted("total_size", "accurate"))
                .append(") THEN SUM(total_size) END AS total_size, ")
                .append("MAX(ddl_time) AS ddl_time FROM pp GROUP BY tbl_id),\n");
        sql.append("pk AS (SELECT DISTINCT k.").append(b.q("TBL_ID")).append(" AS tbl_id FROM ")
                .append(b.q("PARTITION_KEYS")).append(" k JOIN t ON t.tbl_id = k.").append(b.q("TBL_ID"))
                .append("),\n");
        sql.append("rel AS (SELECT t.tbl_id, t.sd_id, t.tbl_name AS table_name, t.tbl_type AS table_type, ")
                .append("tp.table_comment, t.view_text AS view_definition, ")
                .append("CASE WHEN t.create_time > 0 THEN ").append(b.epochToUtc("t.create_time"))
                .append(" END AS created_at, ")
                .append("CASE WHEN t.tbl_type = 'VIRTUAL_VIEW' THEN NULL WHEN pk.tbl_id IS NOT NULL THEN ")
                .append("COALESCE(ps.num_rows, CASE WHEN ps.parts IS NULL THEN 0 END) WHEN ")
                .append(trustedCondition("tp.num_rows", "tp.accurate")).append(" THEN tp.num_rows END AS row_count, ")
                .append("CASE WHEN t.tbl_type = 'VIRTUAL_VIEW' THEN NULL WHEN pk.tbl_id IS NOT NULL THEN ")
                .append("COALESCE(ps.total_size, CASE WHEN ps.parts IS NULL THEN 0 END) WHEN ")
                .append(trustedCondition("tp.total_size", "tp.accurate"))
                .append(" THEN tp.total_size END AS byte_count, ")
                .append("CASE WHEN t.tbl_type <> 'VIRTUAL_VIEW' THEN NULLIF(GREATEST(COALESCE(tp.modified_time, 0), ")
                .append("COALESCE(tp.ddl_time, 0), COALESCE(ps.ddl_time, 0)), 0) END AS change_time")
                .append(" FROM t JOIN tp ON tp.tbl_id = t.tbl_id LEFT JOIN ps ON ps.tbl_id = t.tbl_id")
                .append(" LEFT JOIN pk ON pk.tbl_id = t.tbl_id)");
        String relColumns = "rel.table_name, rel.table_type, rel.table_comment, rel.view_definition, rel.created_at, "
                + "rel.row_count, rel.byte_count, CASE WHEN rel.change_time > 0 THEN "
                + b.epochToUtc("rel.change_time") + " END AS last_modified";
        if (!withColumns) {
            sql.append("\nSELECT ").append(relColumns).append(" FROM rel ORDER BY rel.table_name, rel.tbl_id");
            return new CatalogQuery(sql.toString(), params);
        }
        sql.append(",\ncols AS (SELECT t.tbl_id, c.").append(b.q("COLUMN_NAME")).append(" AS column_name, c.")
                .append(b.q("TYPE_NAME")).append(" AS data_type, c.").append(b.q("COMMENT"))
                .append(" AS column_comment, c.").append(b.q("INTEGER_IDX")).append(" AS position FROM t JOIN ")
                .append(b.q("SDS")).append(" s ON s.").append(b.q("SD_ID")).append(" = t.sd_id JOIN ")
                .append(b.q("COLUMNS_V2")).append(" c ON c.").append(b.q("CD_ID")).append(" = s.").append(b.q("CD_ID"))
                .append(" UNION ALL SELECT t.tbl_id, k.").append(b.q("PKEY_NAME")).append(", k.").append(b.q("PKEY_TYPE"))
                .append(", k.").append(b.q("PKEY_COMMENT")).append(", 1000000 + k.").append(b.q("INTEGER_IDX"))
                .append(" FROM t JOIN ").append(b.q("PARTITION_KEYS")).append(" k ON k.").append(b.q("TBL_ID"))
                .append(" = t.tbl_id)\n");
        String body = sql + "SELECT " + relColumns + ", cols.column_name, cols.data_type, cols.column_comment FROM rel"
                + " LEFT JOIN cols ON cols.tbl_id = rel.tbl_id ORDER BY rel.table_name, rel.tbl_id, cols.position";
        return new CatalogQuery(body, params);
    }

    /** One parameter's value: a scalar subquery on the {@code (id, PARAM_KEY)} primary key. */
    private String param(String table, String idColumn, String idExpression, String key) {
        return "(SELECT x." + b.q("PARAM_VALUE") + " FROM " + b.q(table) + " x WHERE x." + b.q(idColumn) + " = "
                + idExpression + " AND x." + b.q("PARAM_KEY") + " = '" + key + "')";
    }

    /** 1 when a statistic is trusted (positive, or zero and accurate), else 0. */
    private static String trusted(String value, String accurate) {
        return "CASE WHEN " + trustedCondition(value, accurate) + " THEN 1 ELSE 0 END";
    }

    private static String trustedCondition(String value, String accurate) {
        return "(" + value + " > 0 OR (" + value + " = 0 AND " + accurate + " = 1))";
    }
}
