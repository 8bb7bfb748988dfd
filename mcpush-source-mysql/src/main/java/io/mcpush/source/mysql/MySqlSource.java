package io.mcpush.source.mysql;

import static java.util.Objects.requireNonNull;

import io.mcpush.sdk.Flow;
import io.mcpush.sdk.model.LineageEvent;
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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a MySQL or MariaDB server: metadata from {@code information_schema} (one query per MySQL
 * database, joining TABLES, VIEWS and COLUMNS, every name bound as a parameter), query logs from
 * {@code performance_schema.events_statements_history_long} ({@link QueryLogStream}), and lineage
 * from view definitions and those queries through the shared flow of {@link JdbcSource}. Names map
 * as {@link MySqlConfig} says: Monte Carlo database = {@code --database-name} (default {@code def}),
 * schema = MySQL database. Not thread-safe.
 */
public final class MySqlSource extends JdbcSource {
    static final Set<Capability> CAPABILITIES = Set.of(Capability.METADATA, Capability.TABLE_LINEAGE,
            Capability.COLUMN_LINEAGE, Capability.QUERY_LOGS);

    /**
     * Starts every statement the collector sends, so that its sessions' statements can be left out of
     * the query logs of later collections (see {@link QueryLogStream}).
     */
    static final String TAG = "/* mcpush */ ";

    /**
     * information_schema compares names with a case-insensitive collation, but with
     * {@code lower_case_table_names=0} {@code Sales} and {@code sales} are two databases (and two
     * tables): every name comparison is also made on the bytes, and relations are ordered by bytes
     * so that the rows of one relation stay adjacent. The plain equality on the constant schema
     * stays too: it lets the server read only that database's directory.
     */
    private static final String SCHEMAS = TAG + """
            SELECT SCHEMA_NAME AS schema_name FROM information_schema.SCHEMATA
            ORDER BY CAST(SCHEMA_NAME AS BINARY)
            """;

    /** A view's TABLE_COMMENT is the word VIEW (or, for a broken view, the error): not a description. */
    private static final String SELECT_RELATION = TAG + """
            SELECT t.TABLE_NAME AS table_name, t.TABLE_TYPE AS table_type,
                   CASE WHEN t.TABLE_TYPE <> 'VIEW' THEN NULLIF(t.TABLE_COMMENT, '') END AS table_comment,
                   NULLIF(v.VIEW_DEFINITION, '') AS view_definition, t.CREATE_TIME AS created_at,
                   t.TABLE_ROWS AS row_count, t.DATA_LENGTH + t.INDEX_LENGTH AS byte_count,
                   t.UPDATE_TIME AS last_modified""";

    private static final String FROM_RELATION = """
            FROM information_schema.TABLES t
            LEFT JOIN information_schema.VIEWS v
              ON v.TABLE_SCHEMA = ? AND CAST(v.TABLE_SCHEMA AS BINARY) = CAST(t.TABLE_SCHEMA AS BINARY)
             AND CAST(v.TABLE_NAME AS BINARY) = CAST(t.TABLE_NAME AS BINARY)
            """;

    private static final String WHERE_RELATION = """
            WHERE t.TABLE_SCHEMA = ? AND CAST(t.TABLE_SCHEMA AS BINARY) = CAST(? AS BINARY)
              AND t.TABLE_TYPE <> 'TEMPORARY'
            """;

    private static final String WITH_COLUMNS = SELECT_RELATION + """
            , c.COLUMN_NAME AS column_name, c.COLUMN_TYPE AS data_type, NULLIF(c.COLUMN_COMMENT, '') AS column_comment
            """ + FROM_RELATION + """
            LEFT JOIN information_schema.COLUMNS c
              ON c.TABLE_SCHEMA = ? AND CAST(c.TABLE_SCHEMA AS BINARY) = CAST(t.TABLE_SCHEMA AS BINARY)
             AND CAST(c.TABLE_NAME AS BINARY) = CAST(t.TABLE_NAME AS BINARY)
            """ + WHERE_RELATION + """
            ORDER BY CAST(t.TABLE_NAME AS BINARY), c.ORDINAL_POSITION
            """;

    private static final String WITHOUT_COLUMNS = SELECT_RELATION + "\n" + FROM_RELATION + WHERE_RELATION + """
            ORDER BY CAST(t.TABLE_NAME AS BINARY)
            """;

    /**
     * The visible databases where the user holds no global and no database-level privilege: it sees
     * them only through table- or column-level grants, and information_schema hides every table it
     * has no privilege on, so those tables cannot even be counted.
     */
    static final String PARTLY_GRANTED = TAG + """
            SELECT s.SCHEMA_NAME AS schema_name FROM information_schema.SCHEMATA s
            WHERE NOT EXISTS (SELECT 1 FROM information_schema.USER_PRIVILEGES u
                              WHERE u.GRANTEE = ? AND u.PRIVILEGE_TYPE <> 'USAGE')
              AND NOT EXISTS (SELECT 1 FROM information_schema.SCHEMA_PRIVILEGES p
                              WHERE p.GRANTEE = ? AND s.SCHEMA_NAME LIKE p.TABLE_SCHEMA)
            ORDER BY CAST(s.SCHEMA_NAME AS BINARY)
            """;

    private final MySqlConfig mysql;
    private io.mcpush.lineage.Dialect lineageDialect;

