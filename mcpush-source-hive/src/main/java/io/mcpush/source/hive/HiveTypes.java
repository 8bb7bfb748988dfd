package io.mcpush.source.hive;

import java.util.Locale;
import java.util.Map;

/**
 * Hive column types as the metastore stores them ({@code COLUMNS_V2.TYPE_NAME}: {@code int},
 * {@code decimal(10,2)}, {@code array<struct<a:int>>}) to the canonical upper-case names Monte
 * Carlo's features work best with (push-api.md §9.2): the base type is mapped, a parameter suffix
 * such as {@code (10,2)} is kept, and a complex type keeps its element types, upper-cased, so
 * {@code array<string>} reads {@code ARRAY<STRING>} rather than losing what it holds. Never null.
 * Stateless.
 */
final class HiveTypes {
    private static final Map<String, String> BASE = Map.ofEntries(
            Map.entry("tinyint", "TINYINT"), Map.entry("smallint", "SMALLINT"), Map.entry("int", "INTEGER"),
            Map.entry("integer", "INTEGER"), Map.entry("bigint", "BIGINT"), Map.entry("float", "FLOAT"),
            Map.entry("double", "DOUBLE"), Map.entry("double precision", "DOUBLE"), Map.entry("decimal", "DECIMAL"),
            Map.entry("numeric", "DECIMAL"), Map.entry("boolean", "BOOLEAN"), Map.entry("string", "VARCHAR"),
            Map.entry("varchar", "VARCHAR"), Map.entry("char", "CHAR"), Map.entry("binary", "BINARY"),
            Map.entry("timestamp", "TIMESTAMP"), Map.entry("timestamp with local time zone", "TIMESTAMP"),
            Map.entry("date", "DATE"), Map.entry("interval_year_month", "INTERVAL"),
            Map.entry("interval_day_time", "INTERVAL"), Map.entry("array", "ARRAY"), Map.entry("map", "MAP"),
            Map.entry("struct", "STRUCT"), Map.entry("uniontype", "UNION"), Map.entry("void", "VOID"));

    private HiveTypes() {
    }

    /** The wire type for a metastore type name; {@code UNKNOWN} when the metastore has none. */
    static String normalise(String hiveType) {
        if (hiveType == null || hiveType.isBlank()) {
            return "UNKNOWN";
        }
        String t = hiveType.strip();
        int cut = t.length();
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '(' || c == '<') {
                cut = i;
                break;
            }
        }
        String base = t.substring(0, cut).strip().toLowerCase(Locale.ROOT);
        String mapped = BASE.get(base);
        String rest = t.substring(cut);
        if (mapped == null) {
            return t.toUpperCase(Locale.ROOT);
        }
        // complex types keep their (upper-cased) element types; simple types their parameters
        return mapped + rest.toUpperCase(Locale.ROOT).replace(" ", "");
    }
}
