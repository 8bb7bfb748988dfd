package io.mcpush.sdk;

/**
 * Root of every exception mcpush throws on purpose. Unchecked, so pipelines that embed the SDK
 * can let it propagate; subclasses carry structured fields (HTTP status, file and line) for
 * callers that want to react to them. Messages never contain secrets or SQL text.
 */
public class McpushException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public McpushException(String message) {
        super(message);
    }

    public McpushException(String message, Throwable cause) {
        super(message, cause);
    }
}
