package io.mcpush.sdk.model;

import io.mcpush.sdk.json.PyJsonWriter;

/** Row and byte counts of a table; either may be null (omitted on the wire). */
public record AssetVolume(Long rowCount, Long byteCount) {
    void writeWire(PyJsonWriter out) {
        out.raw("{");
        if (rowCount != null) {
            out.key("row_count").number(rowCount);
        }
        if (byteCount != null) {
            if (rowCount != null) {
                out.raw(", ");
            }
            out.key("byte_count").number(byteCount);
        }
        out.raw("}");
    }
}
