package io.mcpush.source.hive;

import io.mcpush.sdk.TableTypes;
import io.mcpush.source.jdbc.Dialect;
import java.util.Set;

/**
 * The database a Hive metastore keeps its schema in, which decides how the metastore's
 * upper-case table and column names are quoted ({@code "TBLS"} in PostgreSQL, where unquoted names
 * would fold to lower case; {@code `TBLS`} in MySQL/MariaDB) and how a text parameter becomes a
 * number and an epoch a timestamp. Immutable.
 */
enum MetastoreBackend {
    /** PostgreSQL: {@code jdbc:postgresql://HOST:PORT/metastore}. */
    POSTGRES("jdbc:postgresql:", '"'),
    /**
     * MySQL 8+ or MariaDB 10.2+ (common table expressions): {@code jdbc:mariadb://HOST:PORT/metastore};
     * {@code jdbc:mysql://} URLs are connected with the same driver (MariaDB Connector/J speaks to MySQL).
     */
    MYSQL("jdbc:mysql:", '`');

    /**
     * Hive databases that describe the metastore itself (Hive 3's {@code sys} and
     * {@code information_schema}, created by {@code schematool -dbType hive}), not data.
     */
    static boolean isSystemDatabase(String name) {
        return POSTGRES.dialect.isSystemSchema(name);
    }

    private final String urlPrefix;
    private final Dialect dialect;

    MetastoreBackend(String urlPrefix, char quote) {
        this.urlPrefix = urlPrefix;
        // table types are Hive's (VIRTUAL_VIEW, MATERIALIZED_VIEW, MANAGED_TABLE...), whatever the backing database
        this.dialect = new Dialect("hive-metastore-" + name().toLowerCase(java.util.Locale.ROOT), quote,
                TableTypes.Warehouse.HIVE, Set.of("sys", "information_schema"));
    }

    /** The backend a JDBC URL names, or null when it names none of them. */
    static MetastoreBackend forUrl(String url) {
        if (url.startsWith(POSTGRES.urlPrefix)) {
            return POSTGRES;
        }
        if (url.startsWith(MYSQL.urlPrefix) || url.startsWith("jdbc:mariadb:")) {
            return MYSQL;
        }
        return null;
    }

    Dialect dialect() {
        return dialect;
    }

    /** {@code "NAME"} or {@code `NAME`}. */
    String q(String identifier) {
        return dialect.quote(identifier);
    }

    /** {@code alias."COLUMN"}. */
    String q(String alias, String column) {
        return alias + "." + dialect.quote(column);
    }

    /**
     * A metastore parameter value (text) as a BIGINT, null unless it is an integer of at most 18
     * digits: parameters are free text, and a bad one must not fail the whole database's query.
     */
    String number(String textExpression) {
        // the expression (a subquery) appears once: no second evaluation
        return switch (this) {
            case POSTGRES -> "CAST(SUBSTRING(" + textExpression + " FROM '^-?[0-9]{1,18}$') AS BIGINT)";
            // MariaDB's REGEXP_SUBSTR gives '' where MySQL gives NULL when nothing matches
            case MYSQL -> "CAST(NULLIF(REGEXP_SUBSTR(" + textExpression + ", '^-?[0-9]{1,18}$'), '') AS SIGNED)";
        };
    }

    /** A text bind parameter as a SELECT column (PostgreSQL wants its type). */
    String textParameter() {
        return this == POSTGRES ? "CAST(? AS VARCHAR(256))" : "?";
    }

    /** Epoch seconds as a timestamp without time zone in UTC, independent of the session's zone. */
    String epochToUtc(String secondsExpression) {
        return switch (this) {
            case POSTGRES -> "(TIMESTAMP '1970-01-01 00:00:00' + " + secondsExpression + " * INTERVAL '1 second')";
            case MYSQL -> "TIMESTAMPADD(SECOND, " + secondsExpression + ", TIMESTAMP '1970-01-01 00:00:00')";
        };
    }
}
