package io.mcpush.source.jdbc;

import io.mcpush.source.SourceOption;
import java.util.List;

/** The options every JDBC source takes (DESIGN.md, "Source options"), with the same keys in the config file. */
public final class JdbcOptions {
    public static final SourceOption JDBC_URL = SourceOption.value("jdbc-url", "URL", "JDBC URL of the database.");
    public static final SourceOption USER = SourceOption.value("user", "NAME", "Database user.");
    public static final SourceOption PASSWORD_ENV = SourceOption.value("password-env", "VAR",
            "Read the password from this environment variable (never from a flag value).");
    public static final SourceOption PASSWORD_FILE = SourceOption.value("password-file", "FILE",
            "Read the password from the first line of this file.");
    public static final SourceOption INCLUDE_DATABASE = SourceOption.value("include-database", "REGEX",
            "Only databases whose whole name matches.");
    public static final SourceOption EXCLUDE_DATABASE = SourceOption.value("exclude-database", "REGEX",
            "Skip databases whose whole name matches.");
    public static final SourceOption INCLUDE_SCHEMA = SourceOption.value("include-schema", "REGEX",
            "Only schemas whose whole name matches.");
    public static final SourceOption EXCLUDE_SCHEMA = SourceOption.value("exclude-schema", "REGEX",
            "Skip schemas whose whole name matches.");
    public static final SourceOption INCLUDE_TABLE = SourceOption.value("include-table", "REGEX",
            "Only tables and views whose whole name matches.");
    public static final SourceOption EXCLUDE_TABLE = SourceOption.value("exclude-table", "REGEX",
            "Skip tables and views whose whole name matches.");
    public static final SourceOption ONLY_FRESHNESS_AND_VOLUME = SourceOption.flag("only-freshness-and-volume",
            "Metadata without columns: row counts, sizes and change times only (cheap hourly pushes).");
    public static final SourceOption FETCH_SIZE = SourceOption.value("fetch-size", "ROWS",
            "Rows fetched per round trip (default: " + JdbcConfig.DEFAULT_FETCH_SIZE + ").");

    private JdbcOptions() {
    }

    /** Connection options: URL, user, password. */
    public static List<SourceOption> connection() {
        return List.of(JDBC_URL, USER, PASSWORD_ENV, PASSWORD_FILE);
    }

    /** Filters, {@code only-freshness-and-volume} and the fetch size. */
    public static List<SourceOption> collection() {
        return List.of(INCLUDE_DATABASE, EXCLUDE_DATABASE, INCLUDE_SCHEMA, EXCLUDE_SCHEMA, INCLUDE_TABLE,
                EXCLUDE_TABLE, ONLY_FRESHNESS_AND_VOLUME, FETCH_SIZE);
    }
}
