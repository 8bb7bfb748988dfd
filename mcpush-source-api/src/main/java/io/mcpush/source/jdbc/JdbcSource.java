package io.mcpush.source.jdbc;

import static java.util.Objects.requireNonNull;

import io.mcpush.sdk.Flow;
import io.mcpush.sdk.model.LineageEvent;
import io.mcpush.sdk.model.QueryLogEntry;
import io.mcpush.sdk.model.RelationalAsset;
import io.mcpush.source.Capability;
import io.mcpush.source.CollectionReport;
import io.mcpush.source.EventStream;
import io.mcpush.source.LineageDeriver;
import io.mcpush.source.QueryLogWindow;
import io.mcpush.source.Source;
import io.mcpush.source.SourceException;
import io.mcpush.source.SourceIdentity;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The base of every JDBC source: one connection, opened on first use; metadata read with one
 * catalog query per schema (never per table), streamed with a fetch size and assembled into
 * assets as the rows arrive; include/exclude filters; {@code only-freshness-and-volume}; and
 * partial failure as warnings — a database or schema that cannot be read is reported in the
 * {@link CollectionReport} and collection goes on with the next one.
 *
 * <p>A subclass supplies the dialect and three queries: the databases, the schemas of a database
 * and the relations of a schema (see {@link #relationsQuery}). Not thread-safe.
 */
public abstract class JdbcSource implements Source {
    private final String type;
    private final JdbcConfig config;
    private final Dialect dialect;
    private Connection connection;

    protected JdbcSource(String type, JdbcConfig config, Dialect dialect) {
        this.type = requireNonNull(type, "type is null");
        this.config = requireNonNull(config, "config is null");
        this.dialect = requireNonNull(dialect, "dialect is null");
    }

    /** For sources handed an open connection (embedding); it is closed with the source. */
    protected JdbcSource(String type, JdbcConfig config, Dialect dialect, Connection connection) {
        this(type, config, dialect);
        this.connection = requireNonNull(connection, "connection is null");
    }

    public JdbcConfig config() {
        return config;
    }

    public Dialect dialect() {
        return dialect;
    }

    @Override
    public SourceIdentity identity() {
        return new SourceIdentity(type, JdbcUrls.identity(config.url()));
    }

    /** For connection errors: the host (and port) connected to. */
    protected String host() {
        return JdbcUrls.host(config.url());
    }

    /** For connection errors: the database connected to. */
    protected String databaseLabel() {
        return JdbcUrls.database(config.url());
    }

    /** The connection, opened on first use. */
    protected Connection connection() {
        if (connection == null) {
            connection = JdbcConnector.connect(config, host(), databaseLabel());
            prepare(connection);
        }
        return connection;
    }

    /** Session set-up after connecting (read-only, time zone...). Failures here are connection failures. */
    protected void prepare(Connection c) {
    }

    /** The databases (catalogs) to collect, before filtering; default: the connection's own. */
    protected List<String> databases(Connection c) throws SQLException {
        String catalog = c.getCatalog();
        return List.of(catalog == null ? databaseLabel() : catalog);
    }

    /** The schemas of {@code database}: one column {@code schema_name}. */
    protected abstract CatalogQuery schemasQuery(String database);

    /**
     * The tables and views of one schema, one row per column ({@code withColumns}) or per relation,
     * ordered so that the rows of one relation are adjacent and its columns in ordinal order.
     * Labels (lower case; missing optional ones read as null): {@code table_name},
     * {@code table_type} (native), {@code table_comment}, {@code view_definition},
     * {@code created_at}, {@code row_count}, {@code byte_count}, {@code last_modified} and, with
     * columns, {@code column_name} (null for a relation without columns), {@code data_type},
     * {@code column_comment}. Timestamps are TIMESTAMP WITH TIME ZONE, or UTC.
     */
    protected abstract CatalogQuery relationsQuery(String database, String schema, boolean withColumns);

    @Override
    public EventStream<RelationalAsset> metadata(CollectionReport report) {
        requireNonNull(report, "report is null");
        return relations(report, !config.onlyFreshnessAndVolume());
    }

    /**
     * Lineage from the definitions of the views in scope (filters apply) and, for sources that
     * collect query logs, from the queries in {@code window}: one {@link LineageDeriver} fed with
     * the catalog first (every table and view with its columns, so that {@code *} resolves and
     * names come out as the database reports them), then with the view definitions and queries
     * as they stream past. The catalog is read twice (once with columns, once without) rather than
     * holding view definitions in memory. Sources without lineage capabilities refuse.
     */
    @Override
    public EventStream<LineageEvent> lineage(QueryLogWindow window, CollectionReport report) {
        requireNonNull(report, "report is null");
        if (!Capability.supports(capabilities(), Flow.LINEAGE)) {
            throw new UnsupportedOperationException(type + " collects no lineage");
        }
        LineageDeriver deriver = new LineageDeriver(lineageDialect(), viewFallbackSchema(), report);
        try (EventStream<RelationalAsset> catalog = relations(report, true)) {
            RelationalAsset a;
            while ((a = catalog.next()) != null) {
                deriver.learn(a);
            }
        }
        // the second pass counts nothing again; only a warning that is new (a schema gone unreadable) is kept
        CollectionReport again = new CollectionReport();
        try (EventStream<RelationalAsset> views = relations(again, false)) {
            RelationalAsset a;
            while ((a = views.next()) != null) {
                deriver.addView(a);
            }
        }
        List<String> seen = report.warnings();
        for (String w : again.warnings()) {
            if (!seen.contains(w)) {
                report.warn(w);
            }
        }
        if (window != null && !window.isEmpty() && capabilities().contains(Capability.QUERY_LOGS)) {
            try (EventStream<QueryLogEntry> queries = queryLogs(window, report)) {
                QueryLogEntry q;
                long n = 0;
                while ((q = queries.next()) != null) {
                    n++;
                    if (q.errorCode() == null && q.errorText() == null) { // a failed query moved no data
                        String[] defaults = queryDefaults(q);
                        deriver.addQuery(q.queryId() != null ? q.queryId() : "query#" + n, q.queryText(),
                                defaults[0], defaults[1]);
                    }
                }
            }
        }
        return deriver.events();
    }

    /** The SQL lineage engine's dialect for this source's SQL; by default the one named like {@link #dialect()}. */
    protected io.mcpush.lineage.Dialect lineageDialect() {
        return io.mcpush.lineage.Dialect.of(dialect.name());
    }

    /**
     * Where the database looks for an unqualified name in a view when the view's schema lacks it
     * (DuckDB: {@code main}); null when it looks nowhere else.
     */
    protected String viewFallbackSchema() {
        return null;
    }

    /**
     * The session's default database and schema when {@code query} ran ({@code [database, schema]},
     * either null when unknown), so its unqualified names resolve as the warehouse resolved them.
     */
    protected String[] queryDefaults(QueryLogEntry query) {
        return new String[2];
    }

    private EventStream<RelationalAsset> relations(CollectionReport report, boolean withColumns) {
        Connection c = connection();
        List<String> selected = new ArrayList<>();
        try {
            for (String d : databases(c)) {
                if (config.filter().database(d)) {
                    selected.add(d);
                }
            }
        } catch (SQLException e) {
            throw new SourceException("cannot list the databases of " + identity().id() + ": "
                    + JdbcConnector.redact(config, String.valueOf(e.getMessage())), JdbcConnector.redacted(config, e));
        }
        return new MetadataStream(this, c, selected, report, withColumns);
    }

    /** Runs a catalog query with its parameters bound and the fetch size set. */
    protected ResultSet execute(Connection c, CatalogQuery q, List<AutoCloseable> opened) throws SQLException {
        PreparedStatement ps = c.prepareStatement(q.sql(), ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        opened.add(ps);
        ps.setFetchSize(config.fetchSize());
        for (int i = 0; i < q.parameters().size(); i++) {
            ps.setObject(i + 1, q.parameters().get(i));
        }
        ResultSet rs = ps.executeQuery();
        opened.add(rs);
        rs.setFetchSize(config.fetchSize());
        return rs;
    }

    /** Reads the schema list of one database (small: it is held while its schemas are read). */
    List<String> schemas(Connection c, String database) throws SQLException {
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            ResultSet rs = execute(c, schemasQuery(database), opened);
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                String s = rs.getString("schema_name");
                if (s != null && !dialect.isSystemSchema(s) && config.filter().schema(s)) {
                    out.add(s);
                }
            }
            return out;
        } finally {
            closeAll(opened);
        }
    }

    /** Closes cursors and statements in reverse order of opening, quietly (the read is over), and clears the list. */
    public static void closeAll(List<AutoCloseable> opened) {
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception ignored) {
                // closing a cursor that failed: nothing to add
            }
        }
        opened.clear();
    }

    /**
     * A one-line message for a failed catalog read, without secrets and without the SQL text
     * that some drivers repeat ({@code sql}: the statement that failed, or null).
     */
    protected String describe(SQLException e, String sql) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (sql != null) {
            m = m.replace(sql, "(the catalog query)");
        }
        int echoed = m.indexOf("; SQL statement:"); // H2 appends the statement
        if (echoed >= 0) {
            m = m.substring(0, echoed);
        }
        return JdbcConnector.redact(config, m) + (e.getSQLState() == null ? "" : " (SQLState " + e.getSQLState() + ")");
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the collection is over; a failing close changes nothing
            }
            connection = null;
        }
    }
}
