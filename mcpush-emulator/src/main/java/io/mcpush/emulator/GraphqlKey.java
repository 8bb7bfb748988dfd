package io.mcpush.emulator;

import static java.util.Objects.requireNonNull;

/**
 * A GraphQL API key the emulated {@code /graphql} endpoint accepts ({@code x-mcd-id} /
 * {@code x-mcd-token}). Separate from {@link IngestKey}s, as in Monte Carlo: an ingestion key is
 * refused by {@code /graphql}, and a GraphQL key by the gateway.
 *
 * <p>Immutable and thread-safe; no component may be null or empty. {@link #toString()} never
 * shows the token.
 */
public record GraphqlKey(String id, String token) {
    public GraphqlKey {
        requireNonNull(id, "id is null");
        requireNonNull(token, "token is null");
        if (id.isEmpty()) {
            throw new IllegalArgumentException("id is empty");
        }
        if (token.isEmpty()) {
            throw new IllegalArgumentException("token is empty");
        }
    }

    @Override
    public String toString() {
        return "GraphqlKey[id=" + id + ", token=***]";
    }
}
