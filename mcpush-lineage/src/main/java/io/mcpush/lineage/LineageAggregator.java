package io.mcpush.lineage;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a stream of query-log entries (and view definitions) into de-duplicated table and column
 * edges, each remembering the ids of the queries it came from. Independent of any wire format:
 * callers map {@link #tableEdges()} and {@link #columnEdges()} to the events they push.
 *
 * <p>Memory grows with the number of distinct edges, not with the number of queries; each edge
 * keeps at most {@code maxQueryIdsPerEdge} ids (the first seen) and counts the rest.
 * Not thread-safe: feed it from one thread.
 */
public final class LineageAggregator {
    private static final String VIEW_PLACEHOLDER = "mcpush_view_placeholder";

    /** A de-duplicated table edge. */
    public record AggregatedTableEdge(TableName source, TableName target, Method method, List<String> queryIds,
            long queries) {
        public AggregatedTableEdge {
            requireNonNull(source, "source is null");
            requireNonNull(target, "target is null");
            requireNonNull(method, "method is null");
            queryIds = List.copyOf(queryIds);
        }
    }

    /** A de-duplicated column edge. */
    public record AggregatedColumnEdge(ColumnName source, ColumnName target, Method method, List<String> queryIds,
            long queries) {
        public AggregatedColumnEdge {
            requireNonNull(source, "source is null");
            requireNonNull(target, "target is null");
            requireNonNull(method, "method is null");
            queryIds = List.copyOf(queryIds);
        }
    }

    private static final class Seen {
        final Set<String> ids = new LinkedHashSet<>();
        long count;
        Method method = Method.FALLBACK;

        void add(String id, Method m, int max) {
            if (ids.size() < max || ids.contains(id)) {
                if (ids.add(id)) {
                    count++;
                }
            } else {
                count++;
            }
            if (m == Method.PARSED) {
                method = Method.PARSED; // one exact reading is enough to trust the edge
            }
        }
    }

    private final SqlLineage lineage;
    private final int maxQueryIdsPerEdge;
    private final Map<TableEdgeKey, Seen> tables = new LinkedHashMap<>();
    private final Map<ColumnEdgeKey, Seen> columns = new LinkedHashMap<>();
    private long queries;
    private long failedQueries;

    private record TableEdgeKey(TableName source, TableName target) {
    }

    private record ColumnEdgeKey(ColumnName source, ColumnName target) {
    }

    /** An aggregator with default budgets keeping up to 100 query ids per edge. */
    public LineageAggregator() {
        this(new SqlLineage(SqlLineage.DEFAULT_PARSE_TIMEOUT, SqlLineage.DEFAULT_MAX_STATEMENT_CHARS), 100);
    }

    public LineageAggregator(SqlLineage lineage, int maxQueryIdsPerEdge) {
        this.lineage = requireNonNull(lineage, "lineage is null");
        if (maxQueryIdsPerEdge < 1) {
            throw new IllegalArgumentException("maxQueryIdsPerEdge must be positive, was " + maxQueryIdsPerEdge);
        }
        this.maxQueryIdsPerEdge = maxQueryIdsPerEdge;
    }

    /** Adds one query-log entry; returns its lineage (errors included) for callers that want it. */
    public LineageResult addQuery(String queryId, String sql, Dialect dialect, Context context) {
        requireNonNull(queryId, "queryId is null");
        LineageResult r = lineage.analyze(sql, dialect, context, true);
        queries++;
        if (r.hasErrors()) {
            failedQueries++;
        }
        add(queryId, r);
        return r;
    }

    /**
     * Adds a view's definition: either its full {@code CREATE VIEW} statement or just the query.
     * The edges remember {@code view:<qualified name>} as their query id.
     */
    public LineageResult addView(TableName view, String definition, Dialect dialect, Context context) {
        requireNonNull(view, "view is null");
        String sql = definition == null ? "" : definition.strip();
        LineageResult r = lineage.analyze(sql, dialect, context, true);
        if (r.targets().isEmpty()) {
            LineageResult wrapped = lineage.analyze("CREATE VIEW " + VIEW_PLACEHOLDER + " AS " + sql, dialect,
                    Context.of(null, null).withCatalog(context.catalog()), true);
            LineageResult plain = lineage.analyze(sql, dialect, context, true);
            r = retarget(wrapped, plain, view);
        }
        add("view:" + view.qualified(), r);
        return r;
    }

    private static LineageResult retarget(LineageResult wrapped, LineageResult plain, TableName view) {
        List<TableEdge> tableEdges = new ArrayList<>();
        for (TableName s : plain.sources()) {
            tableEdges.add(new TableEdge(s, view, plain.method()));
        }
        List<ColumnEdge> columnEdges = new ArrayList<>();
        // the wrapped analysis ran without the defaults so that only the placeholder is unqualified;
        // map its column names onto the plain analysis' qualified sources by position of appearance
        Map<String, TableName> qualified = new LinkedHashMap<>();
        for (TableName s : plain.sources()) {
            qualified.put(s.name().toLowerCase(java.util.Locale.ROOT) + "|" + s.schema(), s);
            qualified.putIfAbsent(s.name().toLowerCase(java.util.Locale.ROOT), s);
        }
        for (ColumnEdge e : wrapped.columnEdges()) {
            TableName src = e.source().table();
            TableName full = qualified.getOrDefault(src.name().toLowerCase(java.util.Locale.ROOT) + "|" + src.schema(),
                    qualified.getOrDefault(src.name().toLowerCase(java.util.Locale.ROOT), src));
            columnEdges.add(new ColumnEdge(new ColumnName(full, e.source().column()),
                    new ColumnName(view, e.target().column()), e.method()));
        }
        return new LineageResult(plain.sources(), List.of(view), tableEdges, columnEdges, plain.errors(),
                plain.method(), plain.statements());
    }

    private void add(String id, LineageResult r) {
        for (TableEdge e : r.tableEdges()) {
            tables.computeIfAbsent(new TableEdgeKey(e.source(), e.target()), k -> new Seen())
                    .add(id, e.method(), maxQueryIdsPerEdge);
        }
        for (ColumnEdge e : r.columnEdges()) {
            columns.computeIfAbsent(new ColumnEdgeKey(e.source(), e.target()), k -> new Seen())
                    .add(id, e.method(), maxQueryIdsPerEdge);
        }
    }

    /** Distinct table edges in first-seen order. */
    public List<AggregatedTableEdge> tableEdges() {
        List<AggregatedTableEdge> r = new ArrayList<>(tables.size());
        tables.forEach((k, v) -> r.add(new AggregatedTableEdge(k.source(), k.target(), v.method,
                new ArrayList<>(v.ids), v.count)));
        return Collections.unmodifiableList(r);
    }

    /** Distinct column edges in first-seen order. */
    public List<AggregatedColumnEdge> columnEdges() {
        List<AggregatedColumnEdge> r = new ArrayList<>(columns.size());
        columns.forEach((k, v) -> r.add(new AggregatedColumnEdge(k.source(), k.target(), v.method,
                new ArrayList<>(v.ids), v.count)));
        return Collections.unmodifiableList(r);
    }

    /** How many queries were added. */
    public long queries() {
        return queries;
    }

    /** How many added queries had at least one statement without lineage. */
    public long failedQueries() {
        return failedQueries;
    }
}
