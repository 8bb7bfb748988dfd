package io.mcpush.lineage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.AnyComparisonExpression;
import net.sf.jsqlparser.expression.CaseExpression;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.UseStatement;
import net.sf.jsqlparser.statement.create.table.ColumnDefinition;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.create.view.AlterView;
import net.sf.jsqlparser.statement.create.view.CreateView;
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
import net.sf.jsqlparser.statement.select.ParenthesedFromItem;
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
import net.sf.jsqlparser.statement.upsert.Upsert;

/**
 * Table and column lineage of one parsed statement. Resolves every output column through
 * aliases, CTEs and subqueries to base-table columns; a column it cannot attribute with certainty
 * (an unqualified name with several candidate tables and no catalog) gives no edge.
 */
final class AstAnalyzer {
    /** Names that look like columns but are functions or constants when nothing else defines them. */
    private static final Set<String> PSEUDO_COLUMNS = Set.of("current_date", "current_timestamp", "current_time",
            "current_user", "session_user", "user", "sysdate", "systimestamp", "localtimestamp", "localtime",
            "current_schema", "current_database", "current_role", "rownum", "level", "true", "false", "null",
            "current_catalog", "getdate", "now");

    /** Units that date functions take as bare words: {@code DATEADD(day, 1, d)}. */
    private static final Set<String> DATE_PARTS = Set.of("year", "years", "yy", "yyyy", "quarter", "qq", "month",
            "months", "mm", "mon", "week", "weeks", "wk", "ww", "isoweek", "day", "days", "dd", "dayofweek",
            "dayofyear", "dy", "dw", "hour", "hours", "hh", "minute", "minutes", "mi", "second", "seconds", "ss",
            "millisecond", "milliseconds", "ms", "microsecond", "microseconds", "mcs", "nanosecond", "ns",
            "epoch", "date", "time", "datetime", "timestamp", "dow", "doy", "isoyear", "century", "decade",
            "millennium", "weekday");

    private final Names names;
    private final boolean columns;
    private final Method method;
    private StatementLineage out;

    AstAnalyzer(Names names, boolean columns, Method method) {
        this.names = names;
        this.columns = columns;
        this.method = method;
    }

    // ------------------------------------------------------------------ model

    /** One output column of a query: a name (or null) and the base columns it is computed from. */
    record Out(String name, Set<ColumnName> sources, Relation star, boolean implicit) {
        Out(String name, Set<ColumnName> sources, Relation star) {
            this(name, sources, star, false);
        }

        static Out star(Relation relation) {
            return new Out(null, Set.of(), relation);
        }
    }

    /** A table, CTE, subquery or table function visible in a FROM clause. */
    final class Relation {
        final String alias;
        final TableName table;
        final List<String> tableColumns;
        final List<Out> outs;
        /** For UNNEST/FLATTEN/explode: every column of it is computed from these. */
        final Set<ColumnName> valueSources;
        final Set<String> valueNames;

        Relation(String alias, TableName table, List<String> tableColumns, List<Out> outs,
                Set<ColumnName> valueSources, Set<String> valueNames) {
            this.alias = alias;
            this.table = table;
            this.tableColumns = tableColumns;
            this.outs = outs;
            this.valueSources = valueSources;
            this.valueNames = valueNames;
        }

        boolean complete() {
            if (valueSources != null) {
                return true;
            }
            if (table != null) {
                return tableColumns != null;
            }
            for (Out o : outs) {
                if (o.star != null && !o.star.complete()) {
                    return false;
                }
            }
            return true;
        }

        boolean knows(String column) {
            if (valueSources != null) {
                return valueNames.contains(column.toLowerCase(Locale.ROOT));
            }
            if (table != null) {
                return tableColumns != null && indexOf(tableColumns, column) >= 0;
            }
            for (Out o : outs) {
                if (o.name != null && o.name.equalsIgnoreCase(column) || o.star != null && o.star.knows(column)) {
                    return true;
                }
            }
            return false;
        }

        Set<ColumnName> lookup(String column) {
            if (valueSources != null) {
                return valueSources;
            }
            if (table != null) {
                String spelled = column;
                if (tableColumns != null) {
                    int i = indexOf(tableColumns, column);
                    if (i >= 0) {
                        spelled = tableColumns.get(i);
                    }
                }
                return Set.of(new ColumnName(table, spelled));
            }
            List<Relation> stars = new ArrayList<>(1);
            for (Out o : outs) {
                if (o.name != null && o.name.equalsIgnoreCase(column)) {
                    return o.sources;
                }
                if (o.star != null) {
                    stars.add(o.star);
                }
            }
            Relation owner = owner(stars, column);
            return owner == null ? Set.of() : owner.lookup(column);
        }

