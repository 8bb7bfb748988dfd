package io.mcpush.source.snowflake;

import static java.util.Objects.requireNonNull;

import io.mcpush.sdk.Flow;
import io.mcpush.sdk.TableTypes;
import io.mcpush.sdk.model.LineageEvent;
import io.mcpush.sdk.model.QueryLogEntry;
import io.mcpush.source.Capability;
import io.mcpush.source.CollectionReport;
import io.mcpush.source.EventStream;
import io.mcpush.source.QueryLogWindow;
import io.mcpush.source.SourceException;
import io.mcpush.source.jdbc.CatalogQuery;
import io.mcpush.source.jdbc.Dialect;
import io.mcpush.source.jdbc.JdbcConfig;
import io.mcpush.source.jdbc.JdbcConnector;
import io.mcpush.source.jdbc.JdbcSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Reads one Snowflake account.
 *
 * <p><b>Metadata:</b> the databases of {@code SHOW DATABASES} (read by column name; the shared
 * {@code SNOWFLAKE} and {@code SNOWFLAKE_SAMPLE_DATA} databases only when
 * {@code --include-database} names them), the schemas of each database's
 * {@code INFORMATION_SCHEMA.SCHEMATA}, and one query per schema joining {@code TABLES} (type, row
 * count, bytes, created, last altered, comment), {@code COLUMNS} (type formatted as Snowflake's
 * {@code DESCRIBE} shows it, comment, in ordinal order) and {@code VIEWS} (definition). Names are
 * reported as INFORMATION_SCHEMA holds them (unquoted names upper case).
 *
 * <p><b>Lineage:</b> {@code ACCOUNT_USAGE.ACCESS_HISTORY} (objects modified with their direct
 * sources, column by column) for the queries of the window, plus view lineage from the views'
 * definitions; when ACCESS_HISTORY cannot be read (Standard edition, no grant), the lineage engine
 * on the window's {@code QUERY_HISTORY} text instead, with a warning.
 *
 * <p><b>Query logs:</b> {@code ACCOUNT_USAGE.QUERY_HISTORY}, every query that started in the
 * window (successful or not), in one streamed statement without a row limit.
 *
 * <p>Every identifier is quoted, every value bound; time windows are bound as UTC text, and
 * timestamps are read as UTC ({@code TIMEZONE=UTC} session, converted explicitly). Not thread-safe.
 */
public final class SnowflakeSource extends JdbcSource {
    /** Double quotes; unquoted names fold to upper case (the lineage engine's {@code snowflake} dialect). */
    public static final Dialect DIALECT = new Dialect("snowflake", '"', TableTypes.Warehouse.SNOWFLAKE,
            Set.of("information_schema"));

    static final Set<Capability> CAPABILITIES = Set.of(Capability.METADATA, Capability.TABLE_LINEAGE,
            Capability.COLUMN_LINEAGE, Capability.QUERY_LOGS);

    /** ACCOUNT_USAGE.QUERY_HISTORY's documented latency (up to 45 minutes). */
    static final Duration QUERY_HISTORY_LATENCY = Duration.ofMinutes(45);
    /** ACCOUNT_USAGE.ACCESS_HISTORY's documented latency (up to 180 minutes). */
    static final Duration ACCESS_HISTORY_LATENCY = Duration.ofHours(3);

    /** Shared databases that are not the customer's data; collected only when named by --include-database. */
    private static final Set<String> SHARED_DATABASES = Set.of("SNOWFLAKE", "SNOWFLAKE_SAMPLE_DATA");

    /** SHOW commands return at most this many rows. */
    static final int SHOW_LIMIT = 10_000;

    /** The query types that write tables, for lineage from query text. */
    static final String WRITING_QUERY_TYPES = "'INSERT', 'MULTI_TABLE_INSERT', 'MERGE', 'UPDATE', "
            + "'CREATE_TABLE_AS_SELECT', 'CREATE_VIEW', 'MULTI_STATEMENT'";

    private static final DateTimeFormatter BIND_FORMAT = DateTimeFormatter.ofPattern(
            "yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx", Locale.ROOT);

    /** The driver's logger property; its default writes to java.util.logging (stderr) behind the CLI's back. */
    static final String DRIVER_LOGGER_PROPERTY = "net.snowflake.jdbc.loggerImpl";

    static {
        // route the driver's own logging through slf4j, where the application's backend decides (DESIGN.md)
        if (System.getProperty(DRIVER_LOGGER_PROPERTY) == null) {
            System.setProperty(DRIVER_LOGGER_PROPERTY, "net.snowflake.client.log.SLF4JLogger");
        }
    }

