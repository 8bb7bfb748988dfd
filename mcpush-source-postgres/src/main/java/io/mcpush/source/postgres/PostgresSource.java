package io.mcpush.source.postgres;

import static java.util.Objects.requireNonNull;

import io.mcpush.sdk.Flow;
import io.mcpush.sdk.model.RelationalAsset;
import io.mcpush.source.Capability;
import io.mcpush.source.CollectionReport;
import io.mcpush.source.EventStream;
import io.mcpush.sdk.model.QueryLogEntry;
import io.mcpush.source.QueryLogWindow;
import io.mcpush.source.SourceConfigException;
import io.mcpush.source.SourceConnectionException;
import io.mcpush.source.logfile.LogFileReader;
import io.mcpush.source.logfile.LogFiles;
import io.mcpush.source.logfile.LogPositions;
import io.mcpush.source.SourceException;
import io.mcpush.source.WatermarkStore;
import io.mcpush.source.jdbc.CatalogQuery;
import io.mcpush.source.jdbc.Dialect;
import io.mcpush.source.jdbc.JdbcConnector;
import io.mcpush.source.jdbc.JdbcSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads one PostgreSQL database through {@code pg_catalog}: one relations query per schema
 * (names bound as parameters, never pasted into SQL) plus one modification-counter query per
 * collection, read side by side in one read-only REPEATABLE READ transaction so that both see
 * the same catalog. Freshness is derived by {@link FreshnessStream} from the counters and the
 * previous collection's, kept in the state directory. Not thread-safe.
 */
public final class PostgresSource extends JdbcSource {
    static final Set<Capability> CAPABILITIES = Set.of(Capability.METADATA, Capability.TABLE_LINEAGE,
            Capability.COLUMN_LINEAGE, Capability.QUERY_LOGS);

    /** Schemas in byte order ("C"), the order {@link FreshnessStream} merges in. pg_* schemas are the system's. */
    private static final String SCHEMAS = """
            SELECT n.nspname AS schema_name FROM pg_catalog.pg_namespace n
            WHERE n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
            ORDER BY n.nspname COLLATE "C"
            """;

    /**
     * The bytes of relation {@code x} (a pg_class row: a table or materialized view): the main
     * forks of the table, its indexes, its TOAST table and the TOAST index (free space and
     * visibility maps are not counted). Measured on disk with pg_relation_size — which opens
     * each of those relations, the expensive part of a catalog read — only when the statistics
     * say the size may have moved since pg_class.relpages was last set (by VACUUM, ANALYZE,
     * CREATE INDEX, REINDEX, CLUSTER, VACUUM FULL, TRUNCATE): writes since the last ANALYZE,
     * TOAST inserts since its last VACUUM, a never-analysed relation that holds tuples (a table
     * rewritten by ALTER TABLE), or a materialized view (REFRESH leaves relpages behind).
     * Otherwise relpages × block_size of the same relations, which then equals the on-disk
     * size. {@code %1$s} is the alias of the pg_class row.
     */
    private static final String BYTES = """
            CASE WHEN %1$s.relkind = 'm' OR pg_catalog.pg_stat_get_mod_since_analyze(%1$s.oid) > 0
                      OR (%1$s.reltoastrelid <> 0 AND pg_catalog.pg_stat_get_ins_since_vacuum(%1$s.reltoastrelid) > 0)
                      OR (%1$s.reltuples < 0 AND pg_catalog.pg_stat_get_live_tuples(%1$s.oid)
                                                 + pg_catalog.pg_stat_get_dead_tuples(%1$s.oid) > 0)
                 THEN pg_catalog.pg_relation_size(%1$s.oid)
                      + CASE WHEN %1$s.reltoastrelid <> 0 THEN pg_catalog.pg_relation_size(%1$s.reltoastrelid) ELSE 0 END
                      + coalesce((SELECT sum(pg_catalog.pg_relation_size(i.indexrelid)) FROM pg_catalog.pg_index i
                                  WHERE i.indrelid IN (%1$s.oid, %1$s.reltoastrelid)), 0)
                 ELSE (%1$s.relpages::bigint
                       + coalesce((SELECT t.relpages FROM pg_catalog.pg_class t WHERE t.oid = %1$s.reltoastrelid), 0)
                       + coalesce((SELECT sum(ic.relpages) FROM pg_catalog.pg_index i
                                   JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
                                   WHERE i.indrelid IN (%1$s.oid, %1$s.reltoastrelid)), 0))
                      * current_setting('block_size')::bigint END""";

