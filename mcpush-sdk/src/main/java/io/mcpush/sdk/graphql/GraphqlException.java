package io.mcpush.sdk.graphql;

import io.mcpush.sdk.McpushException;
import java.util.List;

/**
 * A GraphQL call failed for good: the API answered with a top-level {@code errors} array, a
 * non-success HTTP status (after the retries the policy allows), or no answer at all.
 * {@link #status()} is the last HTTP status (0 when the API never answered, 200 for an
 * {@code errors} array on a 200), {@link #errors()} the error messages the API returned (secrets
 * redacted; empty when there were none). Messages never contain the key secret.
 */
public class GraphqlException extends McpushException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final List<String> errors;

    public GraphqlException(String message, int status, List<String> errors, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public GraphqlException(String message, int status, List<String> errors) {
        this(message, status, errors, null);
    }

    public int status() {
        return status;
    }

    /** The messages of the API's {@code errors} array, in order; never null. */
    public List<String> errors() {
        return errors;
    }
}
