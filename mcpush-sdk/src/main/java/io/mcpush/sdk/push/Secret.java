package io.mcpush.sdk.push;

import static java.util.Objects.requireNonNull;

/**
 * A key secret that never shows itself: {@link #toString()} is {@code ****}. Use
 * {@link #reveal()} only to put it on the wire, and {@link #redact(String)} on any text that came
 * back from a server before it reaches a message. Immutable.
 */
public final class Secret {
    /** Secrets shorter than this are masked only as tokens of their own (see {@link #redact}). */
    static final int SHORT = 8;

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

    /**
     * {@code text} with every occurrence of this secret replaced by {@code ****}. A short secret
     * (under {@value #SHORT} characters) is replaced only where it stands as a token of its own
     * (no letter or digit on either side), so that a password "x" does not turn
     * "ConnectException" into "ConnectE****ception"; where it stands alone it is still masked.
     */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        if (value.length() >= SHORT) {
            return text.replace(value, "****");
        }
        StringBuilder sb = new StringBuilder(text.length());
        int from = 0;
        int search = 0;
        int at;
        while ((at = text.indexOf(value, search)) >= 0) {
            int end = at + value.length();
            boolean alone = (at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1)))
                    && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)));
            if (alone) {
                sb.append(text, from, at).append("****");
                from = end;
                search = end;
            } else {
                search = at + 1;
            }
        }
        return sb.append(text, from, text.length()).toString();
    }

    @Override
    public String toString() {
        return "****";
    }
}
