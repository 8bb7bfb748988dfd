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
    static final SourceOption STATE_DIR = SourceOption.value("state-dir", "DIR",
            "Where the previous run's modification counters are kept for freshness (default: ~/.mcpush/state).");
    static final SourceOption INCLUDE_PARTITIONS = SourceOption.flag("include-partitions",
            "Also list each partition as a table (default: partitions are counted into their partitioned table).");

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String description() {
        return "PostgreSQL database: tables, partitioned tables, views and materialized views with definitions, "
                + "column types, comments, row estimates, total sizes, freshness from modification counters.";
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
        all.add(STATE_DIR);
        return List.copyOf(all);
    }

    @Override
    public List<String> grants() {
        return List.of("CONNECT on the database (the catalog pg_catalog is readable by every user; "
                + "no SELECT on the tables is needed)");
    }

    @Override
    public List<String> notes() {
        return List.of(
                "one database per source: the one named in --jdbc-url",
                "row counts are pg_class.reltuples, the planner's estimate as of the last VACUUM/ANALYZE; "
                        + "never analysed (-1) is reported as unknown",
                "byte size is pg_total_relation_size (table, indexes, TOAST); a partitioned table sums its leaf partitions",
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
                "--state-dir of collect/run is not yet passed to sources by the CLI: give the source option in the "
                        + "config file, or the default ~/.mcpush/state is used",
                "no query logs yet (server csvlog/jsonlog files are planned)");
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
