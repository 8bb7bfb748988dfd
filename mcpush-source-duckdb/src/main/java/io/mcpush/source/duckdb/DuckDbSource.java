package io.mcpush.source.duckdb;

import io.mcpush.source.Capability;
import io.mcpush.source.jdbc.CatalogQuery;
import io.mcpush.source.jdbc.Dialect;
import io.mcpush.source.jdbc.JdbcConfig;
import io.mcpush.source.jdbc.JdbcSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a DuckDB database through its catalog functions ({@code duckdb_databases()},
 * {@code duckdb_schemas()}, {@code duckdb_tables()}, {@code duckdb_views()},
 * {@code duckdb_columns()}): one query per schema, names always bound as parameters. Every
 * attached, non-internal database is collected (filters apply). Lineage (table and column) is
 * derived from the views' definitions by the shared lineage flow of {@link JdbcSource}; DuckDB
 * keeps no query history, so there is none from queries. Not thread-safe.
 */
public final class DuckDbSource extends JdbcSource {
    /** Lineage comes from view definitions only: DuckDB keeps no query history. */
    static final Set<Capability> CAPABILITIES = Set.of(Capability.METADATA, Capability.TABLE_LINEAGE,
            Capability.COLUMN_LINEAGE);

    private static final String RELATIONS = """
            WITH rel AS (
              SELECT table_name AS name, 'BASE TABLE' AS table_type, comment AS table_comment,
                     CAST(NULL AS VARCHAR) AS view_definition, CAST(estimated_size AS BIGINT) AS row_count
              FROM duckdb_tables() WHERE database_name = ? AND schema_name = ? AND NOT temporary
              UNION ALL
              SELECT view_name, 'VIEW', comment, sql, CAST(NULL AS BIGINT)
              FROM duckdb_views() WHERE database_name = ? AND schema_name = ? AND NOT internal AND NOT temporary
            )
            """;

    private static final String WITH_COLUMNS = RELATIONS + """
            SELECT rel.name AS table_name, rel.table_type, rel.table_comment, rel.view_definition, rel.row_count,
                   c.column_name, c.data_type, c.comment AS column_comment
            FROM rel LEFT JOIN duckdb_columns() c
              ON c.database_name = ? AND c.schema_name = ? AND c.table_name = rel.name
            ORDER BY rel.name, c.column_index
            """;

    private static final String WITHOUT_COLUMNS = RELATIONS + """
            SELECT rel.name AS table_name, rel.table_type, rel.table_comment, rel.view_definition, rel.row_count
            FROM rel ORDER BY rel.name
            """;

    private final DuckDbConfig duckDb;

    DuckDbSource(DuckDbConfig config) {
        super(DuckDbSourceFactory.TYPE, config.readOnly() ? config.jdbc().withDriverProperty("duckdb.read_only", "true")
                : config.jdbc(), Dialect.DUCKDB);
        this.duckDb = config;
    }

    /**
     * Collects through a connection the caller opened, e.g. to an in-memory database it filled;
     * the connection is closed with the source.
     */
    public DuckDbSource(Connection connection, JdbcConfig config) {
        super(DuckDbSourceFactory.TYPE, config, Dialect.DUCKDB, connection);
        this.duckDb = new DuckDbConfig(config, false);
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    /** DuckDB binds a view's unqualified names in the view's schema first, then in {@code main}. */
    @Override
    protected String viewFallbackSchema() {
        return "main";
    }

    @Override
    protected String host() {
        return "localhost";
    }

    @Override
    protected String databaseLabel() {
        return DuckDbConfig.databasePath(duckDb.jdbc().url());
    }

    @Override
    protected void prepare(Connection c) {
        // DuckDB reports catalog timestamps in the session zone; none are read today, but keep UTC for when they are
        try (Statement s = c.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
        } catch (SQLException ignored) {
            // ICU (time zones) may be missing from a minimal build; nothing read here depends on it
        }
    }

    @Override
    protected List<String> databases(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT database_name FROM duckdb_databases() WHERE NOT internal ORDER BY database_name")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    @Override
    protected CatalogQuery schemasQuery(String database) {
        return CatalogQuery.of("SELECT schema_name FROM duckdb_schemas() WHERE database_name = ? ORDER BY schema_name",
                database);
    }

    @Override
    protected CatalogQuery relationsQuery(String database, String schema, boolean withColumns) {
        return withColumns
                ? CatalogQuery.of(WITH_COLUMNS, database, schema, database, schema, database, schema)
                : CatalogQuery.of(WITHOUT_COLUMNS, database, schema, database, schema);
    }
}
