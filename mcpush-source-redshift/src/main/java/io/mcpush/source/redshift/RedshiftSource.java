package io.mcpush.source.redshift;

import static java.util.Objects.requireNonNull;

import io.mcpush.sdk.Flow;
import io.mcpush.sdk.TableTypes;
import io.mcpush.sdk.model.QueryLogEntry;
import io.mcpush.sdk.model.RelationalAsset;
import io.mcpush.source.Capability;
import io.mcpush.source.CollectionReport;
import io.mcpush.source.EventStream;
import io.mcpush.source.QueryLogWindow;
import io.mcpush.source.SourceConnectionException;
import io.mcpush.source.SourceException;
import io.mcpush.source.jdbc.CatalogQuery;
import io.mcpush.source.jdbc.Dialect;
import io.mcpush.source.jdbc.JdbcConnector;
import io.mcpush.source.jdbc.JdbcSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads Redshift through views that exist on provisioned clusters and on Serverless alike:
 * SVV_ALL_SCHEMAS / SVV_ALL_TABLES / SVV_ALL_COLUMNS (local, external and datashare objects of
 * any database, late-binding views included) with one query per schema; PG_VIEWS for view text;
 * SVV_TABLE_INFO (one query per schema) and SYS_QUERY_DETAIL (one per database) for volume and
 * freshness, on a second connection ({@link StatsStream}); SYS_QUERY_HISTORY and SYS_QUERY_TEXT for query logs, two
 * cursors in two sessions merged in Java ({@link QueryLogStream}). Every name and time is a bind parameter; no
 * identifier is pasted into SQL. Not thread-safe.
 */
public final class RedshiftSource extends JdbcSource {
    static final Set<Capability> CAPABILITIES = Set.of(Capability.METADATA, Capability.TABLE_LINEAGE,
            Capability.COLUMN_LINEAGE, Capability.QUERY_LOGS);

    /** Double quotes; the schemas that hold Redshift's own catalog and internals. */
    static final Dialect DIALECT = new Dialect("redshift", '"', TableTypes.Warehouse.REDSHIFT,
            Set.of("information_schema", "pg_catalog", "pg_internal", "catalog_history", "pg_toast", "pg_automv",
                    "pg_auto_copy", "pg_mv", "pg_s3", "sys"));

    /** Every database; padb_harvest is Redshift's internal one (dev is a user database like any other). */
    static final String DATABASES = """
            SELECT database_name FROM svv_redshift_databases
            WHERE database_name <> 'padb_harvest'
            ORDER BY database_name
            """;

    static final String SCHEMAS = """
            SELECT schema_name FROM svv_all_schemas
            WHERE database_name = ? AND schema_name NOT LIKE 'pg_temp%'
            ORDER BY schema_name
            """;

    /** The view text join: pg_views knows the connected database only (the third parameter). */
    private static final String VIEW_JOIN = """
            LEFT JOIN pg_views v ON t.table_type = 'VIEW' AND t.database_name = ?
              AND v.schemaname = t.schema_name AND v.viewname = t.table_name
            """;

    static final String RELATIONS_WITH_COLUMNS = """
            SELECT t.table_name, t.table_type, t.remarks AS table_comment, v.definition AS view_definition,
                   c.column_name,
                   CASE WHEN c.character_maximum_length > 0 AND POSITION('(' IN c.data_type) = 0
                          THEN c.data_type || '(' || CAST(c.character_maximum_length AS VARCHAR(12)) || ')'
                        WHEN c.data_type IN ('numeric', 'decimal') AND c.numeric_precision > 0
                             AND POSITION('(' IN c.data_type) = 0
                          THEN c.data_type || '(' || CAST(c.numeric_precision AS VARCHAR(12)) || ','
                               || CAST(COALESCE(c.numeric_scale, 0) AS VARCHAR(12)) || ')'
                        ELSE c.data_type END AS data_type,
                   c.remarks AS column_comment
            FROM svv_all_tables t
            LEFT JOIN svv_all_columns c ON c.database_name = t.database_name AND c.schema_name = t.schema_name
              AND c.table_name = t.table_name
            """ + VIEW_JOIN + """
            WHERE t.database_name = ? AND t.schema_name = ?
            ORDER BY t.table_name, c.ordinal_position
            """;

    static final String RELATIONS = """
            SELECT t.table_name, t.table_type, t.remarks AS table_comment, v.definition AS view_definition
            FROM svv_all_tables t
            """ + VIEW_JOIN + """
            WHERE t.database_name = ? AND t.schema_name = ?
            ORDER BY t.table_name
            """;

    private final RedshiftConfig redshift;
    private String connectedDatabase;
    private Connection auxiliaryConnection;

