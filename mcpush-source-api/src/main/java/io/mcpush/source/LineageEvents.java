package io.mcpush.source;

import static java.util.Objects.requireNonNull;

import io.mcpush.sdk.model.ColumnLineageField;
import io.mcpush.sdk.model.ColumnLineageSourceField;
import io.mcpush.sdk.model.LineageAssetRef;
import io.mcpush.sdk.model.LineageEvent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns lineage edges — from the SQL lineage engine ({@link LineageDeriver}) or from a
 * warehouse's own lineage views (Snowflake ACCESS_HISTORY) — into wire {@link LineageEvent}s:
 * one event per destination, in the order destinations were first seen, with its sources and
 * column mappings de-duplicated. A table feeding itself ({@code UPDATE t SET a = b}) is no
 * lineage to show and is dropped. Column mappings name their source by an {@code asset_id} that
 * is the same for the same table in every event ({@code db:schema.table}); events without column
 * mappings carry none. Not thread-safe; {@link #events()} once, after every edge was added.
 */
public final class LineageEvents {
    /** A table or view at one end of an edge, named as the warehouse reports it; type TABLE or VIEW. */
    public record Table(String database, String schema, String name, String type) {
        public Table {
            requireNonNull(database, "database is null");
            requireNonNull(schema, "schema is null");
            requireNonNull(name, "name is null");
            requireNonNull(type, "type is null");
        }

        private String key() {
            return database + '\0' + schema + '\0' + name;
        }

        /** Payload-local, and the same for the same table in every event. */
        private String assetId() {
            return database + ":" + schema + "." + name;
        }

        private LineageAssetRef wire(String assetId) {
            return new LineageAssetRef(type, name, database, schema, assetId);
        }
    }

    /** One destination's sources and column mappings. */
    private static final class Destination {
        final Table target;
        final Map<String, Table> sources = new LinkedHashMap<>();
        /** Destination column → (source key, source column) pairs. */
        final Map<String, Set<List<String>>> columns = new LinkedHashMap<>();

        Destination(Table target) {
            this.target = target;
        }

        LineageEvent event() {
            boolean withColumns = !columns.isEmpty();
            List<LineageAssetRef> refs = new ArrayList<>(sources.size());
            for (Table s : sources.values()) {
                refs.add(s.wire(withColumns ? s.assetId() : null));
            }
            List<ColumnLineageField> fields = new ArrayList<>(columns.size());
            columns.forEach((name, from) -> {
                List<ColumnLineageSourceField> sf = new ArrayList<>(from.size());
                for (List<String> f : from) {
                    sf.add(new ColumnLineageSourceField(sources.get(f.get(0)).assetId(), f.get(1)));
                }
                fields.add(new ColumnLineageField(name, sf));
            });
            return new LineageEvent(target.wire(null), refs, fields);
        }
    }

    private final Map<String, Destination> destinations = new LinkedHashMap<>();
    private boolean built;

    /**
     * Table lineage: {@code source} feeds {@code target}.
     *
     * @return false when the edge was dropped (a table feeding itself)
     */
    public boolean table(Table source, Table target) {
        return destination(source, target) != null;
    }

    /**
     * Column lineage: {@code source.sourceColumn} feeds {@code target.targetColumn} (and so
     * {@code source} feeds {@code target}).
     *
     * @return false when the edge was dropped (a table feeding itself)
     */
    public boolean column(Table source, String sourceColumn, Table target, String targetColumn) {
        requireNonNull(sourceColumn, "sourceColumn is null");
        requireNonNull(targetColumn, "targetColumn is null");
        Destination d = destination(source, target);
        if (d == null) {
            return false;
        }
        d.columns.computeIfAbsent(targetColumn, k -> new LinkedHashSet<>()).add(List.of(source.key(), sourceColumn));
        return true;
    }

    private Destination destination(Table source, Table target) {
        requireNonNull(source, "source is null");
        requireNonNull(target, "target is null");
        if (built) {
            throw new IllegalStateException("the lineage events were built already");
        }
        if (source.key().equals(target.key())) {
            return null;
        }
        Destination d = destinations.computeIfAbsent(target.key(), k -> new Destination(target));
        d.sources.putIfAbsent(source.key(), source);
        return d;
    }

    /** How many events {@link #events()} yields. */
    public int size() {
        return destinations.size();
    }

    /** The events; each destination's edges are released once its event is out. Call once. */
    public EventStream<LineageEvent> events() {
        if (built) {
            throw new IllegalStateException("the lineage events were built already");
        }
        built = true;
        Iterator<Destination> it = destinations.values().iterator();
        return EventStream.of(new Iterator<LineageEvent>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public LineageEvent next() {
                LineageEvent event = it.next().event();
                it.remove();
                return event;
            }
        });
    }
}
