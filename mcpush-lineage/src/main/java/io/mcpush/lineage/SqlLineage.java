package io.mcpush.lineage;

import static java.util.Objects.requireNonNull;

import io.mcpush.lineage.ScriptSplitter.Piece;
import io.mcpush.lineage.SqlLexer.Token;
import io.mcpush.lineage.SqlLexer.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.UnsupportedStatement;

/**
 * Table and column lineage of SQL text: one statement or a whole script, in any of the
 * {@link Dialect}s.
 *
 * <pre>{@code
 * LineageResult r = SqlLineage.analyze("INSERT INTO sales.daily SELECT d, SUM(x) AS x FROM raw.events GROUP BY d",
 *         Dialect.SNOWFLAKE, Context.of("ANALYTICS", "PUBLIC"));
 * }</pre>
 *
 * <p>Analysis never throws on input and never hangs: every statement is parsed within a size and
 * time budget, in a thread with a large stack when it is deeply nested; a statement the parser
 * rejects is read token by token instead (its edges are marked {@link Method#FALLBACK}); a
 * statement nothing understands becomes a {@link LineageError} and the script's other statements
 * still give their lineage.
 *
 * <p>Instances are immutable and thread-safe; the static methods use default budgets.
 */
public final class SqlLineage {
    /** The default parse deadline per statement. */
    public static final Duration DEFAULT_PARSE_TIMEOUT = Duration.ofSeconds(5);
    /** Statements longer than this many characters are read token by token only. */
    public static final int DEFAULT_MAX_STATEMENT_CHARS = 512 * 1024;

    private static final SqlLineage DEFAULT = new SqlLineage(DEFAULT_PARSE_TIMEOUT, DEFAULT_MAX_STATEMENT_CHARS);

    private final ParserRunner parser;
    private final int maxStatementChars;
    private final boolean fastPath;

    /**
     * @param parseTimeout how long one deeply nested statement may take to parse
     * @param maxStatementChars longer statements skip the parser
     */
    public SqlLineage(Duration parseTimeout, int maxStatementChars) {
        this(parseTimeout, maxStatementChars, true);
    }

    /**
     * @param fastPath whether common statement shapes are read by {@link FastParser} before JSqlParser
     *     (off only to check that both paths agree)
     */
    SqlLineage(Duration parseTimeout, int maxStatementChars, boolean fastPath) {
        this.fastPath = fastPath;
        requireNonNull(parseTimeout, "parseTimeout is null");
        if (parseTimeout.isNegative() || parseTimeout.isZero()) {
            throw new IllegalArgumentException("parseTimeout must be positive, was " + parseTimeout);
        }
        if (maxStatementChars < 1) {
            throw new IllegalArgumentException("maxStatementChars must be positive, was " + maxStatementChars);
        }
        this.parser = new ParserRunner(parseTimeout.toMillis());
        this.maxStatementChars = maxStatementChars;
    }

    /** Table and column lineage with the default budgets. */
    public static LineageResult analyze(String sql, Dialect dialect, Context context) {
        return DEFAULT.analyze(sql, dialect, context, true);
    }

    /** Table lineage only (no column edges), faster. */
    public static LineageResult analyzeTables(String sql, Dialect dialect, Context context) {
        return DEFAULT.analyze(sql, dialect, context, false);
    }

    /**
     * Lineage of {@code sql}.
     *
     * @param sql one statement or a script; null is treated as empty
     * @param dialect how to read names and quotes
     * @param context default database and schema, and known columns
     * @param columns whether to compute column edges
     */
    public LineageResult analyze(String sql, Dialect dialect, Context context, boolean columns) {
        requireNonNull(dialect, "dialect is null");
        requireNonNull(context, "context is null");
        Run run = new Run(sql == null ? "" : sql, dialect, context, columns);
        try {
            run.script();
        } catch (RuntimeException | StackOverflowError e) {
            run.errors.add(new LineageError(Math.max(1, run.index), 1, LineageError.Kind.INTERNAL,
                    "analysis failed: " + e.getClass().getSimpleName()));
        }
        return run.result();
    }