        List<Out> expand() {
            if (valueSources != null) {
                List<Out> r = new ArrayList<>();
                for (String n : valueNames) {
                    r.add(new Out(n, valueSources, null));
                }
                return r;
            }
            if (table != null) {
                if (tableColumns == null) {
                    return List.of(Out.star(this));
                }
                List<Out> r = new ArrayList<>(tableColumns.size());
                for (String c : tableColumns) {
                    r.add(new Out(c, Set.of(new ColumnName(table, c)), null));
                }
                return r;
            }
            return outs;
        }

        boolean answersTo(List<String> qualifier) {
            String last = qualifier.get(qualifier.size() - 1);
            if (alias != null && qualifier.size() == 1 && alias.equalsIgnoreCase(last)) {
                return true;
            }
            if (table == null || !table.name().equalsIgnoreCase(last)) {
                return false;
            }
            return qualifier.size() < 2 || table.schema() == null
                    || table.schema().equalsIgnoreCase(qualifier.get(qualifier.size() - 2));
        }
    }

    /** The relation that owns an unqualified column, or null when that is not certain. */
    private static Relation owner(List<Relation> relations, String column) {
        if (relations.size() == 1) {
            return relations.get(0);
        }
        Relation knowing = null;
        int knowers = 0;
        Relation incomplete = null;
        int incompletes = 0;
        for (Relation r : relations) {
            if (r.knows(column)) {
                knowing = r;
                knowers++;
            } else if (!r.complete()) {
                incomplete = r;
                incompletes++;
            }
        }
        if (knowers == 1) {
            return knowing;
        }
        if (knowers == 0 && incompletes == 1) {
            return incomplete;
        }
        return null;
    }

    private static int indexOf(List<String> names, String name) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Relations in one FROM clause, the CTEs in force, and the enclosing scope. */
    final class Scope {
        final Scope parent;
        final List<Relation> relations = new ArrayList<>(4);
        final List<Relation> ctes = new ArrayList<>(0);
        List<Out> selectOutputs = List.of();

        Scope(Scope parent) {
            this.parent = parent;
        }

        Relation cte(String name) {
            for (Scope s = this; s != null; s = s.parent) {
                for (int i = s.ctes.size() - 1; i >= 0; i--) {
                    if (s.ctes.get(i).alias.equalsIgnoreCase(name)) {
                        return s.ctes.get(i);
                    }
                }
            }
            return null;
        }

        Set<ColumnName> resolve(Column column) {
            String name = names.identifier(column.getColumnName());
            Table t = column.getTable();
            String qualifierText = t == null ? null : t.getFullyQualifiedName();
            if (qualifierText == null || qualifierText.isEmpty()) {
                if (!names.dialect().doubleQuotedIdentifiers() && column.getColumnName().startsWith("\"")) {
                    return Set.of(); // a string literal in this dialect
                }
                return resolveUnqualified(name);
            }
            List<String> qualifier = names.parts(qualifierText);
            for (Scope s = this; s != null; s = s.parent) {
                for (Relation r : s.relations) {
                    if (r.answersTo(qualifier)) {
                        return r.lookup(name);
                    }
                }
            }
            // a struct field: t.col.field or col.field
            if (qualifier.size() >= 2) {
                List<String> head = qualifier.subList(0, 1);
                for (Scope s = this; s != null; s = s.parent) {
                    for (Relation r : s.relations) {
                        if (r.answersTo(head)) {
                            return r.lookup(qualifier.get(1));
                        }
                    }
                }
            }
            return resolveUnqualified(qualifier.get(0));
        }

        Set<ColumnName> resolveUnqualified(String name) {
            for (Relation r : relations) {
                if (r.valueSources != null && r.alias != null && r.alias.equalsIgnoreCase(name)) {
                    return r.valueSources;
                }
            }
            if (!relations.isEmpty()) {
                Relation owner = owner(relations, name);
                if (owner != null && !(PSEUDO_COLUMNS.contains(name.toLowerCase(Locale.ROOT)) && !owner.knows(name))) {
                    Set<ColumnName> found = owner.lookup(name);
                    if (!found.isEmpty()) {
                        return found;
                    }
                }
                for (Out o : selectOutputs) {
                    if (o.name != null && o.name.equalsIgnoreCase(name)) {
                        return o.sources;
                    }
                }
                for (Relation r : relations) {
                    if (!r.complete() || r.knows(name)) {
                        return Set.of();
                    }
                }
            }
            return parent == null ? Set.of() : parent.resolveUnqualified(name);
        }
    }

