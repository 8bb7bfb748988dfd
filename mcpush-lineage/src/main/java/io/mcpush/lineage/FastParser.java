package io.mcpush.lineage;

import io.mcpush.lineage.SqlLexer.Token;
import io.mcpush.lineage.SqlLexer.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.CaseExpression;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.WhenClause;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.create.view.CreateView;
import net.sf.jsqlparser.statement.create.view.TemporaryOption;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.merge.Merge;
import net.sf.jsqlparser.statement.merge.MergeInsert;
import net.sf.jsqlparser.statement.merge.MergeOperation;
import net.sf.jsqlparser.statement.merge.MergeUpdate;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.LateralView;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.TableFunction;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.select.WithItem;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.update.UpdateSet;

/**
 * A fast, strict reader of the common shapes of warehouse SQL (SELECT with CTEs, joins, set
 * operations and subqueries; INSERT, CTAS, CREATE VIEW, MERGE, UPDATE, DELETE) that builds the
 * same syntax tree JSqlParser would, as far as lineage needs it, from the tokens the script
 * splitter already has. It is an accelerator only: on anything it does not fully understand it
 * gives up (returns null) and the statement goes to JSqlParser, so it never changes what is
 * understood, only how fast.
 *
 * <p>Expressions are kept only as far as lineage reads them: column references, function calls
 * and their arguments, subqueries; operators and literals collapse into lists of their operands.
 */
