package io.mcpush.sdk.graphql;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A placeholder {@link QueryTableExtractor}: the name after {@code INSERT INTO}, {@code MERGE INTO},
 * {@code UPDATE}, {@code DELETE FROM}, {@code CREATE [OR REPLACE] TABLE|VIEW [IF NOT EXISTS]} or
 * {@code INTO} is written; the name after {@code FROM} or {@code JOIN} (or {@code USING}) is read.
 * Quotes ({@code "x"}, {@code `x`}, {@code [x]}) are stripped. Comments and string literals are
 * removed first. It does not understand CTE names (they are dropped when a {@code WITH name AS}
 * defines them), subqueries are simply scanned, and it misses table functions and comma joins
 * past the first table. Replace it with the SQL lineage engine ({@code mcpush-lineage}) once that
 * lands. Stateless and thread-safe.
 */
final class KeywordQueryTableExtractor implements QueryTableExtractor {
    static final KeywordQueryTableExtractor INSTANCE = new KeywordQueryTableExtractor();

    private static final String NAME = "((?:\"[^\"]+\"|`[^`]+`|\\[[^\\]]+\\]|[A-Za-z_][\\w$]*)"
            + "(?:\\s*\\.\\s*(?:\"[^\"]+\"|`[^`]+`|\\[[^\\]]+\\]|[A-Za-z_][\\w$]*)){0,2})";
    private static final Pattern WRITE = Pattern.compile("(?i)\\b(?:insert\\s+(?:overwrite\\s+)?(?:into\\s+)?(?:table\\s+)?"
            + "|merge\\s+into\\s+|update\\s+|delete\\s+from\\s+|create\\s+(?:or\\s+replace\\s+)?(?:temporary\\s+|temp\\s+"
            + "|transient\\s+)?(?:table|view|materialized\\s+view)\\s+(?:if\\s+not\\s+exists\\s+)?)" + NAME);
    private static final Pattern READ = Pattern.compile("(?i)(?<!\\bdelete\\s{1,20})\\b(?:from|join|using)\\s+" + NAME);
    private static final Pattern CTE = Pattern.compile("(?i)(?:\\bwith|,)\\s*([A-Za-z_][\\w$]*)\\s+as\\s*\\(");
    private static final Set<String> NOT_TABLES = Set.of("select", "lateral", "unnest", "table", "values", "only", "set");

    private KeywordQueryTableExtractor() {
    }

    @Override
    public TableNames tables(String sql) {
        if (sql == null || sql.isBlank()) {
            return new TableNames(List.of(), List.of());
        }
        String text = sql.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("--[^\\n]*", " ")
                .replaceAll("'(?:[^']|'')*'", "''");
        Set<String> ctes = new LinkedHashSet<>();
        Matcher c = CTE.matcher(text);
        while (c.find()) {
            ctes.add(c.group(1).toLowerCase(Locale.ROOT));
        }
        Set<String> writes = collect(WRITE, text, ctes);
        Set<String> reads = collect(READ, text, ctes);
        return new TableNames(new ArrayList<>(reads), new ArrayList<>(writes));
    }

    private static Set<String> collect(Pattern p, String text, Set<String> ctes) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            String name = normalise(m.group(1));
            if (NOT_TABLES.contains(name.toLowerCase(Locale.ROOT)) || ctes.contains(name.toLowerCase(Locale.ROOT))) {
                continue;
            }
            out.add(name);
        }
        return out;
    }

    private static String normalise(String name) {
        return name.replaceAll("\\s*\\.\\s*", ".").replaceAll("[\"`\\[\\]]", "");
    }
}