    RedshiftSource(RedshiftConfig config) {
        super(RedshiftSourceFactory.TYPE, config.jdbc(), DIALECT);
        this.redshift = requireNonNull(config, "config is null");
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public boolean windowed(Flow flow) {
        return flow == Flow.QUERY_LOGS || flow == Flow.LINEAGE;
    }

    @Override
    protected void prepare(Connection c) {
        try {
            // the driver pages through a result with the fetch size only inside a transaction
            c.setAutoCommit(false);
        } catch (SQLException e) {
            throw new SourceConnectionException(host(), databaseLabel(), JdbcConnector.redact(config(),
                    String.valueOf(e.getMessage())), e.getSQLState(), JdbcConnector.redacted(config(), e));
        }
    }

    /** The database the connection is in: the one whose view text and volume can be read. */
    String connectedDatabase() {
        if (connectedDatabase == null) {
            try {
                String catalog = connection().getCatalog();
                connectedDatabase = catalog != null ? catalog : databaseLabel();
            } catch (SQLException e) {
                throw new SourceException("cannot read the current database of " + identity().id() + ": "
                        + JdbcConnector.redact(config(), String.valueOf(e.getMessage())), JdbcConnector.redacted(config(), e));
            }
        }
        return connectedDatabase;
    }

    @Override
    protected List<String> databases(Connection c) throws SQLException {
        if (!redshift.allDatabases()) {
            return List.of(connectedDatabase());
        }
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            ResultSet rs = execute(c, CatalogQuery.of(DATABASES), opened);
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(QueryTextAssembler.stripPadding(rs.getString(1)));
            }
            return out;
        } finally {
            closeAll(opened);
        }
    }

    @Override
    protected CatalogQuery schemasQuery(String database) {
        return CatalogQuery.of(SCHEMAS, database);
    }

    @Override
    protected CatalogQuery relationsQuery(String database, String schema, boolean withColumns) {
        return CatalogQuery.of(withColumns ? RELATIONS_WITH_COLUMNS : RELATIONS, connectedDatabase(), database, schema);
    }

    @Override
    public EventStream<RelationalAsset> metadata(CollectionReport report) {
        requireNonNull(report, "report is null");
        return new StatsStream(super.metadata(report), this, report);
    }

    /**
     * A second session, for what must not share the catalog cursor's: the volume, freshness and
     * materialized-view look-ups during metadata (a failing one, such as a view the user may not
     * read, would abort the transaction the catalog streams in, and Redshift has no savepoints)
     * and the SYS_QUERY_TEXT cursor read beside the SYS_QUERY_HISTORY one (one open cursor per
     * session is Redshift's rule). Autocommit is off so that results stream with the fetch size;
     * each use ends with {@link #endAuxiliary()}.
     */
    Connection auxiliaryConnection() {
        if (auxiliaryConnection == null) {
            Connection c = JdbcConnector.connect(config(), host(), databaseLabel());
            prepare(c);
            auxiliaryConnection = c;
        }
        return auxiliaryConnection;
    }

    /** Ends the auxiliary session's transaction (a failed statement leaves it unusable until then). */
    void endAuxiliary() {
        if (auxiliaryConnection != null) {
            try {
                auxiliaryConnection.rollback();
            } catch (SQLException ignored) {
                // the next statement reports the connection's state
            }
        }
    }

    /** Runs a query with its parameters bound and the fetch size set (for the helpers of this package). */
    ResultSet run(Connection c, CatalogQuery q, List<AutoCloseable> opened) throws SQLException {
        return execute(c, q, opened);
    }

    /** A one-line message for a failed query, without secrets and without the SQL text. */
    String message(SQLException e) {
        return describe(e, null);
    }

    @Override
    public EventStream<QueryLogEntry> queryLogs(QueryLogWindow window, CollectionReport report) {
        requireNonNull(window, "window is null");
        requireNonNull(report, "report is null");
        return QueryLogStream.open(this, connection(), auxiliaryConnection(), window, report);
    }

    @Override
    protected String viewFallbackSchema() {
        return "public";
    }

    /** Redshift's default search_path is {@code $user, public}: unqualified names are taken to be in public. */
    @Override
    protected String[] queryDefaults(QueryLogEntry query) {
        Object db = query.extra() == null ? null : query.extra().get("database_name");
        return new String[] {db instanceof String s && !s.isBlank() ? s : connectedDatabase(), "public"};
    }

    @Override
    public void close() {
        if (auxiliaryConnection != null) {
            try {
                auxiliaryConnection.close();
            } catch (SQLException ignored) {
                // the collection is over
            }
            auxiliaryConnection = null;
        }
        super.close();
    }
}
