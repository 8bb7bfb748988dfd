package io.mcpush.source.databricks;

import io.mcpush.sdk.push.Secret;
import io.mcpush.source.jdbc.JdbcConfig;
import io.mcpush.source.jdbc.NameFilter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.Supplier;
import org.duckdb.DuckDBConnection;

/**
 * A local twin of a Databricks workspace for the tests: an in-process DuckDB database holding
 * the Unity Catalog views and system tables that the source reads, with the columns Databricks
 * documents for them (information_schema CATALOGS/SCHEMATA/TABLES/VIEWS/COLUMNS,
 * system.access.table_lineage and column_lineage, system.query.history) and hand-written rows.
 * Databricks cannot run here; the source's own SQL runs against this twin unchanged except for
 * three documented substitutions, each the least DuckDB needs:
 * <ol>
 *   <li>the system catalog is {@code system_twin}: DuckDB reserves the database name {@code system}
 *       (the source's {@code --system-catalog} option, which real deployments use for shared
 *       system tables, names it);</li>
 *   <li>each catalog's information schema is {@code uc_information_schema}: DuckDB puts its own
 *       built-in {@code information_schema} into every attached database and it cannot be
 *       replaced (a package-private setting of {@link DatabricksConfig});</li>
 *   <li>Databricks' {@code timestamp_micros} and {@code unix_micros} are DuckDB macros over
 *       {@code to_timestamp}/{@code to_microseconds} and {@code epoch_us}, and DESCRIBE DETAIL —
 *       a Databricks statement — is a table macro over a twin table of its documented output.</li>
 * </ol>
 * Backtick quoting with doubled backticks is DuckDB's too, so identifiers are tested as sent.
 * Timestamps are TIMESTAMP WITH TIME ZONE, like Databricks' TIMESTAMP (an instant).
 */
final class UnityCatalogTwin implements AutoCloseable {
    static final String SYSTEM = "system_twin";
    static final String INFO = "uc_information_schema";

    final DuckDBConnection connection;

    UnityCatalogTwin() throws SQLException {
        connection = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
        exec("SET TimeZone = 'UTC'",
                "CREATE MACRO timestamp_micros(us) AS to_timestamp(0) + to_microseconds(CAST(us AS BIGINT))",
                "CREATE MACRO unix_micros(t) AS epoch_us(t)",
                "ATTACH ':memory:' AS " + SYSTEM,
                "CREATE SCHEMA " + SYSTEM + "." + INFO,
                "CREATE SCHEMA " + SYSTEM + ".access",
                "CREATE SCHEMA " + SYSTEM + ".query",
                "CREATE SCHEMA " + SYSTEM + ".twin",
                // system.information_schema.catalogs (documented columns)
                "CREATE TABLE " + SYSTEM + "." + INFO + ".catalogs (catalog_name VARCHAR, catalog_owner VARCHAR, "
                        + "comment VARCHAR, created TIMESTAMPTZ, created_by VARCHAR, last_altered TIMESTAMPTZ, "
                        + "last_altered_by VARCHAR)",
                // system.access.table_lineage (documented columns; entity_metadata left out)
                "CREATE TABLE " + SYSTEM + ".access.table_lineage (account_id VARCHAR, metastore_id VARCHAR, "
                        + "workspace_id VARCHAR, entity_type VARCHAR, entity_id VARCHAR, entity_run_id VARCHAR, "
                        + "source_table_full_name VARCHAR, source_table_catalog VARCHAR, source_table_schema VARCHAR, "
                        + "source_table_name VARCHAR, source_path VARCHAR, source_type VARCHAR, "
                        + "target_table_full_name VARCHAR, target_table_catalog VARCHAR, target_table_schema VARCHAR, "
                        + "target_table_name VARCHAR, target_path VARCHAR, target_type VARCHAR, created_by VARCHAR, "
                        + "event_time TIMESTAMPTZ, event_date DATE, record_id VARCHAR, event_id VARCHAR, "
                        + "statement_id VARCHAR)",
                "CREATE TABLE " + SYSTEM + ".access.column_lineage (account_id VARCHAR, metastore_id VARCHAR, "
                        + "workspace_id VARCHAR, entity_type VARCHAR, entity_id VARCHAR, entity_run_id VARCHAR, "
                        + "source_table_full_name VARCHAR, source_table_catalog VARCHAR, source_table_schema VARCHAR, "
                        + "source_table_name VARCHAR, source_path VARCHAR, source_type VARCHAR, "
                        + "source_column_name VARCHAR, target_table_full_name VARCHAR, target_table_catalog VARCHAR, "
                        + "target_table_schema VARCHAR, target_table_name VARCHAR, target_path VARCHAR, "
                        + "target_type VARCHAR, target_column_name VARCHAR, created_by VARCHAR, "
                        + "event_time TIMESTAMPTZ, event_date DATE, record_id VARCHAR, event_id VARCHAR, "
                        + "statement_id VARCHAR)",
                // system.query.history (documented columns)
                "CREATE TABLE " + SYSTEM + ".query.history (account_id VARCHAR, workspace_id VARCHAR, "
                        + "statement_id VARCHAR, session_id VARCHAR, execution_status VARCHAR, "
                        + "compute STRUCT(type VARCHAR, cluster_id VARCHAR, warehouse_id VARCHAR), "
                        + "executed_by_user_id VARCHAR, executed_by VARCHAR, statement_text VARCHAR, "
                        + "statement_type VARCHAR, error_message VARCHAR, client_application VARCHAR, "
                        + "client_driver VARCHAR, total_duration_ms BIGINT, waiting_for_compute_duration_ms BIGINT, "
                        + "waiting_at_capacity_duration_ms BIGINT, execution_duration_ms BIGINT, "
                        + "compilation_duration_ms BIGINT, total_task_duration_ms BIGINT, "
                        + "result_fetch_duration_ms BIGINT, start_time TIMESTAMPTZ, end_time TIMESTAMPTZ, "
                        + "update_time TIMESTAMPTZ, read_partitions BIGINT, pruned_files BIGINT, read_files BIGINT, "
                        + "read_rows BIGINT, produced_rows BIGINT, read_bytes BIGINT, read_io_cache_percent INTEGER, "
                        + "from_result_cache BOOLEAN, spilled_local_bytes BIGINT, written_bytes BIGINT, "
                        + "shuffle_read_bytes BIGINT, executed_as_user_id VARCHAR, executed_as VARCHAR)",
                // the documented output of DESCRIBE DETAIL, one row per table, and the stand-in statement
                "CREATE TABLE " + SYSTEM + ".twin.details (c VARCHAR, s VARCHAR, t VARCHAR, format VARCHAR, "
                        + "id VARCHAR, name VARCHAR, description VARCHAR, location VARCHAR, createdAt TIMESTAMPTZ, "
                        + "lastModified TIMESTAMPTZ, partitionColumns VARCHAR[], numFiles BIGINT, sizeInBytes BIGINT, "
                        + "properties MAP(VARCHAR, VARCHAR), minReaderVersion INTEGER, minWriterVersion INTEGER, "
                        + "statistics MAP(VARCHAR, BIGINT))",
                "CREATE MACRO describe_detail(c_, s_, t_) AS TABLE SELECT format, id, name, description, location, "
                        + "createdAt, lastModified, partitionColumns, numFiles, sizeInBytes, properties, "
                        + "minReaderVersion, minWriterVersion, statistics FROM " + SYSTEM
                        + ".twin.details WHERE c = c_ AND s = s_ AND t = t_");
    }

