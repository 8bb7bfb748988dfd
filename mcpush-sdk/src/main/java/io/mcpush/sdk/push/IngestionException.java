package io.mcpush.sdk.push;

import io.mcpush.sdk.McpushException;

/**
 * A push request failed for good (after the retries the policy allows). {@link #status()} is the
 * last HTTP status, or 0 when the gateway never answered; {@link #bodyExcerpt()} the first 500
 * characters of its answer (secrets redacted).
 */
public class IngestionException extends McpushException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String bodyExcerpt;
    private final int attempts;

    public IngestionException(String message, int status, String bodyExcerpt, int attempts, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.bodyExcerpt = bodyExcerpt == null ? "" : bodyExcerpt;
        this.attempts = attempts;
    }

    public int status() {
        return status;
    }

    public String bodyExcerpt() {
        return bodyExcerpt;
    }

    public int attempts() {
        return attempts;
    }
}
