package io.mcpush.source.postgres;

import io.mcpush.source.Capability;
import io.mcpush.source.Source;
import io.mcpush.source.SourceFactory;
import io.mcpush.source.SourceOption;
import io.mcpush.source.SourceOptions;
import io.mcpush.source.jdbc.JdbcOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@code --source postgres}: one PostgreSQL database, read through {@code pg_catalog}. Stateless. */
public final class PostgresSourceFactory implements SourceFactory {
    public static final String TYPE = "postgres";
    static final SourceOption LOG_FILE = SourceOption.repeatable("log-file", "FILE",
            "Query logs: a server log file written with log_destination=csvlog or jsonlog, or a glob in quotes such as "
                    + "'/var/log/postgresql/*.csv' (repeatable; read oldest first, from where the last pushed "
                    + "collection stopped).");
    static final SourceOption INCLUDE_PARTITIONS = SourceOption.flag("include-partitions",
            "Also list each partition as a table (default: partitions are counted into their partitioned table).");

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String description() {
        return "PostgreSQL database: tables, partitioned tables, views and materialized views with definitions, "
                + "column types, comments, row estimates, total sizes, freshness from modification counters; "
                + "query logs from the server's csvlog/jsonlog files; lineage from views and logged queries.";
    }

    @Override
    public Set<Capability> capabilities() {
        return PostgresSource.CAPABILITIES;
    }

    @Override
    public List<SourceOption> options() {
        List<SourceOption> all = new ArrayList<>(JdbcOptions.connection());
        all.addAll(JdbcOptions.collection());
        all.add(INCLUDE_PARTITIONS);
        all.add(LOG_FILE);
        return List.copyOf(all);
    }

    @Override
    public List<String> grants() {
        return List.of("CONNECT on the database (the catalog pg_catalog is readable by every user; "
                        + "no SELECT on the tables is needed)",
                "query logs: read access to the server's log files (log_directory), e.g. membership of the group "
                        + "that owns them; no database privilege");
    }

    @Override
    public List<String> notes() {
        return List.of(
                "one database per source: the one named in --jdbc-url",
                "row counts are pg_class.reltuples, the planner's estimate as of the last VACUUM/ANALYZE; "
                        + "never analysed (-1) is reported as unknown",
                "byte size (byte_count) is the size of the main data files of the table, its indexes, its TOAST table "
                        + "and TOAST index (free-space and visibility maps not counted); a partitioned table sums its "
                        + "leaf partitions. It is measured on disk (pg_relation_size) for materialized views and for "
                        + "tables the statistics show as possibly grown or shrunk since pg_class.relpages was last set: "
                        + "writes since the last ANALYZE (n_mod_since_analyze > 0), TOAST inserts since its last VACUUM, "
                        + "or never analysed yet holding tuples; otherwise it is relpages x block_size of the same "
                        + "relations, which VACUUM, ANALYZE, CREATE INDEX, REINDEX, CLUSTER, VACUUM FULL and TRUNCATE "
                        + "set to the on-disk size (measuring every relation opens each one: ~2.5x the server time). "
                        + "It can lag when the statistics do (track_counts off, just after pg_stat_reset, writes "
                        + "committed within the last second), and for an index built by CREATE INDEX CONCURRENTLY or "
                        + "left unmeasured by a VACUUM ANALYZE (btree cleanup skipped) until the next ANALYZE; "
                        + "needs PostgreSQL 13 or later",
                "freshness: PostgreSQL keeps no last-modified time. Each collection reads the tables' modification "
                        + "counters (n_tup_ins, n_tup_upd, n_tup_del of pg_stat_all_tables, plus the relfilenode, which "
                        + "TRUNCATE, VACUUM FULL, CLUSTER and REFRESH MATERIALIZED VIEW change) and compares them with the "
                        + "previous collection's, kept in the state directory. last_update_time is the time of the first "
                        + "collection that saw the counters differ: the table changed after the previous collection and "
                        + "before that time (accuracy = the collection interval). Unchanged counters repeat that time; "
                        + "a table seen for the first time (including on the first run) has no freshness",
                "the counters count rolled-back writes too, and reach pg_stat up to about a second after commit; "
                        + "after pg_stat_reset (counters lower, same relfilenode) no change is claimed",
                "materialized views are TABLE (they hold data); their definition is sent as view_query",
                "the counters are kept in --state-dir (default ~/.mcpush/state) beside the watermarks",
                "query logs: from the server's own log files (--log-file), which need logging_collector=on, "
                        + "log_destination=csvlog or jsonlog (PostgreSQL 15+), and log_statement=all or "
                        + "log_min_duration_statement=0; log_timezone=UTC is simplest. Each collection reads what was "
                        + "logged after the positions its last completely pushed collection reached (file identity + "
                        + "offset), so every logged query is collected once, whatever its time; rotated files are "
                        + "followed when the glob covers their new names. Monte Carlo takes no postgres query logs: "
                        + "push them with an explicit --log-type",
                "lineage: from view definitions, and with --log-file also from the logged queries (INSERT ... "
                        + "SELECT, CREATE TABLE AS ...), unqualified names in schema public");
    }

    @Override
    public String resourceType() {
        return TYPE;
    }

    @Override
    public Source create(SourceOptions options) {
        options.checkKnown(options());
        return new PostgresSource(PostgresConfig.from(options));
    }
}
