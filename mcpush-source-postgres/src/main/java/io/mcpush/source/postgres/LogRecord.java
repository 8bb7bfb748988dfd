package io.mcpush.source.postgres;

import java.time.Instant;

/**
 * The fields of one PostgreSQL server log record that query logs need, as csvlog and jsonlog
 * both carry them: when it was logged, who, where, the session and its line number (together a
 * stable id), the severity, SQLSTATE, message and the statement an error belongs to. Any field
 * but {@code logTime} may be null. Immutable.
 */
record LogRecord(Instant logTime, String user, String database, String sessionId, Long lineNumber, String severity,
        String sqlState, String message, String query, String applicationName) {
}
