package io.mcpush.source.databricks;

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
import io.mcpush.source.SourceIdentity;
import io.mcpush.source.jdbc.CatalogQuery;
import io.mcpush.source.jdbc.JdbcConnector;
import io.mcpush.source.jdbc.JdbcSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Databricks workspace through a SQL warehouse. Metadata: every Unity Catalog catalog
 * the user can see (listed from the system catalog's cross-catalog information_schema), then per
 * catalog one schema list and per schema one query over the catalog's own
 * {@code information_schema.tables}/{@code views}/{@code columns} — never a query per table,
 * unless {@code --table-details} asks for sizes ({@link TableDetailsStream}). Lineage: Unity
 * Catalog's own, from {@code system.access.table_lineage} and {@code column_lineage} for the
 * window, grouped per destination ({@link SystemLineageStream}). Query logs:
 * {@code system.query.history} for the window, paged ({@link QueryHistoryStream}). Not
 * thread-safe.
 */
public final class DatabricksSource extends JdbcSource {
    static final Set<Capability> CAPABILITIES = Set.of(Capability.METADATA, Capability.TABLE_LINEAGE,
            Capability.COLUMN_LINEAGE, Capability.QUERY_LOGS);
    /** A fully qualified exception class and the colon after it. */
    private static final Pattern ROOT_CAUSE = Pattern.compile("(?:[a-z0-9_]+\\.)+([A-Z][A-Za-z0-9]*(?:Exception|Error)): ");

    private final DatabricksConfig databricks;
    private final Supplier<Connection> extraConnections;
    private final Function<RelationalAsset, String> detailStatement;
    private final List<String> skippedCatalogs = new ArrayList<>();

    DatabricksSource(DatabricksConfig config) {
        super(DatabricksSourceFactory.TYPE, config.jdbc(), DatabricksNames.DIALECT);
        this.databricks = requireNonNull(config, "config is null");
        this.extraConnections = () -> JdbcConnector.connect(config.jdbc(), host(), databaseLabel());
        this.detailStatement = a -> DatabricksQueries.describeDetail(a.metadata().database(), a.metadata().schema(),
                a.metadata().name());
    }

    /**
     * Collects through a connection the caller opened (the tests' twin); {@code extraConnections}
     * opens the further connections of {@code --table-details} and {@code detailStatement} is
     * the statement that stands in for DESCRIBE DETAIL. The connection is closed with the source.
     */
    DatabricksSource(DatabricksConfig config, Connection connection, Supplier<Connection> extraConnections,
            Function<RelationalAsset, String> detailStatement) {
        super(DatabricksSourceFactory.TYPE, config.jdbc(), DatabricksNames.DIALECT, connection);
        this.databricks = requireNonNull(config, "config is null");
        this.extraConnections = requireNonNull(extraConnections, "extraConnections is null");
        this.detailStatement = requireNonNull(detailStatement, "detailStatement is null");
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    /**
     * The workspace host (plus the system catalog and workspace filter when not the defaults):
     * system tables belong to the account, not to the warehouse, so another warehouse of the
     * same workspace continues the same watermarks.
     */
    @Override
    public SourceIdentity identity() {
        StringBuilder id = new StringBuilder("databricks://").append(databricks.host());
        if (!DatabricksConfig.DEFAULT_SYSTEM_CATALOG.equals(databricks.systemCatalog())) {
            id.append(";systemCatalog=").append(databricks.systemCatalog());
        }
        if (databricks.workspaceId() != null) {
            id.append(";workspace=").append(databricks.workspaceId());
        }
        return new SourceIdentity(DatabricksSourceFactory.TYPE, id.toString());
    }

    @Override
    protected String host() {
        return databricks.host();
    }

    @Override
    protected String databaseLabel() {
        return "(SQL warehouse)";
    }

    /**
     * The connection, opened on first use. The driver's connection failures carry its Thrift
     * request dump and the whole chain of causes; the message keeps its first sentence and the
     * root cause (e.g. {@code HttpHostConnectException: ... Connection refused}).
     */
    @Override
    protected Connection connection() {
        try {
            return super.connection();
        } catch (SourceConnectionException e) {
            String prefix = "cannot connect to database " + e.database() + " on " + e.host() + ": ";
            String cause = e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
            throw new SourceConnectionException(e.host(), e.database(), shortCause(cause), e.sqlState(), e.getCause());
        }
    }

    static String shortCause(String cause) {
        int chain = cause.indexOf(" com.databricks.");
        if (chain < 0) {
            return cause;
        }
        String head = cause.substring(0, chain).strip();
        Matcher m = ROOT_CAUSE.matcher(cause);
        String root = null;
        while (m.find()) {
            String rest = cause.substring(m.end()).replaceAll("[\\]}\\s]+$", "");
            root = m.group(1) + ": " + rest;
        }
        return root == null || head.contains(root) ? head : head + " (" + root + ")";
    }

    /** Lineage and query logs both come from system tables for a time window. */
    @Override
    public boolean windowed(Flow flow) {
        return flow == Flow.LINEAGE || flow == Flow.QUERY_LOGS;
    }

    @Override
    protected List<String> databases(Connection c) throws SQLException {
        skippedCatalogs.clear();
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            ResultSet rs = execute(c, DatabricksQueries.catalogs(databricks), opened);
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                String catalog = rs.getString("catalog_name");
                if (catalog == null) {
                    continue;
                }
                if (catalog.equals(databricks.systemCatalog()) || catalog.toLowerCase(Locale.ROOT).startsWith("__databricks_internal")) {
                    continue; // system tables and Databricks' internal storage are not the user's data
                }
                if (DatabricksNames.isHiveMetastore(catalog)) {
                    if (config().filter().database(catalog)) {
                        skippedCatalogs.add(catalog);
                    }
                    continue;
                }
                out.add(catalog);
            }
            return out;
        } finally {
            closeAll(opened);
        }
    }

    @Override
    protected CatalogQuery schemasQuery(String database) {
        return DatabricksQueries.schemas(databricks, database);
    }

    @Override
    protected CatalogQuery relationsQuery(String database, String schema, boolean withColumns) {
        return DatabricksQueries.relations(databricks, database, schema, withColumns);
    }

    @Override
    public EventStream<RelationalAsset> metadata(CollectionReport report) {
        requireNonNull(report, "report is null");
        EventStream<RelationalAsset> assets = super.metadata(report);
        for (String catalog : skippedCatalogs) {
            report.warn("catalog " + catalog + ": the legacy Hive metastore has no information_schema and is not "
                    + "collected (upgrade its tables to Unity Catalog)");
        }
        if (databricks.tableDetails()) {
            return new TableDetailsStream(assets, detailStatement, extraConnections, databricks.detailConcurrency(),
                    report, this::describe);
        }
        return new CountingStream(assets, report);
    }

    /** Says how many tables went out without volume and freshness because details were not asked for. */
    private static final class CountingStream implements EventStream<RelationalAsset> {
        private final EventStream<RelationalAsset> assets;
        private final CollectionReport report;
        private long tables;
        private boolean reported;

        CountingStream(EventStream<RelationalAsset> assets, CollectionReport report) {
            this.assets = assets;
            this.report = report;
        }

        @Override
        public RelationalAsset next() {
            RelationalAsset a = assets.next();
            if (a == null) {
                if (!reported && tables > 0) {
                    report.count("tables without volume and freshness (see --table-details)", tables);
                }
                reported = true;
                return null;
            }
            if (RelationalAsset.TABLE.equals(a.type())) {
                tables++;
            }
            return a;
        }

        @Override
        public void close() {
            assets.close();
        }
    }

    /**
     * Unity Catalog's own lineage for the window: table lineage, then (unless turned off)
     * column lineage, each one event per destination. What the records hold that cannot be
     * pushed — storage paths, reads without a target — is counted in the report.
     */
    @Override
    public EventStream<LineageEvent> lineage(QueryLogWindow window, CollectionReport report) {
        requireNonNull(window, "window is null");
        requireNonNull(report, "report is null");
        if (window.isEmpty()) {
            return EventStream.empty();
        }
        Connection c = connection();
        countOutside(c, window, report);
        List<CatalogQuery> queries = new ArrayList<>();
        queries.add(DatabricksQueries.tableLineage(databricks, window));
        if (databricks.columnLineage()) {
            queries.add(DatabricksQueries.columnLineage(databricks, window));
        }
        return new EventStream<>() {
            private int index = -1;
            private EventStream<LineageEvent> current;

            @Override
            public LineageEvent next() {
                while (true) {
                    if (current != null) {
                        LineageEvent e = current.next();
                        if (e != null) {
                            return e;
                        }
                        current.close();
                        current = null;
                    }
                    if (++index >= queries.size()) {
                        return null;
                    }
                    current = open(c, queries.get(index), index == 1, report);
                }
            }

            @Override
            public void close() {
                if (current != null) {
                    current.close();
                    current = null;
                }
                index = queries.size();
            }
        };
    }

    private EventStream<LineageEvent> open(Connection c, CatalogQuery query, boolean columns, CollectionReport report) {
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            ResultSet rs = execute(c, query, opened);
            return new SystemLineageStream(rs, columns, report, this::describe, () -> closeAll(opened));
        } catch (SQLException e) {
            closeAll(opened);
            throw new SourceException("cannot read " + (columns ? "column" : "table") + " lineage from "
                    + databricks.systemCatalog() + ".access (is the access schema enabled and SELECT granted?): "
                    + describe(e));
        }
    }

    private void countOutside(Connection c, QueryLogWindow window, CollectionReport report) {
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            ResultSet rs = execute(c, DatabricksQueries.lineageOutside(databricks, window), opened);
            if (rs.next()) {
                count(report, "lineage records from storage paths (not pushable)", rs.getLong("from_paths"));
                count(report, "lineage records into storage paths (not pushable)", rs.getLong("to_paths"));
                count(report, "lineage records of reads without a target", rs.getLong("reads"));
                count(report, "lineage records of writes without a source", rs.getLong("writes_without_source"));
            }
        } catch (SQLException e) {
            throw new SourceException("cannot read table lineage from " + databricks.systemCatalog()
                    + ".access (is the access schema enabled and SELECT granted?): " + describe(e));
        } finally {
            closeAll(opened);
        }
    }

    private static void count(CollectionReport report, String kind, long n) {
        if (n > 0) {
            report.count(kind, n);
        }
    }

    @Override
    public EventStream<QueryLogEntry> queryLogs(QueryLogWindow window, CollectionReport report) {
        requireNonNull(window, "window is null");
        requireNonNull(report, "report is null");
        if (window.isEmpty()) {
            return EventStream.empty();
        }
        Connection c = connection();
        return new QueryHistoryStream(databricks, window, report, (q, opened) -> execute(c, q, opened), this::describe);
    }

    /** One line for a failed statement: the driver's message without the SQL it repeats, without secrets, and the SQLState. */
    String describe(SQLException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int sql = m.indexOf("== SQL"); // Databricks repeats the statement after its error message
        if (sql > 0) {
            m = m.substring(0, sql);
        }
        return JdbcConnector.redact(config(), m) + (e.getSQLState() == null ? "" : " (SQLState " + e.getSQLState() + ")");
    }
}
