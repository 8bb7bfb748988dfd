package io.mcpush.source;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which warehouse a collection came from: the source type and a stable id without secrets
 * (for JDBC sources the URL without its parameters, plus the user). Watermarks are kept per
 * identity and flow; manifest headers carry it as {@code "source": {"type": ..., "id": ...}}.
 * Immutable.
 */
public record SourceIdentity(String type, String id) {
    public SourceIdentity {
        requireNonNull(type, "type is null");
        requireNonNull(id, "id is null");
    }

    /** The {@code source} object of a manifest header. */
    public Map<String, Object> toHeader() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.put("id", id);
        return m;
    }

    /** Reads {@code source} from a manifest header; null when it names no type and id. */
    public static SourceIdentity fromHeader(Map<String, Object> source) {
        if (source == null || !(source.get("type") instanceof String t) || !(source.get("id") instanceof String i)
                || t.isBlank() || i.isBlank()) {
            return null;
        }
        return new SourceIdentity(t, i);
    }

    @Override
    public String toString() {
        return type + " " + id;
    }
}
