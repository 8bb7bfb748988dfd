package io.mcpush.source.postgres;

import static java.util.Objects.requireNonNull;

import io.mcpush.sdk.Flow;
import io.mcpush.sdk.model.RelationalAsset;
import io.mcpush.source.Capability;
import io.mcpush.source.CollectionReport;
import io.mcpush.source.EventStream;
import io.mcpush.source.SourceConnectionException;
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
    static final Set<Capability> CAPABILITIES = Set.of(Capability.METADATA);

    /** Schemas in byte order ("C"), the order {@link FreshnessStream} merges in. pg_* schemas are the system's. */
    private static final String SCHEMAS = """
            SELECT n.nspname AS schema_name FROM pg_catalog.pg_namespace n
            WHERE n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
            ORDER BY n.nspname COLLATE "C"
            """;

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
                            (SELECT sum(pg_catalog.pg_total_relation_size(t.relid))::bigint
                             FROM pg_catalog.pg_partition_tree(c.oid) t WHERE t.isleaf)
                          WHEN c.relkind IN ('r', 'm') THEN pg_catalog.pg_total_relation_size(c.oid) END AS byte_count
              FROM pg_catalog.pg_class c
              JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
              LEFT JOIN pg_catalog.pg_description d
                ON d.objoid = c.oid AND d.classoid = 'pg_catalog.pg_class'::regclass AND d.objsubid = 0
              WHERE n.nspname = ? AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND (? OR NOT c.relispartition)
            )
            """;

    private static final String WITH_COLUMNS = RELATIONS + """
            SELECT rel.relname AS table_name, rel.table_type, rel.table_comment, rel.view_definition, rel.row_count,
                   rel.byte_count, a.attname AS column_name,
                   pg_catalog.format_type(a.atttypid, a.atttypmod) AS data_type, cd.description AS column_comment
            FROM rel
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

    static void closeAll(List<AutoCloseable> opened) {
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception ignored) {
                // closing a cursor: nothing to add
            }
        }
        opened.clear();
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
