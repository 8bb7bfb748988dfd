package io.mcpush.source.jdbc;

import static java.util.Objects.requireNonNull;

import io.mcpush.sdk.TableTypes;
import java.util.Locale;
import java.util.Set;

/**
 * What differs between SQL dialects for collection: the identifier quote character, the
 * warehouse family for {@link TableTypes} and the schemas that hold the system catalog.
 * Immutable.
 */
public record Dialect(String name, char quote, TableTypes.Warehouse warehouse, Set<String> systemSchemas) {
    /** Double quotes, PostgreSQL's catalog schemas. */
    public static final Dialect POSTGRES = new Dialect("postgres", '"', TableTypes.Warehouse.POSTGRES,
            Set.of("information_schema", "pg_catalog", "pg_toast"));
    /** Double quotes, DuckDB's catalog schemas. */
    public static final Dialect DUCKDB = new Dialect("duckdb", '"', TableTypes.Warehouse.DUCKDB,
            Set.of("information_schema", "pg_catalog"));
    /** Backticks, MySQL/MariaDB's system databases. */
    public static final Dialect MYSQL = new Dialect("mysql", '`', TableTypes.Warehouse.MYSQL,
            Set.of("information_schema", "mysql", "performance_schema", "sys"));
    /** Double quotes; unquoted names fold to upper case (INFORMATION_SCHEMA is each database's catalog). */
    public static final Dialect SNOWFLAKE = new Dialect("snowflake", '"', TableTypes.Warehouse.SNOWFLAKE,
            Set.of("information_schema"));

    public Dialect {
        requireNonNull(name, "name is null");
        requireNonNull(warehouse, "warehouse is null");
        systemSchemas = Set.copyOf(systemSchemas);
    }

    /**
     * {@code identifier} as a quoted identifier: any name, including one with quotes, spaces,
     * dots, reserved words or mixed case, refers exactly to itself. Embedded quote characters are
     * doubled, the only escape every one of these dialects shares.
     */
    public String quote(String identifier) {
        requireNonNull(identifier, "identifier is null");
        if (identifier.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("an identifier cannot contain NUL");
        }
        String q = String.valueOf(quote);
        return q + identifier.replace(q, q + q) + q;
    }

    /** Quoted parts joined by dots: {@code "db"."schema"."table"}. */
    public String qualified(String... parts) {
        StringBuilder sb = new StringBuilder();
        for (String p : parts) {
            if (sb.length() > 0) {
                sb.append('.');
            }
            sb.append(quote(p));
        }
        return sb.toString();
    }

    public boolean isSystemSchema(String schema) {
        return systemSchemas.contains(schema.toLowerCase(Locale.ROOT));
    }

    /** {@code TABLE} or {@code VIEW} for the database's own type name. */
    public String tableType(String nativeType) {
        return TableTypes.normalise(warehouse, nativeType);
    }
}
