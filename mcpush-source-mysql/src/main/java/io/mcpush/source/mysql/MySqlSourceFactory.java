package io.mcpush.source.mysql;

import io.mcpush.source.Capability;
import io.mcpush.source.Source;
import io.mcpush.source.SourceFactory;
import io.mcpush.source.SourceOption;
import io.mcpush.source.SourceOptions;
import io.mcpush.source.jdbc.JdbcOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code --source mysql}: a MySQL or MariaDB server, read through {@code information_schema} and
 * {@code performance_schema} with the MariaDB driver. Stateless.
 */
public final class MySqlSourceFactory implements SourceFactory {
    public static final String TYPE = "mysql";
    static final SourceOption DATABASE_NAME = SourceOption.value("database-name", "NAME",
            "Monte Carlo database name for the server; each MySQL database becomes a schema in it (default: def, "
                    + "information_schema's TABLE_CATALOG).");

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String description() {
        return "MySQL or MariaDB server: tables, views with definitions, column types, comments, row estimates, sizes, "
                + "update times; query logs from performance_schema; table and column lineage from views and queries.";
    }

    @Override
    public Set<Capability> capabilities() {
        return MySqlSource.CAPABILITIES;
    }

    @Override
    public List<SourceOption> options() {
        List<SourceOption> all = new ArrayList<>(JdbcOptions.connection());
        all.addAll(JdbcOptions.collection());
        all.add(DATABASE_NAME);
        return List.copyOf(all);
    }

    @Override
    public List<String> grants() {
        return List.of(
                "SELECT, SHOW VIEW ON each database to collect (or globally: ON *.*); information_schema shows a user "
                        + "only the tables it holds some privilege on, and view definitions only with SHOW VIEW",
                "SELECT ON performance_schema.* for query logs and lineage from queries",
                "server settings for query logs: performance_schema=ON and the consumers events_statements_current "
                        + "and events_statements_history_long enabled (server options "
                        + "performance-schema-consumer-events-statements-current=ON and "
                        + "performance-schema-consumer-events-statements-history-long=ON)");
    }

    @Override
    public List<String> notes() {
        return List.of(
                "names: Monte Carlo database = --database-name (default def), schema = the MySQL database, "
                        + "table = the table; every visible database is collected (filters apply), not only the one "
                        + "in the URL",
                "row counts are information_schema TABLE_ROWS: exact for MyISAM/Aria, the optimizer's estimate for "
                        + "InnoDB (run ANALYZE TABLE to refresh); bytes are DATA_LENGTH + INDEX_LENGTH",
                "freshness is UPDATE_TIME: the last change for MyISAM/Aria; for InnoDB the last change since the "
                        + "server started (none after a restart until the next write)",
                "query logs come from events_statements_history_long, a ring buffer of the server's last N "
                        + "statements (performance_schema_events_statements_history_long_size): collect at least as "
                        + "often as it fills; a wrap that lost statements is a warning",
                "query times are converted from performance_schema timers to wall-clock time to within microseconds; "
                        + "statements longer than performance_schema_max_sql_text_length are cut (a warning)",
                "the user of a query is known only while its session is still connected at collection time",
                "Monte Carlo takes no mysql query logs: push them with --log-type only if you know what you do; "
                        + "they feed lineage and manifests",
                "jdbc:mysql:// and jdbc:mariadb:// URLs are both opened with the MariaDB driver");
    }

    @Override
    public String resourceType() {
        return TYPE;
    }

    /**
     * A statement enters the history when it ends, stamped with its start: a window ends a minute
     * before now so that statements running at its end are not missed (longer ones still are).
     */
    @Override
    public Duration defaultLag() {
        return Duration.ofMinutes(1);
    }

    @Override
    public Source create(SourceOptions options) {
        options.checkKnown(options());
        return new MySqlSource(MySqlConfig.from(options));
    }
}
