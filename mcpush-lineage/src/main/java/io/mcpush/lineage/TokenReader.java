package io.mcpush.lineage;

import io.mcpush.lineage.SqlLexer.Token;
import io.mcpush.lineage.SqlLexer.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Token-level readings: statements with no lineage, COPY/UNLOAD/LOAD/EXPORT with their paths, and
 * the tolerant fallback for statements the parser rejects (targets after INSERT/CREATE/UPDATE/MERGE/INTO,
 * sources after FROM/JOIN/USING, CTE names excluded). Table lineage only.
 */
final class TokenReader {
    /** Statement kinds that never carry lineage. */
    static final Set<String> NO_LINEAGE = Set.of("DROP", "TRUNCATE", "ALTER", "GRANT", "REVOKE", "SET", "USE", "SHOW",
            "DESCRIBE", "DESC", "EXPLAIN", "COMMIT", "ROLLBACK", "START", "DECLARE", "CALL", "EXEC", "EXECUTE",
            "ANALYZE", "VACUUM", "COMMENT", "LIST", "LS", "PUT", "GET", "REMOVE", "RM", "UNDROP", "END", "PRINT",
            "RETURN", "OPTIMIZE", "REFRESH", "MSCK", "CACHE", "UNCACHE", "LOCK", "UNLOCK", "RESET", "SAVEPOINT",
            "RELEASE", "ABORT", "CHECKPOINT", "REINDEX", "CLUSTER", "DISCARD", "LISTEN", "NOTIFY", "PREPARE",
            "DEALLOCATE", "RAISE", "OPEN", "CLOSE", "FETCH", "RENAME", "KILL", "WAITFOR", "IF", "ELSE", "ELSIF",
            "ELSEIF", "LOOP", "WHILE", "FOR", "LEAVE", "ITERATE", "CONTINUE", "BREAK", "EXCEPTION", "RAISERROR",
            "THROW", "DBCC", "BACKUP", "RESTORE", "ADD", "CONNECT", "SYNC", "INVALIDATE", "COMPUTE", "COLLECT",
            "HELP", "ECHO", "VALUES", "PRAGMA", "INSTALL", "LOAD_EXTENSION", "ATTACH", "DETACH",
            "EXPORT_DATABASE", "BEGIN");

    /** Object kinds whose CREATE carries no lineage. */
    private static final Set<String> NO_LINEAGE_OBJECTS = Set.of("STAGE", "WAREHOUSE", "ROLE", "USER", "DATABASE",
            "SCHEMA", "SEQUENCE", "INDEX", "FILE", "FORMAT", "INTEGRATION", "NETWORK", "RESOURCE", "SHARE", "TAG",
            "MASKING", "ROW", "POLICY", "TYPE", "EXTENSION", "TRIGGER", "SYNONYM", "NOTIFICATION", "SECRET",
            "CONNECTION", "ALERT", "FUNCTION", "PROCEDURE", "PROC", "MACRO", "CATALOG", "SERVER", "DOMAIN",
            "EXTERNAL", "UNIQUE", "CLUSTERED", "NONCLUSTERED", "BITMAP", "LOGIN", "GROUP", "TABLESPACE");

    private static final Set<String> FUNCTION_FROM = Set.of("EXTRACT", "TRIM", "SUBSTRING", "SUBSTR", "POSITION",
            "OVERLAY", "DATE_PART", "CAST", "TRY_CAST");

    private static final Set<String> NOT_NAMES = Set.of("SELECT", "LATERAL", "UNNEST", "TABLE", "VALUES", "WITH",
            "WHERE", "ON", "AS", "JOIN", "LEFT", "RIGHT", "INNER", "OUTER", "FULL", "CROSS", "GROUP", "ORDER", "UNION",
            "DUAL", "FLATTEN", "GENERATE_SERIES", "OPENJSON", "STDIN", "STDOUT", "SET", "INTO", "OVERWRITE", "AND",
            "OR", "NOT", "EXISTS", "CASE", "WHEN", "NATURAL", "IF", "THEN", "ALL", "FIRST", "BY", "LIMIT", "HAVING",
            "QUALIFY", "WINDOW", "EXCEPT", "INTERSECT", "MINUS", "INPUT", "ONLY");

    private final Names names;
    private final List<Token> tokens;
    private final String sql;

    TokenReader(Names names, String sql, List<Token> tokens) {
        this.names = names;
        this.sql = sql;
        this.tokens = tokens;
    }

