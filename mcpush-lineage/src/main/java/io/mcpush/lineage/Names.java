package io.mcpush.lineage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns identifiers as written in SQL into lineage names: strips quotes, folds case for the
 * dialect, qualifies with the context's defaults, and looks tables up in the catalog (the given
 * one and the tables the script itself created). One instance per script; not thread-safe.
 */
final class Names {
    private final Dialect dialect;
    private final Map<String, List<String>> catalog;
    private final Map<String, List<String>> learned = new HashMap<>();
    private String defaultDatabase;
    private String defaultSchema;

    Names(Dialect dialect, Context context, Map<String, List<String>> catalogIndex) {
        this.dialect = dialect;
        this.catalog = catalogIndex;
        this.defaultDatabase = context.defaultDatabase();
        this.defaultSchema = context.defaultSchema();
    }

    Dialect dialect() {
        return dialect;
    }

    /** A {@code USE} statement changed the session's defaults for the statements after it. */
    void use(String database, String schema) {
        if (database != null) {
            defaultDatabase = database;
            if (schema == null) {
                defaultSchema = null;
            }
        }
        if (schema != null) {
            defaultSchema = schema;
        }
    }

    /** Whether a quoted identifier; {@code "x"}, {@code `x`} or {@code [x]}. */
    static boolean isQuoted(String raw) {
        if (raw.length() < 2) {
            return false;
        }
        char c = raw.charAt(0);
        return c == '"' || c == '`' || c == '[';
    }

    /** The name of one identifier as the warehouse sees it. */
    String identifier(String raw) {
        if (isQuoted(raw)) {
            char open = raw.charAt(0);
            String inner = raw.substring(1, raw.length() - 1);
            if (open == '"') {
                return inner.replace("\"\"", "\"");
            }
            return open == '`' ? inner.replace("``", "`") : inner;
        }
        return dialect.fold(raw);
    }

    /** Splits {@code a."b.c".[d]} at the dots outside quotes, keeping each part's quotes. */
    static List<String> splitQualified(String raw) {
        List<String> parts = new ArrayList<>(3);
        int start = 0;
        char quote = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '`') {
                quote = c;
            } else if (c == '[') {
                quote = ']';
            } else if (c == '.') {
                parts.add(raw.substring(start, i).strip());
                start = i + 1;
            }
        }
        parts.add(raw.substring(start).strip());
        return parts;
    }

    /** The identifiers of a possibly qualified name, unquoted and folded; empty parts dropped. */
    List<String> parts(String raw) {
        List<String> out = new ArrayList<>(3);
        for (String p : splitQualified(raw)) {
            if (p.isEmpty()) {
                continue;
            }
            if (p.charAt(0) == '`' && p.indexOf('.') > 0) {
                // BigQuery: `project.dataset.table` in one pair of backticks
                for (String inner : p.substring(1, p.length() - 1).split("\\.")) {
                    if (!inner.isEmpty()) {
                        out.add(inner);
                    }
                }
            } else {
                out.add(identifier(p));
            }
        }
        return out;
    }

    /** A table name from SQL text, qualified with the session's defaults. */
    TableName table(String raw) {
        return table(parts(raw));
    }

    TableName table(List<String> parts) {
        int n = parts.size();
        if (n == 0) {
            return null;
        }
        String name = parts.get(n - 1);
        if (name.startsWith("#") || name.startsWith("@")) {
            return TableName.of(null, null, name);
        }
        if (n == 1) {
            if (defaultSchema == null) {
                return TableName.of(null, null, name);
            }
            return TableName.of(defaultDatabase, defaultSchema, name);
        }
        if (n == 2) {
            return TableName.of(defaultDatabase, parts.get(0), name);
        }
        return TableName.of(parts.get(n - 3), parts.get(n - 2), name);
    }

    /** Whether the name is a session-local table: T-SQL {@code #temp} or a table variable. */
    static boolean isSessionLocal(TableName table) {
        return !table.path() && (table.name().startsWith("#") || table.name().startsWith("@"));
    }

    /** The known columns of a table in order, or null when unknown. */
    List<String> columns(TableName table) {
        if (table.path()) {
            return null;
        }
        String full = table.qualified().toLowerCase(Locale.ROOT);
        List<String> c = learned.get(full);
        if (c == null) {
            c = learned.get(table.name().toLowerCase(Locale.ROOT));
        }
        if (c != null || catalog.isEmpty()) {
            return c;
        }
        c = catalog.get(full);
        if (c == null && table.schema() != null) {
            c = catalog.get((table.schema() + "." + table.name()).toLowerCase(Locale.ROOT));
        }
        if (c == null) {
            c = catalog.get(table.name().toLowerCase(Locale.ROOT));
        }
        return c;
    }

    /** The script created this table with these columns. */
    void learn(TableName table, List<String> columns) {
        learned.put(table.qualified().toLowerCase(Locale.ROOT), List.copyOf(columns));
        if (isSessionLocal(table)) {
            learned.put(table.name().toLowerCase(Locale.ROOT), List.copyOf(columns));
        }
    }
}
