package io.mcpush.sdk;

import io.mcpush.sdk.json.PyJsonWriter;

/**
 * The {@code event_type} of one request, which fixes its path and its resource key. Lineage is
 * never mixed: table-only events go as {@link #LINEAGE}, events with column mappings as
 * {@link #COLUMN_LINEAGE}.
 */
public enum EventType {
    METADATA(Flow.METADATA, "resource_type"),
    LINEAGE(Flow.LINEAGE, "resource_type"),
    COLUMN_LINEAGE(Flow.LINEAGE, "resource_type"),
    QUERY_LOG(Flow.QUERY_LOGS, "log_type");

    private final Flow flow;
    private final String resourceKey;

    EventType(Flow flow, String resourceKey) {
        this.flow = flow;
        this.resourceKey = resourceKey;
    }

    public Flow flow() {
        return flow;
    }

    /** {@code resource_type}, or {@code log_type} for query logs. */
    public String resourceKey() {
        return resourceKey;
    }

    /**
     * Writes {@code {"event_type": ..., "resource": {...}, "events": [} — the request up to its
     * first event; close it with {@link #writeSuffix}.
     */
    public void writePrefix(PyJsonWriter out, String resourceUuid, String resourceValue) {
        out.raw("{").key("event_type").string(name())
                .raw(", ").key("resource").raw("{").key("uuid").value(resourceUuid)
                .raw(", ").key(resourceKey).string(resourceValue).raw("}")
                .raw(", ").key("events").raw("[");
    }

    public static void writeSuffix(PyJsonWriter out) {
        out.raw("]}");
    }

    /** Writes one event as it appears in this request type's {@code events} array. */
    public void writeEvent(PyJsonWriter out, io.mcpush.sdk.model.WireEvent event) {
        if (this == METADATA) {
            out.raw("{").key("relational_asset");
            event.writeWire(out);
            out.raw("}");
        } else {
            event.writeWire(out);
        }
    }
}
