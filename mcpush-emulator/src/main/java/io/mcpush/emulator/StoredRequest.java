package io.mcpush.emulator;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One request the emulated gateway accepted (answered, or meant to answer, 202).
 *
 * <p>Immutable apart from {@code body}, a Jackson tree that callers must not modify; safe to
 * share between threads for reading. Every component is non-null except {@code body}, which is
 * null when the emulator runs with {@code retainBodies=false}.
 *
 * @param invocationId the id returned to the client
 * @param path the request path, e.g. {@code /ingest/v1/metadata}
 * @param eventType {@code METADATA}, {@code LINEAGE}, {@code COLUMN_LINEAGE} or {@code QUERY_LOG}
 * @param resourceUuid {@code resource.uuid}
 * @param resourceValue {@code resource.resource_type}, or {@code resource.log_type} for query logs
 * @param eventCount number of events in the request
 * @param compressedBytes gzip-compressed body size, -1 when the body was too small to need measuring
 * @param receivedAt when the request arrived
 * @param body the whole request body, or null
 */
public record StoredRequest(String invocationId, String path, String eventType, String resourceUuid,
        String resourceValue, int eventCount, long compressedBytes, Instant receivedAt, JsonNode body) {
    public StoredRequest {
        requireNonNull(invocationId, "invocationId is null");
        requireNonNull(path, "path is null");
        requireNonNull(eventType, "eventType is null");
        requireNonNull(resourceUuid, "resourceUuid is null");
        requireNonNull(resourceValue, "resourceValue is null");
        requireNonNull(receivedAt, "receivedAt is null");
    }

    /** The same request without its body. */
    public StoredRequest withoutBody() {
        return body == null ? this : new StoredRequest(invocationId, path, eventType, resourceUuid, resourceValue,
                eventCount, compressedBytes, receivedAt, null);
    }
}
