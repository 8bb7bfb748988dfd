package io.mcpush.source.hive;

import static java.util.Objects.requireNonNull;

import io.mcpush.sdk.model.QueryLogEntry;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One HiveServer2 command as its log tells it: the SQL of {@code Executing command(queryId=...)}
 * (or of {@code Compiling command} for a statement that failed to compile), when it started and
 * completed, who ran it (when the session's scratch directory was logged), the session's current
 * database (from its {@code USE} commands, null when none was seen) and the failure, if any.
 * {@code startOffset} is the byte offset of the line that opened it. Immutable.
 */
public record HiveQuery(String queryId, String sql, Instant start, Instant end, String user, String sessionId,
        String currentDatabase, Integer errorCode, String errorText, long startOffset) {
    public HiveQuery {
        requireNonNull(queryId, "queryId is null");
        requireNonNull(sql, "sql is null");
        requireNonNull(start, "start is null");
        requireNonNull(end, "end is null");
    }

    public boolean failed() {
        return errorCode != null || errorText != null;
    }

    /**
     * The wire entry ({@code log_type hive-s3}): the session's current database and id go under
     * {@code extra} when known, so lineage can resolve unqualified names later.
     */
    public QueryLogEntry toEntry() {
        Map<String, Object> extra = new LinkedHashMap<>();
        if (currentDatabase != null) {
            extra.put("default_database", currentDatabase);
        }
        if (sessionId != null) {
            extra.put("session_id", sessionId);
        }
        return new QueryLogEntry(start, end, sql, queryId, user, errorCode, errorText, null,
                extra.isEmpty() ? null : extra);
    }
}