    private final SnowflakeConfig snowflake;
    private final SnowflakeCatalog catalog;
    private Connection keyPairConnection;
    /** Set while the lineage flow reads QUERY_HISTORY: only successful writing queries are fetched. */
    private boolean writingQueriesOnly;
    private int databasesListed;

    SnowflakeSource(SnowflakeConfig config) {
        super(SnowflakeSourceFactory.TYPE, config.jdbc(), DIALECT);
        this.snowflake = config;
        this.catalog = SnowflakeCatalog.SNOWFLAKE;
    }

    /**
     * Collects through a connection the caller opened (closed with the source), reading the
     * system views named by {@code catalog}: for embedding, and for the tests' local twin.
     */
    public SnowflakeSource(Connection connection, SnowflakeConfig config, SnowflakeCatalog catalog) {
        super(SnowflakeSourceFactory.TYPE, config.jdbc(), DIALECT, connection);
        this.snowflake = config;
        this.catalog = requireNonNull(catalog, "catalog is null");
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
    protected String databaseLabel() {
        String db = config().driverProperties().getProperty("db");
        return db != null ? db : "(account)";
    }

    @Override
    protected Connection connection() {
        if (snowflake.privateKey() == null) {
            return super.connection();
        }
        if (keyPairConnection == null) {
            // the decrypted key goes to the driver as an object property, only for this call
            Properties p = config().driverProperties();
            p.put("privateKey", snowflake.privateKey().key());
            JdbcConfig withKey = new JdbcConfig(config().url(), config().user(), null, config().filter(),
                    config().onlyFreshnessAndVolume(), config().fetchSize(), p);
            keyPairConnection = JdbcConnector.connect(withKey, host(), databaseLabel());
            prepare(keyPairConnection);
        }
        return keyPairConnection;
    }

    @Override
    protected List<String> databases(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        int listed = 0;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(catalog.showDatabases())) {
            int name = rs.findColumn("name"); // by name: SHOW's column order is not a contract
            while (rs.next()) {
                listed++;
                String d = rs.getString(name);
                if (d == null) {
                    continue;
                }
                if (SHARED_DATABASES.contains(d) && (config().filter().includeDatabase() == null
                        || !config().filter().includeDatabase().matcher(d).matches())) {
                    continue;
                }
                out.add(d);
            }
        }
        databasesListed = listed;
        return out;
    }

    @Override
    public EventStream<io.mcpush.sdk.model.RelationalAsset> metadata(CollectionReport report) {
        EventStream<io.mcpush.sdk.model.RelationalAsset> assets = super.metadata(report);
        warnIfShowLimit(report);
        return assets;
    }

    private void warnIfShowLimit(CollectionReport report) {
        if (databasesListed >= SHOW_LIMIT) {
            report.warn("SHOW DATABASES returned " + databasesListed + " rows, its maximum: databases past it were "
                    + "not collected; narrow the role's visibility or use --include-database");
        }
    }

    @Override
    protected CatalogQuery schemasQuery(String database) {
        return CatalogQuery.of("SELECT SCHEMA_NAME AS \"schema_name\" FROM "
                + catalog.informationSchema(database, "SCHEMATA") + " ORDER BY SCHEMA_NAME");
    }

    /** A TIMESTAMP_LTZ column as TIMESTAMP_NTZ in UTC (the row mapping reads a zone-less timestamp as UTC). */
    static String utc(String column) {
        return "CAST(CONVERT_TIMEZONE('UTC', " + column + ") AS TIMESTAMP_NTZ)";
    }

    /** The column type as Snowflake's DESCRIBE shows it: VARCHAR(16777216), NUMBER(38,0), TIMESTAMP_NTZ(9)... */
    static final String DATA_TYPE = """
            COALESCE(CASE c.DATA_TYPE
                WHEN 'TEXT' THEN 'VARCHAR(' || CAST(c.CHARACTER_MAXIMUM_LENGTH AS VARCHAR) || ')'
                WHEN 'BINARY' THEN 'BINARY(' || CAST(c.CHARACTER_MAXIMUM_LENGTH AS VARCHAR) || ')'
                WHEN 'NUMBER' THEN 'NUMBER(' || CAST(c.NUMERIC_PRECISION AS VARCHAR) || ','
                    || CAST(c.NUMERIC_SCALE AS VARCHAR) || ')'
                WHEN 'TIMESTAMP_NTZ' THEN 'TIMESTAMP_NTZ(' || CAST(c.DATETIME_PRECISION AS VARCHAR) || ')'
                WHEN 'TIMESTAMP_LTZ' THEN 'TIMESTAMP_LTZ(' || CAST(c.DATETIME_PRECISION AS VARCHAR) || ')'
                WHEN 'TIMESTAMP_TZ' THEN 'TIMESTAMP_TZ(' || CAST(c.DATETIME_PRECISION AS VARCHAR) || ')'
                WHEN 'TIME' THEN 'TIME(' || CAST(c.DATETIME_PRECISION AS VARCHAR) || ')'
              END, c.DATA_TYPE)""";