    /** Collects the base columns an expression reads, and the tables its subqueries read. */
    private final class ColumnCollector extends ExpressionVisitorAdapter<Void> {
        final Scope scope;
        final Set<ColumnName> found = new LinkedHashSet<>();

        ColumnCollector(Scope scope) {
            this.scope = scope;
        }

        @Override
        public <S> Void visit(Column column, S context) {
            if (columns) {
                found.addAll(scope.resolve(column));
            }
            return null;
        }

        @Override
        public <S> Void visit(ParenthesedSelect select, S context) {
            for (Out o : query(select, scope)) {
                found.addAll(o.sources);
            }
            return null;
        }

        @Override
        public <S> Void visit(Select select, S context) {
            for (Out o : query(select, scope)) {
                found.addAll(o.sources);
            }
            return null;
        }

        @Override
        public <S> Void visit(AnyComparisonExpression any, S context) {
            if (any.getSelect() != null) {
                for (Out o : query(any.getSelect(), scope)) {
                    found.addAll(o.sources);
                }
            }
            return null;
        }

        @Override
        public <S> Void visit(AnalyticExpression analytic, S context) {
            super.visit(analytic, context);
            if (analytic.getPartitionExpressionList() != null) {
                analytic.getPartitionExpressionList().accept(this, context);
            }
            if (analytic.getOrderByElements() != null && analytic.getFuncOrderBy() == null) {
                for (OrderByElement e : analytic.getOrderByElements()) {
                    e.getExpression().accept(this, context);
                }
            }
            return null;
        }

        @Override
        public <S> Void visit(Function function, S context) {
            ExpressionList<?> parameters = function.getParameters();
            if (parameters != null) {
                String fn = function.getName() == null ? "" : function.getName().toUpperCase(Locale.ROOT);
                boolean dateFunction = fn.contains("DATE") || fn.contains("TIME") || fn.contains("TRUNC")
                        || fn.equals("EXTRACT") || fn.equals("LAST_DAY");
                for (int i = 0; i < parameters.size(); i++) {
                    Expression p = parameters.get(i);
                    if (dateFunction && (i == 0 || i == parameters.size() - 1) && p instanceof Column c
                            && c.getTable() == null && DATE_PARTS.contains(c.getColumnName().toLowerCase(Locale.ROOT))
                            && !scopeKnows(c.getColumnName())) {
                        continue;
                    }
                    if (p != null) {
                        p.accept(this, context);
                    }
                }
            }
            if (function.getKeep() != null) {
                function.getKeep().accept(this, context);
            }
            if (function.getOrderByElements() != null) {
                for (OrderByElement e : function.getOrderByElements()) {
                    e.getExpression().accept(this, context);
                }
            }
            return null;
        }

        private boolean scopeKnows(String name) {
            for (Relation r : scope.relations) {
                if (r.knows(names.identifier(name))) {
                    return true;
                }
            }
            return false;
        }
    }

    private Set<ColumnName> columnsOf(Expression e, Scope scope) {
        if (e == null) {
            return Set.of();
        }
        ColumnCollector c = new ColumnCollector(scope);
        e.accept(c, null);
        return c.found;
    }

    private void walk(Expression e, Scope scope) {
        if (e != null) {
            e.accept(new ColumnCollector(scope), null);
        }
    }

    // ------------------------------------------------------------------ queries

    List<Out> query(Select select, Scope outer) {
        Scope scope = outer;
        List<WithItem<?>> with = select.getWithItemsList();
        if (with != null && !with.isEmpty()) {
            scope = new Scope(outer);
            for (WithItem<?> item : with) {
                addCte(item, scope);
            }
        }
        if (select instanceof PlainSelect ps) {
            return plain(ps, scope);
        }
        if (select instanceof SetOperationList set) {
            List<Out> merged = null;
            for (Select branch : set.getSelects()) {
                List<Out> outs = query(branch, scope);
                merged = merged == null ? new ArrayList<>(outs) : mergeByPosition(merged, outs);
            }
            return merged == null ? List.of() : merged;
        }
        if (select instanceof ParenthesedSelect ps) {
            return ps.getSelect() == null ? List.of() : query(ps.getSelect(), scope);
        }
        if (select instanceof Values values) {
            return values(values, scope);
        }
        return List.of();
    }

    private static List<Out> mergeByPosition(List<Out> first, List<Out> next) {
        boolean starred = first.stream().anyMatch(o -> o.star != null) || next.stream().anyMatch(o -> o.star != null);
        if (starred || first.size() != next.size()) {
            return first; // positions cannot be matched without knowing the columns
        }
        List<Out> merged = new ArrayList<>(first.size());
        for (int i = 0; i < first.size(); i++) {
            Set<ColumnName> s = new LinkedHashSet<>(first.get(i).sources);
            s.addAll(next.get(i).sources);
            merged.add(new Out(first.get(i).name, s, null, first.get(i).implicit));
        }
        return merged;
    }

