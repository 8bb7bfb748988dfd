package io.mcpush.source.snowflake;

import static java.util.Objects.requireNonNull;

/**
 * Where the Snowflake system views live. In Snowflake these are fixed ({@link #SNOWFLAKE}); the
 * indirection exists so that tests can point the unchanged SQL at a local twin whose engine
 * (DuckDB) reserves the name {@code INFORMATION_SCHEMA} and has no {@code SHOW DATABASES} with
 * Snowflake's columns. Everything else in the statements is the same text. Immutable.
 *
 * @param informationSchema the per-database schema holding TABLES, COLUMNS, VIEWS and SCHEMATA
 * @param accountUsageDatabase the shared database holding ACCOUNT_USAGE ({@code SNOWFLAKE})
 * @param accountUsageSchema {@code ACCOUNT_USAGE}
 * @param showDatabases the statement listing the databases, with a result column {@code name}
 */
public record SnowflakeCatalog(String informationSchema, String accountUsageDatabase, String accountUsageSchema,
        String showDatabases) {
    /** Snowflake's own names. */
    public static final SnowflakeCatalog SNOWFLAKE = new SnowflakeCatalog("INFORMATION_SCHEMA", "SNOWFLAKE",
            "ACCOUNT_USAGE", "SHOW DATABASES");

    public SnowflakeCatalog {
        requireNonNull(informationSchema, "informationSchema is null");
        requireNonNull(accountUsageDatabase, "accountUsageDatabase is null");
        requireNonNull(accountUsageSchema, "accountUsageSchema is null");
        requireNonNull(showDatabases, "showDatabases is null");
    }

    /** {@code "db"."INFORMATION_SCHEMA"."view"}, every part quoted. */
    String informationSchema(String database, String view) {
        return SnowflakeSource.DIALECT.qualified(database, informationSchema, view);
    }

    /** {@code "SNOWFLAKE"."ACCOUNT_USAGE"."view"}, every part quoted. */
    String accountUsage(String view) {
        return SnowflakeSource.DIALECT.qualified(accountUsageDatabase, accountUsageSchema, view);
    }
}
