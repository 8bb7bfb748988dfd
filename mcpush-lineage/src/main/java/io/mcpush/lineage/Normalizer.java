package io.mcpush.lineage;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dialect syntax the parser does not accept but that means the same for lineage, rewritten to a
 * form it does: {@code MERGE t} → {@code MERGE INTO t}, storage and table options dropped,
 * time-travel clauses dropped. Purely syntactic; statements that still fail go to the token reader.
 */
final class Normalizer {
    private static final Pattern MERGE_WITHOUT_INTO = Pattern.compile("^(\\s*MERGE)\\s+(?!INTO\\b)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern INSERT_OVERWRITE_INTO = Pattern.compile("\\bINSERT\\s+OVERWRITE\\s+INTO\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CREATE_MODIFIERS = Pattern.compile(
            "^(\\s*CREATE\\s+(?:OR\\s+REPLACE\\s+)?)((?:(?:LOCAL|GLOBAL|MULTISET|SET|VOLATILE|TRANSIENT|SECURE|"
                    + "DYNAMIC|ICEBERG|UNLOGGED|EXTERNAL|PRIVATE|LIVE|STREAMING)\\s+)+)(TEMP(?:ORARY)?\\s+)?"
                    + "(TABLE|VIEW)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern DROPPED_CLAUSES = Pattern.compile(
            "\\b(?:WITH\\s+(?:NO\\s+)?DATA(?:\\s+AND\\s+(?:NO\\s+)?STATS)?|ON\\s+COMMIT\\s+(?:PRESERVE|DELETE|DROP)\\s+ROWS"
                    + "|WITH\\s+NO\\s+SCHEMA\\s+BINDING|STORED\\s+AS\\s+\\w+|COPY\\s+GRANTS|NO\\s+PRIMARY\\s+INDEX"
                    + "|USING\\s+(?:DELTA|PARQUET|ORC|CSV|JSON|AVRO|ICEBERG|TEXT)\\b|TARGET_LAG\\s*=\\s*'[^']*'"
                    + "|WAREHOUSE\\s*=\\s*\\w+|LOCATION\\s+'[^']*'|COMMENT\\s*=?\\s*'[^']*'|ROW\\s+FORMAT\\s+DELIMITED"
                    + "(?:\\s+FIELDS\\s+TERMINATED\\s+BY\\s+'[^']*')?|IF\\s+NOT\\s+EXISTS\\s+(?=AS\\b))",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern OPTION_LISTS = Pattern.compile(
            "\\b(?:TBLPROPERTIES|OPTIONS|PARTITIONED\\s+BY|CLUSTERED\\s+BY|CLUSTER\\s+BY|DISTRIBUTED\\s+BY|"
                    + "PARTITION\\s+BY|SORTKEY|DISTKEY|COMPOUND\\s+SORTKEY|PRIMARY\\s+INDEX|AT|BEFORE|CHANGES|"
                    + "SEGMENTED\\s+BY|ORDER\\s+BY)\\s*\\(",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern TEMPORAL = Pattern.compile(
            "\\b(FOR\\s+SYSTEM_TIME\\s+AS\\s+OF\\s+[^\\s,;)]+(?:\\s+[^\\s,;)]+)*?)(?=\\s+(?:AS|WHERE|JOIN|LEFT|INNER|ON|\\w+\\s*,|$))",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern INSERT_OVERWRITE_WITHOUT_TABLE = Pattern.compile(
            "\\bINSERT\\s+OVERWRITE\\s+(?!TABLE\\b|DIRECTORY\\b|LOCAL\\b)", Pattern.CASE_INSENSITIVE);
    private static final Pattern MATCHED_BY = Pattern.compile("\\bNOT\\s+MATCHED\\s+BY\\s+(TARGET|SOURCE)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern TABLE_VARIABLE = Pattern.compile("\\b(FROM|JOIN|INTO|UPDATE)\\s+(@\\w+)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern AFTER_DOT = Pattern.compile("(?<=[A-Za-z0-9_\"`\\]])\\.([A-Za-z_][A-Za-z0-9_$]*)");

    private Normalizer() {
    }

    /**
     * A second rewrite for names the parser takes for keywords ({@code s.final}, {@code x.value}):
     * every name part after a dot is quoted, folded first so that the lineage names do not change.
     */
    static String quoteQualifiedParts(String sql, Dialect dialect) {
        char open = dialect.squareBrackets() ? '[' : dialect.doubleQuotedIdentifiers() ? '"' : '`';
        char close = open == '[' ? ']' : open;
        Matcher m = AFTER_DOT.matcher(sql);
        StringBuilder b = new StringBuilder(sql.length() + 16);
        while (m.find()) {
            m.appendReplacement(b, Matcher.quoteReplacement("." + open + dialect.fold(m.group(1)) + close));
        }
        m.appendTail(b);
        return b.toString();
    }

    /** The rewritten statement, or the same string when nothing applied. */
    static String normalize(String sql, Dialect dialect) {
        String s = sql;
        s = MERGE_WITHOUT_INTO.matcher(s).replaceFirst("$1 INTO ");
        s = INSERT_OVERWRITE_INTO.matcher(s).replaceAll("INSERT OVERWRITE TABLE");
        s = INSERT_OVERWRITE_WITHOUT_TABLE.matcher(s).replaceAll("INSERT OVERWRITE TABLE ");
        s = MATCHED_BY.matcher(s).replaceAll(m -> m.group(1).equalsIgnoreCase("TARGET") ? "NOT MATCHED" : "MATCHED");
        if (dialect.squareBrackets()) {
            s = TABLE_VARIABLE.matcher(s).replaceAll("$1 [$2]");
        }
        Matcher m = CREATE_MODIFIERS.matcher(s);
        if (m.find()) {
            String mods = m.group(2).toUpperCase(java.util.Locale.ROOT);
            boolean temp = m.group(3) != null || mods.contains("VOLATILE") || mods.contains("LOCAL")
                    || mods.contains("GLOBAL");
            s = m.replaceFirst("$1" + (temp ? "TEMPORARY " : "") + "$4");
        }
        s = DROPPED_CLAUSES.matcher(s).replaceAll(" ");
        s = TEMPORAL.matcher(s).replaceAll(" ");
        s = dropOptionLists(s, dialect);
        if (dialect == Dialect.TERADATA) {
            s = s.replaceAll("(?i)^\\s*SEL\\b", "SELECT").replaceAll("(?i)\\bINS\\b(?=\\s+INTO)", "INSERT");
        }
        if (s.matches("(?is)^\\s*CREATE\\s+(?:OR\\s+REPLACE\\s+)?(?:TEMPORARY\\s+)?TABLE\\s+\\S+\\s+AS\\s*\\(.*\\)\\s*$")) {
            // Teradata/DB2: CREATE TABLE t AS (SELECT ...)
            int open = s.indexOf('(', s.toUpperCase(java.util.Locale.ROOT).indexOf(" AS"));
            int close = s.lastIndexOf(')');
            s = s.substring(0, open) + s.substring(open + 1, close);
        }
        return s;
    }

    private static String dropOptionLists(String s, Dialect dialect) {
        int from = 0;
        Matcher m = OPTION_LISTS.matcher(s);
        while (m.find(from)) {
            String keyword = m.group().toUpperCase(java.util.Locale.ROOT);
            boolean queryClause = keyword.startsWith("ORDER") || keyword.startsWith("PARTITION BY")
                    || keyword.startsWith("CLUSTER BY");
            boolean timeTravel = keyword.startsWith("AT") || keyword.startsWith("BEFORE") || keyword.startsWith("CHANGES");
            if (queryClause && !beforeAs(s, m.start()) || timeTravel && dialect != Dialect.SNOWFLAKE) {
                from = m.end();
                continue; // a window, an ordering or a function call: part of the query
            }
            int depth = 1;
            int i = m.end();
            while (i < s.length() && depth > 0) {
                char c = s.charAt(i);
                if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth--;
                } else if (c == '\'') {
                    int close = s.indexOf('\'', i + 1);
                    i = close < 0 ? s.length() - 1 : close;
                }
                i++;
            }
            s = s.substring(0, m.start()) + " " + s.substring(Math.min(i, s.length()));
            m = OPTION_LISTS.matcher(s);
            from = 0; // each pass removes one list, so scanning again from the start terminates
        }
        return s;
    }

    /** Whether a CREATE's options clause sits before the AS of its query (table options, not query syntax). */
    private static boolean beforeAs(String s, int at) {
        String head = s.substring(0, at).toUpperCase(java.util.Locale.ROOT);
        return head.stripLeading().startsWith("CREATE") && !head.matches("(?s).*\\bAS\\s*\\(?\\s*(SELECT|WITH)\\b.*");
    }
}