    private void addCte(WithItem<?> item, Scope scope) {
        String name = names.identifier(item.getAliasName());
        List<String> columnNames = null;
        if (item.getWithItemList() != null && !item.getWithItemList().isEmpty()) {
            columnNames = new ArrayList<>();
            for (SelectItem<?> si : item.getWithItemList()) {
                columnNames.add(names.identifier(si.getExpression().toString()));
            }
        }
        ParenthesedSelect body = item.getSelect();
        if (body == null) {
            return; // a data-modifying CTE (INSERT/UPDATE/DELETE in WITH)
        }
        if (item.isRecursive() && body.getSelect() instanceof SetOperationList set && !set.getSelects().isEmpty()) {
            List<Out> anchor = query(set.getSelects().get(0), scope);
            scope.ctes.add(derived(name, rename(anchor, columnNames)));
        }
        List<Out> outs = rename(query(body, scope), columnNames);
        scope.ctes.add(derived(name, outs));
    }

    private static List<Out> rename(List<Out> outs, List<String> newNames) {
        if (newNames == null) {
            return outs;
        }
        List<Out> r = new ArrayList<>(outs.size());
        for (int i = 0; i < outs.size(); i++) {
            Out o = outs.get(i);
            if (o.star != null) {
                return r; // positions after an unknown * cannot be named
            }
            r.add(new Out(i < newNames.size() ? newNames.get(i) : o.name, o.sources, null));
        }
        return r;
    }

    private Relation derived(String alias, List<Out> outs) {
        return new Relation(alias, null, null, outs, null, null);
    }

    private List<Out> values(Values values, Scope scope) {
        ExpressionList<?> rows = values.getExpressions();
        List<Set<ColumnName>> positions = new ArrayList<>();
        if (rows == null) {
            return List.of();
        }
        boolean multiRow = !rows.isEmpty() && rows.get(0) instanceof ParenthesedExpressionList;
        if (multiRow) {
            for (Expression row : rows) {
                if (row instanceof ExpressionList<?> list) {
                    for (int i = 0; i < list.size(); i++) {
                        while (positions.size() <= i) {
                            positions.add(new LinkedHashSet<>());
                        }
                        positions.get(i).addAll(columnsOf(list.get(i), scope));
                    }
                }
            }
        } else {
            for (Expression e : rows) {
                positions.add(columnsOf(e, scope));
            }
        }
        List<Out> outs = new ArrayList<>(positions.size());
        List<String> aliasColumns = aliasColumns(values.getAlias());
        for (int i = 0; i < positions.size(); i++) {
            outs.add(new Out(aliasColumns != null && i < aliasColumns.size() ? aliasColumns.get(i) : null,
                    positions.get(i), null));
        }
        return outs;
    }

    private List<String> aliasColumns(Alias alias) {
        if (alias == null || alias.getAliasColumns() == null || alias.getAliasColumns().isEmpty()) {
            return null;
        }
        List<String> r = new ArrayList<>();
        for (Alias.AliasColumn c : alias.getAliasColumns()) {
            r.add(names.identifier(c.name));
        }
        return r;
    }

    private String aliasName(Alias alias) {
        return alias == null || alias.getName() == null || alias.getName().isEmpty() ? null
                : names.identifier(alias.getName());
    }

