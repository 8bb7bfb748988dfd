package io.mcpush.source.hive;

import static java.util.Objects.requireNonNull;

import io.mcpush.sdk.Flow;
import io.mcpush.sdk.model.AssetField;
import io.mcpush.sdk.model.AssetMetadata;
import io.mcpush.sdk.model.LineageEvent;
import io.mcpush.sdk.model.QueryLogEntry;
import io.mcpush.sdk.model.RelationalAsset;
import io.mcpush.source.Capability;
import io.mcpush.source.CollectionReport;
import io.mcpush.source.EventStream;
import io.mcpush.source.LineageDeriver;
import io.mcpush.source.QueryLogWindow;
import io.mcpush.source.SourceConfigException;
import io.mcpush.source.SourceConnectionException;
import io.mcpush.source.SourceException;
import io.mcpush.source.SourceIdentity;
import io.mcpush.source.jdbc.CatalogQuery;
import io.mcpush.source.jdbc.JdbcConfig;
import io.mcpush.source.jdbc.JdbcConnector;
import io.mcpush.source.jdbc.JdbcSource;
import io.mcpush.source.jdbc.NameFilter;
import io.mcpush.source.logfile.LogFileReader;
import io.mcpush.source.logfile.LogFiles;
import io.mcpush.source.logfile.LogPositions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads Hive: metadata from the metastore's backing database (one catalog query per Hive database,
 * see {@link MetastoreQueries}), query logs from HiveServer2 log files ({@link HiveServer2LogParser})
 * and lineage from both. Each Hive database is pushed as database and schema of the same name.
 * Either half may be absent: without {@code --jdbc-url} only the log flows work, without
 * {@code --log-file} lineage comes from views only. Not thread-safe.
 */
public final class HiveSource extends JdbcSource {
    static final Set<Capability> CAPABILITIES = Set.of(Capability.METADATA, Capability.TABLE_LINEAGE,
            Capability.COLUMN_LINEAGE, Capability.QUERY_LOGS);
    /** Where unqualified names resolve in a session that issued no USE. */
    static final String DEFAULT_DATABASE = "default";

    private final HiveConfig hive;
    private MetastoreQueries queries;

    HiveSource(HiveConfig config) {
        super(HiveSourceFactory.TYPE, config.jdbc() != null ? config.jdbc() : logsOnly(),
                config.backend() != null ? config.backend().dialect() : MetastoreBackend.POSTGRES.dialect());
        this.hive = requireNonNull(config, "config is null");
    }

    /** A placeholder for a source without a metastore: it is never connected to. */
    private static JdbcConfig logsOnly() {
        return new JdbcConfig("jdbc:none:", null, null, NameFilter.ALL, false, JdbcConfig.DEFAULT_FETCH_SIZE, null);
    }

