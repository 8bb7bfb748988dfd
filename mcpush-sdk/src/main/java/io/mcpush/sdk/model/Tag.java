package io.mcpush.sdk.model;

import static java.util.Objects.requireNonNull;

import io.mcpush.sdk.json.PyJsonWriter;

/** A key with an optional value attached to an asset. {@code value} may be null (key-only tag). */
public record Tag(String key, String value) {
    public Tag {
        requireNonNull(key, "key is null");
    }

    public static Tag of(String key) {
        return new Tag(key, null);
    }

    void writeWire(PyJsonWriter out) {
        out.raw("{").key("key").string(key);
        if (value != null) {
            out.raw(", ").key("value").string(value);
        }
        out.raw("}");
    }
}
