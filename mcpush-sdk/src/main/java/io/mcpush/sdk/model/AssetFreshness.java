package io.mcpush.sdk.model;

import io.mcpush.sdk.json.PyJsonWriter;

/**
 * When the table last changed, as an ISO-8601 string sent verbatim (use
 * {@link io.mcpush.sdk.Timestamps#toWire} to produce UTC {@code Z} form). May be null.
 */
public record AssetFreshness(String lastUpdateTime) {
    void writeWire(PyJsonWriter out) {
        out.raw("{");
        if (lastUpdateTime != null) {
            out.key("last_update_time").string(lastUpdateTime);
        }
        out.raw("}");
    }
}