    private List<Out> plain(PlainSelect ps, Scope outer) {
        Scope scope = new Scope(outer);
        if (ps.getFromItem() != null) {
            addFrom(ps.getFromItem(), scope);
        }
        joins(ps.getJoins(), scope);
        if (ps.getLateralViews() != null) {
            for (LateralView lv : ps.getLateralViews()) {
                Set<ColumnName> src = columnsOf(lv.getGeneratorFunction(), scope);
                Set<String> valueNames = new LinkedHashSet<>();
                Alias ca = lv.getColumnAlias();
                if (ca != null) {
                    if (ca.getName() != null) {
                        valueNames.add(ca.getName().toLowerCase(Locale.ROOT));
                    }
                    List<String> more = aliasColumns(ca);
                    if (more != null) {
                        more.forEach(m -> valueNames.add(m.toLowerCase(Locale.ROOT)));
                    }
                }
                String tableAlias = aliasName(lv.getTableAlias());
                scope.relations.add(new Relation(tableAlias, null, null, null, src, valueNames));
                for (String v : valueNames) {
                    scope.relations.add(new Relation(v, null, null, null, src, Set.of(v)));
                }
            }
        }
        List<Out> outs = new ArrayList<>();
        int position = -1;
        int anonymous = 0;
        for (SelectItem<?> item : ps.getSelectItems()) {
            position++;
            Expression e = item.getExpression();
            if (e instanceof AllTableColumns atc) {
                List<String> q = names.parts(atc.getTable().getFullyQualifiedName());
                for (Relation r : scope.relations) {
                    if (r.answersTo(q)) {
                        outs.addAll(r.expand());
                        break;
                    }
                }
            } else if (e instanceof AllColumns all) {
                Set<String> except = exceptNames(all);
                for (Relation r : scope.relations) {
                    if (r.valueSources == null || r.alias != null && r.valueNames.size() > 1) {
                        for (Out o : r.expand()) {
                            if (o.name == null || !except.contains(o.name.toLowerCase(Locale.ROOT))) {
                                outs.add(o);
                            }
                        }
                    }
                }
            } else {
                String name = aliasName(item.getAlias());
                if (name == null && e instanceof Column c) {
                    name = names.identifier(c.getColumnName());
                }
                boolean implicit = false;
                if (name == null) {
                    name = implicitName(e, position, anonymous++);
                    implicit = name != null;
                }
                outs.add(new Out(name, columnsOf(e, scope), null, implicit));
            }
        }
        scope.selectOutputs = outs;
        walk(ps.getWhere(), scope);
        walk(ps.getHaving(), scope);
        walk(ps.getQualify(), scope);
        return outs;
    }

    /** The lower-case names of {@code * EXCEPT (...)} / {@code * EXCLUDE (...)}. */
    private Set<String> exceptNames(AllColumns all) {
        ExpressionList<Column> except = all.getExceptColumns();
        if (except == null || except.isEmpty()) {
            return Set.of();
        }
        Set<String> r = new java.util.HashSet<>();
        for (Column c : except) {
            r.add(names.identifier(c.getColumnName()).toLowerCase(Locale.ROOT));
        }
        return r;
    }

    /**
     * The name a warehouse gives an unaliased expression column, where that name is fixed by the
     * dialect: PostgreSQL and its relatives name it after the function ({@code count}), the cast
     * column, {@code case} or {@code ?column?}; BigQuery {@code f0_, f1_, ...} over the unnamed
     * columns; Hive {@code _c<position>}; Trino and Athena {@code _col<position>}. Null elsewhere
     * (Snowflake, Oracle and T-SQL reject unnamed expressions in tables and views).
     */
    private String implicitName(Expression e, int position, int anonymous) {
        switch (names.dialect()) {
            case POSTGRES:
            case REDSHIFT:
            case GREENPLUM:
            case MATERIALIZE:
                return postgresName(e);
            case BIGQUERY:
                return "f" + anonymous + "_";
            case HIVE:
                return "_c" + position;
            case TRINO:
            case ATHENA:
                return "_col" + position;
            default:
                return null;
        }
    }

    private String postgresName(Expression e) {
        if (e instanceof Column c) {
            return names.identifier(c.getColumnName());
        }
        if (e instanceof Function f && f.getName() != null) {
            List<String> parts = names.parts(f.getName());
            return parts.isEmpty() ? "?column?" : parts.get(parts.size() - 1);
        }
        if (e instanceof AnalyticExpression a && a.getName() != null) {
            List<String> parts = names.parts(a.getName());
            return parts.isEmpty() ? "?column?" : parts.get(parts.size() - 1);
        }
        if (e instanceof CaseExpression) {
            return "case";
        }
        if (e instanceof CastExpression c) {
            return postgresName(c.getLeftExpression());
        }
        if (e instanceof ParenthesedSelect ps && ps.getSelect() instanceof PlainSelect inner
                && inner.getSelectItems() != null && inner.getSelectItems().size() == 1) {
            SelectItem<?> only = inner.getSelectItems().get(0);
            String alias = aliasName(only.getAlias());
            return alias != null ? alias : postgresName(only.getExpression());
        }
        if (e instanceof ParenthesedExpressionList<?> p && p.size() == 1) {
            return postgresName(p.get(0));
        }
        return "?column?";
    }

    private void joins(List<Join> joins, Scope scope) {
        if (joins == null) {
            return;
        }
        for (Join j : joins) {
            addFrom(j.getRightItem(), scope);
        }
        for (Join j : joins) {
            Collection<Expression> on = j.getOnExpressions();
            if (on != null) {
                for (Expression e : on) {
                    walk(e, scope);
                }
            }
        }
    }

