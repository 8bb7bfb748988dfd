package io.mcpush.sdk.push;

import static java.util.Objects.requireNonNull;

import io.mcpush.sdk.Flow;

/**
 * Where a push goes: the flow, the Monte Carlo resource (warehouse) UUID and its
 * {@code resource_type} (or {@code log_type} for query logs). Immutable.
 */
public record PushTarget(Flow flow, String resourceUuid, String resourceValue) {
    public PushTarget {
        requireNonNull(flow, "flow is null");
        requireNonNull(resourceUuid, "resourceUuid is null");
        requireNonNull(resourceValue, "resourceValue is null");
    }
}
