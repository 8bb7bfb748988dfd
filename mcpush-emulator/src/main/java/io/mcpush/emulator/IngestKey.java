package io.mcpush.emulator;

import static java.util.Objects.requireNonNull;

import java.util.Set;

/**
 * An ingestion key the emulated gateway accepts: the {@code x-mcd-id} / {@code x-mcd-token}
 * pair, optionally restricted to some resource UUIDs (Monte Carlo's {@code warehouseIds}).
 *
 * <p>Immutable and thread-safe. No component may be null; an empty
 * {@code allowedResourceUuids} means every resource is allowed. {@link #toString()} never
 * shows the token.
 */
public record IngestKey(String id, String token, Set<String> allowedResourceUuids) {
    public IngestKey {
        requireNonNull(id, "id is null");
        requireNonNull(token, "token is null");
        if (id.isEmpty()) {
            throw new IllegalArgumentException("id is empty");
        }
        if (token.isEmpty()) {
            throw new IllegalArgumentException("token is empty");
        }
        allowedResourceUuids = Set.copyOf(requireNonNull(allowedResourceUuids, "allowedResourceUuids is null"));
    }

    /** A key that may push to every resource. */
    public IngestKey(String id, String token) {
        this(id, token, Set.of());
    }

    /** Whether this key may push to {@code resourceUuid}. */
    public boolean allows(String resourceUuid) {
        return allowedResourceUuids.isEmpty() || allowedResourceUuids.contains(resourceUuid);
    }

    @Override
    public String toString() {
        return "IngestKey[id=" + id + ", token=***, allowedResourceUuids="
                + (allowedResourceUuids.isEmpty() ? "any" : allowedResourceUuids) + "]";
    }
}
