package io.mcpush.source.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcpush.sdk.model.QueryLogEntry;
import io.mcpush.source.CollectionReport;
import io.mcpush.source.logfile.LogEntryParser;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns PostgreSQL server logs — {@code csvlog} (one CSV record per entry, quoted fields may span
 * lines) or {@code jsonlog} (PostgreSQL 15+, one JSON object per line), told apart by each file's
 * first line — into query-log entries:
 * <ul>
 * <li>{@code log_min_duration_statement = 0}: {@code duration: 1.234 ms  statement: SQL} (or
 * {@code execute NAME: SQL} for the extended protocol) is one finished query, logged when it ended;
 * its start is the log time minus the duration. {@code parse}/{@code bind} steps are skipped.</li>
 * <li>{@code log_statement = all}: {@code statement: SQL} / {@code execute NAME: SQL} is logged when
 * the query starts. It is held until the next record of its session says how it ended: a
 * {@code duration: N ms} record (with {@code log_duration}) gives its end, an {@code ERROR} makes it
 * a failed query, anything else (the next statement, the end of the session, the end of what the
 * server had written when the files were read) ends it without a known duration.</li>
 * <li>An {@code ERROR}/{@code FATAL}/{@code PANIC} record with the failing statement
 * ({@code query}/{@code statement} field) and no held statement is a failed query of its own.</li>
 * </ul>
 * The query id is the session id and line number of the record that logged the statement, stable
 * across re-reads. Records that are not valid csvlog/jsonlog are counted and reported as one
 * warning per file. Not thread-safe.
 */
final class ServerLogParser implements LogEntryParser<QueryLogEntry> {
    /** csvlog has 23 columns up to PostgreSQL 12, 24 in 13 (backend_type), 26 from 14 (leader_pid, query_id). */
    static final int MIN_CSV_COLUMNS = 23;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DURATION = Pattern.compile("duration: ([0-9]+(?:\\.[0-9]+)?) ms(?:  (.*))?",
            Pattern.DOTALL);
    private static final Pattern STATEMENT = Pattern.compile("(?:statement|execute [^:]*|execute): (.*)",
            Pattern.DOTALL);
    private static final Pattern OTHER_STEP = Pattern.compile("(?:parse|bind) [^:]*: .*", Pattern.DOTALL);
    private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss").optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .optionalEnd().toFormatter();
    private static final DateTimeFormatter ZONE_NAME = DateTimeFormatter.ofPattern("z");
    private static final Pattern NUMERIC_ZONE = Pattern.compile("[+-]\\d{2}(?::?\\d{2})?");

    private enum Format { UNKNOWN, CSV, JSON }

    private final CollectionReport report;
    private final Map<String, Held> held = new LinkedHashMap<>();
    private Format format = Format.UNKNOWN;
    private final StringBuilder record = new StringBuilder();
    private long recordStart = -1;
    private boolean inQuotes;
    private long skipped;
    private String file = "";

    /** A statement logged at its start, waiting for the record that says how it ended. */
    private record Held(LogRecord record, String text) {
    }

    ServerLogParser(CollectionReport report) {
        this.report = report;
    }

    @Override
    public void beginFile(java.nio.file.Path path) {
        this.file = path.toString();
    }

    @Override
    public void reset() {
        held.clear();
        format = Format.UNKNOWN;
        record.setLength(0);
        recordStart = -1;
        inQuotes = false;
        skipped = 0;
    }

