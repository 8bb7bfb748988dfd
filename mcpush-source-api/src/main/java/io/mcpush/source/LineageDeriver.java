package io.mcpush.source;

import static java.util.Objects.requireNonNull;

import io.mcpush.lineage.ColumnName;
import io.mcpush.lineage.Context;
import io.mcpush.lineage.Dialect;
import io.mcpush.lineage.LineageAggregator;
import io.mcpush.lineage.LineageAggregator.AggregatedColumnEdge;
import io.mcpush.lineage.LineageAggregator.AggregatedTableEdge;
import io.mcpush.lineage.LineageResult;
import io.mcpush.lineage.SqlLineage;
import io.mcpush.lineage.TableName;
import io.mcpush.sdk.model.AssetField;
import io.mcpush.sdk.model.LineageEvent;
import io.mcpush.sdk.model.RelationalAsset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The lineage flow every source shares: view definitions and query-history entries go in one at a
 * time, the SQL lineage engine ({@link LineageAggregator}) reads each, and out come wire
 * {@link LineageEvent}s — one per destination with all its sources, and column mappings through
 * {@code asset_id}s where column edges were found.
 *
 * <p>Feed it in two steps. First {@link #learn} every table and view the metadata collection
 * reports (with its columns): that is the catalog the engine resolves {@code *} and unqualified
 * columns with, and the names events carry are taken from it, cased exactly as the source reports
 * them so that lineage meets the pushed metadata (the engine folds names as the dialect does;
 * here they are matched ignoring case). Then {@link #addView} and {@link #addQuery}, streamed.
 * Memory: the catalog (names and column names) and the de-duplicated edges; views and queries
 * are not kept. Endpoints that are storage paths, or that neither the SQL, the context nor the
 * catalog qualify as {@code database.schema.table}, cannot be pushed and are counted, not sent.
 *
 * <p>Not thread-safe: feed it from one thread.
 */
public final class LineageDeriver {
    /** A table or view as the source reports it. */
    private record Relation(String database, String schema, String name, String type, List<String> columns) {
        String key() {
            return LineageDeriver.key(database, schema, name);
        }

        LineageEvents.Table table() {
            return new LineageEvents.Table(database, schema, name, type);
        }

        /** The catalog key the engine looks tables up by ({@code db.schema.table}, case ignored). */
        String catalogKey() {
            return database + "." + schema + "." + name;
        }

        String column(String engineName) {
            for (String c : columns) {
                if (c.equalsIgnoreCase(engineName)) {
                    return c;
                }
            }
            return engineName;
        }
    }

    private final Dialect dialect;
    /** The schema unqualified names fall back to when the view's own schema lacks them, or null. */
    private final String fallbackSchema;
    private final CollectionReport report;
    private final LineageAggregator aggregator = new LineageAggregator();
    private final Map<String, Relation> relations = new HashMap<>();
    /** Lower-case table name → the relations of that name, to give each statement only the catalog it mentions. */
    private final Map<String, List<Relation>> byName = new HashMap<>();
    private long views;
    private long viewsWithoutLineage;
    private boolean built;

    /**
     * @param dialect how the source's SQL is read
     * @param fallbackSchema where the database looks for an unqualified name in a view that its
     *     own schema does not hold ({@code main} for DuckDB, {@code public} for PostgreSQL), or null
     * @param report where counts and warnings go
     */
    public LineageDeriver(Dialect dialect, String fallbackSchema, CollectionReport report) {
        this.dialect = requireNonNull(dialect, "dialect is null");
        this.fallbackSchema = fallbackSchema;
        this.report = requireNonNull(report, "report is null");
    }

    /** Learns one table or view of the metadata: its name as reported, its type and its columns in order. */
    public void learn(RelationalAsset asset) {
        requireNonNull(asset, "asset is null");
        var m = asset.metadata();
        if (m.database() == null || m.schema() == null) {
            return;
        }
        List<String> columns = new ArrayList<>(asset.fields().size());
        for (AssetField f : asset.fields()) {
            columns.add(f.name());
        }
        Relation r = new Relation(m.database(), m.schema(), m.name(),
                RelationalAsset.VIEW.equals(asset.type()) ? "VIEW" : "TABLE", List.copyOf(columns));
        Relation old = relations.put(r.key(), r);
        List<Relation> same = byName.computeIfAbsent(m.name().toLowerCase(Locale.ROOT), k -> new ArrayList<>(1));
        if (old != null) {
            same.remove(old);
        }
        same.add(r);
    }

    /**
     * Derives lineage from a view's definition ({@code view_query}: the {@code CREATE VIEW}
     * statement or just its query). Unqualified names in it resolve as the database binds a view:
     * in the view's own schema, else in the fallback schema of the view's database. Tables and
     * views without a definition add nothing.
     */
    public void addView(RelationalAsset asset) {
        requireNonNull(asset, "asset is null");
        var m = asset.metadata();
        if (!RelationalAsset.VIEW.equals(asset.type()) || m.viewQuery() == null || m.viewQuery().isBlank()) {
            return;
        }
        views++;
        TableName view = TableName.of(m.database(), m.schema(), m.name());
        String sql = m.viewQuery();
        LineageResult r = aggregator.addView(view, sql, dialect,
                new Context(m.database(), viewSearchSchema(sql, m.database(), m.schema()), catalogFor(sql)));
        if (r.tableEdges().isEmpty()) {
            viewsWithoutLineage++;
            if (r.hasErrors()) {
                report.warn("view " + m.database() + "." + m.schema() + "." + m.name()
                        + ": no lineage from its definition: " + r.errors().get(0).message());
            }
        }
    }

    /**
     * The schema the unqualified names of a view's query resolve in: the view's own when it holds
     * them (or holds none of them either), else the fallback schema when that holds them all. The
     * engine takes one default schema per statement, so a view mixing both keeps its own.
     */
    private String viewSearchSchema(String sql, String database, String schema) {
        if (fallbackSchema == null || fallbackSchema.equalsIgnoreCase(schema)) {
            return schema;
        }
        boolean own = false;
        boolean fallback = false;
        for (TableName t : SqlLineage.analyzeTables(sql, dialect, Context.empty()).sources()) {
            if (t.path() || t.schema() != null) {
                continue;
            }
            if (relations.containsKey(key(database, schema, t.name()))) {
                own = true;
            } else if (relations.containsKey(key(database, fallbackSchema, t.name()))) {
                fallback = true;
            }
        }
        return fallback && !own ? fallbackSchema : schema;
    }

    /**
     * Derives lineage from one executed query; unqualified names resolve in the session's
     * {@code defaultDatabase} and {@code defaultSchema} (either may be null when unknown).
     */
    public void addQuery(String queryId, String sql, String defaultDatabase, String defaultSchema) {
        requireNonNull(queryId, "queryId is null");
        if (sql == null || sql.isBlank()) {
            return;
        }
        aggregator.addQuery(queryId, sql, dialect, new Context(defaultDatabase, defaultSchema, catalogFor(sql)));
    }

    /**
     * The lineage events, one per destination in the order destinations were first seen. Call it
     * once, after everything was added.
     */
    public EventStream<LineageEvent> events() {
        if (built) {
            throw new IllegalStateException("the lineage events were built already");
        }
        built = true;
        LineageEvents events = new LineageEvents();
        long skipped = 0;
        for (AggregatedTableEdge e : aggregator.tableEdges()) {
            Relation source = resolve(e.source());
            Relation target = resolve(e.target());
            if (source == null || target == null) {
                skipped++;
                continue;
            }
            events.table(source.table(), target.table());
        }
        for (AggregatedColumnEdge e : aggregator.columnEdges()) {
            Relation source = resolve(e.source().table());
            Relation target = resolve(e.target().table());
            if (source != null && target != null) {
                events.column(source.table(), source.column(e.source().column()), target.table(),
                        target.column(e.target().column()));
            }
        }
        if (views > 0) {
            report.count("views analysed", views);
        }
        if (aggregator.queries() > 0) {
            report.count("queries analysed", aggregator.queries());
        }
        if (viewsWithoutLineage > 0) {
            report.count("views without lineage", viewsWithoutLineage);
        }
        if (aggregator.failedQueries() > 0) {
            report.count("queries not fully understood", aggregator.failedQueries());
        }
        if (skipped > 0) {
            report.count("edges not pushable (paths or names without database and schema)", skipped);
        }
        report.count("lineage events", events.size());
        return events.events();
    }

    /**
     * The relation an engine name means: the catalog's when known (its casing, type and columns),
     * else the name as the engine read it; null when it cannot be pushed.
     */
    private Relation resolve(TableName t) {
        if (t.path()) {
            return null;
        }
        if (t.database() != null) {
            Relation r = relations.get(key(t.database(), t.schema(), t.name()));
            return r != null ? r : new Relation(t.database(), t.schema(), t.name(), "TABLE", List.of());
        }
        List<Relation> candidates = new ArrayList<>();
        for (Relation r : byName.getOrDefault(t.name().toLowerCase(Locale.ROOT), List.of())) {
            if (t.schema() == null || r.schema().equalsIgnoreCase(t.schema())) {
                candidates.add(r);
            }
        }
        return candidates.size() == 1 ? candidates.get(0) : null;
    }

    private static String key(String database, String schema, String name) {
        return database.toLowerCase(Locale.ROOT) + '\0' + schema.toLowerCase(Locale.ROOT) + '\0'
                + name.toLowerCase(Locale.ROOT);
    }

    /**
     * The catalog entries of the tables whose names occur in {@code sql}: the engine copies and
     * indexes the catalog it is given for every statement, so it gets only what it may need.
     */
    private Map<String, List<String>> catalogFor(String sql) {
        if (byName.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> catalog = new LinkedHashMap<>();
        for (String word : words(sql)) {
            List<Relation> rs = byName.get(word);
            if (rs != null) {
                for (Relation r : rs) {
                    if (!r.columns().isEmpty()) {
                        catalog.putIfAbsent(r.catalogKey(), r.columns());
                    }
                }
            }
        }
        return catalog;
    }

    /** The identifiers (quoted ones unquoted) and other words of a SQL text, lower case. */
    static Set<String> words(String sql) {
        Set<String> out = new LinkedHashSet<>();
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '"' || c == '`' || c == '[') {
                char close = c == '[' ? ']' : c;
                StringBuilder sb = new StringBuilder();
                int j = i + 1;
                while (j < n) {
                    char d = sql.charAt(j);
                    if (d == close) {
                        if (close != ']' && j + 1 < n && sql.charAt(j + 1) == close) {
                            sb.append(d);
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    sb.append(d);
                    j++;
                }
                out.add(sb.toString().toLowerCase(Locale.ROOT));
                i = j + 1;
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == '$') {
                int j = i;
                while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_'
                        || sql.charAt(j) == '$')) {
                    j++;
                }
                out.add(sql.substring(i, j).toLowerCase(Locale.ROOT));
                i = j;
            } else {
                i++;
            }
        }
        return out;
    }
}