final class FastParser {
    /** Thrown (preallocated, without a stack trace) when the statement is outside the subset. */
    private static final class Bail extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Bail() {
            super("outside the fast subset", null, false, false);
        }
    }

    private static final Bail BAIL = new Bail();
    private static final Expression LITERAL = new NullValue();
    /** Deeper nesting goes straight to the JSqlParser path with its big-stack worker. */
    private static final int MAX_DEPTH = 30;

    /** Words that end an expression or a FROM item and never are an implicit alias. */
    private static final Set<String> CLAUSE_WORDS = Set.of("FROM", "WHERE", "GROUP", "ORDER", "HAVING", "LIMIT",
            "UNION", "INTERSECT", "EXCEPT", "MINUS", "QUALIFY", "WINDOW", "INTO", "ON", "JOIN", "LEFT", "RIGHT",
            "INNER", "FULL", "CROSS", "OUTER", "NATURAL", "USING", "WHEN", "THEN", "ELSE", "END", "AS", "SET",
            "VALUES", "SELECT", "OFFSET", "FETCH", "LATERAL", "PARTITION", "CLUSTER", "DISTRIBUTE", "SORT",
            "TABLESAMPLE", "SAMPLE", "APPLY", "PIVOT", "UNPIVOT", "MATCH_RECOGNIZE", "START", "CONNECT", "FOR",
            "RETURNING", "WITH", "AT", "BEFORE", "CHANGES", "AND", "OR", "NOT", "IS", "IN", "LIKE", "ILIKE",
            "BETWEEN", "ASC", "DESC", "NULLS", "OVER", "FILTER", "WITHIN", "IGNORE", "RESPECT", "ROWS", "RANGE",
            "OPTION", "BY", "ALL", "DISTINCT", "TOP", "CASE", "LOCK", "KEEP", "MODEL", "CONNECT_BY_ROOT", "PRIOR",
            "ESCAPE", "COLLATE", "RLIKE", "REGEXP", "SIMILAR", "GLOB", "INTERVAL", "EXISTS", "ANY", "SOME",
            "OUTPUT", "SEMI", "ANTI", "ASOF", "POSITIONAL", "GLOBAL", "PREWHERE", "FINAL", "STRAIGHT_JOIN",
            "LIMIT_BY", "TO", "DO", "IF", "MATCHED", "LEFT_SEMI", "QUALIFIED", "EXCLUDE", "REPLACE", "RENAME",
            "ONLY", "NO", "DEFAULT", "OF", "CURRENT", "UNNEST", "TABLE", "EXPLODE", "FLATTEN", "PERCENT");

    /** Clause words that are also function names when a parenthesis follows. */
    private static final Set<String> FUNCTION_WORDS = Set.of("LEFT", "RIGHT", "REPLACE", "IF");

    /** Binary operators written as words. */
    private static final Set<String> WORD_OPERATORS = Set.of("AND", "OR", "LIKE", "ILIKE", "RLIKE", "REGEXP",
            "IN", "BETWEEN", "ESCAPE", "GLOB");

    /** Words that are values, not columns, where they stand alone. */
    private static final Set<String> CONSTANTS = Set.of("NULL", "TRUE", "FALSE", "UNKNOWN");

    private final Dialect dialect;
    private final List<Token> tokens;
    private final int n;
    private int p;
    private int depth;

    private FastParser(List<Token> tokens, Dialect dialect) {
        this.dialect = dialect;
        this.tokens = tokens;
        this.n = tokens.size();
    }

    /** The statement's tree, or null when it is outside the subset (the caller parses it properly). */
    static Statement parse(List<Token> tokens, Dialect dialect) {
        if (tokens.isEmpty()) {
            return null;
        }
        try {
            FastParser f = new FastParser(tokens, dialect);
            Statement s = f.statement();
            return f.p == f.n ? s : null;
        } catch (Bail e) {
            return null;
        } catch (RuntimeException | StackOverflowError e) {
            return null;
        }
    }

    // ------------------------------------------------------------------ tokens

    private Token peek() {
        return p < n ? tokens.get(p) : null;
    }

    private Token peek(int ahead) {
        int i = p + ahead;
        return i < n ? tokens.get(i) : null;
    }

    private boolean at(String word) {
        return p < n && tokens.get(p).is(word);
    }

    private boolean at(int ahead, String word) {
        int i = p + ahead;
        return i < n && tokens.get(i).is(word);
    }

    private boolean atPunct(char c) {
        return p < n && tokens.get(p).isPunct(c);
    }

    private boolean accept(String word) {
        if (at(word)) {
            p++;
            return true;
        }
        return false;
    }

    private boolean acceptPunct(char c) {
        if (atPunct(c)) {
            p++;
            return true;
        }
        return false;
    }

    private void expect(String word) {
        if (!accept(word)) {
            throw BAIL;
        }
    }

    private void expectPunct(char c) {
        if (!acceptPunct(c)) {
            throw BAIL;
        }
    }

    private static boolean isName(Token t) {
        return t != null && (t.type() == Type.WORD || t.type() == Type.QUOTED);
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw BAIL;
        }
    }

    // ------------------------------------------------------------------ statements

    private Statement statement() {
        Token first = peek();
        if (first == null || first.type() != Type.WORD) {
            throw BAIL;
        }
        String w = first.upper();
        switch (w) {
            case "SELECT":
            case "WITH":
                return query();
            case "INSERT":
                return insert();
            case "CREATE":
                return create();
            case "MERGE":
                return merge();
            case "UPDATE":
                return update();
            case "DELETE":
                return delete();
            default:
                throw BAIL;
        }
    }

    private Insert insert() {
        expect("INSERT");
        if (accept("OVERWRITE")) {
            accept("INTO");
            accept("TABLE");
        } else {
            expect("INTO");
            accept("TABLE");
        }
        Insert insert = new Insert();
        insert.setTable(tableName());
        if (at("PARTITION")) {
            p++;
            skipParenthesized();
        }
        if (atPunct('(') && !at(1, "SELECT") && !at(1, "WITH")) {
            insert.setColumns(columnNameList());
        }
        insert.setSelect(queryOrValues());
        if (at("ON") && (at(1, "CONFLICT") || at(1, "DUPLICATE"))) {
            // the upsert clause writes the same columns as the insert; its lineage is the insert's
            for (int i = p; i < n; i++) {
                if (tokens.get(i).is("SELECT")) {
                    throw BAIL;
                }
            }
            p = n;
        }
        return insert;
    }

    private Statement create() {
        expect("CREATE");
        List<String> options = new ArrayList<>(2);
        boolean temporary = false;
        boolean materialized = false;
        if (accept("OR")) {
            expect("REPLACE");
        }
        while (true) {
            Token t = peek();
            if (t == null || t.type() != Type.WORD) {
                throw BAIL;
            }
            String u = t.upper();
            if (u.equals("TEMP") || u.equals("TEMPORARY") || u.equals("VOLATILE") || u.equals("LOCAL")
                    || u.equals("GLOBAL")) {
                temporary = true;
            } else if (u.equals("MATERIALIZED")) {
                materialized = true;
            } else if (!u.equals("TRANSIENT") && !u.equals("SECURE") && !u.equals("UNLOGGED")
                    && !u.equals("MULTISET")) {
                break;
            }
            options.add(u);
            p++;
        }
        if (accept("TABLE")) {
            if (materialized) {
                throw BAIL;
            }
            ifNotExists();
            CreateTable ct = new CreateTable();
            ct.setTable(tableName());
            if (temporary) {
                options.add("TEMPORARY");
            }
            ct.setCreateOptionsStrings(options);
            skipTableOptions();
            expect("AS");
            ct.setSelect(query(), false);
            skipTrailingTableOptions();
            return ct;
        }
        if (accept("VIEW")) {
            ifNotExists();
            CreateView cv = new CreateView();
            cv.setView(tableName());
            cv.setMaterialized(materialized);
            if (temporary) {
                cv.setTemporary(TemporaryOption.TEMPORARY);
            }
            if (atPunct('(')) {
                cv.setColumnNames(columnNameList());
            }
            expect("AS");
            cv.setSelect(query());
            return cv;
        }
        throw BAIL;
    }

    /**
     * Storage and layout options between a CTAS target and its AS ({@code PARTITION BY}, {@code
     * CLUSTER BY}, {@code OPTIONS (...)}, {@code USING DELTA}, {@code TBLPROPERTIES}, {@code DISTKEY},
     * {@code WITH (...)}, ...): they do not change lineage. A column list there does, so it is left
     * to the full parser, as are LIKE and CLONE.
     */
    private void skipTableOptions() {
        if (atPunct('(')) {
            throw BAIL;
        }
        int d = 0;
        while (p < n) {
            Token t = tokens.get(p);
            if (t.isPunct('(')) {
                d++;
            } else if (t.isPunct(')')) {
                d--;
            } else if (d == 0 && t.is("AS")) {
                Token next = peek(1);
                if (next != null && (next.is("SELECT") || next.is("WITH") || next.isPunct('('))) {
                    return;
                }
            } else if (d == 0 && (t.is("LIKE") || t.is("CLONE") || t.is("SELECT"))) {
                throw BAIL;
            }
            p++;
        }
        throw BAIL;
    }

    /** Teradata, Greenplum and DB2 options after a CTAS query. */
    private void skipTrailingTableOptions() {
        while (p < n) {
            if (at("WITH") && (at(1, "DATA") || at(1, "NO") && at(2, "DATA"))) {
                p += at(1, "NO") ? 3 : 2;
                if (accept("AND")) {
                    accept("NO");
                    expect("STATS");
                }
            } else if (at("ON") && at(1, "COMMIT")) {
                p += 2;
                if (!accept("PRESERVE") && !accept("DELETE")) {
                    expect("DROP");
                }
                expect("ROWS");
            } else if (at("DISTRIBUTED") && at(1, "BY")) {
                p += 2;
                skipParenthesized();
            } else if (at("DISTRIBUTED") && at(1, "RANDOMLY")) {
                p += 2;
            } else if (at("NO") && at(1, "PRIMARY") && at(2, "INDEX")) {
                p += 3;
            } else if (at("PRIMARY") && at(1, "INDEX")) {
                p += 2;
                skipParenthesized();
            } else {
                return;
            }
        }
    }

    private void ifNotExists() {
        if (accept("IF")) {
            expect("NOT");
            expect("EXISTS");
        }
    }

    private Merge merge() {
        expect("MERGE");
        accept("INTO");
        Merge merge = new Merge();
        Table target = tableName();
        target.setAlias(alias(false));
        merge.setTable(target);
        expect("USING");
        merge.setFromItem(fromItem());
        expect("ON");
        merge.setOnCondition(expression());
        List<MergeOperation> ops = new ArrayList<>(2);
        while (accept("WHEN")) {
            accept("NOT");
            expect("MATCHED");
            if (accept("BY")) {
                if (!accept("TARGET") && !accept("SOURCE")) {
                    throw BAIL;
                }
            }
            if (accept("AND")) {
                expression(); // the AST path ignores these conditions too
            }
            expect("THEN");
            if (accept("UPDATE")) {
                expect("SET");
                ops.add(new MergeUpdate(updateSets()));
            } else if (accept("DELETE")) {
                continue;
            } else if (accept("INSERT")) {
                MergeInsert mi = new MergeInsert();
                if (atPunct('(')) {
                    mi.setColumns(columnNameList());
                }
                expect("VALUES");
                expectPunct('(');
                mi.setValues(expressionList(')'));
                expectPunct(')');
                ops.add(mi);
            } else {
                throw BAIL;
            }
        }
        merge.setOperations(ops);
        return merge;
    }

    private List<UpdateSet> updateSets() {
        List<UpdateSet> sets = new ArrayList<>(4);
        do {
            if (atPunct('(')) {
                throw BAIL; // SET (a, b) = (...)
            }
            Column c = column();
            expectPunct('=');
            UpdateSet set = new UpdateSet(c, expression());
            sets.add(set);
        } while (acceptPunct(','));
        return sets;
    }

    private Update update() {
        expect("UPDATE");
        Update update = new Update();
        Table target = tableName();
        target.setAlias(alias(false));
        update.setTable(target);
        if (!at("SET")) {
            update.setStartJoins(joins()); // MySQL UPDATE a JOIN b ON ... SET, UPDATE a, b SET
        }
        expect("SET");
        update.setUpdateSets(updateSets());
        if (accept("FROM")) {
            update.setFromItem(fromItem());
            update.setJoins(joins());
        }
        if (accept("WHERE")) {
            update.setWhere(expression());
        }
        return update;
    }

    private Delete delete() {
        expect("DELETE");
        expect("FROM");
        Delete delete = new Delete();
        Table target = tableName();
        target.setAlias(alias(false));
        delete.setTable(target);
        if (accept("USING")) {
            List<Table> using = new ArrayList<>(2);
            do {
                Table t = tableName();
                t.setAlias(alias(false));
                using.add(t);
            } while (acceptPunct(','));
            delete.setUsingList(using);
        }
        if (accept("WHERE")) {
            delete.setWhere(expression());
        }
        return delete;
    }

    // ------------------------------------------------------------------ queries

    private Select queryOrValues() {
        if (at("VALUES")) {
            return values();
        }
        return query();
    }

    private Values values() {
        expect("VALUES");
        List<Expression> rows = new ArrayList<>();
        do {
            expectPunct('(');
            rows.add(new ParenthesedExpressionList<>(expressionList(')')));
            expectPunct(')');
        } while (acceptPunct(','));
        return new Values(new ExpressionList<>(rows));
    }

    /** {@code [WITH ...] body [ORDER BY ...] [LIMIT ...]}. */
    private Select query() {
        enter();
        List<WithItem<?>> with = null;
        if (accept("WITH")) {
            boolean recursive = accept("RECURSIVE");
            with = new ArrayList<>(4);
            do {
                with.add(cte(recursive));
            } while (acceptPunct(','));
        }
        Select body = setExpression();
        skipOrderLimit();
        if (with != null) {
            body.setWithItemsList(with);
        }
        depth--;
        return body;
    }

    private WithItem<?> cte(boolean recursive) {
        Token name = peek();
        if (!isName(name)) {
            throw BAIL;
        }
        p++;
        List<SelectItem<?>> columns = null;
        if (atPunct('(')) {
            columns = new ArrayList<>();
            for (Column c : columnNameList()) {
                columns.add(new SelectItem<>(c));
            }
        }
        expect("AS");
        accept("MATERIALIZED");
        expectPunct('(');
        ParenthesedSelect body = new ParenthesedSelect();
        body.setSelect(query());
        expectPunct(')');
        WithItem<ParenthesedSelect> item = new WithItem<>(body, new Alias(name.text(), false));
        item.setRecursive(recursive);
        if (columns != null) {
            item.setWithItemList(columns);
        }
        return item;
    }

    private Select setExpression() {
        Select first = setTerm();
        List<Select> selects = null;
        while (true) {
            if (at("UNION") || at("INTERSECT") || at("EXCEPT") || at("MINUS")) {
                p++;
                if (!accept("ALL")) {
                    accept("DISTINCT");
                }
                if (selects == null) {
                    selects = new ArrayList<>(4);
                    selects.add(first);
                }
                selects.add(setTerm());
            } else {
                break;
            }
        }
        if (selects == null) {
            return first;
        }
        SetOperationList set = new SetOperationList();
        set.setSelects(selects);
        return set;
    }

    private Select setTerm() {
        if (atPunct('(')) {
            p++;
            ParenthesedSelect ps = new ParenthesedSelect();
            ps.setSelect(query());
            expectPunct(')');
            return ps;
        }
        if (at("VALUES")) {
            throw BAIL;
        }
        return plainSelect();
    }

    private PlainSelect plainSelect() {
        expect("SELECT");
        PlainSelect ps = new PlainSelect();
        if (!accept("ALL")) {
            if (accept("DISTINCT")) {
                if (at("ON")) {
                    throw BAIL;
                }
            }
        }
        if (at("TOP")) {
            p++;
            Token t = peek();
            if (t == null || t.type() != Type.NUMBER) {
                throw BAIL;
            }
            p++;
        }
        List<SelectItem<?>> items = new ArrayList<>(8);
        do {
            items.add(selectItem());
        } while (acceptPunct(','));
        ps.setSelectItems(items);
        if (accept("INTO")) {
            if (accept("TEMP") || accept("TEMPORARY") || accept("UNLOGGED")) {
                accept("TABLE"); // PostgreSQL/Redshift SELECT ... INTO TEMP TABLE t
            } else {
                accept("TABLE");
            }
            Token t = peek();
            if (t == null || t.type() != Type.WORD && t.type() != Type.QUOTED) {
                throw BAIL;
            }
            List<Table> into = new ArrayList<>(1);
            into.add(tableName());
            ps.setIntoTables(into);
        }
        if (accept("FROM")) {
            ps.setFromItem(fromItem());
            List<Join> joins = joins();
            if (joins != null) {
                ps.setJoins(joins);
            }
            List<LateralView> views = null;
            while (at("LATERAL") && at(1, "VIEW")) {
                if (views == null) {
                    views = new ArrayList<>(2);
                }
                views.add(lateralView());
            }
            if (views != null) {
                ps.setLateralViews(views);
            }
        }
        if (accept("WHERE")) {
            ps.setWhere(expression());
        }
        if (at("GROUP")) {
            p++;
            expect("BY");
            skipUntilClause();
        }
        if (accept("HAVING")) {
            ps.setHaving(expression());
        }
        if (accept("QUALIFY")) {
            ps.setQualify(expression());
        }
        return ps;
    }

    /** Hive/Spark {@code LATERAL VIEW [OUTER] explode(x) t AS c [, c2]}. */
    private LateralView lateralView() {
        p += 2;
        boolean outer = accept("OUTER");
        Token name = peek();
        if (name == null || name.type() != Type.WORD || peek(1) == null || !peek(1).isPunct('(')) {
            throw BAIL;
        }
        p++;
        if (!(function(name.text()) instanceof Function f)) {
            throw BAIL;
        }
        Token tableAlias = peek();
        if (!isName(tableAlias) || tableAlias.type() == Type.WORD && CLAUSE_WORDS.contains(tableAlias.upper())) {
            throw BAIL;
        }
        p++;
        expect("AS");
        Token first = peek();
        if (!isName(first)) {
            throw BAIL;
        }
        p++;
        Alias columns = new Alias(first.text(), true);
        List<Alias.AliasColumn> more = new ArrayList<>(1);
        while (acceptPunct(',')) {
            Token c = peek();
            if (!isName(c)) {
                throw BAIL;
            }
            p++;
            more.add(new Alias.AliasColumn(c.text()));
        }
        if (!more.isEmpty()) {
            columns.setAliasColumns(more);
        }
        return new LateralView(outer, f, new Alias(tableAlias.text(), false), columns);
    }

    private SelectItem<?> selectItem() {
        Token t = peek();
        if (t == null) {
            throw BAIL;
        }
        if (t.isPunct('*')) {
            p++;
            AllColumns all = new AllColumns();
            if ((at("EXCEPT") || at("EXCLUDE")) && peek(1) != null && peek(1).isPunct('(')) {
                p++; // BigQuery * EXCEPT (a, b), Snowflake/DuckDB * EXCLUDE (a, b)
                all.setExceptColumns(columnNameList());
            } else if ((at("EXCEPT") || at("EXCLUDE")) && isName(peek(1)) && !at(1, "SELECT")) {
                p++;
                all.setExceptColumns(new ExpressionList<>(column()));
            }
            if (at("REPLACE") || at("RENAME") || at("ILIKE")) {
                throw BAIL;
            }
            return new SelectItem<>(all);
        }
        if (isName(t)) {
            // t.* or s.t.*
            int i = p;
            while (i + 2 < n && tokens.get(i + 1).isPunct('.') && isName(tokens.get(i + 2))) {
                i += 2;
            }
            if (i + 2 < n && tokens.get(i + 1).isPunct('.') && tokens.get(i + 2).isPunct('*')) {
                List<String> parts = new ArrayList<>(3);
                for (int k = p; k <= i; k += 2) {
                    parts.add(tokens.get(k).text());
                }
                p = i + 3;
                if (at("EXCEPT") || at("EXCLUDE") || at("REPLACE") || at("RENAME")) {
                    throw BAIL;
                }
                return new SelectItem<>(new AllTableColumns(new Table(parts)));
            }
        }
        Expression e = expression();
        Alias alias = alias(true);
        SelectItem<Expression> item = new SelectItem<>(e);
        if (alias != null) {
            item.setAlias(alias);
        }
        return item;
    }

    /** An alias: {@code AS name} or, where allowed, a bare name that is not a clause word. */
    private Alias alias(boolean columnAlias) {
        if (accept("AS")) {
            Token t = peek();
            if (!isName(t)) {
                throw BAIL;
            }
            p++;
            return new Alias(t.text(), true);
        }
        Token t = peek();
        if (t != null && (t.type() == Type.QUOTED || t.type() == Type.WORD && !CLAUSE_WORDS.contains(t.upper()))) {
            if (!columnAlias && peek(1) != null && peek(1).isPunct('(')) {
                throw BAIL; // an alias with a column list, or a function-like clause
            }
            p++;
            return new Alias(t.text(), false);
        }
        if (t != null && t.type() == Type.STRING) {
            throw BAIL;
        }
        return null;
    }

    private FromItem fromItem() {
        Token t = peek();
        if (t == null) {
            throw BAIL;
        }
        if (t.isPunct('(')) {
            if (!(at(1, "SELECT") || at(1, "WITH"))) {
                throw BAIL; // a parenthesised join
            }
            p++;
            ParenthesedSelect ps = new ParenthesedSelect();
            ps.setSelect(query());
            expectPunct(')');
            Alias a = alias(true);
            if (a != null) {
                aliasColumns(a);
                ps.setAlias(a);
            }
            return ps;
        }
        if ((t.is("LATERAL") || t.is("TABLE")) && peek(1) != null
                && (t.is("LATERAL") ? peek(1).type() == Type.WORD && peek(2) != null && peek(2).isPunct('(')
                        && !peek(1).is("VIEW") : peek(1).isPunct('(') && peek(2) != null
                        && peek(2).type() == Type.WORD && peek(3) != null && peek(3).isPunct('('))) {
            // Snowflake LATERAL FLATTEN(...) f, TABLE(FLATTEN(...)) f
            boolean table = t.is("TABLE");
            p += table ? 2 : 1;
            Token name = peek();
            p++;
            if (!(function(name.text()) instanceof Function f)) {
                throw BAIL;
            }
            if (table) {
                expectPunct(')');
            }
            TableFunction tf = new TableFunction(f);
            Alias a = alias(true);
            if (a != null) {
                aliasColumns(a);
                tf.setAlias(a);
            }
            return tf;
        }
        if (t.type() == Type.WORD && peek(1) != null && peek(1).isPunct('(') && !t.is("LATERAL") && !t.is("TABLE")
                && !t.is("VALUES")) {
            // a table function: UNNEST(...), explode(...), generate_series(...)
            p++;
            if (!(function(t.text()) instanceof Function f)) {
                throw BAIL;
            }
            TableFunction tf = new TableFunction(f);
            Alias a = alias(true);
            if (a != null) {
                aliasColumns(a);
                tf.setAlias(a);
            }
            return tf;
        }
        if (!isName(t) || t.type() == Type.WORD && CLAUSE_WORDS.contains(t.upper())) {
            throw BAIL;
        }
        Table table = tableName();
        if (atPunct('(')) {
            throw BAIL; // a table function
        }
        skipTimeTravel();
        Alias a = alias(false);
        if (a != null) {
            table.setAlias(a);
        }
        skipTimeTravel();
        if (dialect == Dialect.TSQL && at("WITH") && peek(1) != null && peek(1).isPunct('(')) {
            p++;
            skipParenthesized(); // table hints: WITH (NOLOCK)
        }
        return table;
    }

    /** Snowflake {@code AT(...)}, {@code BEFORE(...)}, {@code CHANGES(...)}: the same table, at another time. */
    private void skipTimeTravel() {
        while (dialect == Dialect.SNOWFLAKE && (at("AT") || at("BEFORE") || at("CHANGES")) && peek(1) != null
                && peek(1).isPunct('(')) {
            p++;
            skipParenthesized();
        }
    }

    /** The column list of a derived table's alias: {@code AS t (a, b)}. */
    private void aliasColumns(Alias alias) {
        if (!atPunct('(')) {
            return;
        }
        p++;
        List<Alias.AliasColumn> columns = new ArrayList<>(4);
        do {
            Token c = peek();
            if (!isName(c)) {
                throw BAIL;
            }
            p++;
            columns.add(new Alias.AliasColumn(c.text()));
        } while (acceptPunct(','));
        expectPunct(')');
        alias.setAliasColumns(columns);
    }

    private List<Join> joins() {
        List<Join> joins = null;
        while (true) {
            Join join = new Join();
            if (acceptPunct(',')) {
                join.setSimple(true);
                join.setRightItem(fromItem());
            } else {
                int start = p;
                accept("NATURAL");
                if (accept("LEFT") || accept("RIGHT") || accept("FULL")) {
                    accept("OUTER");
                } else if (!accept("INNER")) {
                    accept("CROSS");
                }
                if (!accept("JOIN")) {
                    if (p != start) {
                        throw BAIL;
                    }
                    break;
                }
                join.setRightItem(fromItem());
                if (accept("ON")) {
                    join.addOnExpression(expression());
                } else if (accept("USING")) {
                    skipParenthesized();
                }
            }
            if (joins == null) {
                joins = new ArrayList<>(4);
            }
            joins.add(join);
        }
        return joins;
    }

    /** A possibly qualified table name, its parts as written (quotes kept). */
    private Table tableName() {
        Token t = peek();
        if (!isName(t)) {
            throw BAIL;
        }
        List<String> parts = new ArrayList<>(3);
        parts.add(t.text());
        p++;
        while (atPunct('.')) {
            Token next = peek(1);
            if (!isName(next)) {
                throw BAIL;
            }
            parts.add(next.text());
            p += 2;
        }
        if (parts.size() > 3) {
            throw BAIL;
        }
        return new Table(parts);
    }

    private ExpressionList<Column> columnNameList() {
        expectPunct('(');
        List<Column> cols = new ArrayList<>();
        do {
            cols.add(column());
        } while (acceptPunct(','));
        expectPunct(')');
        return new ExpressionList<>(cols);
    }

    /** A possibly qualified column reference. */
    private Column column() {
        Token t = peek();
        if (!isName(t)) {
            throw BAIL;
        }
        p++;
        if (!atPunct('.')) {
            return new Column((Table) null, t.text());
        }
        List<String> parts = new ArrayList<>(3);
        parts.add(t.text());
        while (atPunct('.')) {
            Token next = peek(1);
            if (!isName(next)) {
                throw BAIL;
            }
            parts.add(next.text());
            p += 2;
        }
        String name = parts.remove(parts.size() - 1);
        return new Column(new Table(parts), name);
    }

    private void skipOrderLimit() {
        while ((at("DISTRIBUTE") || at("SORT") || at("CLUSTER")) && at(1, "BY")) {
            p += 2; // Hive/Spark query clauses
            skipUntilClause();
        }
        if (at("ORDER")) {
            p++;
            expect("BY");
            skipUntilClause();
        }
        while (at("LIMIT") || at("OFFSET") || at("FETCH")) {
            skipUntilClause();
        }
    }

    /** Skips tokens up to the next top-level clause word, closing parenthesis or the end. */
    private void skipUntilClause() {
        int d = 0;
        int start = p;
        while (p < n) {
            Token t = tokens.get(p);
            if (t.isPunct('(')) {
                d++;
            } else if (t.isPunct(')')) {
                if (d == 0) {
                    break;
                }
                d--;
            } else if (d == 0 && t.type() == Type.WORD && p > start) {
                String u = t.upper();
                if (u.equals("HAVING") || u.equals("QUALIFY") || u.equals("ORDER") || u.equals("UNION")
                        || u.equals("INTERSECT") || u.equals("EXCEPT") || u.equals("MINUS") || u.equals("WINDOW")
                        || u.equals("LIMIT") || u.equals("OFFSET") || u.equals("FETCH") || u.equals("DISTRIBUTE")
                        || u.equals("SORT") || u.equals("CLUSTER")) {
                    break;
                }
            } else if (d > 0 && (t.is("SELECT") || t.isPunct(';'))) {
                throw BAIL; // a subquery in GROUP/ORDER BY: leave it to the full parser
            }
            p++;
        }
        if (d != 0) {
            throw BAIL;
        }
    }

    private void skipParenthesized() {
        expectPunct('(');
        int d = 1;
        while (p < n && d > 0) {
            Token t = tokens.get(p++);
            if (t.isPunct('(')) {
                d++;
            } else if (t.isPunct(')')) {
                d--;
            } else if (t.is("SELECT")) {
                throw BAIL;
            }
        }
        if (d != 0) {
            throw BAIL;
        }
    }

    // ------------------------------------------------------------------ expressions

    private ExpressionList<Expression> expressionList(char close) {
        List<Expression> list = new ArrayList<>(4);
        if (atPunct(close)) {
            return new ExpressionList<>(list);
        }
        do {
            list.add(expression());
        } while (acceptPunct(','));
        return new ExpressionList<>(list);
    }

    /**
     * An expression, flattened: its operands in order, as one expression or a list. Precedence does
     * not matter for lineage, which only collects the columns and subqueries an expression reads.
     */
    private Expression expression() {
        enter();
        Expression first = null;
        List<Expression> operands = null;
        while (true) {
            while (at("NOT") || atPunct('-') || atPunct('+') || atPunct('~')) {
                p++;
            }
            Expression e = operand();
            if (first == null) {
                first = e;
            } else {
                if (operands == null) {
                    operands = new ArrayList<>(4);
                    operands.add(first);
                }
                operands.add(e);
            }
            if (!binaryOperator()) {
                break;
            }
        }
        depth--;
        return operands == null ? first : new ExpressionList<>(operands);
    }

    /** Consumes a binary operator (and the words of IS [NOT] ..., NOT IN/LIKE/BETWEEN); false at none. */
    private boolean binaryOperator() {
        Token t = peek();
        if (t == null) {
            return false;
        }
        if (t.type() == Type.PUNCT) {
            String s = t.text();
            switch (s) {
                case "+": case "-": case "*": case "/": case "%": case "=": case "<": case ">": case "<>":
                case "!=": case "<=": case ">=": case "||": case "^": case "&": case "|":
                    p++;
                    return true;
                default:
                    return false;
            }
        }
        if (t.type() != Type.WORD) {
            return false;
        }
        String u = t.upper();
        if (u.equals("IS")) {
            p++;
            accept("NOT");
            if (accept("DISTINCT")) {
                expect("FROM");
                return true;
            }
            if (accept("NULL") || accept("TRUE") || accept("FALSE") || accept("UNKNOWN")) {
                return binaryOperator();
            }
            throw BAIL;
        }
        if (u.equals("NOT")) {
            Token next = peek(1);
            if (next != null && next.type() == Type.WORD && WORD_OPERATORS.contains(next.upper())
                    && !next.is("AND") && !next.is("OR")) {
                p += 2;
                return true;
            }
            return false;
        }
        if (u.equals("SIMILAR")) {
            p++;
            expect("TO");
            return true;
        }
        if (WORD_OPERATORS.contains(u)) {
            p++;
            if ((u.equals("LIKE") || u.equals("ILIKE")) && (at("ANY") || at("ALL"))) {
                throw BAIL;
            }
            return true;
        }
        return false;
    }

    private Expression operand() {
        Token t = peek();
        if (t == null) {
            throw BAIL;
        }
        Expression e;
        switch (t.type()) {
            case NUMBER:
            case STRING:
            case VARIABLE:
                p++;
                e = LITERAL;
                break;
            case QUOTED:
                e = column();
                break;
            case PUNCT:
                if (t.isPunct('(')) {
                    p++;
                    if (at("SELECT") || at("WITH")) {
                        ParenthesedSelect ps = new ParenthesedSelect();
                        ps.setSelect(query());
                        expectPunct(')');
                        e = ps;
                    } else {
                        ExpressionList<Expression> list = expressionList(')');
                        expectPunct(')');
                        e = new ParenthesedExpressionList<>(list);
                    }
                } else if (t.isPunct('?')) {
                    p++;
                    e = LITERAL;
                } else {
                    throw BAIL;
                }
                break;
            default:
                e = wordOperand(t);
                break;
        }
        return postfix(e);
    }

    private Expression postfix(Expression e) {
        while (true) {
            if (p < n && tokens.get(p).type() == Type.PUNCT && tokens.get(p).text().equals("::")) {
                p++;
                dataType();
                e = cast(e);
            } else if (at("COLLATE")) {
                p++;
                if (p >= n) {
                    throw BAIL;
                }
                p++;
            } else if (atPunct(':') && (dialect == Dialect.SNOWFLAKE || dialect == Dialect.DATABRICKS)
                    && isName(peek(1))) {
                p += 2; // a semi-structured path: payload:customer.id
                while (atPunct('.') && isName(peek(1)) || atPunct('[')) {
                    if (atPunct('[')) {
                        p++;
                        expression();
                        expectPunct(']');
                    } else {
                        p += 2;
                    }
                }
                e = new ParenthesedExpressionList<>(e);
            } else if (atPunct('[')) {
                p++;
                Expression index = expression();
                expectPunct(']');
                e = new ParenthesedExpressionList<>(e, index);
            } else if (atPunct(':') || atPunct('.')) {
                throw BAIL;
            } else {
                return e;
            }
        }
    }

    /** A type name such as {@code varchar(10)}, {@code timestamp with time zone}, {@code number(38,2)}. */
    private void dataType() {
        Token t = peek();
        if (t == null || t.type() != Type.WORD) {
            throw BAIL;
        }
        p++;
        if (t.is("DOUBLE")) {
            accept("PRECISION");
        }
        if (atPunct('(')) {
            skipParenthesized();
        }
        if ((t.is("TIMESTAMP") || t.is("TIME")) && (at("WITH") || at("WITHOUT"))) {
            p++;
            expect("TIME");
            expect("ZONE");
        }
        if (atPunct('<') || atPunct('[')) {
            throw BAIL;
        }
    }

    private Expression wordOperand(Token t) {
        String u = t.upper();
        switch (u) {
            case "CASE":
                return caseExpression();
            case "CAST":
            case "TRY_CAST":
            case "SAFE_CAST":
                if (peek(1) != null && peek(1).isPunct('(')) {
                    p += 2;
                    Expression inner = expression();
                    expect("AS");
                    dataType();
                    if (accept("FORMAT")) {
                        operand();
                    }
                    expectPunct(')');
                    return cast(inner);
                }
                throw BAIL;
            case "EXTRACT":
                if (peek(1) != null && peek(1).isPunct('(')) {
                    p += 2;
                    Token part = peek();
                    if (part == null || part.type() != Type.WORD && part.type() != Type.STRING) {
                        throw BAIL;
                    }
                    p++;
                    expect("FROM");
                    Expression inner = expression();
                    expectPunct(')');
                    return inner;
                }
                throw BAIL;
            case "ANY":
            case "ALL":
            case "SOME":
                if (peek(1) != null && peek(1).isPunct('(') && (at(2, "SELECT") || at(2, "WITH"))) {
                    p++;
                    return operand(); // the subquery; its tables are sources as in JSqlParser's tree
                }
                throw BAIL;
            case "EXISTS":
                p++;
                if (!atPunct('(') || !(at(1, "SELECT") || at(1, "WITH"))) {
                    throw BAIL;
                }
                return operand();
            case "INTERVAL":
                p++;
                Token v = peek();
                if (v == null || v.type() != Type.STRING && v.type() != Type.NUMBER) {
                    throw BAIL;
                }
                p++;
                Token unit = peek();
                if (unit != null && unit.type() == Type.WORD && !CLAUSE_WORDS.contains(unit.upper())
                        && isDatePart(unit.text())) {
                    p++;
                }
                return LITERAL;
            case "DATE":
            case "TIMESTAMP":
            case "TIME":
            case "DATETIME":
                if (peek(1) != null && peek(1).type() == Type.STRING) {
                    p += 2;
                    return LITERAL;
                }
                break;
            default:
                break;
        }
        if (CONSTANTS.contains(u)) {
            p++;
            return LITERAL;
        }
        if (CLAUSE_WORDS.contains(u) && !(FUNCTION_WORDS.contains(u) && peek(1) != null && peek(1).isPunct('('))) {
            throw BAIL;
        }
        // a column, a qualified column or a function call
        int start = p;
        p++;
        List<String> parts = null;
        while (atPunct('.')) {
            Token next = peek(1);
            if (next == null || !isName(next)) {
                throw BAIL;
            }
            if (parts == null) {
                parts = new ArrayList<>(3);
                parts.add(t.text());
            }
            parts.add(next.text());
            p += 2;
        }
        if (atPunct('(')) {
            if (tokens.get(p - 1).type() != Type.WORD) {
                throw BAIL;
            }
            return function(parts == null ? t.text() : String.join(".", parts));
        }
        if (parts == null) {
            if (t.type() != Type.WORD) {
                throw BAIL;
            }
            return new Column((Table) null, tokens.get(start).text());
        }
        String name = parts.remove(parts.size() - 1);
        return new Column(new Table(parts), name);
    }

    private static boolean isDatePart(String word) {
        String w = word.toUpperCase(Locale.ROOT);
        return w.startsWith("YEAR") || w.startsWith("MONTH") || w.startsWith("DAY") || w.startsWith("HOUR")
                || w.startsWith("MINUTE") || w.startsWith("SECOND") || w.startsWith("WEEK") || w.startsWith("QUARTER");
    }

    private static Expression cast(Expression inner) {
        CastExpression c = new CastExpression();
        c.setLeftExpression(inner);
        return c;
    }

    private Expression caseExpression() {
        expect("CASE");
        CaseExpression c = new CaseExpression();
        if (!at("WHEN")) {
            c.setSwitchExpression(expression());
        }
        List<WhenClause> whens = new ArrayList<>(4);
        while (accept("WHEN")) {
            Expression when = expression();
            expect("THEN");
            whens.add(new WhenClause(when, expression()));
        }
        if (whens.isEmpty()) {
            throw BAIL;
        }
        c.setWhenClauses(whens);
        if (accept("ELSE")) {
            c.setElseExpression(expression());
        }
        expect("END");
        return c;
    }

    /**
     * A function call from its opening parenthesis: arguments, then WITHIN GROUP, FILTER, OVER.
     * Window and ordered-set forms become an {@link AnalyticExpression} as in JSqlParser's tree.
     */
    private Expression function(String name) {
        expectPunct('(');
        Function f = new Function();
        f.setName(name);
        List<Expression> args = new ArrayList<>(4);
        if (atPunct('*') && peek(1) != null && peek(1).isPunct(')')) {
            p++;
        } else if (!atPunct(')')) {
            if (!accept("DISTINCT")) {
                accept("ALL");
            }
            if (at("SELECT") || at("WITH")) {
                ParenthesedSelect ps = new ParenthesedSelect();
                ps.setSelect(query());
                args.add(ps);
            } else {
                do {
                    Token a = peek();
                    Token b = peek(1);
                    if (a != null && b != null && a.type() == Type.WORD && b.type() == Type.PUNCT
                            && b.text().equals("=>")) {
                        p += 2; // a named argument
                    }
                    args.add(expression());
                    if (at("IGNORE") || at("RESPECT")) {
                        p++;
                        expect("NULLS");
                    }
                } while (acceptPunct(','));
                if (at("ORDER")) {
                    p++;
                    expect("BY");
                    f.setOrderByElements(orderItems());
                }
                if (at("SEPARATOR") || at("LIMIT")) {
                    throw BAIL;
                }
            }
        }
        expectPunct(')');
        f.setParameters(new ExpressionList<>(args));
        AnalyticExpression analytic = null;
        if (at("WITHIN")) {
            p++;
            expect("GROUP");
            expectPunct('(');
            expect("ORDER");
            expect("BY");
            analytic = analytic(f, analytic);
            analytic.setOrderByElements(orderItems());
            expectPunct(')');
        }
        if (at("FILTER")) {
            p++;
            expectPunct('(');
            expect("WHERE");
            analytic = analytic(f, analytic);
            analytic.setFilterExpression(expression()); // not read for lineage, as in JSqlParser's tree
            expectPunct(')');
        }
        if (at("IGNORE") || at("RESPECT")) {
            p++;
            expect("NULLS");
        }
        if (at("OVER")) {
            p++;
            if (!acceptPunct('(') || analytic != null && analytic.getOrderByElements() != null) {
                throw BAIL; // a named window, or WITHIN GROUP ... OVER
            }
            analytic = analytic(f, analytic);
            if (at("PARTITION")) {
                p++;
                expect("BY");
                List<Expression> partition = new ArrayList<>(2);
                do {
                    partition.add(expression());
                } while (acceptPunct(','));
                analytic.setPartitionExpressionList(new ExpressionList<>(partition));
            }
            if (at("ORDER")) {
                p++;
                expect("BY");
                analytic.setOrderByElements(orderItems());
            }
            if (at("ROWS") || at("RANGE") || at("GROUPS")) {
                while (p < n && !atPunct(')')) {
                    if (atPunct('(')) {
                        throw BAIL;
                    }
                    p++;
                }
            }
            expectPunct(')');
        }
        return analytic == null ? f : analytic;
    }

    private static AnalyticExpression analytic(Function f, AnalyticExpression existing) {
        if (existing != null) {
            return existing;
        }
        if (f.getOrderByElements() != null) {
            throw BAIL; // ORDER BY inside the arguments and a window: leave it to the full parser
        }
        AnalyticExpression a = new AnalyticExpression();
        a.setName(f.getName());
        ExpressionList<?> params = f.getParameters();
        if (params != null && !params.isEmpty()) {
            a.setExpression(params.size() == 1 ? params.get(0) : params);
        }
        return a;
    }

    private List<OrderByElement> orderItems() {
        List<OrderByElement> items = new ArrayList<>(2);
        do {
            OrderByElement o = new OrderByElement();
            o.setExpression(expression());
            items.add(o);
            if (!accept("ASC")) {
                accept("DESC");
            }
            if (accept("NULLS")) {
                if (!accept("FIRST")) {
                    expect("LAST");
                }
            }
        } while (acceptPunct(','));
        return items;
    }


}
