package io.mcpush.lineage;

import static java.util.Objects.requireNonNull;

import io.mcpush.sdk.graphql.QueryTableExtractor;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The tables a pushed query reads and writes, as the SQL lineage engine sees them: CTE names,
 * subquery aliases and column names are never taken for tables, comma joins and table references
 * inside subqueries are found, and temporary tables created and consumed within one script are
 * collapsed. Names are dotted ({@code DB.SCHEMA.TABLE}) as far as the SQL qualifies them, unquoted
 * and folded as the dialect folds unquoted names (Snowflake to upper case, PostgreSQL to lower
 * case, others as written); storage paths (COPY, UNLOAD) are left out.
 *
 * <p>Used by the emulator's aggregated queries and by {@code mcpush validate query-logs}.
 * Immutable and thread-safe; never throws on any SQL text (what cannot be read gives no names).
 */
public final class LineageQueryTableExtractor implements QueryTableExtractor {
    private static final Map<Dialect, LineageQueryTableExtractor> BY_DIALECT = new EnumMap<>(Dialect.class);

    static {
        for (Dialect d : Dialect.values()) {
            BY_DIALECT.put(d, new LineageQueryTableExtractor(d));
        }
    }

    private final Dialect dialect;

    private LineageQueryTableExtractor(Dialect dialect) {
        this.dialect = dialect;
    }

    /** The extractor reading SQL as {@code dialect} does. */
    public static LineageQueryTableExtractor of(Dialect dialect) {
        return BY_DIALECT.get(requireNonNull(dialect, "dialect is null"));
    }

    /** The extractor for query logs pushed with {@code logType} (see {@link #dialectForLogType}). */
    public static LineageQueryTableExtractor forLogType(String logType) {
        return of(dialectForLogType(logType));
    }

    /**
     * The dialect of a query-log {@code log_type}: {@code hive-s3} is Hive, {@code presto-s3} is
     * Trino, the Databricks variants are Databricks, any other known dialect name is that dialect,
     * and the rest (ClickHouse, {@code s3}, null, unknown) is read with generic rules.
     */
    public static Dialect dialectForLogType(String logType) {
        if (logType == null || logType.isBlank()) {
            return Dialect.ANSI;
        }
        String t = logType.strip().toLowerCase(Locale.ROOT);
        if (t.startsWith("databricks")) {
            return Dialect.DATABRICKS;
        }
        switch (t) {
            case "hive-s3":
                return Dialect.HIVE;
            case "presto-s3":
                return Dialect.TRINO;
            default:
                break;
        }
        try {
            return Dialect.of(t);
        } catch (IllegalArgumentException unknown) {
            return Dialect.ANSI;
        }
    }

    public Dialect dialect() {
        return dialect;
    }

    @Override
    public TableNames tables(String sql) {
        if (sql == null || sql.isBlank()) {
            return new TableNames(List.of(), List.of());
        }
        LineageResult r;
        try {
            r = SqlLineage.analyzeTables(sql, dialect, Context.empty());
        } catch (RuntimeException | StackOverflowError e) {
            return new TableNames(List.of(), List.of()); // the engine promises not to; a query log must not stop on it
        }
        return new TableNames(names(r.sources()), names(r.targets()));
    }

    private static List<String> names(List<TableName> tables) {
        Set<String> out = new LinkedHashSet<>();
        for (TableName t : tables) {
            if (!t.path()) {
                out.add(t.qualified());
            }
        }
        return new ArrayList<>(out);
    }

    @Override
    public String toString() {
        return "LineageQueryTableExtractor[" + dialect.displayName() + "]";
    }
}