    @Override
    public SourceIdentity identity() {
        if (hive.jdbc() != null) {
            return super.identity();
        }
        return new SourceIdentity(HiveSourceFactory.TYPE, "logs:" + hive.logFiles().stream()
                .map(p -> Path.of(p).toAbsolutePath().normalize().toString()).collect(Collectors.joining(",")));
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public String logType() {
        return HiveSourceFactory.LOG_TYPE;
    }

    /** Query logs always come from log files; lineage does when log files were given. */
    @Override
    public boolean windowed(Flow flow) {
        return flow == Flow.QUERY_LOGS || (flow == Flow.LINEAGE && !hive.logFiles().isEmpty());
    }

    /** The window of a windowed flow is the log files' positions, never time (DESIGN.md, "Watermarks"). */
    @Override
    public boolean positioned(Flow flow) {
        return windowed(flow);
    }

    @Override
    protected Connection connection() {
        if (hive.jdbc() == null) {
            throw new SourceConfigException("jdbc-url", "source hive needs --jdbc-url (the metastore database) "
                    + "for metadata");
        }
        return super.connection();
    }

    @Override
    protected void prepare(Connection c) {
        try {
            // autocommit off: the PostgreSQL driver streams with the fetch size only inside a transaction
            c.setAutoCommit(false);
            c.setReadOnly(true);
        } catch (SQLException e) {
            throw new SourceConnectionException(host(), databaseLabel(), JdbcConnector.redact(config(),
                    String.valueOf(e.getMessage())), e.getSQLState(), JdbcConnector.redacted(config(), e));
        }
        MetastoreBackend b = hive.backend();
        if (!probe(c, "SELECT d." + b.q("NAME") + " FROM " + b.q("DBS") + " d WHERE 1 = 0")) {
            throw new SourceException("database " + databaseLabel() + " on " + host() + " is not a Hive metastore "
                    + "(no readable table DBS): give the metastore's backing database in --jdbc-url, and SELECT on "
                    + "its tables to the user (see: mcpush sources)");
        }
        // Hive 3 added catalogs; a Hive 2 metastore has one implicit catalog
        boolean catalogs = probe(c, "SELECT d." + b.q("CTLG_NAME") + " FROM " + b.q("DBS") + " d WHERE 1 = 0");
        queries = new MetastoreQueries(b, catalogs ? hive.catalog() : null);
    }

    private static boolean probe(Connection c, String sql) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return true;
        } catch (SQLException e) {
            try {
                c.rollback(); // PostgreSQL aborts the transaction on an error
            } catch (SQLException ignored) {
                // the next statement reports it
            }
            return false;
        }
    }

    @Override
    protected List<String> databases(Connection c) throws SQLException {
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            ResultSet rs = execute(c, queries.databases(), opened);
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                String d = rs.getString("database_name");
                if (d != null && !dialect().isSystemSchema(d)) {
                    out.add(d);
                }
            }
            return out;
        } finally {
            for (int i = opened.size() - 1; i >= 0; i--) {
                try {
                    opened.get(i).close();
                } catch (Exception ignored) {
                    // closing a cursor: nothing to add
                }
            }
        }
    }

    @Override
    protected CatalogQuery schemasQuery(String database) {
        // a Hive database is both the database and the schema of its tables
        return CatalogQuery.of("SELECT " + hive.backend().textParameter() + " AS schema_name", database);
    }

    @Override
    protected CatalogQuery relationsQuery(String database, String schema, boolean withColumns) {
        return queries.relations(database, withColumns);
    }

    @Override
    protected io.mcpush.lineage.Dialect lineageDialect() {
        return io.mcpush.lineage.Dialect.HIVE;
    }

    /** Tables and views with Hive's column types mapped to canonical names. */
    @Override
    public EventStream<RelationalAsset> metadata(CollectionReport report) {
        EventStream<RelationalAsset> raw = super.metadata(report);
        return new EventStream<>() {
            @Override
            public RelationalAsset next() {
                RelationalAsset a = raw.next();
                if (a == null || a.fields().isEmpty()) {
                    return a;
                }
                List<AssetField> fields = new ArrayList<>(a.fields().size());
                for (AssetField f : a.fields()) {
                    fields.add(new AssetField(f.name(), HiveTypes.normalise(f.type()), f.description()));
                }
                return new RelationalAsset(a.type(), a.metadata(), a.tags(), fields, a.volume(), a.freshness());
            }

            @Override
            public void close() {
                raw.close();
            }
        };
    }

    /** Commands of the log files that started in {@code window}, in the order they started per file. */
    @Override
    public EventStream<QueryLogEntry> queryLogs(QueryLogWindow window, CollectionReport report) {
        requireNonNull(report, "report is null");
        if (hive.logFiles().isEmpty()) {
            throw new SourceConfigException("log-file", "source hive reads query logs from HiveServer2 log files: "
                    + "give --log-file FILE");
        }
        HiveServer2LogParser parser = new HiveServer2LogParser(hive.logZone(), HiveServer2LogParser.DEFAULT_MAX_RUNNING);
        LogPositions after = window == null || window.positions() == null ? LogPositions.NONE : window.positions();
        List<Path> files = LogFiles.expand(hive.logFiles(), report::warn);
        LogFileReader<HiveQuery> reader = new LogFileReader<>(files, after, parser, report::warn);
        return new EventStream<>() {
            private boolean ended;

            @Override
            public QueryLogEntry next() {
                if (ended) {
                    return null;
                }
                HiveQuery q = reader.next();
                if (q != null) {
                    report.count(q.failed() ? "failed queries" : "queries");
                    return q.toEntry();
                }
                ended = true;
                report.reachedPositions(reader.positions());
                report.count("log files", files.size());
                if (parser.abandoned() > 0) {
                    report.warn(parser.abandoned() + " commands logged as executing were never logged as completed "
                            + "within " + HiveServer2LogParser.DEFAULT_MAX_RUNNING.toHours() + " h and were left out");
                }
                return null;
            }

            @Override
            public void close() {
                reader.close();
            }
        };
    }

    /**
     * Lineage from the metastore's views and, with log files, from the successful commands of
     * {@code window}. Hive names are {@code db.table}: every statement is read with no default
     * catalog and the session's database as default schema, so that a two-part name is a Hive
     * database and table; the deriver then finds each name in the metastore catalog learnt first.
     * Without a metastore, the tables the commands name are taken as they are written.
     */
    @Override
    public EventStream<LineageEvent> lineage(QueryLogWindow window, CollectionReport report) {
        requireNonNull(report, "report is null");
        LineageDeriver deriver = new LineageDeriver(lineageDialect(), null, report);
        Set<String> known = new HashSet<>();
        if (hive.jdbc() != null) {
            try (EventStream<RelationalAsset> catalog = super.metadata(report)) {
                RelationalAsset a;
                while ((a = catalog.next()) != null) {
                    deriver.learn(a);
                }
            }
            CollectionReport again = new CollectionReport();
            long views = 0;
            try (EventStream<RelationalAsset> assets = super.metadata(again)) {
                RelationalAsset a;
                while ((a = assets.next()) != null) {
                    AssetMetadata m = a.metadata();
                    if (RelationalAsset.VIEW.equals(a.type()) && m.viewQuery() != null && !m.viewQuery().isBlank()) {
                        views++;
                        // the expanded text names every table db-qualified; as a statement, its view is the target
                        deriver.addQuery("view " + m.schema() + "." + m.name(), "CREATE VIEW "
                                + quote(m.schema()) + "." + quote(m.name()) + " AS " + m.viewQuery(), null, m.schema());
                    }
                }
            }
            if (views > 0) {
                report.count("views analysed", views);
            }
            for (String w : again.warnings()) {
                if (!report.warnings().contains(w)) {
                    report.warn(w);
                }
            }
        }
        if (window != null && !window.isEmpty() && !hive.logFiles().isEmpty()) {
            CollectionReport logs = new CollectionReport(); // the log's counts are not this flow's
            try (EventStream<QueryLogEntry> entries = queryLogs(window, logs)) {
                QueryLogEntry q;
                long n = 0;
                while ((q = entries.next()) != null) {
                    n++;
                    if (q.errorCode() != null || q.errorText() != null) {
                        continue; // a failed command moved no data
                    }
                    String database = q.extra() != null && q.extra().get("default_database") instanceof String s
                            ? s : DEFAULT_DATABASE;
                    if (hive.jdbc() == null) {
                        learnNamed(deriver, known, q.queryText(), database);
                    }
                    deriver.addQuery(q.queryId() != null ? q.queryId() : "query#" + n, q.queryText(), null, database);
                }
            }
            report.reachedPositions(logs.reachedPositions());
            logs.warnings().stream().filter(w -> !report.warnings().contains(w)).forEach(report::warn);
        }
        return deriver.events();
    }

    /** Without a metastore: every table a command names, as a table of its Hive database. */
    private void learnNamed(LineageDeriver deriver, Set<String> known, String sql, String database) {
        var result = io.mcpush.lineage.SqlLineage.analyzeTables(sql, lineageDialect(),
                io.mcpush.lineage.Context.of(null, database));
        List<io.mcpush.lineage.TableName> names = new ArrayList<>(result.sources());
        names.addAll(result.targets());
        for (io.mcpush.lineage.TableName t : names) {
            if (t.path() || t.schema() == null) {
                continue;
            }
            String schema = t.schema().toLowerCase(Locale.ROOT);
            String name = t.name().toLowerCase(Locale.ROOT);
            if (known.add(schema + "." + name)) {
                deriver.learn(new RelationalAsset(RelationalAsset.TABLE, new AssetMetadata(name, schema, schema,
                        null, null, null), List.of(), List.of(), null, null));
            }
        }
    }

    /** A Hive identifier in backquotes (a backquote inside doubled). */
    private static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }
}
