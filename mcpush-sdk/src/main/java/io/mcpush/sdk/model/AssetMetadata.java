package io.mcpush.sdk.model;

import static java.util.Objects.requireNonNull;

import io.mcpush.sdk.json.PyJsonWriter;

/**
 * Identity and descriptive metadata of a table or view. {@code database}, {@code schema} and
 * {@code name} are required; the rest may be null. {@code createdOn} is sent as given: mcpush
 * collectors give UTC ending in {@code Z}, and manifests are normalised to it when read.
 */
public record AssetMetadata(String name, String database, String schema, String description, String viewQuery,
        String createdOn) {
    public AssetMetadata {
        requireNonNull(name, "name is null");
        requireNonNull(database, "database is null");
        requireNonNull(schema, "schema is null");
    }

    public AssetMetadata(String name, String database, String schema) {
        this(name, database, schema, null, null, null);
    }

    void writeWire(PyJsonWriter out) {
        out.raw("{").key("name").string(name)
                .raw(", ").key("database").string(database)
                .raw(", ").key("schema").string(schema);
        if (description != null) {
            out.raw(", ").key("description").string(description);
        }
        if (viewQuery != null) {
            out.raw(", ").key("view_query").string(viewQuery);
        }
        if (createdOn != null) {
            out.raw(", ").key("created_on").string(createdOn);
        }
        out.raw("}");
    }
}