    private void addFrom(FromItem item, Scope scope) {
        if (item instanceof Table t) {
            String raw = t.getFullyQualifiedName();
            List<String> parts = names.parts(raw);
            String alias = aliasName(t.getAlias());
            if (parts.size() == 1) {
                Relation cte = scope.cte(parts.get(0));
                if (cte != null) {
                    scope.relations.add(derived(alias == null ? cte.alias : alias, cte.outs));
                    return;
                }
            }
            TableName name = names.table(parts);
            if (name == null) {
                return;
            }
            out.sources.add(name);
            scope.relations.add(new Relation(alias == null ? name.name() : alias, name, names.columns(name), null,
                    null, null));
        } else if (item instanceof ParenthesedSelect ps) {
            List<Out> outs = query(ps, scope);
            outs = rename(outs, aliasColumns(ps.getAlias()));
            scope.relations.add(derived(aliasName(ps.getAlias()), outs));
        } else if (item instanceof ParenthesedFromItem pf) {
            addFrom(pf.getFromItem(), scope);
            joins(pf.getJoins(), scope);
        } else if (item instanceof TableFunction tf) {
            Set<ColumnName> src = columnsOf(tf.getFunction(), scope);
            String alias = aliasName(tf.getAlias());
            Set<String> valueNames = new LinkedHashSet<>(List.of("value", "index", "key", "path", "this", "seq",
                    "element", "col", "pos"));
            List<String> more = aliasColumns(tf.getAlias());
            if (more != null) {
                more.forEach(m -> valueNames.add(m.toLowerCase(Locale.ROOT)));
            }
            scope.relations.add(new Relation(alias, null, null, null, src, valueNames));
        } else if (item instanceof Values v) {
            scope.relations.add(derived(aliasName(v.getAlias()), values(v, scope)));
        }
    }

    // ------------------------------------------------------------------ statements

    StatementLineage statement(Statement st) {
        out = new StatementLineage();
        out.method = method;
        if (st instanceof Select select) {
            select(select);
        } else if (st instanceof Insert insert) {
            insert(insert);
        } else if (st instanceof CreateTable ct) {
            createTable(ct);
        } else if (st instanceof CreateView cv) {
            TableName view = names.table(cv.getView().getFullyQualifiedName());
            view(view, cv.getSelect(), columnList(cv.getColumnNames()));
            out.created.add(view);
            if (cv.getTemporary() != null && cv.getTemporary() != net.sf.jsqlparser.statement.create.view.TemporaryOption.NONE) {
                out.temporary.add(view);
            }
        } else if (st instanceof AlterView av) {
            view(names.table(av.getView().getFullyQualifiedName()), av.getSelect(), null);
        } else if (st instanceof Merge merge) {
            merge(merge);
        } else if (st instanceof Update update) {
            update(update);
        } else if (st instanceof Delete delete) {
            delete(delete);
        } else if (st instanceof Upsert upsert) {
            TableName target = names.table(upsert.getTable().getFullyQualifiedName());
            if (upsert.getSelect() != null) {
                List<Out> outs = query(upsert.getSelect(), new Scope(null));
                out.targets.add(target);
                map(target, columnList(upsert.getColumns()), outs, false);
            }
        } else if (st instanceof UseStatement use) {
            use(use);
        }
        if (!out.sources.isEmpty() && out.targets.isEmpty()) {
            out.columnEdges.clear();
        }
        return out;
    }

    private void use(UseStatement use) {
        List<String> parts = names.parts(use.getName());
        if (parts.size() >= 2) {
            names.use(parts.get(parts.size() - 2), parts.get(parts.size() - 1));
        } else if (parts.size() == 1) {
            boolean twoLevel = switch (names.dialect()) {
                case MYSQL, MARIADB, HIVE, SPARKSQL, DATABRICKS, ATHENA, TRINO -> true;
                default -> false;
            };
            if (use.hasSchemaKeyword() || twoLevel) {
                names.use(null, parts.get(0));
            } else {
                names.use(parts.get(0), null);
            }
        }
    }

    private List<String> columnList(List<? extends Expression> list) {
        if (list == null || list.isEmpty()) {
            return null;
        }
        List<String> r = new ArrayList<>(list.size());
        for (Expression e : list) {
            r.add(names.identifier(e instanceof Column c ? c.getColumnName() : e.toString()));
        }
        return r;
    }

    private void select(Select select) {
        List<Out> outs = query(select, new Scope(null));
        PlainSelect ps = select instanceof PlainSelect p ? p
                : select instanceof SetOperationList set && set.getSelects().get(0) instanceof PlainSelect p0 ? p0
                : null;
        if (ps != null && ps.getIntoTables() != null && !ps.getIntoTables().isEmpty()) {
            for (Table t : ps.getIntoTables()) {
                if (t.getName() == null || t.getName().startsWith("@") && !t.getName().startsWith("@#")) {
                    continue; // SELECT ... INTO @variable
                }
                TableName target = names.table(t.getFullyQualifiedName());
                out.targets.add(target);
                out.created.add(target);
                if (Names.isSessionLocal(target)) {
                    out.temporary.add(target);
                }
                map(target, null, outs);
                learn(target, null, outs);
            }
        }
    }

