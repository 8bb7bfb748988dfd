package io.mcpush.sdk.model;

import static java.util.Objects.requireNonNull;

import io.mcpush.sdk.Timestamps;
import io.mcpush.sdk.json.PyJsonWriter;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One executed query. {@code startTime}, {@code endTime} and {@code queryText} are required;
 * times go on the wire in UTC ending in {@code Z} with at most microsecond precision.
 * {@code errorCode} is a String or an integral number (Long/Integer/BigInteger) or null;
 * {@code extra} keeps its insertion order and may be null (omitted) — an empty map is sent as
 * {@code {}}, as the SDK does.
 */
public record QueryLogEntry(Instant startTime, Instant endTime, String queryText, String queryId, String user,
        Object errorCode, String errorText, Long returnedRows, Map<String, Object> extra) implements WireEvent {
    public QueryLogEntry {
        requireNonNull(startTime, "startTime is null");
        requireNonNull(endTime, "endTime is null");
        requireNonNull(queryText, "queryText is null");
        if (errorCode != null && !(errorCode instanceof String || errorCode instanceof Long
                || errorCode instanceof Integer || errorCode instanceof BigInteger)) {
            throw new IllegalArgumentException("errorCode must be a string or an integer");
        }
        extra = extra == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    public QueryLogEntry(Instant startTime, Instant endTime, String queryText) {
        this(startTime, endTime, queryText, null, null, null, null, null, null);
    }

    @Override
    public void writeWire(PyJsonWriter out) {
        out.raw("{").key("start_time").string(Timestamps.toWire(startTime))
                .raw(", ").key("end_time").string(Timestamps.toWire(endTime))
                .raw(", ").key("query_text").string(queryText);
        if (queryId != null) {
            out.raw(", ").key("query_id").string(queryId);
        }
        if (user != null) {
            out.raw(", ").key("user").string(user);
        }
        if (errorCode != null) {
            out.raw(", ").key("error_code").value(errorCode);
        }
        if (errorText != null) {
            out.raw(", ").key("error_text").string(errorText);
        }
        if (returnedRows != null) {
            out.raw(", ").key("returned_rows").number(returnedRows);
        }
        if (extra != null) {
            out.raw(", ").key("extra").value(extra);
        }
        out.raw("}");
    }

    @Override
    public String identity() {
        return queryId != null ? "query " + queryId : "query started " + Timestamps.toWire(startTime);
    }
}