    /** The state of one analysis. */
    private final class Run {
        final String sql;
        final Dialect dialect;
        final boolean columns;
        final Names names;
        final List<StatementLineage> statements = new ArrayList<>();
        final List<LineageError> errors = new ArrayList<>();
        int index;

        Run(String sql, Dialect dialect, Context context, boolean columns) {
            this.sql = sql;
            this.dialect = dialect;
            this.columns = columns;
            this.names = new Names(dialect, context, context.catalogIndex());
        }

        void script() {
            List<Token> tokens = SqlLexer.tokenize(sql, dialect);
            for (Piece p : ScriptSplitter.split(sql, tokens)) {
                index++;
                piece(sql, p, true);
            }
        }

        /** The statements of a script body held in a string literal. */
        private void script(String body) {
            for (Piece inner : ScriptSplitter.split(body, SqlLexer.tokenize(body, dialect))) {
                piece(body, inner, true);
            }
        }

        /** The text inside {@code $$...$$}, {@code $tag$...$tag$} or {@code '...'}. */
        private String stringBody(String literal) {
            if (literal.startsWith("$")) {
                int open = literal.indexOf('$', 1) + 1;
                int close = literal.lastIndexOf('$', literal.length() - 2);
                return close > open ? literal.substring(open, close) : "";
            }
            return literal.length() >= 2 ? literal.substring(1, literal.length() - 1).replace("''", "'") : "";
        }

        /** Analyses one statement; {@code sql} is the text its tokens point into. */
        void piece(String text, Piece p, boolean mayResplit) {
            List<Token> tokens = p.tokens();
            if (tokens.isEmpty()) {
                return;
            }
            TokenReader reader = new TokenReader(names, text, tokens);
            String first = reader.firstWord();
            if (first.equals("USE")) {
                use(tokens);
                return;
            }
            if (first.equals("CREATE") && routine(text, p)) {
                return;
            }
            if ((first.equals("BEGIN") || first.equals("DECLARE") || first.equals("AS")) && !reader.isNoLineage()
                    || first.equals("DECLARE")) {
                int begin = first.equals("DECLARE") ? indexOf(tokens, "BEGIN", 1) : 0;
                if (begin >= 0 && begin + 1 < tokens.size()) {
                    piece(text, sub(text, p, begin + 1), mayResplit);
                }
                return;
            }
            if (first.equals("EXECUTE") && tokens.size() == 3 && tokens.get(1).is("IMMEDIATE")
                    && tokens.get(2).type() == Type.STRING) {
                script(stringBody(tokens.get(2).text())); // Snowflake anonymous block
                return;
            }
            if (first.equals("END") && tokens.size() > 1 && (CONTROL.contains(tokens.get(1).upper())
                    && !tokens.get(1).is("IF") && !tokens.get(1).is("LOOP") && !tokens.get(1).is("WHILE")
                    && !tokens.get(1).is("FOR") && !tokens.get(1).is("REPEAT")
                    || BODY_STARTS.contains(tokens.get(1).upper()))) {
                piece(text, sub(text, p, 1), mayResplit); // T-SQL: END ELSE ..., END INSERT ...
                return;
            }
            if (CONTROL.contains(first)) {
                control(text, p, first, mayResplit);
                return;
            }
            if (first.equals("LET") || tokens.size() > 2 && tokens.get(1).isPunct(':') && tokens.get(2).isPunct('=')) {
                conditionQueries(text, tokens, 1, tokens.size()); // a scripting assignment
                return;
            }
            if (first.equals("FROM") && fromFirst(text, p)) {
                return;
            }
            if (reader.isNoLineage()) {
                return;
            }
            StatementLineage special = reader.special(this::inner);
            if (special != null) {
                statements.add(special);
                return;
            }
            String statement = p.text();
            if (statement.length() > maxStatementChars) {
                errors.add(new LineageError(index, p.line(), LineageError.Kind.TOO_LARGE, "statement of "
                        + statement.length() + " characters exceeds the parse budget of " + maxStatementChars
                        + "; read token by token"));
                StatementLineage t = reader.tolerant();
                if (!t.isEmpty()) {
                    statements.add(t);
                }
                return;
            }
            StatementLineage fast = fast(tokens, columns);
            if (fast != null) {
                statements.add(fast);
                return;
            }
            ParserRunner.Parsed parsed = balanced(tokens) ? parse(statement)
                    : new ParserRunner.Parsed(null, LineageError.Kind.SYNTAX,
                            "unbalanced parentheses (truncated statement?); read token by token");
            if (parsed.statement() != null) {
                try {
                    statements.add(new AstAnalyzer(names, columns, Method.PARSED).statement(parsed.statement()));
                    return;
                } catch (RuntimeException | StackOverflowError e) {
                    parsed = new ParserRunner.Parsed(null, LineageError.Kind.INTERNAL,
                            "analysis failed: " + e.getClass().getSimpleName());
                }
            }
            if (mayResplit) {
                List<Piece> parts = ScriptSplitter.splitWithoutSemicolons(text, p);
                if (parts.size() > 1) {
                    for (Piece part : parts) {
                        piece(text, part, false);
                    }
                    return;
                }
            }
            StatementLineage t = reader.tolerant();
            if (t.isEmpty()) {
                errors.add(new LineageError(index, p.line(), parsed.failure(), parsed.message()));
            } else {
                statements.add(t);
            }
        }

