package io.mcpush.sdk.model;

import io.mcpush.sdk.json.PyJsonWriter;

/**
 * One event of a push request, in the shape the pycarlo SDK sends. Implementations are
 * immutable records and therefore thread-safe.
 */
public sealed interface WireEvent permits RelationalAsset, LineageEvent, QueryLogEntry {
    /** Writes this event exactly as it appears inside the request's {@code events} array. */
    void writeWire(PyJsonWriter out);

    /** A short human identity for messages, e.g. {@code TABLE db.schema.name}. Never secret. */
    String identity();
}
