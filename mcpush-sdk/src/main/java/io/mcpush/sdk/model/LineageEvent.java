package io.mcpush.sdk.model;

import static java.util.Objects.requireNonNull;

import io.mcpush.sdk.json.PyJsonWriter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Data flows from {@code sources} into {@code destination}; non-empty {@code fields} make it a
 * column-lineage event. At least one source is required and every column mapping must point at
 * the {@code assetId} of one of the sources.
 */
public record LineageEvent(LineageAssetRef destination, List<LineageAssetRef> sources,
        List<ColumnLineageField> fields) implements WireEvent {
    public LineageEvent {
        requireNonNull(destination, "destination is null");
        sources = List.copyOf(requireNonNull(sources, "sources is null"));
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("a lineage event needs at least one source");
        }
        fields = fields == null ? List.of() : List.copyOf(fields);
        if (!fields.isEmpty()) {
            Set<String> ids = new HashSet<>();
            for (LineageAssetRef s : sources) {
                if (s.assetId() != null) {
                    ids.add(s.assetId());
                }
            }
            for (ColumnLineageField f : fields) {
                for (ColumnLineageSourceField sf : f.sourceFields()) {
                    if (!ids.contains(sf.assetId())) {
                        throw new IllegalArgumentException("column '" + f.name() + "' maps from asset_id '"
                                + sf.assetId() + "', which names none of the event's sources");
                    }
                }
            }
        }
    }

    public LineageEvent(LineageAssetRef destination, List<LineageAssetRef> sources) {
        this(destination, sources, List.of());
    }

    public boolean hasColumnLineage() {
        return !fields.isEmpty();
    }

    /**
     * The table-level twin of a column-lineage event: same destination and sources, no column
     * mappings and no asset ids. Column lineage expires after 10 days; table lineage does not.
     */
    public LineageEvent tableLevel() {
        return new LineageEvent(destination.withoutAssetId(),
                sources.stream().map(LineageAssetRef::withoutAssetId).toList(), List.of());
    }

    @Override
    public void writeWire(PyJsonWriter out) {
        out.raw("{").key("destination");
        destination.writeWire(out);
        out.raw(", ").key("sources").raw("[");
        for (int i = 0; i < sources.size(); i++) {
            if (i > 0) {
                out.raw(", ");
            }
            sources.get(i).writeWire(out);
        }
        out.raw("]");
        if (!fields.isEmpty()) {
            out.raw(", ").key("fields").raw("[");
            for (int i = 0; i < fields.size(); i++) {
                if (i > 0) {
                    out.raw(", ");
                }
                fields.get(i).writeWire(out);
            }
            out.raw("]");
        }
        out.raw("}");
    }

    @Override
    public String identity() {
        return "lineage into " + destination.identity();
    }
}