        private ParserRunner.Parsed parse(String statement) {
            ParserRunner.Parsed parsed = parser.parse(statement, dialect);
            if (parsed.statement() instanceof UnsupportedStatement) {
                parsed = new ParserRunner.Parsed(null, LineageError.Kind.SYNTAX, "statement not supported by the parser");
            }
            if (parsed.statement() == null && parsed.failure() == LineageError.Kind.SYNTAX) {
                String normalized = Normalizer.normalize(statement, dialect);
                if (!normalized.equals(statement)) {
                    ParserRunner.Parsed again = parser.parse(normalized, dialect);
                    if (again.statement() != null && !(again.statement() instanceof UnsupportedStatement)) {
                        return again;
                    }
                }
                String quoted = Normalizer.quoteQualifiedParts(normalized, dialect);
                if (!quoted.equals(normalized)) {
                    ParserRunner.Parsed again = parser.parse(quoted, dialect);
                    if (again.statement() != null && !(again.statement() instanceof UnsupportedStatement)) {
                        return again;
                    }
                }
            }
            return parsed;
        }

        /**
         * A control-flow statement of a procedure or script ({@code IF c THEN s}, T-SQL {@code IF c s},
         * {@code ELSE s}, {@code WHILE c DO/LOOP/BEGIN s}, {@code FOR r IN (query) DO/LOOP s},
         * {@code LOOP s}): the queries in its condition are read (their tables are sources) and the
         * statement it guards is analysed as any other.
         */
        private void control(String text, Piece p, String first, boolean mayResplit) {
            List<Token> tokens = p.tokens();
            boolean unconditional = first.equals("ELSE") || first.equals("LOOP") || first.equals("REPEAT");
            int body = unconditional ? 1 : -1;
            int conditionEnd = unconditional ? 1 : tokens.size();
            int depth = 0;
            for (int i = 1; i < tokens.size() && body < 0; i++) {
                Token t = tokens.get(i);
                if (t.isPunct('(')) {
                    depth++;
                } else if (t.isPunct(')')) {
                    depth--;
                } else if (depth == 0 && t.type() == Type.WORD) {
                    String u = t.upper();
                    boolean opens = switch (first) {
                        case "IF", "ELSEIF", "ELSIF" -> u.equals("THEN");
                        default -> u.equals("DO") || u.equals("LOOP"); // WHILE, FOR
                    };
                    if (opens) {
                        body = i + 1;
                        conditionEnd = i;
                    } else if (BODY_STARTS.contains(u) && !first.equals("FOR")
                            && !(u.equals("SELECT") && tokens.get(i - 1).is("IN"))) {
                        body = i; // T-SQL: IF cond statement, WHILE cond BEGIN ...
                        conditionEnd = i;
                    }
                }
            }
            conditionQueries(text, tokens, 1, conditionEnd);
            while (body >= 0 && body < tokens.size() && (tokens.get(body).is("BEGIN") || tokens.get(body).is("DO")
                    || tokens.get(body).is("LOOP") || tokens.get(body).is("THEN"))) {
                body++;
            }
            if (body >= 0 && body < tokens.size()) {
                piece(text, sub(text, p, body), mayResplit);
            }
        }

