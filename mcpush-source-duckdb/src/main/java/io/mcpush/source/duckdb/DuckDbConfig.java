package io.mcpush.source.duckdb;

import static java.util.Objects.requireNonNull;

import io.mcpush.source.SourceConfigException;
import io.mcpush.source.SourceOptions;
import io.mcpush.source.jdbc.JdbcConfig;
import io.mcpush.source.jdbc.JdbcOptions;
import java.nio.file.Path;

/**
 * A DuckDB source's settings: the JDBC settings (URL {@code jdbc:duckdb:/path/file.duckdb})
 * and whether to open the file read-only (the default: a collector never writes). Immutable.
 */
public record DuckDbConfig(JdbcConfig jdbc, boolean readOnly) {
    static final String URL_PREFIX = "jdbc:duckdb:";

    public DuckDbConfig {
        requireNonNull(jdbc, "jdbc is null");
    }

    /** From {@code --jdbc-url} or {@code --database-file} (exactly one), plus the shared JDBC options. */
    public static DuckDbConfig from(SourceOptions o) {
        String url = o.get(JdbcOptions.JDBC_URL.name());
        String file = o.get(DuckDbSourceFactory.DATABASE_FILE.name());
        if (url != null && file != null) {
            throw new SourceConfigException("database-file", "give --jdbc-url or --database-file, not both");
        }
        if (url == null && file == null) {
            throw new SourceConfigException("jdbc-url", "source duckdb needs --jdbc-url jdbc:duckdb:/path/to/file.duckdb "
                    + "or --database-file FILE");
        }
        if (file != null) {
            url = URL_PREFIX + Path.of(file).toAbsolutePath().normalize();
        } else if (!url.startsWith(URL_PREFIX)) {
            throw new SourceConfigException("jdbc-url", "source duckdb needs a URL starting with " + URL_PREFIX
                    + ", not '" + url.replaceAll("[?;].*", "") + "'");
        }
        String path = databasePath(url);
        if (path.isEmpty() || path.equals(":memory:") || path.startsWith(":memory:")) {
            throw new SourceConfigException("jdbc-url", "an in-memory DuckDB opened by the collector would be empty; "
                    + "name a database file (in-memory databases are collected by embedding DuckDbSource)");
        }
        boolean readWrite = o.flag(DuckDbSourceFactory.READ_WRITE.name());
        return new DuckDbConfig(JdbcConfig.from(o, url), !readWrite);
    }

    /** The file part of a DuckDB URL (before any {@code ?} parameters). */
    static String databasePath(String url) {
        String rest = url.substring(URL_PREFIX.length());
        int q = rest.indexOf('?');
        return q < 0 ? rest : rest.substring(0, q);
    }
}
