package io.mcpush.source.hive;

import io.mcpush.source.Capability;
import io.mcpush.source.Source;
import io.mcpush.source.SourceFactory;
import io.mcpush.source.SourceOption;
import io.mcpush.source.SourceOptions;
import io.mcpush.source.jdbc.JdbcOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code --source hive}: Hive metadata read from the metastore's backing database (PostgreSQL or
 * MySQL/MariaDB), query logs from HiveServer2 log files, lineage from views and logged commands.
 * Stateless.
 */
public final class HiveSourceFactory implements SourceFactory {
    public static final String TYPE = "hive";
    /** Monte Carlo's connection type for Hive/EMR lakes (push-api.md §8). */
    public static final String RESOURCE_TYPE = "data-lake";
    /** The query-log type Monte Carlo takes for Hive (never {@code hive}). */
    public static final String LOG_TYPE = "hive-s3";

    static final SourceOption LOG_FILE = SourceOption.repeatable("log-file", "FILE",
            "A HiveServer2 log file (hive.log) to read query logs and query lineage from.");
    static final SourceOption LOG_TIME_ZONE = SourceOption.value("log-time-zone", "ZONE",
            "Time zone of the HiveServer2 log timestamps, which carry none (default: UTC).");
    static final SourceOption CATALOG = SourceOption.value("catalog", "NAME",
            "Metastore catalog whose databases are read (Hive 3+; default: hive).");

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String description() {
        return "Apache Hive: tables, partitioned tables, views and materialized views with columns, partition keys, "
                + "row counts, sizes and change times read from the metastore database (one query per Hive database); "
                + "query logs from HiveServer2 log files; lineage from view definitions and logged commands.";
    }

    @Override
    public Set<Capability> capabilities() {
        return HiveSource.CAPABILITIES;
    }

    @Override
    public List<SourceOption> options() {
        List<SourceOption> all = new ArrayList<>(JdbcOptions.connection());
        all.addAll(JdbcOptions.collection());
        all.add(CATALOG);
        all.add(LOG_FILE);
        all.add(LOG_TIME_ZONE);
        return List.copyOf(all);
    }

    @Override
    public List<String> grants() {
        return List.of(
                "metadata and lineage: a read-only user of the metastore database with SELECT on the metastore tables "
                        + "DBS, TBLS, SDS, COLUMNS_V2, PARTITION_KEYS, TABLE_PARAMS, PARTITIONS, PARTITION_PARAMS",
                "query logs: read access to the HiveServer2 log files (hive.log, e.g. /var/log/hive/ or "
                        + "${java.io.tmpdir}/${user.name}/hive.log on the HiveServer2 host)");
    }

    @Override
    public List<String> notes() {
        return List.of(
                "--jdbc-url is the metastore's backing database (jdbc:postgresql://, or jdbc:mariadb:// / jdbc:mysql:// for "
                        + "MySQL 8.0+ and MariaDB 10.2+, both through the bundled MariaDB driver), not HiveServer2: "
                        + "HiveServer2 JDBC would need one DESCRIBE FORMATTED round trip per table and the 43 MB "
                        + "hive-jdbc driver",
                "names: database = schema = the Hive database (Hive lower-cases names; fullTableId db:db.table)",
                "types: MANAGED_TABLE and EXTERNAL_TABLE are TABLE, VIRTUAL_VIEW is VIEW (with its expanded text), "
                        + "MATERIALIZED_VIEW is TABLE; partition keys are listed after the columns",
                "row count and size: numRows/totalSize statistics (positive, or zero when COLUMN_STATS_ACCURATE says so); "
                        + "a partitioned table sums its partitions when every partition has them; otherwise unknown",
                "freshness: the latest of last_modified_time and transient_lastDdlTime of the table and of its "
                        + "partitions; Hive updates these on DDL and on writes that update statistics, not on files "
                        + "written behind Hive's back (e.g. directly to S3)",
                "query logs (log_type hive-s3): Executing/Completed executing command lines of HiveServer2's log, paired "
                        + "by queryId (end time and failures are Hive's own); user from the session's scratch directory "
                        + "line; each collection resumes at the file positions the last completely pushed one reached "
                        + "(rotation followed); a command still running at the end of the file is read by the next "
                        + "collection once it has completed",
                "lineage: view definitions (VIEW_EXPANDED_TEXT) and the logged commands, names resolved in the "
                        + "session's USE database, else default");
    }

    @Override
    public String resourceType() {
        return RESOURCE_TYPE;
    }

    @Override
    public Source create(SourceOptions options) {
        options.checkKnown(options());
        return new HiveSource(HiveConfig.from(options));
    }
}
