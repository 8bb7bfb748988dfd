package io.mcpush.source.databricks;

import io.mcpush.sdk.model.ColumnLineageField;
import io.mcpush.sdk.model.ColumnLineageSourceField;
import io.mcpush.sdk.model.LineageAssetRef;
import io.mcpush.sdk.model.LineageEvent;
import io.mcpush.sdk.model.RelationalAsset;
import io.mcpush.source.CollectionReport;
import io.mcpush.source.EventStream;
import io.mcpush.source.SourceException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns the rows of {@code system.access.table_lineage} or {@code column_lineage} — distinct
 * edges ordered by destination — into one {@link LineageEvent} per destination as they stream
 * past: all of its source tables, and for column lineage the mapping of each destination column
 * to its source columns through payload-local {@code asset_id}s ({@code catalog:schema.table},
 * as {@link io.mcpush.source.LineageDeriver} names them). Only one destination's edges are held
 * at a time. A table feeding itself (MERGE, UPDATE) is not lineage and is dropped; names without
 * catalog or schema cannot be pushed and are counted. Not thread-safe.
 */
final class SystemLineageStream implements EventStream<LineageEvent> {
    /** A table as lineage names it: catalog, schema, name, and TABLE or VIEW. */
    private record Ref(String catalog, String schema, String name, String type) {
        String key() {
            return catalog + '\0' + schema + '\0' + name;
        }

        String assetId() {
            return catalog + ":" + schema + "." + name;
        }

        boolean complete() {
            return catalog != null && schema != null && name != null;
        }

        LineageAssetRef wire(String assetId) {
            return new LineageAssetRef(type, name, catalog, schema, assetId);
        }
    }

    private final ResultSet rows;
    private final boolean columns;
    private final CollectionReport report;
    private final Function<SQLException, String> describe;
    private final Runnable onClose;
    private boolean done;
    private long events;
    private long selfEdges;
    private long incomplete;
    /** The destination being assembled and what has been read for it. */
    private Ref target;
    private final Map<String, Ref> sources = new LinkedHashMap<>();
    private final Map<String, Set<ColumnLineageSourceField>> fields = new LinkedHashMap<>();

    /**
     * @param rows the result of {@link DatabricksQueries#tableLineage} or {@link DatabricksQueries#columnLineage}
     * @param columns true for column lineage rows
     * @param describe a one-line message for a failed read (without SQL and secrets)
     * @param onClose releases the statement and result
     */
    SystemLineageStream(ResultSet rows, boolean columns, CollectionReport report,
            Function<SQLException, String> describe, Runnable onClose) {
        this.rows = rows;
        this.columns = columns;
        this.report = report;
        this.describe = describe;
        this.onClose = onClose;
    }

    @Override
    public LineageEvent next() {
        if (done) {
            return null;
        }
        try {
            while (rows.next()) {
                Ref to = new Ref(rows.getString("target_catalog"), rows.getString("target_schema"),
                        rows.getString("target_name"), DatabricksNames.tableType(rows.getString("target_type")));
                Ref from = new Ref(rows.getString("source_catalog"), rows.getString("source_schema"),
                        rows.getString("source_name"), DatabricksNames.tableType(rows.getString("source_type")));
                if (!to.complete() || !from.complete()) {
                    incomplete++;
                    continue;
                }
                LineageEvent finished = null;
                if (target != null && !target.key().equals(to.key())) {
                    finished = build();
                }
                if (target == null || !target.key().equals(to.key())) {
                    target = to;
                } else if (RelationalAsset.VIEW.equals(to.type())) {
                    target = to; // a view read as a view is a view; one TABLE row does not make it a table
                }
                if (from.key().equals(to.key())) {
                    selfEdges++;
                } else {
                    Ref known = sources.get(from.key());
                    if (known == null || (RelationalAsset.VIEW.equals(from.type()) && !RelationalAsset.VIEW.equals(known.type()))) {
                        sources.put(from.key(), from);
                    }
                    if (columns) {
                        fields.computeIfAbsent(rows.getString("target_column"), k -> new LinkedHashSet<>())
                                .add(new ColumnLineageSourceField(from.assetId(), rows.getString("source_column")));
                    }
                }
                if (finished != null) {
                    return finished;
                }
            }
            done = true;
            LineageEvent last = target == null ? null : build();
            finish();
            return last;
        } catch (SQLException e) {
            done = true;
            close();
            throw new SourceException("cannot read " + (columns ? "column" : "table") + " lineage: "
                    + describe.apply(e));
        }
    }

    /** The event of the destination assembled so far (null when all its edges were self edges); resets. */
    private LineageEvent build() {
        LineageEvent event = null;
        if (!sources.isEmpty()) {
            List<LineageAssetRef> refs = new ArrayList<>(sources.size());
            for (Ref s : sources.values()) {
                refs.add(s.wire(columns ? s.assetId() : null));
            }
            List<ColumnLineageField> mapped = new ArrayList<>(fields.size());
            fields.forEach((name, from) -> mapped.add(new ColumnLineageField(name, new ArrayList<>(from))));
            event = new LineageEvent(target.wire(null), refs, mapped);
            events++;
        }
        target = null;
        sources.clear();
        fields.clear();
        return event;
    }

    private void finish() {
        String kind = columns ? "column lineage" : "table lineage";
        report.count(kind + " events", events);
        if (selfEdges > 0) {
            report.count(kind + " edges from a table into itself (dropped)", selfEdges);
        }
        if (incomplete > 0) {
            report.warn(kind + ": " + incomplete + " edges name a table without catalog or schema (legacy "
                    + "hive_metastore two-part names?) and were not pushed");
        }
        close();
    }

    @Override
    public void close() {
        onClose.run();
    }
}
