package io.mcpush.source.postgres;

import static java.util.Objects.requireNonNull;

import io.mcpush.source.SourceConfigException;
import io.mcpush.source.SourceOptions;
import io.mcpush.source.WatermarkStore;
import io.mcpush.source.jdbc.JdbcConfig;
import io.mcpush.source.jdbc.JdbcOptions;
import java.nio.file.Path;

/**
 * A PostgreSQL source's settings: the shared JDBC settings (URL {@code jdbc:postgresql://host:port/db}),
 * the state directory that keeps the previous run's modification counters, and whether leaf
 * partitions are listed as tables of their own. Immutable.
 */
public record PostgresConfig(JdbcConfig jdbc, Path stateDir, boolean includePartitions) {
    static final String URL_PREFIX = "jdbc:postgresql:";

    public PostgresConfig {
        requireNonNull(jdbc, "jdbc is null");
        requireNonNull(stateDir, "stateDir is null");
    }

    public static PostgresConfig from(SourceOptions o) {
        String url = o.required(JdbcOptions.JDBC_URL.name());
        if (!url.startsWith(URL_PREFIX)) {
            throw new SourceConfigException("jdbc-url", "source postgres needs a URL starting with " + URL_PREFIX
                    + "//HOST:PORT/DATABASE, not '" + url.replaceAll("[?;].*", "") + "'");
        }
        String dir = o.get(PostgresSourceFactory.STATE_DIR.name());
        JdbcConfig jdbc = JdbcConfig.from(o, url).withDriverProperty("ApplicationName", "mcpush");
        return new PostgresConfig(jdbc, dir == null ? WatermarkStore.defaultDir() : Path.of(dir),
                o.flag(PostgresSourceFactory.INCLUDE_PARTITIONS.name()));
    }
}