    private Token at(int i) {
        return i < tokens.size() ? tokens.get(i) : null;
    }

    private boolean is(int i, String word) {
        Token t = at(i);
        return t != null && t.is(word);
    }

    /** The first keyword, upper case, or empty. */
    String firstWord() {
        Token t = at(0);
        return t == null || t.type() != Type.WORD ? "" : t.upper();
    }

    /** Whether the statement cannot carry lineage whatever its details. */
    boolean isNoLineage() {
        String first = firstWord();
        if (first.equals("BEGIN")) {
            Token next = at(1);
            return next == null || next.is("TRANSACTION") || next.is("TRAN") || next.is("WORK")
                    || next.isPunct(';');
        }
        if (NO_LINEAGE.contains(first)) {
            return true;
        }
        if (first.equals("CREATE")) {
            int i = skipCreateModifiers(1);
            Token t = at(i);
            return t != null && NO_LINEAGE_OBJECTS.contains(t.upper());
        }
        return false;
    }

    private int skipCreateModifiers(int i) {
        while (i < tokens.size()) {
            Token t = tokens.get(i);
            if (t.is("OR") || t.is("REPLACE") || t.is("ALTER") || t.is("TEMP") || t.is("TEMPORARY")
                    || t.is("TRANSIENT") || t.is("VOLATILE") || t.is("SECURE") || t.is("GLOBAL") || t.is("LOCAL")
                    || t.is("MULTISET") || t.is("RECURSIVE") || t.is("MATERIALIZED") || t.is("FORCE")
                    || t.is("DYNAMIC") || t.is("HYBRID") || t.is("ICEBERG") || t.is("UNLOGGED") || t.is("SET")
                    || t.is("PRIVATE") || t.is("LIVE") || t.is("STREAMING") || t.is("DEFINER") || t.is("ALGORITHM")
                    || t.is("EDITIONABLE") || t.is("NONEDITIONABLE")) {
                i++;
            } else {
                break;
            }
        }
        return i;
    }

    // ------------------------------------------------------------------ names

    /** A possibly qualified name starting at token i: parts joined by dots. Returns the end index. */
    private int nameEnd(int i) {
        Token t = at(i);
        if (t == null || !(t.type() == Type.WORD || t.type() == Type.QUOTED)) {
            return i;
        }
        int j = i + 1;
        while (at(j) != null && at(j).isPunct('.') && at(j + 1) != null
                && (at(j + 1).type() == Type.WORD || at(j + 1).type() == Type.QUOTED)) {
            j += 2;
        }
        // T-SQL db..table
        while (at(j) != null && at(j).isPunct('.') && at(j + 1) != null && at(j + 1).isPunct('.')
                && at(j + 2) != null && at(j + 2).type() == Type.WORD) {
            j += 3;
        }
        return j;
    }

    private String text(int from, int to) {
        return sql.substring(tokens.get(from).start(), tokens.get(to - 1).end());
    }

    private TableName tableAt(int i) {
        int end = nameEnd(i);
        if (end == i || NOT_NAMES.contains(at(i).upper()) && at(i).type() == Type.WORD && end == i + 1) {
            return null;
        }
        if (at(end) != null && at(end).isPunct('(') && end == i + 1 && at(i).type() == Type.WORD
                && !at(i).is("IDENTIFIER")) {
            return null; // a table function call
        }
        return names.table(text(i, end));
    }

    private static String unquoteString(String s) {
        if (s.startsWith("$")) {
            int tag = s.indexOf('$', 1);
            if (tag > 0 && s.length() >= 2 * (tag + 1)) {
                return s.substring(tag + 1, s.length() - tag - 1);
            }
            return s;
        }
        if (s.length() >= 2 && (s.charAt(0) == '\'' || s.charAt(0) == '"')) {
            char q = s.charAt(0);
            return s.substring(1, s.length() - 1).replace(String.valueOf(q) + q, String.valueOf(q));
        }
        return s;
    }

    /** A path endpoint: a quoted location or a stage reference. */
    private TableName pathAt(int i) {
        Token t = at(i);
        if (t == null) {
            return null;
        }
        if (t.type() == Type.STRING && !t.text().startsWith("$")) {
            String p = unquoteString(t.text());
            return p.isBlank() ? null : TableName.ofPath(p);
        }
        if (t.type() == Type.VARIABLE && t.text().startsWith("@")) {
            return TableName.ofPath(t.text());
        }
        return null;
    }

    // ------------------------------------------------------------------ special statements

