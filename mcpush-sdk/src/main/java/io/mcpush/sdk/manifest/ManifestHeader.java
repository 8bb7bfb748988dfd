package io.mcpush.sdk.manifest;

import static java.util.Objects.requireNonNull;

import io.mcpush.sdk.Flow;
import io.mcpush.sdk.json.PyJsonWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Line 1 of a manifest. {@code resourceType} is set for metadata and lineage, {@code logType}
 * for query logs; {@code resourceUuid}, {@code collectedAt}, the window, {@code source} and
 * {@code positions} may be null. Immutable.
 *
 * <p>{@code positions} (header key {@code "positions"}, optional) is the checkpoint of a source
 * that reads server log files instead of a time window (DESIGN.md, "Watermarks"): a JSON object
 * {@code {"files": [{"path", "file_key", "fingerprint", "fingerprint_bytes", "size", "offset",
 * "gzip"}]}} saying how far each log file was read. Such a manifest has no {@code window_start}/
 * {@code window_end}; a complete push commits the positions for the header's {@code source}, so
 * the next collection reads only what was logged after them. The SDK carries the object as it is;
 * the source API gives it meaning.
 */
public record ManifestHeader(Flow flow, String resourceType, String logType, String resourceUuid, String collectedAt,
        String windowStart, String windowEnd, Map<String, Object> source, Map<String, Object> positions) {
    public static final int VERSION = 1;

    public ManifestHeader {
        requireNonNull(flow, "flow is null");
        if (flow == Flow.QUERY_LOGS) {
            requireNonNull(logType, "logType is null");
        } else {
            requireNonNull(resourceType, "resourceType is null");
        }
        source = source == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(source));
        positions = positions == null ? null : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(positions));
    }

    /** A header without log positions. */
    public ManifestHeader(Flow flow, String resourceType, String logType, String resourceUuid, String collectedAt,
            String windowStart, String windowEnd, Map<String, Object> source) {
        this(flow, resourceType, logType, resourceUuid, collectedAt, windowStart, windowEnd, source, null);
    }

    public static ManifestHeader of(Flow flow, String resourceOrLogType, String resourceUuid, String collectedAt) {
        return flow == Flow.QUERY_LOGS
                ? new ManifestHeader(flow, null, resourceOrLogType, resourceUuid, collectedAt, null, null, null)
                : new ManifestHeader(flow, resourceOrLogType, null, resourceUuid, collectedAt, null, null, null);
    }

    /** {@code resource_type}, or {@code log_type} for query logs. */
    public String resourceValue() {
        return flow == Flow.QUERY_LOGS ? logType : resourceType;
    }

    void writeJson(PyJsonWriter out) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mcpush_manifest", VERSION);
        m.put("flow", flow.manifestName());
        if (resourceType != null) {
            m.put("resource_type", resourceType);
        }
        if (logType != null) {
            m.put("log_type", logType);
        }
        if (resourceUuid != null) {
            m.put("resource_uuid", resourceUuid);
        }
        if (collectedAt != null) {
            m.put("collected_at", collectedAt);
        }
        if (windowStart != null) {
            m.put("window_start", windowStart);
        }
        if (windowEnd != null) {
            m.put("window_end", windowEnd);
        }
        if (!source.isEmpty()) {
            m.put("source", source);
        }
        if (positions != null) {
            m.put("positions", positions);
        }
        out.value(m);
    }
}