    /** Adds a catalog with the twin's information_schema tables (documented columns of each view). */
    void catalog(String name) throws SQLException {
        String c = DatabricksNames.quote(name);
        exec("ATTACH ':memory:' AS " + c,
                "CREATE SCHEMA " + c + "." + INFO,
                "CREATE TABLE " + c + "." + INFO + ".schemata (catalog_name VARCHAR, schema_name VARCHAR, "
                        + "schema_owner VARCHAR, comment VARCHAR, created TIMESTAMPTZ, created_by VARCHAR, "
                        + "last_altered TIMESTAMPTZ, last_altered_by VARCHAR)",
                "CREATE TABLE " + c + "." + INFO + ".tables (table_catalog VARCHAR, table_schema VARCHAR, "
                        + "table_name VARCHAR, table_type VARCHAR, is_insertable_into VARCHAR, commit_action VARCHAR, "
                        + "table_owner VARCHAR, comment VARCHAR, created TIMESTAMPTZ, created_by VARCHAR, "
                        + "last_altered TIMESTAMPTZ, last_altered_by VARCHAR, data_source_format VARCHAR, "
                        + "storage_sub_directory VARCHAR, storage_path VARCHAR)",
                "CREATE TABLE " + c + "." + INFO + ".views (table_catalog VARCHAR, table_schema VARCHAR, "
                        + "table_name VARCHAR, view_definition VARCHAR, check_option VARCHAR, is_updatable VARCHAR, "
                        + "is_insertable_into VARCHAR, sql_path VARCHAR)",
                "CREATE TABLE " + c + "." + INFO + ".columns (table_catalog VARCHAR, table_schema VARCHAR, "
                        + "table_name VARCHAR, column_name VARCHAR, ordinal_position INTEGER, column_default VARCHAR, "
                        + "is_nullable VARCHAR, full_data_type VARCHAR, data_type VARCHAR, "
                        + "character_maximum_length BIGINT, character_octet_length BIGINT, numeric_precision INTEGER, "
                        + "numeric_precision_radix INTEGER, numeric_scale INTEGER, datetime_precision INTEGER, "
                        + "interval_type VARCHAR, interval_precision INTEGER, maximum_cardinality BIGINT, "
                        + "is_identity VARCHAR, identity_generation VARCHAR, identity_start VARCHAR, "
                        + "identity_increment VARCHAR, identity_maximum VARCHAR, identity_minimum VARCHAR, "
                        + "identity_cycle VARCHAR, is_generated VARCHAR, generation_expression VARCHAR, "
                        + "is_system_time_period_start VARCHAR, is_system_time_period_end VARCHAR, "
                        + "system_time_period_timestamp_generation VARCHAR, is_updatable VARCHAR, "
                        + "partition_ordinal_position INTEGER, comment VARCHAR)");
        exec("INSERT INTO " + SYSTEM + "." + INFO + ".catalogs VALUES (" + lit(name) + ", 'admins', NULL, "
                + "TIMESTAMPTZ '2025-01-01 00:00:00+00', 'admin@example.com', TIMESTAMPTZ '2025-01-01 00:00:00+00', "
                + "'admin@example.com')");
        // every Unity Catalog catalog lists its own information_schema among its schemas
        schema(name, "information_schema");
    }

