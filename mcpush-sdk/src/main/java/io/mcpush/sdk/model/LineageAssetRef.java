package io.mcpush.sdk.model;

import static java.util.Objects.requireNonNull;

import io.mcpush.sdk.json.PyJsonWriter;

/**
 * A table (or view, external asset, wildcard) named in a lineage event. {@code assetId} is a
 * payload-local id that column mappings point at; it may be null for table-level lineage.
 */
public record LineageAssetRef(String type, String name, String database, String schema, String assetId) {
    public LineageAssetRef {
        requireNonNull(type, "type is null");
        requireNonNull(name, "name is null");
        requireNonNull(database, "database is null");
        requireNonNull(schema, "schema is null");
    }

    public static LineageAssetRef table(String database, String schema, String name) {
        return new LineageAssetRef("TABLE", name, database, schema, null);
    }

    /** The same reference without its payload-local id. */
    public LineageAssetRef withoutAssetId() {
        return assetId == null ? this : new LineageAssetRef(type, name, database, schema, null);
    }

    String identity() {
        return database + ":" + schema + "." + name;
    }

    void writeWire(PyJsonWriter out) {
        out.raw("{").key("type").string(type)
                .raw(", ").key("name").string(name)
                .raw(", ").key("database").string(database)
                .raw(", ").key("schema").string(schema);
        if (assetId != null) {
            out.raw(", ").key("asset_id").string(assetId);
        }
        out.raw("}");
    }
}
