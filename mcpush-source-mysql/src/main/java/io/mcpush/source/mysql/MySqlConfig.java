package io.mcpush.source.mysql;

import static java.util.Objects.requireNonNull;

import io.mcpush.source.SourceConfigException;
import io.mcpush.source.SourceOptions;
import io.mcpush.source.jdbc.JdbcConfig;
import io.mcpush.source.jdbc.JdbcOptions;

/**
 * A MySQL/MariaDB source's settings: the shared JDBC settings (URL {@code jdbc:mysql://host:port[/db]}
 * or {@code jdbc:mariadb://host:port[/db]}, both opened with the MariaDB driver) and the name under
 * which the server's databases are pushed as Monte Carlo's {@code database}. Immutable.
 *
 * <p>Names: MySQL has two levels (database.table) where Monte Carlo has three
 * (database:schema.table). A MySQL database is a schema ({@code information_schema} calls it
 * {@code TABLE_SCHEMA}), so Monte Carlo's {@code schema} is the MySQL database and Monte Carlo's
 * {@code database} is one label for the whole server, {@code def} by default — the
 * {@code TABLE_CATALOG} every MySQL and MariaDB server reports. Metadata, lineage and query logs all
 * use this mapping, so a query's {@code db.table} lands on {@code def:db.table}.
 */
public record MySqlConfig(JdbcConfig jdbc, String databaseName) {
    static final String MYSQL_PREFIX = "jdbc:mysql:";
    static final String MARIADB_PREFIX = "jdbc:mariadb:";
    /** information_schema's TABLE_CATALOG on every MySQL and MariaDB server. */
    static final String DEFAULT_DATABASE_NAME = "def";

    public MySqlConfig {
        requireNonNull(jdbc, "jdbc is null");
        requireNonNull(databaseName, "databaseName is null");
    }

    public static MySqlConfig from(SourceOptions o) {
        String url = o.required(JdbcOptions.JDBC_URL.name());
        String name = o.get(MySqlSourceFactory.DATABASE_NAME.name(), DEFAULT_DATABASE_NAME);
        JdbcConfig jdbc = JdbcConfig.from(o, driverUrl(url));
        return new MySqlConfig(jdbc, name);
    }

    /**
     * The URL the MariaDB driver accepts: {@code jdbc:mariadb:} as given; {@code jdbc:mysql:} with
     * {@code permitMysqlScheme} added (the driver refuses that scheme without it, so that it does not
     * take URLs meant for MySQL's own driver).
     */
    static String driverUrl(String url) {
        if (url.startsWith(MARIADB_PREFIX)) {
            return url;
        }
        if (!url.startsWith(MYSQL_PREFIX)) {
            throw new SourceConfigException(JdbcOptions.JDBC_URL.name(), "source mysql needs a URL starting with "
                    + MYSQL_PREFIX + "//HOST:PORT[/DATABASE] or " + MARIADB_PREFIX + "//HOST:PORT[/DATABASE], not '"
                    + url.replaceAll("[?;].*", "") + "'");
        }
        if (url.contains("permitMysqlScheme")) {
            return url;
        }
        return url + (url.indexOf('?') >= 0 ? "&" : "?") + "permitMysqlScheme";
    }
}