    // A partitioned table has no rows or storage of its own: it reports the sum over its leaf partitions.
    // The scalar subqueries run only for relkind 'p'.
    private static final String RELATIONS = """
            WITH rel AS (
              SELECT c.oid, c.relname,
                     CASE c.relkind WHEN 'r' THEN 'BASE TABLE' WHEN 'p' THEN 'PARTITIONED TABLE' WHEN 'v' THEN 'VIEW'
                                    WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'FOREIGN TABLE' END AS table_type,
                     d.description AS table_comment,
                     CASE WHEN c.relkind = 'v' THEN pg_catalog.pg_get_viewdef(c.oid) END AS view_definition,
                     CASE WHEN c.relkind = 'p' THEN
                            (SELECT CASE WHEN bool_and(p.reltuples >= 0) THEN sum(p.reltuples)::bigint END
                             FROM pg_catalog.pg_partition_tree(c.oid) t JOIN pg_catalog.pg_class p ON p.oid = t.relid
                             WHERE t.isleaf AND p.relkind IN ('r', 'm'))
                          WHEN c.relkind IN ('r', 'm') AND c.reltuples >= 0 THEN c.reltuples::bigint END AS row_count,
                     CASE WHEN c.relkind = 'p' THEN
                            (SELECT sum(%2$s)::bigint
                             FROM pg_catalog.pg_partition_tree(c.oid) t JOIN pg_catalog.pg_class p ON p.oid = t.relid
                             WHERE t.isleaf AND p.relkind IN ('r', 'm'))
                          WHEN c.relkind IN ('r', 'm') THEN %1$s END AS byte_count
              FROM pg_catalog.pg_class c
              JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
              LEFT JOIN pg_catalog.pg_description d
                ON d.objoid = c.oid AND d.classoid = 'pg_catalog.pg_class'::regclass AND d.objsubid = 0
              WHERE n.nspname = ? AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND (? OR NOT c.relispartition)
            )
            """.formatted(BYTES.formatted("c"), BYTES.formatted("p"));

    // The relations are sorted before the columns are joined in attnum order (index scan), so that
    // the final ORDER BY is an incremental sort of each relation's few columns, not a sort (spilling
    // to disk) of every column of the schema.
    private static final String WITH_COLUMNS = RELATIONS + """
            SELECT rel.relname AS table_name, rel.table_type, rel.table_comment, rel.view_definition, rel.row_count,
                   rel.byte_count, a.attname AS column_name,
                   pg_catalog.format_type(a.atttypid, a.atttypmod) AS data_type, cd.description AS column_comment
            FROM (SELECT * FROM rel ORDER BY rel.relname COLLATE "C") rel
            LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = rel.oid AND a.attnum > 0 AND NOT a.attisdropped
            LEFT JOIN pg_catalog.pg_description cd
              ON cd.objoid = rel.oid AND cd.classoid = 'pg_catalog.pg_class'::regclass AND cd.objsubid = a.attnum
            ORDER BY rel.relname COLLATE "C", a.attnum
            """;

    private static final String WITHOUT_COLUMNS = RELATIONS + """
            SELECT rel.relname AS table_name, rel.table_type, rel.table_comment, rel.view_definition, rel.row_count,
                   rel.byte_count
            FROM rel ORDER BY rel.relname COLLATE "C"
            """;

    /**
     * Every relation that can hold data, in the order the metadata stream yields them, with its
     * modification counters and, for materialized views, the definition (the shared stream keeps
     * view_query for VIEWs only). Partitioned tables sum their leaf partitions; their rewrite key
     * is the partition count and the sum of the leaves' relfilenodes.
     */
    static final String COUNTERS = """
            SELECT n.nspname AS schema_name, c.relname AS table_name,
                   CASE WHEN c.relkind = 'p' THEN
                          (SELECT sum(pg_catalog.pg_stat_get_tuples_inserted(t.relid))::bigint
                           FROM pg_catalog.pg_partition_tree(c.oid) t WHERE t.isleaf)
                        ELSE pg_catalog.pg_stat_get_tuples_inserted(c.oid) END AS inserted,
                   CASE WHEN c.relkind = 'p' THEN
                          (SELECT sum(pg_catalog.pg_stat_get_tuples_updated(t.relid))::bigint
                           FROM pg_catalog.pg_partition_tree(c.oid) t WHERE t.isleaf)
                        ELSE pg_catalog.pg_stat_get_tuples_updated(c.oid) END AS updated,
                   CASE WHEN c.relkind = 'p' THEN
                          (SELECT sum(pg_catalog.pg_stat_get_tuples_deleted(t.relid))::bigint
                           FROM pg_catalog.pg_partition_tree(c.oid) t WHERE t.isleaf)
                        ELSE pg_catalog.pg_stat_get_tuples_deleted(c.oid) END AS deleted,
                   CASE WHEN c.relkind = 'p' THEN
                          (SELECT count(*) || '/' || coalesce(sum(p.relfilenode::bigint), 0)
                           FROM pg_catalog.pg_partition_tree(c.oid) t JOIN pg_catalog.pg_class p ON p.oid = t.relid
                           WHERE t.isleaf)
                        ELSE c.relfilenode::text END AS rewrite_key,
                   CASE WHEN c.relkind = 'm' THEN pg_catalog.pg_get_viewdef(c.oid) END AS view_definition
            FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p', 'm') AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
            ORDER BY n.nspname COLLATE "C", c.relname COLLATE "C"
            """;