        /** Sources of the subqueries in a condition: {@code (SELECT ...)} groups, or a bare {@code IN SELECT ...}. */
        private void conditionQueries(String text, List<Token> tokens, int from, int to) {
            for (int i = from; i < to; i++) {
                Token t = tokens.get(i);
                boolean bare = (t.is("SELECT") || t.is("WITH")) && i > from && tokens.get(i - 1).is("IN");
                if (t.isPunct('(') && i + 1 < to && (tokens.get(i + 1).is("SELECT") || tokens.get(i + 1).is("WITH"))) {
                    int depth = 0;
                    int close = -1;
                    for (int k = i; k < to && close < 0; k++) {
                        if (tokens.get(k).isPunct('(')) {
                            depth++;
                        } else if (tokens.get(k).isPunct(')') && --depth == 0) {
                            close = k;
                        }
                    }
                    if (close < 0) {
                        return;
                    }
                    addQuery(inner(text.substring(tokens.get(i + 1).start(), tokens.get(close - 1).end())));
                    i = close;
                } else if (bare) {
                    addQuery(inner(text.substring(t.start(), tokens.get(to - 1).end())));
                    return;
                }
            }
        }

        /**
         * Hive/Spark {@code FROM src INSERT ... SELECT ... [INSERT ... SELECT ...]} (multi-insert) and
         * {@code FROM src SELECT ...}: each insert is rewritten to the usual order and analysed.
         */
        private boolean fromFirst(String text, Piece p) {
            List<Token> tokens = p.tokens();
            List<Integer> starts = new ArrayList<>();
            int depth = 0;
            for (int i = 1; i < tokens.size(); i++) {
                Token t = tokens.get(i);
                if (t.isPunct('(')) {
                    depth++;
                } else if (t.isPunct(')')) {
                    depth--;
                } else if (depth == 0 && (t.is("INSERT") || t.is("SELECT") && starts.isEmpty())) {
                    starts.add(i);
                }
            }
            if (starts.isEmpty() || starts.get(0) < 2) {
                return false;
            }
            String from = text.substring(tokens.get(1).start(), tokens.get(starts.get(0) - 1).end());
            starts.add(tokens.size());
            for (int k = 0; k + 1 < starts.size(); k++) {
                int s = starts.get(k);
                int e = starts.get(k + 1);
                int select = -1;
                int clause = e;
                int d = 0;
                for (int i = s; i < e; i++) {
                    Token t = tokens.get(i);
                    if (t.isPunct('(')) {
                        d++;
                    } else if (t.isPunct(')')) {
                        d--;
                    } else if (d == 0 && select < 0 && t.is("SELECT")) {
                        select = i;
                    } else if (d == 0 && select >= 0 && FROM_FIRST_CLAUSES.contains(t.upper())) {
                        clause = i;
                        break;
                    }
                }
                if (select < 0) {
                    return false;
                }
                String head = text.substring(tokens.get(s).start(), tokens.get(clause - 1).end());
                String tail = clause < e ? " " + text.substring(tokens.get(clause).start(), tokens.get(e - 1).end()) : "";
                String rewritten = head + " FROM " + from + tail;
                List<Token> rt = SqlLexer.tokenize(rewritten, dialect);
                if (!rt.isEmpty()) {
                    piece(rewritten, new Piece(rewritten, tokens.get(s).line(), rt), false);
                }
            }
            return true;
        }