    private void insert(Insert insert) {
        TableName target = names.table(insert.getTable().getFullyQualifiedName());
        Scope scope = new Scope(null);
        if (insert.getWithItemsList() != null) {
            for (WithItem<?> item : insert.getWithItemsList()) {
                addCte(item, scope);
            }
        }
        out.targets.add(target);
        if (insert.getSelect() != null) {
            List<Out> outs = query(insert.getSelect(), scope);
            map(target, columnList(insert.getColumns()), outs, false);
        }
    }

    private void createTable(CreateTable ct) {
        TableName target = names.table(ct.getTable().getFullyQualifiedName());
        List<String> defined = null;
        if (ct.getColumnDefinitions() != null && !ct.getColumnDefinitions().isEmpty()) {
            defined = new ArrayList<>();
            for (ColumnDefinition d : ct.getColumnDefinitions()) {
                defined.add(names.identifier(d.getColumnName()));
            }
        } else if (ct.getColumns() != null && !ct.getColumns().isEmpty()) {
            defined = new ArrayList<>();
            for (String c : ct.getColumns()) {
                defined.add(names.identifier(c));
            }
        }
        boolean temporary = Names.isSessionLocal(target);
        if (ct.getCreateOptionsStrings() != null) {
            for (String o : ct.getCreateOptionsStrings()) {
                String u = o.toUpperCase(Locale.ROOT);
                if (u.equals("TEMPORARY") || u.equals("TEMP") || u.equals("VOLATILE")) {
                    temporary = true;
                }
            }
        }
        out.created.add(target);
        if (temporary) {
            out.temporary.add(target);
        }
        if (ct.getSelect() != null) {
            out.targets.add(target);
            List<Out> outs = query(ct.getSelect(), new Scope(null));
            map(target, defined, outs);
            learn(target, defined, outs);
        } else if (ct.getLikeTable() != null) {
            List<String> like = names.columns(names.table(ct.getLikeTable().getFullyQualifiedName()));
            if (like != null) {
                names.learn(target, like);
            }
        } else if (defined != null) {
            names.learn(target, defined);
        }
    }

    private void view(TableName target, Select select, List<String> columnNames) {
        if (select == null) {
            return;
        }
        out.targets.add(target);
        List<Out> outs = query(select, new Scope(null));
        map(target, columnNames, outs);
        learn(target, columnNames, outs);
    }

    private void learn(TableName target, List<String> defined, List<Out> outs) {
        if (defined != null) {
            names.learn(target, defined);
            return;
        }
        List<String> cols = new ArrayList<>(outs.size());
        for (Out o : outs) {
            if (o.star != null || o.name == null) {
                return;
            }
            cols.add(o.name);
        }
        names.learn(target, cols);
    }

    /** Column edges from a query's outputs into the target, by position or by name. */
    private void map(TableName target, List<String> targetColumns, List<Out> outs) {
        map(target, targetColumns, outs, true);
    }

    /**
     * @param implicitNames whether names the warehouse gave unaliased expressions name target
     *     columns (they do for CTAS and views; an INSERT fills its target by position instead)
     */
    private void map(TableName target, List<String> targetColumns, List<Out> outs, boolean implicitNames) {
        if (!columns) {
            return;
        }
        List<String> tc = targetColumns != null ? targetColumns : names.columns(target);
        for (int i = 0; i < outs.size(); i++) {
            Out o = outs.get(i);
            if (o.star != null) {
                return; // an unknown * hides the positions of everything after it
            }
            String column;
            if (tc != null) {
                if (i >= tc.size()) {
                    return;
                }
                column = tc.get(i);
            } else {
                column = o.implicit && !implicitNames ? null : o.name;
            }
            if (column == null) {
                continue;
            }
            ColumnName t = new ColumnName(target, column);
            for (ColumnName s : o.sources) {
                out.columnEdges.add(new ColumnEdge(s, t, method));
            }
        }
    }

    private Relation targetRelation(Table table, TableName name) {
        String alias = aliasName(table.getAlias());
        return new Relation(alias == null ? name.name() : alias, name, names.columns(name), null, null, null);
    }