    private final PostgresConfig postgres;

    PostgresSource(PostgresConfig config) {
        super(PostgresSourceFactory.TYPE, config.jdbc(), Dialect.POSTGRES);
        this.postgres = requireNonNull(config, "config is null");
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    /** The file that keeps the previous collection's counters, beside this source's watermarks. */
    Path countersFile() {
        return new WatermarkStore(postgres.stateDir()).fileFor(identity(), Flow.METADATA)
                .resolveSibling("metadata-counters.jsonl");
    }

    @Override
    protected void prepare(Connection c) {
        try {
            // autocommit off: the driver streams with the fetch size only inside a transaction;
            // REPEATABLE READ: the counter query and every schema's query see one catalog
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
        } catch (SQLException e) {
            throw new SourceConnectionException(host(), databaseLabel(), JdbcConnector.redact(config(),
                    String.valueOf(e.getMessage())), e.getSQLState(), JdbcConnector.redacted(config(), e));
        }
    }

    @Override
    public EventStream<RelationalAsset> metadata(CollectionReport report) {
        requireNonNull(report, "report is null");
        Connection c = connection();
        List<AutoCloseable> opened = new ArrayList<>();
        ResultSet counters;
        Instant readAt;
        try {
            c.rollback(); // a new transaction: a fresh snapshot and fresh statistics for this collection
            counters = execute(c, CatalogQuery.of(COUNTERS), opened);
            readAt = Instant.now();
        } catch (SQLException e) {
            closeAll(opened);
            throw new SourceException("cannot read the modification counters of " + identity().id() + ": "
                    + JdbcConnector.redact(config(), String.valueOf(e.getMessage())), JdbcConnector.redacted(config(), e));
        }
        EventStream<RelationalAsset> assets;
        try {
            assets = super.metadata(report);
        } catch (RuntimeException e) {
            closeAll(opened);
            throw e;
        }
        return new FreshnessStream(assets, counters, opened, readAt, countersFile(), identity(),
                config().filter(), report);
    }

    /** Query logs always come from log files; lineage does when log files were given. */
    @Override
    public boolean windowed(Flow flow) {
        return flow == Flow.QUERY_LOGS || flow == Flow.LINEAGE && !postgres.logFiles().isEmpty();
    }

    /** The window of a windowed flow is the log files' positions, never time. */
    @Override
    public boolean positioned(Flow flow) {
        return windowed(flow);
    }

    /**
     * The queries logged in the server's csvlog/jsonlog files after {@code window}'s positions
     * (see {@link ServerLogParser}); the positions reached go to the report when the stream ends.
     * Reads only files: no connection to the database is made.
     */
    @Override
    public EventStream<QueryLogEntry> queryLogs(QueryLogWindow window, CollectionReport report) {
        requireNonNull(report, "report is null");
        if (postgres.logFiles().isEmpty()) {
            throw new SourceConfigException(PostgresSourceFactory.LOG_FILE.name(), "source postgres reads query logs "
                    + "from the server's csvlog or jsonlog files: give --log-file FILE (a glob in quotes works too)");
        }
        LogPositions after = window == null || window.positions() == null ? LogPositions.NONE : window.positions();
        List<Path> files = LogFiles.expand(postgres.logFiles(), report::warn);
        LogFileReader<QueryLogEntry> reader = new LogFileReader<>(files, after, new ServerLogParser(report), report::warn);
        return new EventStream<>() {
            private boolean ended;

            @Override
            public QueryLogEntry next() {
                if (ended) {
                    return null;
                }
                QueryLogEntry e = reader.next();
                if (e == null) {
                    ended = true;
                    report.reachedPositions(reader.positions());
                    report.count("log files", files.size());
                    return null;
                }
                report.count("queries");
                return e;
            }

            @Override
            public void close() {
                reader.close();
            }
        };
    }

    /** The database the session was connected to, and PostgreSQL's default search_path schema. */
    @Override
    protected String[] queryDefaults(QueryLogEntry query) {
        Object db = query.extra() == null ? null : query.extra().get("default_database");
        return new String[] {db == null ? null : db.toString(), "public"};
    }

    @Override
    protected CatalogQuery schemasQuery(String database) {
        return CatalogQuery.of(SCHEMAS);
    }

    @Override
    protected CatalogQuery relationsQuery(String database, String schema, boolean withColumns) {
        return CatalogQuery.of(withColumns ? WITH_COLUMNS : WITHOUT_COLUMNS, schema, postgres.includePartitions());
    }
}
