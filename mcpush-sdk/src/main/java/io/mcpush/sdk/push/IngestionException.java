package io.mcpush.sdk.push;

import io.mcpush.sdk.McpushException;

/**
 * A push request failed for good (after the retries the policy allows). {@link #status()} is the
 * last HTTP status, or 0 when the gateway never answered; {@link #bodyExcerpt()} the first 500
 * characters of its answer (secrets redacted). A 2xx without an invocation id is a failure too
 * ({@link #rejectedWithoutInvocationId()}).
 */
public class IngestionException extends McpushException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String bodyExcerpt;
    private final int attempts;
    private final boolean rejectedWithoutInvocationId;
    private final boolean possibleDuplicate;

    public IngestionException(String message, int status, String bodyExcerpt, int attempts, Throwable cause) {
        this(message, status, bodyExcerpt, attempts, cause, false, false);
    }

    public IngestionException(String message, int status, String bodyExcerpt, int attempts, Throwable cause,
            boolean rejectedWithoutInvocationId, boolean possibleDuplicate) {
        super(message, cause);
        this.status = status;
        this.bodyExcerpt = bodyExcerpt == null ? "" : bodyExcerpt;
        this.attempts = attempts;
        this.rejectedWithoutInvocationId = rejectedWithoutInvocationId;
        this.possibleDuplicate = possibleDuplicate;
    }

    /** True when the gateway answered 2xx without an invocation id: it did not take the request. */
    public boolean rejectedWithoutInvocationId() {
        return rejectedWithoutInvocationId;
    }

    /** True when an attempt may have reached the gateway although its answer was lost. */
    public boolean possibleDuplicate() {
        return possibleDuplicate;
    }

    /**
     * True when the gateway refused this content itself (400, or 413 too large): the same request
     * will always be refused, but a part of it may be taken.
     */
    public boolean contentRejected() {
        return status == 400 || status == 413;
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