    private void merge(Merge merge) {
        TableName target = names.table(merge.getTable().getFullyQualifiedName());
        Scope scope = new Scope(null);
        if (merge.getWithItemsList() != null) {
            for (WithItem<?> item : merge.getWithItemsList()) {
                addCte(item, scope);
            }
        }
        Scope body = new Scope(scope);
        body.relations.add(targetRelation(merge.getTable(), target));
        if (merge.getFromItem() != null) {
            addFrom(merge.getFromItem(), body);
        }
        out.targets.add(target);
        walk(merge.getOnCondition(), body);
        if (merge.getOperations() != null) {
            for (MergeOperation op : merge.getOperations()) {
                if (op instanceof MergeUpdate mu) {
                    updateSets(target, mu.getUpdateSets(), body);
                } else if (op instanceof MergeInsert mi) {
                    List<String> cols = columnList(mi.getColumns());
                    if (cols == null) {
                        cols = names.columns(target);
                    }
                    ExpressionList<?> values = mi.getValues();
                    if (cols != null && values != null) {
                        for (int i = 0; i < values.size() && i < cols.size(); i++) {
                            edges(columnsOf(values.get(i), body), new ColumnName(target, cols.get(i)));
                        }
                    }
                }
            }
        }
        out.sources.remove(target);
        dropSelfEdges(target);
    }

    private void updateSets(TableName target, List<UpdateSet> sets, Scope scope) {
        if (sets == null) {
            return;
        }
        for (UpdateSet set : sets) {
            List<String> cols = columnList(set.getColumns());
            ExpressionList<?> values = set.getValues();
            if (cols == null || values == null) {
                continue;
            }
            if (values.size() == cols.size()) {
                for (int i = 0; i < cols.size(); i++) {
                    edges(columnsOf(values.get(i), scope), new ColumnName(target, cols.get(i)));
                }
            } else if (values.size() == 1 && values.get(0) instanceof ParenthesedSelect ps) {
                List<Out> outs = query(ps, scope);
                for (int i = 0; i < cols.size() && i < outs.size() && outs.get(i).star == null; i++) {
                    edges(outs.get(i).sources, new ColumnName(target, cols.get(i)));
                }
            } else {
                Set<ColumnName> all = new LinkedHashSet<>();
                for (Expression e : values) {
                    all.addAll(columnsOf(e, scope));
                }
                for (String c : cols) {
                    edges(all, new ColumnName(target, c));
                }
            }
        }
    }

    private void edges(Set<ColumnName> sources, ColumnName target) {
        if (!columns) {
            return;
        }
        for (ColumnName s : sources) {
            out.columnEdges.add(new ColumnEdge(s, target, method));
        }
    }

    private void dropSelfEdges(TableName target) {
        out.columnEdges.removeIf(e -> e.source().table().equals(target));
    }

    private void update(Update update) {
        Scope scope = new Scope(null);
        if (update.getWithItemsList() != null) {
            for (WithItem<?> item : update.getWithItemsList()) {
                addCte(item, scope);
            }
        }
        Scope body = new Scope(scope);
        Table table = update.getTable();
        List<String> targetParts = names.parts(table.getFullyQualifiedName());
        TableName target = null;
        if (update.getFromItem() != null) {
            addFrom(update.getFromItem(), body);
        }
        joins(update.getJoins(), body);
        if (targetParts.size() == 1) {
            // T-SQL: UPDATE alias SET ... FROM table alias JOIN ...
            for (Relation r : body.relations) {
                if (r.table != null && r.alias != null && r.alias.equalsIgnoreCase(targetParts.get(0))) {
                    target = r.table;
                }
            }
        }
        if (target == null) {
            target = names.table(targetParts);
            body.relations.add(0, targetRelation(table, target));
        }
        joins(update.getStartJoins(), body);
        out.targets.add(target);
        updateSets(target, update.getUpdateSets(), body);
        walk(update.getWhere(), body);
        out.sources.remove(target);
        dropSelfEdges(target);
    }

    private void delete(Delete delete) {
        Scope scope = new Scope(null);
        if (delete.getWithItemsList() != null) {
            for (WithItem<?> item : delete.getWithItemsList()) {
                addCte(item, scope);
            }
        }
        Scope body = new Scope(scope);
        if (delete.getTable() == null) {
            return;
        }
        TableName target = names.table(delete.getTable().getFullyQualifiedName());
        body.relations.add(targetRelation(delete.getTable(), target));
        if (delete.getUsingList() != null) {
            for (Table t : delete.getUsingList()) {
                addFrom(t, body);
            }
        }
        joins(delete.getJoins(), body);
        walk(delete.getWhere(), body);
        out.sources.remove(target);
        if (!out.sources.isEmpty()) {
            out.targets.add(target);
        }
        out.columnEdges.clear();
    }
}
