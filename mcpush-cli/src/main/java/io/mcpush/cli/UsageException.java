package io.mcpush.cli;

import io.mcpush.sdk.McpushException;

/** Bad usage or input found before anything was sent: exit code 2. */
final class UsageException extends McpushException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
