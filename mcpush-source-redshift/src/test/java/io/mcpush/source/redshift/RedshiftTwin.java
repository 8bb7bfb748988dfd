package io.mcpush.source.redshift;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A stand-in for Redshift's system views in a real embedded PostgreSQL: schema {@code twin} holds
 * tables named and typed like the documented columns of SVV_REDSHIFT_DATABASES, SVV_ALL_SCHEMAS,
 * SVV_ALL_TABLES, SVV_ALL_COLUMNS, PG_VIEWS, SVV_TABLE_INFO, SVV_MV_INFO, SYS_QUERY_HISTORY,
 * SYS_QUERY_DETAIL and SYS_QUERY_TEXT (blank-padded {@code character(n)} where Redshift documents
 * it), and is first on the collecting role's search_path, so the source's production SQL runs
 * unchanged. PG_USER is PostgreSQL's own (the twin's users are real roles). The rows are
 * hand-written to look like a small Redshift warehouse; Redshift itself cannot run here.
 */
final class RedshiftTwin {
    static final String DDL = """
            CREATE SCHEMA twin;
            CREATE TABLE twin.svv_redshift_databases (database_name varchar(128), database_owner integer,
              database_type varchar(10), database_acl varchar(128), database_options varchar(128),
              database_isolation_level varchar(20));
            CREATE TABLE twin.svv_all_schemas (database_name varchar(128), schema_name varchar(128),
              schema_owner integer, schema_type varchar(128), schema_acl varchar(128), source_database varchar(128),
              schema_option varchar(128));
            CREATE TABLE twin.svv_all_tables (database_name varchar(128), schema_name varchar(128),
              table_name varchar(128), table_type varchar(128), table_acl varchar(128), remarks varchar(128));
            CREATE TABLE twin.svv_all_columns (database_name varchar(128), schema_name varchar(128),
              table_name varchar(128), column_name varchar(128), ordinal_position integer, column_default varchar(4000),
              is_nullable varchar(3), data_type varchar(128), character_maximum_length integer,
              numeric_precision integer, numeric_scale integer, remarks varchar(128));
            CREATE TABLE twin.pg_views (schemaname name, viewname name, viewowner name, definition text);
            CREATE TABLE twin.svv_table_info (database text, schema text, table_id integer, "table" text,
              encoded text, diststyle text, sortkey1 text, max_varchar integer, sortkey1_enc char(32),
              sortkey_num integer, size bigint, pct_used numeric(10,4), empty bigint, unsorted numeric(5,2),
              stats_off numeric(5,2), tbl_rows numeric(38,0), skew_sortkey1 numeric(19,2), skew_rows numeric(19,2),
              estimated_visible_rows numeric(38,0), risk_event text, vacuum_sort_benefit numeric(12,2));
            CREATE TABLE twin.svv_mv_info (database_name char(128), schema char(128), user_name char(128),
              name char(128), is_stale char(1), state integer, autorefresh char(1), autorewrite char(1));
            CREATE TABLE twin.sys_query_history (user_id integer, query_id bigint, query_label character(320),
              transaction_id bigint, session_id integer, database_name character(128), query_type character(32),
              status character(10), result_cache_hit boolean, start_time timestamp, end_time timestamp,
              elapsed_time bigint, queue_time bigint, execution_time bigint, error_message character(512),
              returned_rows bigint, returned_bytes bigint, query_text character(4000), redshift_version character(256),
              usage_limit character(150), compute_type character(32), compile_time bigint, planning_time bigint,
              lock_wait_time bigint);
            CREATE TABLE twin.sys_query_detail (user_id integer, query_id bigint, child_query_sequence integer,
              stream_id integer, segment_id integer, step_id integer, step_name text, table_id integer,
              table_name character(136), is_rrscan character(1), start_time timestamp, end_time timestamp,
              duration bigint, alert text, input_bytes bigint, input_rows bigint, output_bytes bigint,
              output_rows bigint);
            CREATE TABLE twin.sys_query_text (user_id integer, query_id bigint, transaction_id bigint,
              session_id integer, start_time timestamp, sequence integer, text character(4000));
            """;

    private RedshiftTwin() {
    }

    /** One SYS_QUERY_HISTORY row and its SYS_QUERY_TEXT pieces (4,000 characters each, by code point). */
    static void query(Connection c, long id, String user, String database, String type, String status,
            Instant start, Instant end, String error, Long rows, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO twin.sys_query_history (user_id, query_id, query_label, transaction_id, session_id,
                  database_name, query_type, status, start_time, end_time, elapsed_time, error_message, returned_rows,
                  returned_bytes, query_text, compute_type)
                VALUES ((SELECT usesysid FROM pg_catalog.pg_user WHERE usename = ?), ?, 'default', ?, 1073815000, ?, ?,
                  ?, ?, ?, ?, ?, ?, ?, ?, 'primary')
                """)) {
            ps.setString(1, user);
            ps.setLong(2, id);
            ps.setLong(3, 70_000 + id);
            ps.setString(4, database);
            ps.setString(5, type);
            ps.setString(6, status);
            ps.setTimestamp(7, utc(start));
            ps.setTimestamp(8, end == null ? null : utc(end));
            if (end == null) {
                ps.setNull(9, java.sql.Types.BIGINT);
            } else {
                ps.setLong(9, (end.toEpochMilli() - start.toEpochMilli()) * 1000);
            }
            ps.setString(10, error);
            if (rows == null) {
                ps.setNull(11, java.sql.Types.BIGINT);
                ps.setNull(12, java.sql.Types.BIGINT);
            } else {
                ps.setLong(11, rows);
                ps.setLong(12, rows * 48);
            }
            ps.setString(13, sql.codePointCount(0, sql.length()) > 4000
                    ? sql.substring(0, sql.offsetByCodePoints(0, 4000)) : sql);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO twin.sys_query_text (user_id, query_id, transaction_id, session_id, start_time, sequence, text)
                VALUES ((SELECT usesysid FROM pg_catalog.pg_user WHERE usename = ?), ?, ?, 1073815000, ?, ?, ?)
                """)) {
            List<String> pieces = pieces(sql);
            for (int i = 0; i < pieces.size(); i++) {
                ps.setString(1, user);
                ps.setLong(2, id);
                ps.setLong(3, 70_000 + id);
                ps.setTimestamp(4, utc(start));
                ps.setInt(5, i);
                ps.setString(6, pieces.get(i));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Splits like Redshift: pieces of 4,000 characters, sequence 0 first. */
    static List<String> pieces(String sql) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < sql.length()) {
            int end = sql.codePointCount(i, sql.length()) > 4000 ? sql.offsetByCodePoints(i, 4000) : sql.length();
            out.add(sql.substring(i, end));
            i = end;
        }
        return out;
    }

    /** The twin's timestamp columns hold UTC wall-clock times, as Redshift's do. */
    static Timestamp utc(Instant t) {
        return Timestamp.valueOf(java.time.LocalDateTime.ofInstant(t, java.time.ZoneOffset.UTC));
    }
}
