package io.mcpush.sdk.manifest;

import static java.util.Objects.requireNonNull;

import io.mcpush.sdk.model.WireEvent;

/**
 * One event read from a manifest with its 1-based line number and the length of its line in
 * characters ({@code -1} when it did not come from text). Immutable.
 */
public record ManifestEvent(long line, WireEvent event, int textLength) {
    public ManifestEvent {
        requireNonNull(event, "event is null");
    }

    public ManifestEvent(long line, WireEvent event) {
        this(line, event, -1);
    }
}
