package io.mcpush.lineage;

import static java.util.Objects.requireNonNull;

/**
 * Why one statement of a SQL text gave no (or only partial) lineage. Errors are data: analysis
 * never throws on input.
 *
 * @param statement the 1-based index of the statement in the script
 * @param line the 1-based line of the script where the statement starts
 * @param kind what went wrong
 * @param message what failed and where, without the SQL text itself
 */
public record LineageError(int statement, int line, Kind kind, String message) {
    /** The kinds of failure. */
    public enum Kind {
        /** Neither the parser nor the fallback reading understood the statement. */
        SYNTAX,
        /** The statement exceeded the size budget and was only read token by token. */
        TOO_LARGE,
        /** The parser exceeded its time budget. */
        TIMEOUT,
        /** An unexpected failure inside the analyser; the statement is skipped. */
        INTERNAL
    }

    public LineageError {
        requireNonNull(kind, "kind is null");
        requireNonNull(message, "message is null");
        if (statement < 1) {
            throw new IllegalArgumentException("statement must be at least 1, was " + statement);
        }
    }

    @Override
    public String toString() {
        return "statement " + statement + " (line " + line + "): " + message;
    }
}
