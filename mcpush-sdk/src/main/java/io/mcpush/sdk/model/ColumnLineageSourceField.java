package io.mcpush.sdk.model;

import static java.util.Objects.requireNonNull;

import io.mcpush.sdk.json.PyJsonWriter;

/** A source column: {@code assetId} names one of the event's sources. */
public record ColumnLineageSourceField(String assetId, String fieldName) {
    public ColumnLineageSourceField {
        requireNonNull(assetId, "assetId is null");
        requireNonNull(fieldName, "fieldName is null");
    }

    void writeWire(PyJsonWriter out) {
        out.raw("{").key("asset_id").string(assetId).raw(", ").key("field_name").string(fieldName).raw("}");
    }
}
