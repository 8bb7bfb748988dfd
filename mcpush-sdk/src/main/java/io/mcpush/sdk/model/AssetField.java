package io.mcpush.sdk.model;

import static java.util.Objects.requireNonNull;

import io.mcpush.sdk.json.PyJsonWriter;

/** A column of a table or view; {@code description} may be null. */
public record AssetField(String name, String type, String description) {
    public AssetField {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
    }

    public AssetField(String name, String type) {
        this(name, type, null);
    }

    void writeWire(PyJsonWriter out) {
        out.raw("{").key("name").string(name).raw(", ").key("type").string(type);
        if (description != null) {
            out.raw(", ").key("description").string(description);
        }
        out.raw("}");
    }
}