        private void addQuery(StatementLineage query) {
            if (!query.sources.isEmpty()) {
                query.targets.clear();
                query.columnEdges.clear();
                statements.add(query);
            }
        }

        /** The statement read by the fast parser, or null when it is outside its subset. */
        private StatementLineage fast(List<Token> tokens, boolean withColumns) {
            if (!fastPath) {
                return null;
            }
            Statement st = FastParser.parse(tokens, dialect);
            if (st == null) {
                return null;
            }
            try {
                return new AstAnalyzer(names, withColumns, Method.PARSED).statement(st);
            } catch (RuntimeException | StackOverflowError e) {
                return null; // the full parser gets its chance below
            }
        }

        /** Lineage of a query embedded in another statement (COPY, UNLOAD, EXPORT). */
        StatementLineage inner(String query) {
            List<Token> innerTokens = SqlLexer.tokenize(query, dialect);
            StatementLineage fast = fast(innerTokens, false);
            if (fast != null) {
                return fast;
            }
            ParserRunner.Parsed parsed = parse(query);
            if (parsed.statement() != null) {
                try {
                    return new AstAnalyzer(names, false, Method.PARSED).statement(parsed.statement());
                } catch (RuntimeException | StackOverflowError e) {
                    // read it token by token below
                }
            }
            return new TokenReader(names, query, innerTokens).tolerant();
        }

        private void use(List<Token> tokens) {
            int i = 1;
            String kind = null;
            if (i < tokens.size() && tokens.get(i).type() == Type.WORD && tokens.size() > 2
                    && !tokens.get(i + 1).isPunct('.')) {
                kind = tokens.get(i).upper();
                i++;
            }
            if (kind != null && !kind.equals("DATABASE") && !kind.equals("SCHEMA") && !kind.equals("CATALOG")) {
                return; // USE WAREHOUSE / ROLE / SECONDARY ROLES
            }
            StringBuilder raw = new StringBuilder();
            for (int k = i; k < tokens.size(); k++) {
                raw.append(tokens.get(k).text());
            }
            List<String> parts = names.parts(raw.toString());
            if (parts.isEmpty()) {
                return;
            }
            if (parts.size() >= 2) {
                names.use(parts.get(parts.size() - 2), parts.get(parts.size() - 1));
            } else if ("SCHEMA".equals(kind)) {
                names.use(null, parts.get(0));
            } else if ("DATABASE".equals(kind) || "CATALOG".equals(kind)) {
                names.use(parts.get(0), null);
            } else {
                boolean twoLevel = switch (dialect) {
                    case MYSQL, MARIADB, HIVE, SPARKSQL, DATABRICKS, ATHENA, TRINO -> true;
                    default -> false;
                };
                if (twoLevel) {
                    names.use(null, parts.get(0));
                } else {
                    names.use(parts.get(0), null);
                }
            }
        }

