package io.mcpush.source.postgres;

import static java.util.Objects.requireNonNull;

import io.mcpush.source.SourceConfigException;
import io.mcpush.source.SourceOptions;
import io.mcpush.source.logfile.LogFiles;
import io.mcpush.source.jdbc.JdbcConfig;
import io.mcpush.source.jdbc.JdbcOptions;
import java.nio.file.Path;
import java.util.List;

/**
 * A PostgreSQL source's settings: the shared JDBC settings (URL {@code jdbc:postgresql://host:port/db}),
 * the state directory that keeps the previous run's modification counters ({@code --state-dir}),
 * whether leaf partitions are listed as tables of their own, and the server log files
 * ({@code --log-file}, paths or globs) that query logs are read from. Immutable.
 */
public record PostgresConfig(JdbcConfig jdbc, Path stateDir, boolean includePartitions, List<String> logFiles) {
    static final String URL_PREFIX = "jdbc:postgresql:";

    public PostgresConfig {
        requireNonNull(jdbc, "jdbc is null");
        requireNonNull(stateDir, "stateDir is null");
        logFiles = List.copyOf(requireNonNull(logFiles, "logFiles is null"));
    }

    public PostgresConfig(JdbcConfig jdbc, Path stateDir, boolean includePartitions) {
        this(jdbc, stateDir, includePartitions, List.of());
    }

    public static PostgresConfig from(SourceOptions o) {
        String url = o.required(JdbcOptions.JDBC_URL.name());
        if (!url.startsWith(URL_PREFIX)) {
            throw new SourceConfigException("jdbc-url", "source postgres needs a URL starting with " + URL_PREFIX
                    + "//HOST:PORT/DATABASE, not '" + url.replaceAll("[?;].*", "") + "'");
        }
        JdbcConfig jdbc = JdbcConfig.from(o, url).withDriverProperty("ApplicationName", "mcpush");
        String logFile = PostgresSourceFactory.LOG_FILE.name();
        return new PostgresConfig(jdbc, o.stateDir(), o.flag(PostgresSourceFactory.INCLUDE_PARTITIONS.name()),
                LogFiles.check(logFile, o.values(logFile)));
    }
}
