package io.mcpush.source.jdbc;

import io.mcpush.source.SourceOptions;
import java.util.regex.Pattern;

/**
 * Include/exclude regular expressions on database, schema and table names; each must match the
 * whole name, case-sensitively (use {@code (?i)} for case-insensitive). A null pattern does not
 * restrict. Exclusion wins over inclusion. Immutable.
 */
public record NameFilter(Pattern includeDatabase, Pattern excludeDatabase, Pattern includeSchema,
        Pattern excludeSchema, Pattern includeTable, Pattern excludeTable) {
    public static final NameFilter ALL = new NameFilter(null, null, null, null, null, null);

    public static NameFilter from(SourceOptions o) {
        return new NameFilter(o.pattern(JdbcOptions.INCLUDE_DATABASE.name()),
                o.pattern(JdbcOptions.EXCLUDE_DATABASE.name()), o.pattern(JdbcOptions.INCLUDE_SCHEMA.name()),
                o.pattern(JdbcOptions.EXCLUDE_SCHEMA.name()), o.pattern(JdbcOptions.INCLUDE_TABLE.name()),
                o.pattern(JdbcOptions.EXCLUDE_TABLE.name()));
    }

    public boolean database(String name) {
        return allows(includeDatabase, excludeDatabase, name);
    }

    public boolean schema(String name) {
        return allows(includeSchema, excludeSchema, name);
    }

    public boolean table(String name) {
        return allows(includeTable, excludeTable, name);
    }

    private static boolean allows(Pattern include, Pattern exclude, String name) {
        if (exclude != null && exclude.matcher(name).matches()) {
            return false;
        }
        return include == null || include.matcher(name).matches();
    }
}