        /** CREATE PROCEDURE/FUNCTION/TASK/PIPE: analyse the body. Returns false when not a routine. */
        private boolean routine(String text, Piece p) {
            List<Token> tokens = p.tokens();
            int k = 1;
            while (k < tokens.size() && (tokens.get(k).is("OR") || tokens.get(k).is("REPLACE")
                    || tokens.get(k).is("ALTER") || tokens.get(k).is("SECURE") || tokens.get(k).is("TEMPORARY")
                    || tokens.get(k).is("TEMP") || tokens.get(k).is("DEFINER") || tokens.get(k).isPunct('='))) {
                k++;
            }
            if (k >= tokens.size()) {
                return false;
            }
            Token kind = tokens.get(k);
            boolean routine = kind.is("PROCEDURE") || kind.is("PROC") || kind.is("FUNCTION");
            boolean wrapper = kind.is("TASK") || kind.is("PIPE");
            if (!routine && !wrapper) {
                return false;
            }
            if (routine) {
                for (int i = k; i < tokens.size(); i++) {
                    Token t = tokens.get(i);
                    if (t.is("LANGUAGE") && i + 1 < tokens.size() && !tokens.get(i + 1).is("SQL")
                            && !tokens.get(i + 1).is("PLPGSQL") && !tokens.get(i + 1).is("plpgsql")) {
                        return true; // JavaScript, Python, ...: no SQL lineage
                    }
                }
                for (int i = k; i < tokens.size(); i++) {
                    Token t = tokens.get(i);
                    if (t.type() == Type.STRING && (t.text().startsWith("$") || i > 0 && tokens.get(i - 1).is("AS"))) {
                        String body = t.text().startsWith("$")
                                ? t.text().substring(t.text().indexOf('$', 1) + 1,
                                        Math.max(t.text().indexOf('$', 1) + 1, t.text().lastIndexOf('$',
                                                t.text().length() - 2)))
                                : t.text().substring(1, t.text().length() - 1).replace("''", "'");
                        for (Piece inner : ScriptSplitter.split(body, SqlLexer.tokenize(body, dialect))) {
                            piece(body, inner, true);
                        }
                        return true;
                    }
                }
            }
            int depth = 0;
            for (int i = k + 1; i < tokens.size(); i++) {
                Token t = tokens.get(i);
                if (t.isPunct('(')) {
                    depth++;
                } else if (t.isPunct(')')) {
                    depth--;
                } else if (depth == 0 && (t.is("AS") || t.is("IS") || t.is("BEGIN"))) {
                    int start = i + 1;
                    while (start < tokens.size() && (tokens.get(start).is("BEGIN") || tokens.get(start).is("ATOMIC"))) {
                        start++;
                    }
                    if (start < tokens.size()) {
                        piece(text, sub(text, p, start), true);
                    }
                    return true;
                }
            }
            return true;
        }

        private Piece sub(String text, Piece p, int from) {
            List<Token> rest = p.tokens().subList(from, p.tokens().size());
            Token first = rest.get(0);
            Token last = rest.get(rest.size() - 1);
            return new Piece(text.substring(first.start(), last.end()), first.line(), rest);
        }

        LineageResult result() {
            Set<TableName> intermediates = new HashSet<>();
            Set<TableName> createdSoFar = new HashSet<>();
            Set<TableName> temporary = new HashSet<>();
            for (StatementLineage s : statements) {
                for (TableName source : s.sources) {
                    if (createdSoFar.contains(source)) {
                        intermediates.add(source);
                    }
                }
                createdSoFar.addAll(s.created);
                temporary.addAll(s.temporary);
                for (TableName t : s.targets) {
                    if (Names.isSessionLocal(t)) {
                        temporary.add(t);
                    }
                }
            }
            intermediates.addAll(temporary);
            Set<TableName> sources = new LinkedHashSet<>();
            Set<TableName> targets = new LinkedHashSet<>();
            Map<TableName, Set<TableName>> upstream = new HashMap<>();
            Map<ColumnName, Set<ColumnName>> columnUpstream = new HashMap<>();
            Method method = Method.PARSED;
            for (StatementLineage s : statements) {
                method = method.weakest(s.method);
                for (TableName src : s.sources) {
                    if (!intermediates.contains(src)) {
                        sources.add(src);
                    }
                }
                for (TableName t : s.targets) {
                    if (intermediates.contains(t)) {
                        upstream.computeIfAbsent(t, k -> new LinkedHashSet<>()).addAll(s.sources);
                    } else {
                        targets.add(t);
                    }
                }
                for (ColumnEdge e : s.columnEdges) {
                    if (intermediates.contains(e.target().table())) {
                        columnUpstream.computeIfAbsent(e.target(), k -> new LinkedHashSet<>()).add(e.source());
                    }
                }
            }
            Map<TableEdge, Boolean> tableEdges = new LinkedHashMap<>();
            Map<ColumnEdge, Boolean> columnEdges = new LinkedHashMap<>();
            for (StatementLineage s : statements) {
                for (TableName t : s.targets) {
                    if (intermediates.contains(t)) {
                        continue;
                    }
                    for (TableName src : s.sources) {
                        for (TableName root : roots(src, intermediates, upstream, new HashSet<>())) {
                            tableEdges.put(new TableEdge(root, t, s.method), Boolean.TRUE);
                        }
                    }
                }
                for (ColumnEdge e : s.columnEdges) {
                    if (intermediates.contains(e.target().table())) {
                        continue;
                    }
                    for (ColumnName root : columnRoots(e.source(), intermediates, columnUpstream, new HashSet<>())) {
                        columnEdges.put(new ColumnEdge(root, e.target(), e.method()), Boolean.TRUE);
                    }
                }
            }
            return new LineageResult(new ArrayList<>(sources), new ArrayList<>(targets),
                    new ArrayList<>(tableEdges.keySet()), new ArrayList<>(columnEdges.keySet()), errors, method,
                    index);
        }
    }