    @Override
    protected CatalogQuery relationsQuery(String database, String schema, boolean withColumns) {
        // each view filtered on the schema itself: INFORMATION_SCHEMA refuses queries that are not selective enough
        String tables = "SELECT TABLE_NAME, TABLE_TYPE, COMMENT, CREATED, LAST_ALTERED, ROW_COUNT, BYTES FROM "
                + catalog.informationSchema(database, "TABLES") + " WHERE TABLE_SCHEMA = ?";
        String views = "SELECT TABLE_NAME, VIEW_DEFINITION FROM " + catalog.informationSchema(database, "VIEWS")
                + " WHERE TABLE_SCHEMA = ?";
        String select = "SELECT t.TABLE_NAME AS \"table_name\", t.TABLE_TYPE AS \"table_type\", "
                + "t.COMMENT AS \"table_comment\", v.VIEW_DEFINITION AS \"view_definition\", "
                + utc("t.CREATED") + " AS \"created_at\", t.ROW_COUNT AS \"row_count\", t.BYTES AS \"byte_count\", "
                + utc("t.LAST_ALTERED") + " AS \"last_modified\"";
        if (!withColumns) {
            return CatalogQuery.of(select + "\nFROM (" + tables + ") t\nLEFT JOIN (" + views
                    + ") v ON v.TABLE_NAME = t.TABLE_NAME\nORDER BY t.TABLE_NAME", schema, schema);
        }
        String columns = "SELECT TABLE_NAME, COLUMN_NAME, ORDINAL_POSITION, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH, "
                + "NUMERIC_PRECISION, NUMERIC_SCALE, DATETIME_PRECISION, COMMENT FROM "
                + catalog.informationSchema(database, "COLUMNS") + " WHERE TABLE_SCHEMA = ?";
        return CatalogQuery.of(select + ", c.COLUMN_NAME AS \"column_name\", " + DATA_TYPE
                + " AS \"data_type\", c.COMMENT AS \"column_comment\"\nFROM (" + tables + ") t\nLEFT JOIN (" + views
                + ") v ON v.TABLE_NAME = t.TABLE_NAME\nLEFT JOIN (" + columns
                + ") c ON c.TABLE_NAME = t.TABLE_NAME\nORDER BY t.TABLE_NAME, c.ORDINAL_POSITION", schema, schema, schema);
    }

