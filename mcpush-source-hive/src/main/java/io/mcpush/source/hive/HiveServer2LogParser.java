package io.mcpush.source.hive;

import static java.util.Objects.requireNonNull;

import io.mcpush.source.logfile.LogEntryParser;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads HiveServer2's log4j2 log ({@code hive.log}) into {@link HiveQuery} entries. A log line
 * starts with an ISO-8601 timestamp and a level ({@code 2026-11-25T10:15:02,123  INFO [thread]
 * ql.Driver: message}, or the layout with location {@code [thread]: ql.Driver (Driver.java:execute(1))
 * - message}); any other line continues the previous line's message (a multi-line SQL statement,
 * a stack trace). The messages read are the ones Hive's {@code Driver}/{@code Executor} and
 * {@code SessionState} write:
 * <ul>
 *   <li>{@code Executing command(queryId=ID): SQL} opens an entry (its start time);</li>
 *   <li>{@code Completed executing command(queryId=ID); Time taken: S seconds} closes it (its end
 *       time), as does {@code Executing command(queryId=ID) has been interrupted after S seconds}
 *       (a failure);</li>
 *   <li>{@code FAILED: ...} on the thread running a command marks it failed ({@code return code N}
 *       or {@code [Error N]} becomes the error code); on the thread compiling one
 *       ({@code Compiling command(queryId=ID): SQL}) it is a statement that never ran, reported as
 *       a failed entry ending at the failure;</li>
 *   <li>{@code Created HDFS directory: .../USER/SESSION-ID} names a session's user, and the
 *       session id that Hive puts before the thread name ({@code [SESSION-ID HiveServer2-Handler-Pool: ...]})
 *       ties a command to its session, hence to its user and to the session's {@code USE} database.</li>
 * </ul>
 *
 * <p>Entries are emitted in the order they started, and only once every entry that started
 * before them is complete, so that {@link #finish} can return the start of the oldest
 * still-running command: the next run re-reads from there, and re-reading never repeats an entry
 * emitted before (completed entries that started after it are held back and read again). A
 * command that has not completed {@code maxRunning} after it started (a server that died with it)
 * is given up, so one lost completion cannot hold the position back forever; {@link #abandoned()}
 * counts them. Naive timestamps are read in {@code zone} (HiveServer2 logs local time). Memory:
 * the running commands and the completed ones waiting behind them. Not thread-safe.
 */
public final class HiveServer2LogParser implements LogEntryParser<HiveQuery> {
    /** The default for how long a command may run before its completion is given up. */
    public static final Duration DEFAULT_MAX_RUNNING = Duration.ofHours(6);

    private static final Pattern LINE = Pattern.compile(
            "^(\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(?:[,.]\\d{1,9})?)\\s+(TRACE|DEBUG|INFO|WARN|ERROR|FATAL)\\s+"
                    + "\\[(.*?)\\]:?\\s+(\\S+?)(?::\\s+|\\s+\\(.*?\\)\\s+-\\s?)(.*)$");
    private static final Pattern TIMESTAMP_START = Pattern.compile(
            "^\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(?:[,.]\\d{1,9})?\\s+(TRACE|DEBUG|INFO|WARN|ERROR|FATAL)\\b");
    private static final Pattern EXECUTING = Pattern.compile("^Executing command\\(queryId=([^)\\s]*)\\): ?(.*)$",
            Pattern.DOTALL);
    private static final Pattern COMPILING = Pattern.compile("^Compiling command\\(queryId=([^)\\s]*)\\): ?(.*)$",
            Pattern.DOTALL);
    private static final Pattern COMPLETED = Pattern.compile("^Completed executing command\\(queryId=([^)\\s]*)\\)");
    private static final Pattern COMPILED = Pattern.compile("^Completed compiling command\\(queryId=([^)\\s]*)\\)");
    private static final Pattern INTERRUPTED = Pattern.compile(
            "^Executing command\\(queryId=([^)\\s]*)\\) has been interrupted after ([0-9.]+) seconds");
    private static final Pattern FAILED = Pattern.compile("^FAILED: (.*)$");
    private static final Pattern ERROR_CODE = Pattern.compile("return code (\\d{1,9})|\\[Error (\\d{1,9})\\]");
    private static final Pattern SESSION_DIR = Pattern.compile(
            "^Created HDFS directory: \\S*/([^/\\s]+)/([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}"
                    + "-[0-9a-fA-F]{12})(?:/_tmp_space\\.db)?$");
    private static final Pattern THREAD_SESSION = Pattern.compile(
            "^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\\s");
    private static final Pattern USE = Pattern.compile("^\\s*use\\s+`?([^`;\\s]+)`?\\s*;?\\s*$",
            Pattern.CASE_INSENSITIVE);

    private enum State { COMPILING, EXECUTING }

    /** A command seen starting and not yet complete. */
    private static final class Running {
        final String queryId;
        final long offset;
        final Instant start;
        final StringBuilder sql = new StringBuilder();
        State state;
        String thread;
        String sessionId;
        String database;
        Integer errorCode;
        String errorText;

        Running(String queryId, long offset, Instant start, State state) {
            this.queryId = queryId;
            this.offset = offset;
            this.start = start;
            this.state = state;
        }
    }

    private final ZoneId zone;
    private final Duration maxRunning;

    /** Running commands by query id, in the order they started. */
    private final Map<String, Running> running = new LinkedHashMap<>();
    private final Map<String, String> executingOnThread = new HashMap<>();
    private final Map<String, String> compilingOnThread = new HashMap<>();
    /** Session of a query, learnt while it compiled (the execution may run on a pool thread). */
    private final Map<String, String> sessionOfQuery = new HashMap<>();
    private final Map<String, String> userOfSession = new HashMap<>();
    private final Map<String, String> databaseOfSession = new HashMap<>();
    /** Completed entries by start offset, waiting for the older running ones. */
    private final TreeMap<Long, HiveQuery> done = new TreeMap<>();
    /** The entry whose message continuation lines extend (its SQL), or null. */
    private Running continuing;
    private long abandoned;

    public HiveServer2LogParser(ZoneId zone, Duration maxRunning) {
        this.zone = requireNonNull(zone, "zone is null");
        this.maxRunning = requireNonNull(maxRunning, "maxRunning is null");
    }

    public HiveServer2LogParser() {
        this(java.time.ZoneOffset.UTC, DEFAULT_MAX_RUNNING);
    }

    /** Commands given up because no completion was logged within the limit. */
    public long abandoned() {
        return abandoned;
    }

    @Override
    public void reset() {
        running.clear();
        executingOnThread.clear();
        compilingOnThread.clear();
        sessionOfQuery.clear();
        userOfSession.clear();
        databaseOfSession.clear();
        done.clear();
        continuing = null;
    }

    @Override
    public void accept(String line, long start, Consumer<? super HiveQuery> out) {
        if (!TIMESTAMP_START.matcher(line).find()) {
            if (continuing != null) {
                continuing.sql.append('\n').append(line);
            }
            return;
        }
        continuing = null;
        Matcher m = LINE.matcher(line);
        if (!m.matches()) {
            return;
        }
        Instant time = time(m.group(1));
        if (time == null) {
            return;
        }
        String thread = m.group(3);
        String message = m.group(5);
        giveUpOlderThan(time, out);
        if (message.startsWith("Executing command(")) {
            Matcher x = INTERRUPTED.matcher(message);
            if (x.find()) {
                Running r = running.get(x.group(1));
                if (r != null && r.state == State.EXECUTING) {
                    if (r.errorText == null) {
                        r.errorText = "interrupted after " + x.group(2) + " seconds";
                    }
                    complete(r, time, out);
                }
                return;
            }
            x = EXECUTING.matcher(message);
            if (x.matches()) {
                executing(x.group(1), x.group(2), thread, start, time);
            }
        } else if (message.startsWith("Completed executing command(")) {
            Matcher x = COMPLETED.matcher(message);
            if (x.find()) {
                Running r = running.get(x.group(1));
                if (r != null && r.state == State.EXECUTING) {
                    complete(r, time, out);
                }
            }
        } else if (message.startsWith("Compiling command(")) {
            Matcher x = COMPILING.matcher(message);
            if (x.matches()) {
                compiling(x.group(1), x.group(2), thread, start, time);
            }
        } else if (message.startsWith("Completed compiling command(")) {
            Matcher x = COMPILED.matcher(message);
            if (x.find()) {
                Running r = running.get(x.group(1));
                if (r != null && r.state == State.COMPILING) {
                    // compiled: the Executing line will carry the statement again
                    running.remove(r.queryId);
                    compilingOnThread.remove(r.thread, r.queryId);
                    flush(out);
                }
            }
        } else if (message.startsWith("FAILED: ")) {
            failed(message, thread, time, out);
        } else if (message.startsWith("Created HDFS directory: ")) {
            Matcher x = SESSION_DIR.matcher(message.strip());
            if (x.matches()) {
                userOfSession.put(x.group(2).toLowerCase(Locale.ROOT), x.group(1));
            }
        }
    }

    private void compiling(String queryId, String sql, String thread, long offset, Instant time) {
        if (running.containsKey(queryId)) {
            return;
        }
        Running r = new Running(queryId, offset, time, State.COMPILING);
        r.sql.append(sql);
        r.thread = thread;
        r.sessionId = sessionOf(thread);
        if (r.sessionId != null) {
            sessionOfQuery.put(queryId, r.sessionId);
        }
        running.put(queryId, r);
        compilingOnThread.put(thread, queryId);
        continuing = r;
    }

    private void executing(String queryId, String sql, String thread, long offset, Instant time) {
        Running compiled = running.remove(queryId);
        if (compiled != null) {
            if (compiled.state == State.EXECUTING) {
                running.put(queryId, compiled); // logged twice: keep the first
                return;
            }
            compilingOnThread.remove(compiled.thread, queryId);
        }
        Running r = new Running(queryId, offset, time, State.EXECUTING);
        r.sql.append(sql);
        r.thread = thread;
        String session = sessionOf(thread);
        r.sessionId = session != null ? session : sessionOfQuery.get(queryId);
        r.database = r.sessionId == null ? null : databaseOfSession.get(r.sessionId);
        running.put(queryId, r);
        executingOnThread.put(thread, queryId);
        continuing = r;
    }

    private void failed(String message, String thread, Instant time, Consumer<? super HiveQuery> out) {
        String queryId = executingOnThread.get(thread);
        if (queryId == null) {
            queryId = compilingOnThread.get(thread);
        }
        Running r = queryId == null ? null : running.get(queryId);
        if (r == null || r.errorText != null) {
            return;
        }
        String text = message.substring("FAILED: ".length()).strip();
        r.errorText = text;
        Matcher c = ERROR_CODE.matcher(text);
        if (c.find()) {
            r.errorCode = Integer.valueOf(c.group(1) != null ? c.group(1) : c.group(2));
        }
        if (r.state == State.COMPILING) {
            complete(r, time, out); // it never ran: the failure is its end
        }
    }

    private void complete(Running r, Instant end, Consumer<? super HiveQuery> out) {
        running.remove(r.queryId);
        executingOnThread.remove(r.thread, r.queryId);
        compilingOnThread.remove(r.thread, r.queryId);
        sessionOfQuery.remove(r.queryId);
        if (continuing == r) {
            continuing = null;
        }
        String sql = r.sql.toString().strip();
        String user = r.sessionId == null ? null : userOfSession.get(r.sessionId);
        if (r.errorText == null && r.sessionId != null) {
            Matcher use = USE.matcher(sql);
            if (use.matches()) {
                databaseOfSession.put(r.sessionId, use.group(1).toLowerCase(Locale.ROOT));
            }
        }
        done.put(r.offset, new HiveQuery(r.queryId, sql, r.start, end.isBefore(r.start) ? r.start : end, user,
                r.sessionId, r.database, r.errorCode, r.errorText, r.offset));
        flush(out);
    }

    /** Emits the completed entries that started before every running one. */
    private void flush(Consumer<? super HiveQuery> out) {
        long oldest = oldestRunning();
        while (!done.isEmpty() && done.firstKey() < oldest) {
            out.accept(done.pollFirstEntry().getValue());
        }
    }

    private long oldestRunning() {
        long oldest = Long.MAX_VALUE;
        for (Running r : running.values()) {
            oldest = Math.min(oldest, r.offset);
        }
        return oldest;
    }

    private void giveUpOlderThan(Instant now, Consumer<? super HiveQuery> out) {
        if (running.isEmpty()) {
            return;
        }
        List<Running> stale = new ArrayList<>();
        for (Running r : running.values()) {
            if (Duration.between(r.start, now).compareTo(maxRunning) > 0) {
                stale.add(r);
            }
        }
        if (stale.isEmpty()) {
            return;
        }
        for (Running r : stale) {
            running.remove(r.queryId);
            executingOnThread.remove(r.thread, r.queryId);
            compilingOnThread.remove(r.thread, r.queryId);
            sessionOfQuery.remove(r.queryId);
            if (r.state == State.EXECUTING) {
                abandoned++;
            }
        }
        flush(out);
    }

    @Override
    public long finish(long endOfFile, Consumer<? super HiveQuery> out) {
        flush(out);
        long oldest = oldestRunning();
        // completed entries that started after a running one are read again from there next time
        done.clear();
        return oldest == Long.MAX_VALUE ? endOfFile : oldest;
    }

    private String sessionOf(String thread) {
        Matcher m = THREAD_SESSION.matcher(thread);
        return m.find() ? m.group(1).toLowerCase(Locale.ROOT) : null;
    }

    private Instant time(String text) {
        try {
            String iso = text.replace(' ', 'T').replace(',', '.');
            return LocalDateTime.parse(iso).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