    /** Clauses that follow FROM in a query, where a FROM-first insert's source is put back. */
    private static final Set<String> FROM_FIRST_CLAUSES = Set.of("WHERE", "GROUP", "HAVING", "ORDER", "SORT",
            "DISTRIBUTE", "CLUSTER", "LIMIT", "WINDOW", "QUALIFY", "LATERAL");

    /** Control-flow words whose guarded statement carries lineage. */
    private static final Set<String> CONTROL = Set.of("IF", "ELSEIF", "ELSIF", "ELSE", "WHILE", "FOR", "LOOP",
            "REPEAT");

    /** Words that start the guarded statement where no THEN/DO/LOOP marks it (T-SQL). */
    private static final Set<String> BODY_STARTS = Set.of("INSERT", "UPDATE", "DELETE", "MERGE", "SELECT", "WITH",
            "CREATE", "BEGIN", "TRUNCATE", "DROP", "EXEC", "EXECUTE", "SET", "RETURN", "PRINT", "RAISERROR",
            "THROW", "BREAK", "CONTINUE", "COPY", "UNLOAD");

    private static Set<TableName> roots(TableName t, Set<TableName> intermediates, Map<TableName, Set<TableName>> up,
            Set<TableName> seen) {
        if (!intermediates.contains(t)) {
            return Set.of(t);
        }
        if (!seen.add(t)) {
            return Set.of();
        }
        Set<TableName> r = new LinkedHashSet<>();
        for (TableName u : up.getOrDefault(t, Set.of())) {
            r.addAll(roots(u, intermediates, up, seen));
        }
        return r;
    }

    private static Set<ColumnName> columnRoots(ColumnName c, Set<TableName> intermediates,
            Map<ColumnName, Set<ColumnName>> up, Set<ColumnName> seen) {
        if (!intermediates.contains(c.table())) {
            return Set.of(c);
        }
        if (!seen.add(c)) {
            return Set.of();
        }
        Set<ColumnName> r = new LinkedHashSet<>();
        for (ColumnName u : up.getOrDefault(c, Set.of())) {
            r.addAll(columnRoots(u, intermediates, up, seen));
        }
        return r;
    }

    /**
     * Whether the statement's parentheses balance. A statement cut off by a query log (Redshift keeps
     * 4,000 characters) cannot parse, and JSqlParser's backtracking takes long to find that out.
     */
    private static boolean balanced(List<Token> tokens) {
        int depth = 0;
        for (Token t : tokens) {
            if (t.type() == Type.PUNCT) {
                if (t.isPunct('(')) {
                    depth++;
                } else if (t.isPunct(')') && --depth < 0) {
                    return false;
                }
            }
        }
        return depth == 0;
    }

    private static int indexOf(List<Token> tokens, String word, int from) {
        for (int i = from; i < tokens.size(); i++) {
            if (tokens.get(i).is(word)) {
                return i;
            }
        }
        return -1;
    }
}