    /**
     * ACCESS_HISTORY (or, failing that, the lineage engine on QUERY_HISTORY text) for the window,
     * then the views' definitions through the shared lineage flow.
     */
    @Override
    public EventStream<LineageEvent> lineage(QueryLogWindow window, CollectionReport report) {
        requireNonNull(report, "report is null");
        if (window == null || window.isEmpty()) {
            return super.lineage(null, report);
        }
        if (snowflake.lineageFrom() == SnowflakeConfig.LineageFrom.QUERY_HISTORY) {
            return lineageFromQueryText(window, report);
        }
        AccessHistoryLineage fromAccessHistory = new AccessHistoryLineage(report);
        String sql = AccessHistoryLineage.sql(catalog);
        try (PreparedStatement ps = connection().prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY,
                ResultSet.CONCUR_READ_ONLY)) {
            bindWindow(ps, window);
            ps.setFetchSize(config().fetchSize());
            try (ResultSet rs = ps.executeQuery()) {
                rs.setFetchSize(config().fetchSize());
                fromAccessHistory.read(rs);
            }
        } catch (SQLException e) {
            String cause = describe(e, sql);
            if (snowflake.lineageFrom() == SnowflakeConfig.LineageFrom.ACCESS_HISTORY) {
                throw new SourceException("cannot read " + catalog.accountUsage("ACCESS_HISTORY") + ": " + cause,
                        JdbcConnector.redacted(config(), e));
            }
            report.warn("ACCESS_HISTORY cannot be read (" + cause + "; it needs Enterprise edition and IMPORTED "
                    + "PRIVILEGES on database SNOWFLAKE): lineage derived from QUERY_HISTORY text instead");
            return lineageFromQueryText(window, report);
        }
        if (window.end().isAfter(Instant.now().minus(ACCESS_HISTORY_LATENCY))) {
            report.warn("the window ends less than " + ACCESS_HISTORY_LATENCY.toHours() + " h ago; ACCESS_HISTORY "
                    + "arrives up to " + ACCESS_HISTORY_LATENCY.toHours() + " h late, so queries near the end may be "
                    + "missing for good: collect lineage with --lag 3h");
        }
        EventStream<LineageEvent> accessEvents = fromAccessHistory.events();
        EventStream<LineageEvent> viewEvents = super.lineage(null, report);
        return new EventStream<>() {
            private boolean first = true;

            @Override
            public LineageEvent next() {
                if (first) {
                    LineageEvent e = accessEvents.next();
                    if (e != null) {
                        return e;
                    }
                    first = false;
                }
                return viewEvents.next();
            }

            @Override
            public void close() {
                accessEvents.close();
                viewEvents.close();
            }
        };
    }

    private EventStream<LineageEvent> lineageFromQueryText(QueryLogWindow window, CollectionReport report) {
        writingQueriesOnly = true;
        try {
            return super.lineage(window, report);
        } finally {
            writingQueriesOnly = false;
        }
    }

    /** The query's DATABASE_NAME and SCHEMA_NAME, the session defaults its unqualified names resolved in. */
    @Override
    protected String[] queryDefaults(QueryLogEntry query) {
        Map<String, Object> extra = query.extra();
        if (extra == null) {
            return new String[2];
        }
        return new String[] {(String) extra.get("database_name"), (String) extra.get("schema_name")};
    }

    @Override
    public EventStream<QueryLogEntry> queryLogs(QueryLogWindow window, CollectionReport report) {
        requireNonNull(window, "window is null");
        requireNonNull(report, "report is null");
        if (window.isEmpty()) {
            return EventStream.empty();
        }
        String sql = QueryHistoryStream.sql(catalog, writingQueriesOnly);
        Connection c = connection();
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            PreparedStatement ps = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            opened.add(ps);
            bindWindow(ps, window);
            ps.setFetchSize(config().fetchSize());
            ResultSet rs = ps.executeQuery();
            opened.add(rs);
            rs.setFetchSize(config().fetchSize());
            return new QueryHistoryStream(rs, opened, report, e -> describe(e, sql));
        } catch (SQLException e) {
            closeQuietly(opened);
            throw new SourceException("cannot read " + catalog.accountUsage("QUERY_HISTORY") + " of "
                    + identity().id() + ": " + describe(e, sql) + " (the role needs IMPORTED PRIVILEGES on database "
                    + catalog.accountUsageDatabase() + ")", JdbcConnector.redacted(config(), e));
        }
    }

    /** Binds {@code [start, end)} as two UTC timestamp texts that the SQL casts to TIMESTAMP_LTZ. */
    static void bindWindow(PreparedStatement ps, QueryLogWindow window) throws SQLException {
        ps.setString(1, BIND_FORMAT.format(window.start().atOffset(ZoneOffset.UTC)));
        ps.setString(2, BIND_FORMAT.format(window.end().atOffset(ZoneOffset.UTC)));
    }

    /** A timestamp read from a column converted with {@link #utc}; null stays null. */
    static Instant instant(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof java.sql.Timestamp t) {
            return t.toLocalDateTime().toInstant(ZoneOffset.UTC);
        }
        if (o instanceof LocalDateTime t) {
            return t.toInstant(ZoneOffset.UTC);
        }
        if (o instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        if (o instanceof ZonedDateTime t) {
            return t.toInstant();
        }
        if (o instanceof Instant t) {
            return t;
        }
        throw new IllegalArgumentException("not a timestamp: " + o.getClass().getSimpleName());
    }

    static void closeQuietly(List<AutoCloseable> opened) {
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception ignored) {
                // closing after a failure: nothing to add
            }
        }
        opened.clear();
    }

    @Override
    public void close() {
        if (keyPairConnection != null) {
            try {
                keyPairConnection.close();
            } catch (SQLException ignored) {
                // the collection is over; a failing close changes nothing
            }
            keyPairConnection = null;
        }
        super.close();
    }
}
