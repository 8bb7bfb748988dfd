package io.mcpush.lineage;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the query ran against: the default database and schema from the query log (so unqualified
 * names resolve as the warehouse resolved them), and optionally a catalog of known tables and
 * their ordered columns (so {@code *} and unqualified columns can be resolved exactly).
 *
 * <p>Catalog keys are {@code table}, {@code schema.table} or {@code database.schema.table};
 * lookups ignore case. Without a catalog entry, {@code *} and ambiguous unqualified columns give
 * no column lineage rather than a guess.
 *
 * @param defaultDatabase the session's database (project, catalog), or null
 * @param defaultSchema the session's schema (dataset), or null
 * @param catalog known tables and their columns in order; may be empty
 */
public record Context(String defaultDatabase, String defaultSchema, Map<String, List<String>> catalog) {
    private static final Context EMPTY = new Context(null, null, Map.of());

    public Context {
        requireNonNull(catalog, "catalog is null");
        Map<String, List<String>> copy = new LinkedHashMap<>();
        catalog.forEach((k, v) -> copy.put(requireNonNull(k, "catalog key is null"),
                List.copyOf(requireNonNull(v, "catalog columns of " + k + " are null"))));
        catalog = java.util.Collections.unmodifiableMap(copy);
        if (defaultDatabase != null && defaultDatabase.isBlank()) {
            defaultDatabase = null;
        }
        if (defaultSchema != null && defaultSchema.isBlank()) {
            defaultSchema = null;
        }
    }

    /** No defaults, no catalog. */
    public static Context empty() {
        return EMPTY;
    }

    /** Defaults only. */
    public static Context of(String defaultDatabase, String defaultSchema) {
        return new Context(defaultDatabase, defaultSchema, Map.of());
    }

    /** This context with a catalog. */
    public Context withCatalog(Map<String, List<String>> tables) {
        return new Context(defaultDatabase, defaultSchema, tables);
    }

    /** This context with other defaults and the same catalog. */
    public Context withDefaults(String database, String schema) {
        return new Context(database, schema, catalog);
    }

    /** A case-insensitive index of the catalog by every suffix of its keys. */
    Map<String, List<String>> catalogIndex() {
        if (catalog.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> index = new HashMap<>();
        for (Map.Entry<String, List<String>> e : catalog.entrySet()) {
            String key = e.getKey().toLowerCase(Locale.ROOT);
            index.put(key, e.getValue());
            int dot = key.indexOf('.');
            while (dot >= 0) {
                index.putIfAbsent(key.substring(dot + 1), e.getValue());
                dot = key.indexOf('.', dot + 1);
            }
        }
        return index;
    }
}
