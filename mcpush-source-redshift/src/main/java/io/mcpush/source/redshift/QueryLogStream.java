package io.mcpush.source.redshift;

import io.mcpush.sdk.model.QueryLogEntry;
import io.mcpush.source.CollectionReport;
import io.mcpush.source.EventStream;
import io.mcpush.source.QueryLogWindow;
import io.mcpush.source.SourceException;
import io.mcpush.source.jdbc.JdbcConnector;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;

/**
 * The queries that started in a window, each with its whole text. Two cursors, in two sessions
 * (Redshift allows one open cursor per session), are read side by side, both ordered by
 * {@code query_id}: SYS_QUERY_HISTORY (one row per query) and SYS_QUERY_TEXT
 * (the 4,000-character pieces of each text, in {@code sequence} order). The pieces of one query
 * are joined in Java ({@link QueryTextAssembler}) — no {@code LISTAGG}, whose result Redshift
 * caps at 64 KB — so memory holds one query's text at a time, whatever the window's size, and no
 * row limit applies. The window's bounds are bind parameters: {@code start_time >= start AND
 * start_time < end}, in UTC as Redshift stores them. Not thread-safe.
 */
final class QueryLogStream implements EventStream<QueryLogEntry> {
    static final String USERS = "SELECT usesysid, usename FROM pg_user";

    static final String HISTORY = """
            SELECT h.query_id, h.start_time, h.end_time, h.status, h.user_id, h.database_name, h.query_type,
                   h.error_message, h.returned_rows, h.returned_bytes, h.elapsed_time, h.query_label, h.session_id,
                   h.transaction_id, h.query_text
            FROM sys_query_history h
            WHERE h.start_time >= ? AND h.start_time < ?
            ORDER BY h.query_id
            """;

    static final String TEXT = """
            SELECT t.query_id, t.sequence, t.text
            FROM sys_query_text t
            WHERE t.query_id IN (SELECT h.query_id FROM sys_query_history h WHERE h.start_time >= ? AND h.start_time < ?)
            ORDER BY t.query_id, t.sequence
            """;

    private static final Calendar UTC = Calendar.getInstance(TimeZone.getTimeZone("UTC"));

    private final RedshiftSource source;
    private final CollectionReport report;
    private final Map<Long, String> users;
    private final List<AutoCloseable> opened;
    private final ResultSet history;
    private final ResultSet text;
    private final QueryTextAssembler assembler = new QueryTextAssembler();
    /** The text cursor's current row is unread (it belongs to a later query). */
    private boolean textPending;
    private boolean textDone;
    private long running;
    private boolean closed;

    private QueryLogStream(RedshiftSource source, CollectionReport report, Map<Long, String> users,
            List<AutoCloseable> opened, ResultSet history, ResultSet text) {
        this.source = source;
        this.report = report;
        this.users = users;
        this.opened = opened;
        this.history = history;
        this.text = text;
    }

