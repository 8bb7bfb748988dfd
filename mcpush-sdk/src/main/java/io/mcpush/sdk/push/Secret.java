package io.mcpush.sdk.push;

import static java.util.Objects.requireNonNull;

/**
 * A key secret that never shows itself: {@link #toString()} is {@code ****}. Use
 * {@link #reveal()} only to put it on the wire, and {@link #redact(String)} on any text that came
 * back from a server before it reaches a message. Immutable.
 */
public final class Secret {
    private final String value;

    public Secret(String value) {
        this.value = requireNonNull(value, "value is null");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("a secret must not be empty");
        }
    }

    public String reveal() {
        return value;
    }

    /** {@code text} with every occurrence of this secret replaced by {@code ****}. */
    public String redact(String text) {
        return text == null ? null : text.replace(value, "****");
    }

    @Override
    public String toString() {
        return "****";
    }
}
