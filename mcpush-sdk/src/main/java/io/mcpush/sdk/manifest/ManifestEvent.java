package io.mcpush.sdk.manifest;

import static java.util.Objects.requireNonNull;

import io.mcpush.sdk.model.WireEvent;

/** One event read from a manifest with its 1-based line number. Immutable. */
public record ManifestEvent(long line, WireEvent event) {
    public ManifestEvent {
        requireNonNull(event, "event is null");
    }
}