    /** A catalog name in system.information_schema.catalogs only (hive_metastore, __databricks_internal). */
    void catalogRowOnly(String name) throws SQLException {
        exec("INSERT INTO " + SYSTEM + "." + INFO + ".catalogs (catalog_name) VALUES (" + lit(name) + ")");
    }

    void schema(String catalog, String schema) throws SQLException {
        exec("INSERT INTO " + DatabricksNames.quote(catalog) + "." + INFO + ".schemata VALUES (" + lit(catalog) + ", "
                + lit(schema) + ", 'owner@example.com', NULL, TIMESTAMPTZ '2025-01-02 00:00:00+00', "
                + "'owner@example.com', TIMESTAMPTZ '2025-01-02 00:00:00+00', 'owner@example.com')");
    }

    /** A relation of tables; {@code created} as {@code 2025-06-01 12:00:00+00}. */
    void table(String catalog, String schema, String name, String type, String comment, String created,
            String format) throws SQLException {
        exec("INSERT INTO " + DatabricksNames.quote(catalog) + "." + INFO + ".tables VALUES (" + lit(catalog) + ", "
                + lit(schema) + ", " + lit(name) + ", " + lit(type) + ", 'YES', 'PRESERVE', 'owner@example.com', "
                + lit(comment) + ", TIMESTAMPTZ " + lit(created) + ", 'owner@example.com', TIMESTAMPTZ " + lit(created)
                + ", 'owner@example.com', " + lit(format) + ", NULL, 's3://bucket/" + name.replace("'", "") + "')");
    }

    void view(String catalog, String schema, String name, String definition) throws SQLException {
        exec("INSERT INTO " + DatabricksNames.quote(catalog) + "." + INFO + ".views VALUES (" + lit(catalog) + ", "
                + lit(schema) + ", " + lit(name) + ", " + lit(definition) + ", 'NONE', 'NO', 'NO', NULL)");
    }

    /** Columns in order, each {@code name}, {@code full_data_type}, {@code comment}; ordinal positions from 0. */
    void columns(String catalog, String schema, String table, List<String[]> columns) throws SQLException {
        for (int i = 0; i < columns.size(); i++) {
            String[] col = columns.get(i);
            String simple = col[1].replaceAll("[<(].*", "").toUpperCase(java.util.Locale.ROOT);
            exec("INSERT INTO " + DatabricksNames.quote(catalog) + "." + INFO + ".columns (table_catalog, "
                    + "table_schema, table_name, column_name, ordinal_position, is_nullable, full_data_type, data_type, "
                    + "comment) VALUES (" + lit(catalog) + ", " + lit(schema) + ", " + lit(table) + ", " + lit(col[0])
                    + ", " + i + ", 'YES', " + lit(col[1]) + ", " + lit(simple) + ", " + lit(col.length > 2 ? col[2] : null)
                    + ")");
        }
    }

    void exec(String... statements) throws SQLException {
        try (Statement s = connection.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    /** A SQL string literal (quotes doubled), or NULL. */
    static String lit(String value) {
        return value == null ? "NULL" : "'" + value.replace("'", "''") + "'";
    }

    /** The source's settings for the twin: its system catalog and information schema names. */
    static DatabricksConfig config(NameFilter filter, boolean columnLineage, boolean tableDetails, int pageSize,
            String workspaceId) {
        JdbcConfig jdbc = new JdbcConfig("jdbc:duckdb:", "token", new Secret("dapi-twin-token-0123456789"), filter,
                false, 3, null);
        return new DatabricksConfig(jdbc, "adb-1234567890123456.7.azuredatabricks.net", SYSTEM, INFO, workspaceId,
                columnLineage, tableDetails, 2, pageSize);
    }

    /** A source reading this twin; DESCRIBE DETAIL goes to the twin's table macro. */
    DatabricksSource source(DatabricksConfig config) throws SQLException {
        Supplier<Connection> more = () -> {
            try {
                return connection.duplicate();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        };
        return new DatabricksSource(config, connection.duplicate(), more,
                a -> "SELECT * FROM describe_detail(" + lit(a.metadata().database()) + ", " + lit(a.metadata().schema())
                        + ", " + lit(a.metadata().name()) + ")");
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
