package io.mcpush.source;

import io.mcpush.sdk.McpushException;

/**
 * A source's options are wrong or incomplete (exit 2, nothing was read or sent).
 * {@code option} is the offending key (e.g. {@code jdbc-url}), or null.
 */
public class SourceConfigException extends McpushException {
    private static final long serialVersionUID = 1L;
    private final String option;

    public SourceConfigException(String option, String message) {
        super(message);
        this.option = option;
    }

    public String option() {
        return option;
    }
}
