package io.mcpush.source.mysql;

import io.mcpush.sdk.Timestamps;
import io.mcpush.sdk.model.QueryLogEntry;
import io.mcpush.source.CollectionReport;
import io.mcpush.source.EventStream;
import io.mcpush.source.QueryLogWindow;
import io.mcpush.source.SourceException;
import io.mcpush.source.jdbc.JdbcSource;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Streams the statements of {@code performance_schema.events_statements_history_long} that started
 * in a window, ordered by start. The table is a ring buffer of the server's last
 * {@code performance_schema_events_statements_history_long_size} statements, filled only while the
 * consumers {@code events_statements_current} and {@code events_statements_history_long} are
 * enabled; it is read as it is, so statements pushed out of it before the collection are lost —
 * detected and warned about when the oldest statement kept started after the window's start. Timer
 * values (picoseconds since the server started) are converted with a {@link ServerClock}; the window
 * bounds are converted to timer values in Java and bound as parameters. The collector's own
 * statements are left out: those of its own session, and those of every session that sent a statement
 * starting with {@link MySqlSource#TAG} (earlier collections, including the statements the driver
 * sends on connecting). Not thread-safe.
 */
final class QueryLogStream implements EventStream<QueryLogEntry> {
    /** The {@code extra} key holding the session's current database, for lineage. */
    static final String CURRENT_SCHEMA = "current_schema";
    static final String CLOCK_SQL = MySqlSource.TAG + "SELECT NOW(6) AS mcpush_clock";
    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSS]");

    private static final String SETTINGS = MySqlSource.TAG + """
            SELECT @@performance_schema AS enabled,
                   @@performance_schema_events_statements_history_long_size AS history_size,
                   @@performance_schema_max_sql_text_length AS max_sql_text
            """;

    private static final String CONSUMERS = MySqlSource.TAG + """
            SELECT NAME, ENABLED FROM performance_schema.setup_consumers
            WHERE NAME IN ('global_instrumentation', 'thread_instrumentation', 'events_statements_current',
                           'events_statements_history_long')
            """;

    /** The clock statement's timer start, the server's uptime and our own thread, read in one statement. */
    private static final String CLOCK = MySqlSource.TAG + """
            SELECT t.THREAD_ID AS thread_id,
                   (SELECT e.TIMER_START FROM performance_schema.events_statements_history_long e
                    WHERE e.THREAD_ID = t.THREAD_ID AND e.SQL_TEXT = ? ORDER BY e.EVENT_ID DESC LIMIT 1) AS clock_timer,
                   (SELECT g.VARIABLE_VALUE FROM performance_schema.global_status g
                    WHERE g.VARIABLE_NAME = 'UPTIME') AS uptime,
                   NOW(6) AS now
            FROM performance_schema.threads t WHERE t.PROCESSLIST_ID = CONNECTION_ID()
            """;

    private static final String OLDEST = MySqlSource.TAG + """
            SELECT COUNT(*) AS kept, MIN(TIMER_START) AS oldest
            FROM performance_schema.events_statements_history_long
            """;

    /**
     * Top-level statements ({@code statement/sql/*}) and the SQL statements run inside stored
     * programs ({@code statement/sp/stmt}); protocol commands (ping, quit, prepare...) have no text.
     * The user is known while its session is still connected (performance_schema.threads).
     */
    static final String STATEMENTS = MySqlSource.TAG + """
            SELECT e.THREAD_ID AS thread_id, e.EVENT_ID AS event_id, e.EVENT_NAME AS event_name,
                   e.TIMER_START AS timer_start, e.TIMER_END AS timer_end, e.SQL_TEXT AS sql_text,
                   LENGTH(e.SQL_TEXT) AS sql_bytes, e.DIGEST AS digest, e.CURRENT_SCHEMA AS current_schema,
                   e.MYSQL_ERRNO AS mysql_errno, e.RETURNED_SQLSTATE AS returned_sqlstate,
                   e.MESSAGE_TEXT AS message_text,
                   e.ERRORS AS errors, e.ROWS_AFFECTED AS rows_affected, e.ROWS_SENT AS rows_sent,
                   e.ROWS_EXAMINED AS rows_examined, t.PROCESSLIST_USER AS user_name,
                   t.PROCESSLIST_HOST AS client_host
            FROM performance_schema.events_statements_history_long e
            LEFT JOIN performance_schema.threads t ON t.THREAD_ID = e.THREAD_ID
            WHERE e.TIMER_START >= ? AND e.TIMER_START < ? AND e.THREAD_ID <> ?
              AND e.THREAD_ID NOT IN (SELECT m.THREAD_ID FROM performance_schema.events_statements_history_long m
                                      WHERE m.SQL_TEXT LIKE '/* mcpush */%')
              AND e.SQL_TEXT IS NOT NULL AND (e.EVENT_NAME LIKE 'statement/sql/%' OR e.EVENT_NAME = 'statement/sp/stmt')
            ORDER BY e.TIMER_START, e.THREAD_ID, e.EVENT_ID
            """;

    private final MySqlSource source;
    private final ServerClock clock;
    private final long maxSqlText;
    private final CollectionReport report;
    private final List<AutoCloseable> opened;
    private ResultSet rows;
    private long truncated;
    private long read;

    private QueryLogStream(MySqlSource source, ServerClock clock, long maxSqlText, CollectionReport report,
            List<AutoCloseable> opened, ResultSet rows) {
        this.source = source;
        this.clock = clock;
        this.maxSqlText = maxSqlText;
        this.report = report;
        this.opened = opened;
        this.rows = rows;
    }

    /**
     * Checks the server's set-up (a disabled performance_schema or consumer is a warning and no
     * statements), fixes the clock, warns about lost statements and opens the cursor. A statement
     * that fails (no SELECT on performance_schema) is a {@link SourceException}: the window must not
     * be taken as collected.
     */
    static EventStream<QueryLogEntry> open(MySqlSource source, Connection c, QueryLogWindow window,
            CollectionReport report) {
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            long historySize;
            long maxSqlText;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(SETTINGS)) {
                rs.next();
                if (!rs.getBoolean("enabled")) {
                    report.warn("performance_schema is OFF on this server, so it keeps no statement history and no "
                            + "query logs (and no query lineage) were collected: start the server with "
                            + "performance_schema=ON");
                    return EventStream.empty();
                }
                historySize = rs.getLong("history_size");
                maxSqlText = rs.getLong("max_sql_text");
            }
            boolean historyOn = true;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(CONSUMERS)) {
                while (rs.next()) {
                    if (!"YES".equalsIgnoreCase(rs.getString(2))) {
                        historyOn = false;
                        report.warn("performance_schema consumer " + rs.getString(1) + " is disabled, so new "
                                + "statements are not recorded: enable it (UPDATE performance_schema.setup_consumers "
                                + "SET ENABLED = 'YES' WHERE NAME = '" + rs.getString(1) + "', and the server option "
                                + "performance-schema-consumer-" + rs.getString(1).replace('_', '-')
                                + "=ON to keep it after a restart)");
                    }
                }
            }
            ClockReading reading = readClock(c);
            ServerClock clock = reading.clock();
            if (!clock.precise()) {
                report.warn("query times are accurate to about a second only: the collector's own statements are "
                        + "not recorded in events_statements_history_long, so the timer was converted with the "
                        + "server's Uptime");
            }
            BigDecimal from = clock.toPicos(window.start());
            BigDecimal to = clock.toPicos(window.end());
            if (clock.zero().isAfter(window.start())) {
                report.warn("the server started at " + Timestamps.toWire(clock.zero()) + ", after the window's start "
                        + window.startText() + ": statements run before the start are not in performance_schema");
            } else if (historyOn) {
                warnIfWrapped(c, clock, window, from, historySize, report);
            }
            PreparedStatement ps = c.prepareStatement(STATEMENTS, ResultSet.TYPE_FORWARD_ONLY,
                    ResultSet.CONCUR_READ_ONLY);
            opened.add(ps);
            ps.setFetchSize(source.config().fetchSize());
            ps.setBigDecimal(1, from);
            ps.setBigDecimal(2, to);
            ps.setBigDecimal(3, reading.ownThread() == null ? BigDecimal.valueOf(-1) : reading.ownThread());
            ResultSet rs = ps.executeQuery();
            opened.add(rs);
            return new QueryLogStream(source, clock, maxSqlText, report, opened, rs);
        } catch (SQLException e) {
            JdbcSource.closeAll(opened);
            throw source.failure("cannot read the statement history (performance_schema."
                    + "events_statements_history_long; the user needs SELECT ON performance_schema.*)", e);
        }
    }

    private record ClockReading(ServerClock clock, BigDecimal ownThread) {
    }

    private static ClockReading readClock(Connection c) throws SQLException {
        Instant now;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(CLOCK_SQL)) {
            rs.next();
            now = utc(rs.getString(1));
        }
        try (PreparedStatement ps = c.prepareStatement(CLOCK)) {
            ps.setString(1, CLOCK_SQL);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("this session is not in performance_schema.threads");
                }
                BigDecimal thread = rs.getBigDecimal("thread_id");
                BigDecimal timer = rs.getBigDecimal("clock_timer");
                if (timer != null) {
                    return new ClockReading(ServerClock.anchored(now, timer.toBigInteger()), thread);
                }
                return new ClockReading(ServerClock.fromUptime(utc(rs.getString("now")),
                        Long.parseLong(rs.getString("uptime").trim())), thread);
            }
        }
    }

    /** NOW(6) in the session's zone, which prepare() set to UTC. */
    private static Instant utc(String datetime) {
        return LocalDateTime.parse(datetime, DATETIME).toInstant(ZoneOffset.UTC);
    }

    private static void warnIfWrapped(Connection c, ServerClock clock, QueryLogWindow window, BigDecimal from,
            long historySize, CollectionReport report) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(OLDEST)) {
            rs.next();
            long kept = rs.getLong("kept");
            BigDecimal oldest = rs.getBigDecimal("oldest");
            if (oldest != null && kept >= historySize && oldest.compareTo(from) > 0) {
                report.warn("events_statements_history_long wrapped: it keeps the last " + historySize
                        + " statements and the oldest kept started at "
                        + Timestamps.toWire(clock.toInstant(oldest.toBigInteger())) + ", after the window's start "
                        + window.startText() + ", so the statements in between were lost: collect more often or raise "
                        + "performance_schema_events_statements_history_long_size");
            }
        }
    }

    @Override
    public QueryLogEntry next() {
        if (rows == null) {
            return null;
        }
        try {
            if (!rows.next()) {
                finish();
                return null;
            }
            read++;
            return entry();
        } catch (SQLException e) {
            finish();
            throw source.failure("stopped reading the statement history after " + read + " statements", e);
        }
    }

    private QueryLogEntry entry() throws SQLException {
        BigInteger threadId = rows.getBigDecimal("thread_id").toBigInteger();
        BigInteger eventId = rows.getBigDecimal("event_id").toBigInteger();
        String eventName = rows.getString("event_name");
        Instant start = clock.toInstant(rows.getBigDecimal("timer_start").toBigInteger());
        BigDecimal timerEnd = rows.getBigDecimal("timer_end");
        Instant end = timerEnd == null ? start : clock.toInstant(timerEnd.toBigInteger());
        String text = rows.getString("sql_text");
        long bytes = rows.getLong("sql_bytes");
        String schema = rows.getString("current_schema");
        long errors = rows.getLong("errors");
        long rowsAffected = rows.getLong("rows_affected");
        long rowsSent = rows.getLong("rows_sent");
        Integer errno = errors > 0 ? Integer.valueOf(rows.getInt("mysql_errno")) : null;
        String errorText = errors > 0 ? rows.getString("message_text") : null;
        if (errors > 0 && errorText == null) {
            errorText = "error " + errno;
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("thread_id", threadId);
        extra.put("event_id", eventId);
        extra.put("event_name", eventName);
        if (schema != null) {
            extra.put(CURRENT_SCHEMA, schema);
        }
        extra.put("rows_affected", rowsAffected);
        extra.put("rows_sent", rowsSent);
        extra.put("rows_examined", rows.getLong("rows_examined"));
        putIfPresent(extra, "sqlstate", rows.getString("returned_sqlstate"));
        putIfPresent(extra, "digest", rows.getString("digest"));
        putIfPresent(extra, "client_host", rows.getString("client_host"));
        if (maxSqlText > 0 && bytes >= maxSqlText) {
            truncated++;
            extra.put("sql_text_truncated", true);
        }
        boolean returnsRows = rowsSent > 0 || (eventName != null && eventName.endsWith("/select"));
        Long returned = returnsRows ? Long.valueOf(rowsSent) : rowsAffected >= 0 ? Long.valueOf(rowsAffected) : null;
        return new QueryLogEntry(start, end, text, threadId + "-" + eventId, rows.getString("user_name"), errno,
                errorText, returned, extra);
    }

    private static void putIfPresent(Map<String, Object> extra, String key, String value) {
        if (value != null && !value.isEmpty()) {
            extra.put(key, value);
        }
    }

    /** Closes the cursor and reports what the whole read saw (once). */
    private void finish() {
        if (rows == null) {
            return;
        }
        rows = null;
        JdbcSource.closeAll(opened);
        report.count("queries", read);
        if (truncated > 0) {
            report.warn(truncated + " statements were cut at performance_schema_max_sql_text_length (" + maxSqlText
                    + " bytes): their query_text is incomplete (extra.sql_text_truncated) and their lineage may be "
                    + "missing or partial; "
                    + "raise that server option for whole statements");
        }
    }


    @Override
    public void close() {
        finish();
    }
}