    @Override
    public void accept(String line, long start, Consumer<? super QueryLogEntry> out) {
        if (format == Format.UNKNOWN) {
            if (line.isBlank()) {
                return;
            }
            format = line.stripLeading().startsWith("{") ? Format.JSON : Format.CSV;
        }
        if (format == Format.JSON) {
            if (!line.isBlank()) {
                handle(json(line), out);
            }
            return;
        }
        if (recordStart < 0) {
            recordStart = start;
        } else {
            record.append('\n');
        }
        record.append(line);
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == '"') {
                inQuotes = !inQuotes;
            }
        }
        if (!inQuotes) {
            LogRecord r = csv(record.toString());
            record.setLength(0);
            recordStart = -1;
            handle(r, out);
        }
    }

    @Override
    public long finish(long endOfFile, Consumer<? super QueryLogEntry> out) {
        for (Held h : held.values()) {
            out.accept(entry(h.record, h.text, h.record.logTime(), h.record.logTime(), null, null, null));
        }
        held.clear();
        if (skipped > 0) {
            report.warn("log file " + file + ": " + skipped + " record(s) that are not PostgreSQL csvlog/jsonlog "
                    + "were skipped");
        }
        return recordStart >= 0 ? recordStart : endOfFile;
    }

    private void handle(LogRecord r, Consumer<? super QueryLogEntry> out) {
        if (r == null) {
            skipped++;
            return;
        }
        String severity = r.severity() == null ? "" : r.severity();
        String message = r.message() == null ? "" : r.message();
        String session = r.sessionId() == null ? "" : r.sessionId();
        if (severity.equals("LOG")) {
            Matcher d = DURATION.matcher(message);
            if (d.matches()) {
                BigDecimal ms = new BigDecimal(d.group(1));
                long micros = ms.movePointRight(3).longValue();
                String rest = d.group(2);
                if (rest == null) { // log_duration after log_statement: ends the held statement
                    Held h = held.remove(session);
                    if (h != null) {
                        out.accept(entry(h.record, h.text, h.record.logTime(),
                                h.record.logTime().plusNanos(micros * 1000), ms, null, null));
                    }
                    return;
                }
                Matcher s = STATEMENT.matcher(rest);
                if (s.matches()) {
                    release(session, out);
                    out.accept(entry(r, s.group(1), r.logTime().minusNanos(micros * 1000), r.logTime(), ms, null, null));
                }
                return; // parse/bind steps, or something else timed
            }
            Matcher s = STATEMENT.matcher(message);
            if (s.matches()) {
                release(session, out);
                held.put(session, new Held(r, s.group(1)));
            } else if (message.startsWith("disconnection:")) {
                release(session, out);
            }
            return;
        }
        if (severity.equals("ERROR") || severity.equals("FATAL") || severity.equals("PANIC")) {
            Held h = held.get(session);
            if (h != null && (r.query() == null || r.query().equals(h.text))) {
                held.remove(session);
                out.accept(entry(h.record, h.text, h.record.logTime(), r.logTime(), null, r.sqlState(), message));
            } else if (r.query() != null) {
                release(session, out);
                out.accept(entry(r, r.query(), r.logTime(), r.logTime(), null, r.sqlState(), message));
            }
        }
    }

    /** Ends the session's held statement without a known duration. */
    private void release(String session, Consumer<? super QueryLogEntry> out) {
        Held h = held.remove(session);
        if (h != null) {
            out.accept(entry(h.record, h.text, h.record.logTime(), h.record.logTime(), null, null, null));
        }
    }

    private static QueryLogEntry entry(LogRecord r, String text, Instant start, Instant end, BigDecimal durationMs,
            String sqlState, String error) {
        Map<String, Object> extra = new LinkedHashMap<>();
        if (r.database() != null) {
            extra.put("default_database", r.database());
        }
        if (r.applicationName() != null && !r.applicationName().isEmpty()) {
            extra.put("application_name", r.applicationName());
        }
        if (durationMs != null) {
            extra.put("duration_ms", durationMs.doubleValue());
        }
        String id = r.sessionId() == null ? null : r.sessionId() + ":" + r.lineNumber();
        boolean failed = sqlState != null || error != null;
        return new QueryLogEntry(start, end, text, id, r.user(), failed ? (sqlState != null ? sqlState : "ERROR") : null,
                failed ? (error != null ? error : "failed") : null, null, extra);
    }

    /** One complete csvlog record; null when it is not one. */
    static LogRecord csv(String text) {
        List<String> f = splitCsv(text);
        if (f == null || f.size() < MIN_CSV_COLUMNS) {
            return null;
        }
        Instant time = time(f.get(0));
        if (time == null) {
            return null;
        }
        return new LogRecord(time, f.get(1), f.get(2), f.get(5), number(f.get(6)), f.get(11), f.get(12), f.get(13),
                f.get(19), f.get(22));
    }

    /** One jsonlog line; null when it is not one. */
    static LogRecord json(String line) {
        JsonNode n;
        try {
            n = JSON.readTree(line);
        } catch (IOException e) {
            return null;
        }
        if (n == null || !n.isObject()) {
            return null;
        }
        Instant time = time(text(n, "timestamp"));
        if (time == null) {
            return null;
        }
        JsonNode line2 = n.get("line_num");
        return new LogRecord(time, text(n, "user"), text(n, "dbname"), text(n, "session_id"),
                line2 != null && line2.canConvertToLong() ? line2.longValue() : null, text(n, "error_severity"),
                text(n, "state_code"), text(n, "message"), text(n, "statement"), text(n, "application_name"));
    }

    private static String text(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Long number(String s) {
        try {
            return s == null ? null : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * A log time as PostgreSQL writes it ({@code 2024-05-01 12:00:00.123 UTC}): the zone is
     * {@code log_timezone}'s abbreviation or a numeric offset. Null when it cannot be read.
     */
    static Instant time(String s) {
        if (s == null) {
            return null;
        }
        int space = s.lastIndexOf(' ');
        if (space < 0) {
            return null;
        }
        try {
            LocalDateTime local = LocalDateTime.parse(s.substring(0, space), LOCAL);
            String zone = s.substring(space + 1);
            ZoneId id;
            if (NUMERIC_ZONE.matcher(zone).matches()) {
                id = ZoneOffset.of(zone.length() == 3 ? zone + ":00" : zone);
            } else {
                try {
                    id = ZoneId.of(zone, ZoneId.SHORT_IDS);
                } catch (DateTimeException e) {
                    id = ZoneId.from(ZONE_NAME.parse(zone));
                }
            }
            return local.atZone(id).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** RFC 4180 fields; an empty unquoted field is null, {@code ""} is the empty string. Null when malformed. */
    static List<String> splitCsv(String text) {
        List<String> out = new ArrayList<>(26);
        int i = 0;
        int n = text.length();
        while (true) {
            if (i < n && text.charAt(i) == '"') {
                StringBuilder sb = new StringBuilder();
                i++;
                while (true) {
                    if (i >= n) {
                        return null;
                    }
                    char c = text.charAt(i);
                    if (c == '"') {
                        if (i + 1 < n && text.charAt(i + 1) == '"') {
                            sb.append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    sb.append(c);
                    i++;
                }
                out.add(sb.toString());
            } else {
                int comma = text.indexOf(',', i);
                int end = comma < 0 ? n : comma;
                String v = text.substring(i, end);
                out.add(v.isEmpty() ? null : v);
                i = end;
            }
            if (i >= n) {
                return out;
            }
            if (text.charAt(i) != ',') {
                return null;
            }
            i++;
            if (i == n) {
                out.add(null);
                return out;
            }
        }
    }
}
