package io.mcpush.source.redshift;

import java.util.Locale;
import java.util.Map;

/**
 * Redshift column types as Monte Carlo's canonical upper-case names: {@code character varying(256)}
 * becomes {@code VARCHAR(256)}, {@code numeric(12,2)} {@code DECIMAL(12,2)}, {@code timestamp
 * without time zone} {@code TIMESTAMP}. The length or precision suffix is kept; a type not in the
 * table (external-table types, future types) is sent upper-cased as Redshift reports it. Stateless.
 */
final class RedshiftTypes {
    private static final Map<String, String> CANONICAL = Map.ofEntries(
            Map.entry("smallint", "SMALLINT"), Map.entry("int2", "SMALLINT"),
            Map.entry("integer", "INTEGER"), Map.entry("int", "INTEGER"), Map.entry("int4", "INTEGER"),
            Map.entry("bigint", "BIGINT"), Map.entry("int8", "BIGINT"),
            Map.entry("numeric", "DECIMAL"), Map.entry("decimal", "DECIMAL"),
            Map.entry("real", "FLOAT"), Map.entry("float4", "FLOAT"),
            Map.entry("double precision", "DOUBLE"), Map.entry("float8", "DOUBLE"), Map.entry("float", "DOUBLE"),
            Map.entry("double", "DOUBLE"),
            Map.entry("boolean", "BOOLEAN"), Map.entry("bool", "BOOLEAN"),
            Map.entry("character varying", "VARCHAR"), Map.entry("varchar", "VARCHAR"),
            Map.entry("nvarchar", "VARCHAR"), Map.entry("text", "VARCHAR"), Map.entry("string", "VARCHAR"),
            Map.entry("character", "CHAR"), Map.entry("char", "CHAR"), Map.entry("nchar", "CHAR"),
            Map.entry("bpchar", "CHAR"),
            Map.entry("date", "DATE"),
            Map.entry("timestamp without time zone", "TIMESTAMP"), Map.entry("timestamp", "TIMESTAMP"),
            Map.entry("timestamp with time zone", "TIMESTAMPTZ"), Map.entry("timestamptz", "TIMESTAMPTZ"),
            Map.entry("time without time zone", "TIME"), Map.entry("time", "TIME"),
            Map.entry("time with time zone", "TIMETZ"), Map.entry("timetz", "TIMETZ"),
            Map.entry("binary varying", "VARBYTE"), Map.entry("varbyte", "VARBYTE"), Map.entry("varbinary", "VARBYTE"),
            Map.entry("super", "SUPER"));

    private RedshiftTypes() {
    }

    /** The canonical name of a Redshift type with its suffix; {@code UNKNOWN} for null or blank. */
    static String normalise(String nativeType) {
        if (nativeType == null || nativeType.isBlank()) {
            return "UNKNOWN";
        }
        String t = nativeType.strip();
        int paren = t.indexOf('(');
        String base = (paren < 0 ? t : t.substring(0, paren)).strip().toLowerCase(Locale.ROOT)
                .replaceAll("\\s+", " ");
        String suffix = paren < 0 ? "" : t.substring(paren).replaceAll("\\s+", "");
        String canonical = CANONICAL.get(base);
        return (canonical != null ? canonical : base.toUpperCase(Locale.ROOT)) + suffix;
    }
}
