package io.mcpush.source.jdbc;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.List;

/**
 * A catalog query and its bind parameters: every literal (database, schema, table names) is a
 * parameter, never text pasted into the SQL. Immutable.
 */
public record CatalogQuery(String sql, List<Object> parameters) {
    public CatalogQuery {
        requireNonNull(sql, "sql is null");
        parameters = List.copyOf(parameters);
    }

    public static CatalogQuery of(String sql, Object... parameters) {
        return new CatalogQuery(sql, Arrays.asList(parameters));
    }
}
