package io.mcpush.source;

import io.mcpush.sdk.McpushException;

/**
 * A source failed at run time (exit 1): the database is unreachable, a query failed for good.
 * Messages name what failed and never carry SQL text or secrets.
 */
public class SourceException extends McpushException {
    private static final long serialVersionUID = 1L;

    public SourceException(String message) {
        super(message);
    }

    public SourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