    /**
     * COPY, UNLOAD, LOAD DATA, EXPORT DATA, INSERT OVERWRITE DIRECTORY and CREATE ... CLONE, which
     * the parser does not know; null when the statement is none of them. {@code inner} analyses a
     * query embedded in the statement.
     */
    StatementLineage special(java.util.function.Function<String, StatementLineage> inner) {
        String first = firstWord();
        StatementLineage out = new StatementLineage();
        switch (first) {
            case "COPY": {
                int i = 1;
                if (is(i, "INTO")) {
                    i++; // Snowflake COPY INTO target FROM source
                    TableName target = pathAt(i);
                    int after = i + 1;
                    if (target == null) {
                        after = nameEnd(i);
                        target = after == i ? null : names.table(text(i, after));
                    }
                    int from = find(after, "FROM");
                    if (target == null || from < 0) {
                        return null;
                    }
                    out.targets.add(target);
                    readSource(from + 1, out, inner);
                    return out;
                }
                if (at(i) != null && at(i).isPunct('(')) {
                    int close = matching(i);
                    StatementLineage q = inner.apply(text(i + 1, close));
                    out.sources.addAll(q.sources);
                    int to = find(close, "TO");
                    TableName path = to < 0 ? null : pathAt(to + 1);
                    if (path != null) {
                        out.targets.add(path);
                    }
                    return out;
                }
                int end = nameEnd(i);
                if (end == i) {
                    return null;
                }
                TableName table = names.table(text(i, end));
                if (at(end) != null && at(end).isPunct('(')) {
                    end = matching(end) + 1;
                }
                if (is(end, "FROM")) {
                    out.targets.add(table);
                    TableName path = pathAt(end + 1);
                    if (path != null) {
                        out.sources.add(path);
                    }
                } else if (is(end, "TO")) {
                    out.sources.add(table);
                    TableName path = pathAt(end + 1);
                    if (path != null) {
                        out.targets.add(path);
                    }
                } else {
                    return null;
                }
                return out;
            }
            case "UNLOAD": {
                if (at(1) == null || !at(1).isPunct('(') || at(2) == null || at(2).type() != Type.STRING) {
                    return null;
                }
                StatementLineage q = inner.apply(unquoteString(at(2).text()));
                out.sources.addAll(q.sources);
                int to = find(3, "TO");
                TableName path = to < 0 ? null : pathAt(to + 1);
                if (path != null) {
                    out.targets.add(path);
                }
                return out;
            }
            case "EXPORT": {
                if (!is(1, "DATA")) {
                    return null;
                }
                int uri = find(2, "URI");
                if (uri >= 0 && at(uri + 1) != null && at(uri + 1).isPunct('=')) {
                    TableName path = pathAt(uri + 2);
                    if (path != null) {
                        out.targets.add(path);
                    }
                }
                int as = find(2, "AS");
                if (as >= 0 && as + 1 < tokens.size()) {
                    out.sources.addAll(inner.apply(sql.substring(at(as + 1).start())).sources);
                }
                return out;
            }
            case "LOAD": {
                if (!is(1, "DATA")) {
                    return null;
                }
                int into = find(2, "INTO");
                if (into < 0 && is(2, "OVERWRITE")) {
                    into = 2; // BigQuery LOAD DATA OVERWRITE table
                }
                if (into < 0) {
                    return null;
                }
                int t = is(into + 1, "TABLE") ? into + 2 : into + 1;
                TableName target = tableAt(t);
                if (target == null) {
                    return null;
                }
                out.targets.add(target);
                boolean inUris = false;
                for (int i = 2; i < tokens.size(); i++) {
                    Token tok = tokens.get(i);
                    if (tok.is("URIS")) {
                        inUris = true;
                    } else if (tok.isPunct(']')) {
                        inUris = false;
                    }
                    if (tok.type() == Type.STRING && (i < into && (is(i - 1, "INFILE") || is(i - 1, "INPATH")) || inUris)) {
                        TableName path = pathAt(i);
                        if (path != null) {
                            out.sources.add(path);
                        }
                    }
                }
                return out;
            }
            case "INSERT": {
                int d = find(1, "DIRECTORY");
                if (d < 0 || d > 4) {
                    return null;
                }
                TableName path = pathAt(d + 1);
                if (path != null) {
                    out.targets.add(path);
                }
                int select = find(d, "SELECT");
                int with = find(d, "WITH");
                int start = with >= 0 && (select < 0 || with < select) && !is(with + 1, "(") ? with : select;
                if (start >= 0) {
                    out.sources.addAll(inner.apply(sql.substring(at(start).start())).sources);
                }
                return out;
            }
            case "CREATE": {
                int i = skipCreateModifiers(1);
                if (!is(i, "TABLE")) {
                    return null;
                }
                i++;
                if (is(i, "IF") && is(i + 1, "NOT") && is(i + 2, "EXISTS")) {
                    i += 3;
                }
                int end = nameEnd(i);
                if (end == i || !is(end, "CLONE")) {
                    return null;
                }
                out.targets.add(names.table(text(i, end)));
                TableName source = tableAt(end + 1);
                if (source != null) {
                    out.sources.add(source);
                }
                out.created.addAll(out.targets);
                return out;
            }
            default:
                return null;
        }
    }

