package io.mcpush.sdk.model;

import static java.util.Objects.requireNonNull;

import io.mcpush.sdk.json.PyJsonWriter;
import java.util.List;

/**
 * A table or view with schema, volume and freshness: one metadata event. {@code type} is
 * {@code TABLE} or {@code VIEW} (normalise native types with
 * {@link io.mcpush.sdk.TableTypes}); lists are never null (empty lists are omitted on the
 * wire); {@code volume} and {@code freshness} may be null.
 */
public record RelationalAsset(String type, AssetMetadata metadata, List<Tag> tags, List<AssetField> fields,
        AssetVolume volume, AssetFreshness freshness) implements WireEvent {
    public static final String TABLE = "TABLE";
    public static final String VIEW = "VIEW";

    public RelationalAsset {
        requireNonNull(type, "type is null");
        if (!TABLE.equals(type) && !VIEW.equals(type)) {
            throw new IllegalArgumentException("type must be TABLE or VIEW, not '" + type + "'");
        }
        requireNonNull(metadata, "metadata is null");
        tags = tags == null ? List.of() : List.copyOf(tags);
        fields = fields == null ? List.of() : List.copyOf(fields);
    }

    public RelationalAsset(String type, AssetMetadata metadata) {
        this(type, metadata, List.of(), List.of(), null, null);
    }

    /** The asset object itself (what a manifest line holds; the request wraps it). */
    @Override
    public void writeWire(PyJsonWriter out) {
        out.raw("{").key("type").string(type).raw(", ").key("metadata");
        metadata.writeWire(out);
        if (!tags.isEmpty()) {
            out.raw(", ").key("tags").raw("[");
            for (int i = 0; i < tags.size(); i++) {
                if (i > 0) {
                    out.raw(", ");
                }
                tags.get(i).writeWire(out);
            }
            out.raw("]");
        }
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
        if (volume != null) {
            out.raw(", ").key("volume");
            volume.writeWire(out);
        }
        if (freshness != null) {
            out.raw(", ").key("freshness");
            freshness.writeWire(out);
        }
        out.raw("}");
    }

    @Override
    public String identity() {
        return type + " " + metadata.database() + ":" + metadata.schema() + "." + metadata.name();
    }
}
