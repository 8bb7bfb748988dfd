package io.mcpush.cli;

/** The pinned exit codes (DESIGN.md). */
final class ExitCodes {
    static final int OK = 0;
    /** Failure at run time: remote error after retries, source unreachable. */
    static final int FAILURE = 1;
    /** Usage or input error; nothing was sent. */
    static final int USAGE = 2;

    private ExitCodes() {
    }
}