    private void readSource(int i, StatementLineage out, java.util.function.Function<String, StatementLineage> inner) {
        Token t = at(i);
        if (t == null) {
            return;
        }
        if (t.isPunct('(')) {
            int close = matching(i);
            out.sources.addAll(inner.apply(text(i + 1, close)).sources);
            return;
        }
        TableName path = pathAt(i);
        if (path != null) {
            out.sources.add(path);
            return;
        }
        TableName table = tableAt(i);
        if (table != null) {
            out.sources.add(table);
        }
    }

    private int find(int from, String word) {
        for (int i = Math.max(0, from); i < tokens.size(); i++) {
            if (tokens.get(i).is(word)) {
                return i;
            }
        }
        return -1;
    }

    private int matching(int open) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.isPunct('(')) {
                depth++;
            } else if (t.isPunct(')')) {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        return tokens.size();
    }

    // ------------------------------------------------------------------ tolerant reading

    /** Targets and sources read token by token; lower confidence. */
    StatementLineage tolerant() {
        StatementLineage out = new StatementLineage();
        out.method = Method.FALLBACK;
        Set<String> ctes = new HashSet<>();
        // CTE names: WITH [RECURSIVE] name [(cols)] AS (  and  , name [(cols)] AS (
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.is("AS") && at(i + 1) != null && (at(i + 1).isPunct('(') || is(i + 1, "MATERIALIZED")
                    || is(i + 1, "NOT"))) {
                int k = i - 1;
                if (at(k) != null && at(k).isPunct(')')) {
                    int depth = 0;
                    while (k >= 0) {
                        if (tokens.get(k).isPunct(')')) {
                            depth++;
                        } else if (tokens.get(k).isPunct('(')) {
                            depth--;
                            if (depth == 0) {
                                break;
                            }
                        }
                        k--;
                    }
                    k--;
                }
                if (k >= 1 && (at(k).type() == Type.WORD || at(k).type() == Type.QUOTED)
                        && (at(k - 1).is("WITH") || at(k - 1).isPunct(',') || at(k - 1).is("RECURSIVE"))) {
                    ctes.add(names.identifier(at(k).text()).toLowerCase(java.util.Locale.ROOT));
                }
            }
        }
        String first = firstWord();
        List<Integer> functionDepths = new ArrayList<>();
        int depth = 0;
        int deleteTarget = -1;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.isPunct('(')) {
                depth++;
                Token prev = at(i - 1);
                if (prev != null && prev.type() == Type.WORD && FUNCTION_FROM.contains(prev.upper())) {
                    functionDepths.add(depth);
                }
                continue;
            }
            if (t.isPunct(')')) {
                if (!functionDepths.isEmpty() && functionDepths.get(functionDepths.size() - 1) == depth) {
                    functionDepths.remove(functionDepths.size() - 1);
                }
                depth--;
                continue;
            }
            if (t.type() != Type.WORD) {
                continue;
            }
            boolean inFunction = !functionDepths.isEmpty() && functionDepths.get(functionDepths.size() - 1) == depth;
            String u = t.upper();
            int nameAt = -1;
            boolean target = false;
            switch (u) {
                case "INSERT": {
                    int k = i + 1;
                    while (is(k, "ALL") || is(k, "FIRST") || is(k, "OVERWRITE") || is(k, "INTO") || is(k, "TABLE")
                            || is(k, "IGNORE") || is(k, "LOW_PRIORITY")) {
                        k++;
                    }
                    if (k > i + 1 && !is(k, "WHEN")) {
                        nameAt = k;
                        target = true;
                    }
                    break;
                }
                case "INTO": {
                    Token prev = at(i - 1);
                    if (prev != null && !prev.is("INSERT") && !prev.is("MERGE") && !prev.is("OVERWRITE")
                            && !prev.is("REPLACE") && !prev.is("UPSERT") && !prev.is("COPY") && !prev.is("ALL")
                            && !prev.is("FIRST") && at(i + 1) != null && at(i + 1).type() != Type.VARIABLE) {
                        nameAt = is(i + 1, "TABLE") ? i + 2 : i + 1;
                        target = true;
                    }
                    break;
                }
                case "REPLACE":
                case "UPSERT":
                    if (i == 0 && is(i + 1, "INTO")) {
                        nameAt = i + 2;
                        target = true;
                    }
                    break;
                case "CREATE": {
                    int k = skipCreateModifiers(i + 1);
                    if (is(k, "TABLE") || is(k, "VIEW")) {
                        k++;
                        if (is(k, "IF") && is(k + 1, "NOT") && is(k + 2, "EXISTS")) {
                            k += 3;
                        }
                        nameAt = k;
                        target = true;
                        if (is(i + 1, "TEMP") || is(i + 1, "TEMPORARY") || is(i + 1, "VOLATILE") || is(i + 2, "TEMP")
                                || is(i + 2, "TEMPORARY") || is(i + 3, "TEMPORARY") || is(i + 3, "TEMP")) {
                            TableName tn = tableAt(k);
                            if (tn != null) {
                                out.temporary.add(tn);
                            }
                        }
                        TableName tn = tableAt(k);
                        if (tn != null) {
                            out.created.add(tn);
                        }
                    }
                    break;
                }
                case "UPDATE":
                    if (i == 0 || at(i - 1).isPunct(')') && depth == 0) {
                        nameAt = i + 1;
                        target = true;
                    }
                    break;
                case "MERGE":
                    nameAt = is(i + 1, "INTO") ? i + 2 : i + 1;
                    target = true;
                    break;
                case "DELETE":
                    if (i == 0) {
                        deleteTarget = is(i + 1, "FROM") ? i + 2 : i + 1;
                        i = deleteTarget;
                    }
                    break;
                case "FROM":
                case "JOIN":
                case "USING":
                    if (!inFunction && !(u.equals("USING") && at(i + 1) != null && at(i + 1).isPunct('('))) {
                        nameAt = i + 1;
                    }
                    break;
                default:
                    break;
            }
            if (nameAt < 0) {
                continue;
            }
            TableName name = tableAt(nameAt);
            if (name == null) {
                continue;
            }
            if (target) {
                out.targets.add(name);
                continue;
            }
            addSource(name, ctes, out);
            // comma-separated FROM lists: FROM a [AS] x, b y
            if (u.equals("FROM")) {
                int k = nameEnd(nameAt);
                while (true) {
                    if (is(k, "AS")) {
                        k++;
                    }
                    if (at(k) != null && at(k).type() == Type.WORD && !NOT_NAMES.contains(at(k).upper())
                            && !at(k).is("WHERE") && !at(k).is("LEFT")) {
                        k++;
                    }
                    if (at(k) == null || !at(k).isPunct(',')) {
                        break;
                    }
                    TableName next = tableAt(k + 1);
                    if (next == null) {
                        break;
                    }
                    addSource(next, ctes, out);
                    k = nameEnd(k + 1);
                }
            }
        }
        if (deleteTarget >= 0 && !out.sources.isEmpty()) {
            TableName t = tableAt(deleteTarget);
            if (t != null) {
                out.targets.add(t);
            }
        }
        if (first.equals("UPDATE") || first.equals("MERGE") || first.equals("DELETE")) {
            out.sources.removeAll(out.targets);
        }
        if (first.equals("SELECT") || first.equals("WITH") || first.equals("SEL")) {
            // only SELECT ... INTO writes
            out.created.addAll(out.targets);
        }
        return out;
    }

    private void addSource(TableName name, Set<String> ctes, StatementLineage out) {
        if (name.schema() == null && ctes.contains(name.name().toLowerCase(java.util.Locale.ROOT))) {
            return;
        }
        if (name.schema() != null && name.database() == null || name.schema() != null) {
            // a CTE name is never qualified, but the context may have qualified it
            String bare = name.name().toLowerCase(java.util.Locale.ROOT);
            if (ctes.contains(bare) && isDefaultQualified(name)) {
                return;
            }
        }
        out.sources.add(name);
    }

    private boolean isDefaultQualified(TableName name) {
        TableName bare = names.table(List.of(name.name()));
        return bare.equals(name);
    }
}