    static QueryLogStream open(RedshiftSource source, Connection c, Connection textConnection, QueryLogWindow window,
            CollectionReport report) {
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            Map<Long, String> users = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(USERS); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    users.put(rs.getLong(1), QueryTextAssembler.stripPadding(rs.getString(2)));
                }
            }
            Timestamp start = Timestamp.from(window.start());
            Timestamp end = Timestamp.from(window.end());
            ResultSet history = cursor(source, c, HISTORY, start, end, opened);
            ResultSet text = cursor(source, textConnection, TEXT, start, end, opened);
            return new QueryLogStream(source, report, users, opened, history, text);
        } catch (SQLException e) {
            RedshiftSource.closeAll(opened);
            source.endAuxiliary();
            throw new SourceException("cannot read the query history of " + source.identity().id() + " for " + window
                    + ": " + source.message(e), JdbcConnector.redacted(source.config(), e));
        }
    }

    private static ResultSet cursor(RedshiftSource source, Connection c, String sql, Timestamp start, Timestamp end,
            List<AutoCloseable> opened) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        opened.add(ps);
        ps.setFetchSize(source.config().fetchSize());
        ps.setTimestamp(1, start, UTC);
        ps.setTimestamp(2, end, UTC);
        ResultSet rs = ps.executeQuery();
        opened.add(rs);
        rs.setFetchSize(source.config().fetchSize());
        return rs;
    }

    @Override
    public QueryLogEntry next() {
        if (closed) {
            return null;
        }
        try {
            while (history.next()) {
                QueryLogEntry e = entry();
                if (e != null) {
                    return e;
                }
            }
            finish();
            return null;
        } catch (SQLException e) {
            close();
            throw new SourceException("query history of " + source.identity().id() + ": reading stopped: "
                    + source.message(e), JdbcConnector.redacted(source.config(), e));
        }
    }

    private QueryLogEntry entry() throws SQLException {
        long queryId = history.getLong("query_id");
        String pieces = pieces(queryId);
        Timestamp start = history.getTimestamp("start_time", UTC);
        Timestamp end = history.getTimestamp("end_time", UTC);
        String status = text(history, "status");
        if (end == null || status == null || !finished(status)) {
            running++;
            return null;
        }
        String sql = pieces;
        if (sql == null) {
            // no piece visible: SYS_QUERY_HISTORY keeps the first 4,000 characters
            sql = QueryTextAssembler.stripPadding(history.getString("query_text"));
            if (sql != null && !sql.isEmpty()) {
                report.count("queries with text from SYS_QUERY_HISTORY only (first 4,000 characters)");
            }
        }
        if (sql == null || sql.isEmpty()) {
            report.count("queries without text (not collected)");
            return null;
        }
        long userId = history.getLong("user_id");
        boolean noUser = history.wasNull();
        String user = noUser ? null : users.getOrDefault(userId, String.valueOf(userId));
        boolean ok = status.equalsIgnoreCase("success");
        String error = text(history, "error_message");
        Long rows = number(history, "returned_rows");
        Map<String, Object> extra = new LinkedHashMap<>();
        put(extra, "database_name", text(history, "database_name"));
        put(extra, "elapsed_time_us", number(history, "elapsed_time"));
        put(extra, "query_type", text(history, "query_type"));
        put(extra, "status", status);
        put(extra, "returned_bytes", number(history, "returned_bytes"));
        put(extra, "user_id", noUser ? null : userId);
        put(extra, "session_id", number(history, "session_id"));
        put(extra, "transaction_id", number(history, "transaction_id"));
        put(extra, "query_label", text(history, "query_label"));
        report.count("queries");
        if (!ok) {
            report.count("failed or canceled queries");
        }
        return new QueryLogEntry(start.toInstant(), end.toInstant(), sql, String.valueOf(queryId), user,
                ok ? null : status, ok ? null : (error != null ? error : "query " + status), rows, extra);
    }

    private static boolean finished(String status) {
        return status.equalsIgnoreCase("success") || status.equalsIgnoreCase("failed")
                || status.equalsIgnoreCase("canceled") || status.equalsIgnoreCase("cancelled");
    }

    /**
     * The text of {@code queryId} from its pieces, or null when it has none. Pieces of queries the
     * history does not list (ids below this one) are passed over.
     */
    private String pieces(long queryId) throws SQLException {
        assembler.reset();
        while (!textDone) {
            if (!textPending) {
                if (!text.next()) {
                    textDone = true;
                    break;
                }
                textPending = true;
            }
            long id = text.getLong(1);
            if (id > queryId) {
                break;
            }
            if (id == queryId) {
                assembler.add(text.getInt(2), text.getString(3));
            }
            textPending = false;
        }
        if (assembler.isEmpty()) {
            return null;
        }
        if (assembler.hasGap()) {
            report.count("queries with missing text pieces");
        }
        return assembler.text();
    }

    private static void put(Map<String, Object> extra, String key, Object value) {
        if (value != null) {
            extra.put(key, value);
        }
    }

    private static String text(ResultSet rs, String label) throws SQLException {
        String v = QueryTextAssembler.stripPadding(rs.getString(label));
        return v == null || v.isBlank() ? null : v.strip();
    }

    private static Long number(ResultSet rs, String label) throws SQLException {
        long v = rs.getLong(label);
        return rs.wasNull() || v < 0 ? null : v;
    }

    private void finish() {
        if (running > 0) {
            report.warn(running + " queries that started in the window were still running when it was read and are "
                    + "not collected (they will not be read again: consider a longer --lag)");
        }
        close();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            RedshiftSource.closeAll(opened);
            source.endAuxiliary();
        }
    }
}