    MySqlSource(MySqlConfig config) {
        super(MySqlSourceFactory.TYPE, config.jdbc(), Dialect.MYSQL);
        this.mysql = requireNonNull(config, "config is null");
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    /** Lineage reads the query history of a window as well as the views. */
    @Override
    public boolean windowed(Flow flow) {
        return flow == Flow.QUERY_LOGS || flow == Flow.LINEAGE;
    }

    @Override
    protected void prepare(Connection c) {
        try (Statement s = c.createStatement()) {
            // TIMESTAMP values and NOW() in UTC; information_schema's CREATE_TIME/UPDATE_TIME follow the session zone
            s.execute(TAG + "SET time_zone = '+00:00'");
            c.setReadOnly(true);
        } catch (SQLException e) {
            throw new SourceConnectionException(host(), databaseLabel(), JdbcConnector.redact(config(),
                    String.valueOf(e.getMessage())), e.getSQLState(), JdbcConnector.redacted(config(), e));
        }
        try (Statement s = c.createStatement()) {
            // MySQL 8 caches TABLE_ROWS, DATA_LENGTH and UPDATE_TIME for a day by default; MariaDB has no such cache
            s.execute(TAG + "SET SESSION information_schema_stats_expiry = 0");
        } catch (SQLException ignored) {
            // MariaDB and MySQL 5.7: unknown variable, and their statistics are current anyway
        }
    }

    /** One Monte Carlo database for the whole server: {@code --database-name}. */
    @Override
    protected List<String> databases(Connection c) {
        return List.of(mysql.databaseName());
    }

    @Override
    protected CatalogQuery schemasQuery(String database) {
        return CatalogQuery.of(SCHEMAS);
    }

    @Override
    protected CatalogQuery relationsQuery(String database, String schema, boolean withColumns) {
        return withColumns
                ? CatalogQuery.of(WITH_COLUMNS, schema, schema, schema, schema)
                : CatalogQuery.of(WITHOUT_COLUMNS, schema, schema, schema);
    }

    @Override
    public EventStream<RelationalAsset> metadata(CollectionReport report) {
        requireNonNull(report, "report is null");
        if (mysql.jdbc().filter().database(mysql.databaseName())) {
            warnPartlyGranted(report);
        }
        return new ViewCheckStream(super.metadata(report), report, !config().onlyFreshnessAndVolume());
    }

    @Override
    public EventStream<LineageEvent> lineage(QueryLogWindow window, CollectionReport report) {
        requireNonNull(report, "report is null");
        if (mysql.jdbc().filter().database(mysql.databaseName())) {
            warnPartlyGranted(report);
        }
        return super.lineage(window, report);
    }

    @Override
    public EventStream<QueryLogEntry> queryLogs(QueryLogWindow window, CollectionReport report) {
        requireNonNull(window, "window is null");
        requireNonNull(report, "report is null");
        if (window.isEmpty()) {
            return EventStream.empty();
        }
        return QueryLogStream.open(this, connection(), window, report);
    }

    /** MySQL's or MariaDB's SQL, as the server says it is. */
    @Override
    protected io.mcpush.lineage.Dialect lineageDialect() {
        if (lineageDialect == null) {
            String version;
            try {
                version = connection().getMetaData().getDatabaseProductVersion();
            } catch (SQLException e) {
                version = "";
            }
            lineageDialect = version != null && version.toLowerCase(Locale.ROOT).contains("mariadb")
                    ? io.mcpush.lineage.Dialect.MARIADB : io.mcpush.lineage.Dialect.MYSQL;
        }
        return lineageDialect;
    }

    /** A query's unqualified names resolve in its session's current database (CURRENT_SCHEMA). */
    @Override
    protected String[] queryDefaults(QueryLogEntry query) {
        Object schema = query.extra() == null ? null : query.extra().get(QueryLogStream.CURRENT_SCHEMA);
        return new String[] {mysql.databaseName(), schema == null ? null : schema.toString()};
    }

    /**
     * Warns about each database in scope that the user sees only through table- or column-level
     * grants: information_schema hides the tables it has no privilege on, so they would be missing
     * without a trace.
     */
    private void warnPartlyGranted(CollectionReport report) {
        Connection c = connection();
        try (PreparedStatement ps = c.prepareStatement(PARTLY_GRANTED)) {
            String grantee = grantee(c);
            ps.setString(1, grantee);
            ps.setString(2, grantee);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String schema = rs.getString(1);
                    if (!dialect().isSystemSchema(schema) && config().filter().schema(schema)) {
                        report.warn("schema " + mysql.databaseName() + "." + schema + ": user " + grantee
                                + " has privileges on only some of its tables (table or column grants); MySQL hides "
                                + "the tables it has no privilege on, so they are not collected and cannot be counted "
                                + "(GRANT SELECT, SHOW VIEW ON " + dialect().quote(schema) + ".* to collect them all)");
                    }
                }
            }
        } catch (SQLException e) {
            report.warn("cannot check the user's privileges, so tables it cannot see may be missing without a "
                    + "further warning: " + JdbcConnector.redact(config(), String.valueOf(e.getMessage())));
        }
    }

    /** {@code 'user'@'host'} as information_schema's GRANTEE columns spell the current account. */
    private static String grantee(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(TAG + "SELECT CURRENT_USER()")) {
            rs.next();
            String account = rs.getString(1);
            int at = account.lastIndexOf('@');
            String user = at < 0 ? account : account.substring(0, at);
            String host = at < 0 ? "%" : account.substring(at + 1);
            return "'" + user.replace("'", "''") + "'@'" + host.replace("'", "''") + "'";
        }
    }

    /** For {@link QueryLogStream}: messages without secrets. */
    String redact(String text) {
        return JdbcConnector.redact(config(), text);
    }

    SourceException failure(String what, SQLException e) {
        return new SourceException(what + " of " + identity().id() + ": " + redact(String.valueOf(e.getMessage())),
                JdbcConnector.redacted(config(), e));
    }
}
