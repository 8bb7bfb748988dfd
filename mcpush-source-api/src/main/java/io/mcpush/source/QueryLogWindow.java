package io.mcpush.source;

import static java.util.Objects.requireNonNull;

import io.mcpush.sdk.Timestamps;
import io.mcpush.source.logfile.LogPositions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * What a query-log (or query-derived lineage) collection covers. For sources that read a history
 * table it is the half-open time range {@code [start, end)}: successive windows touch, the next
 * one starts where the last pushed one ended, so hourly runs neither duplicate nor miss queries.
 * For sources that read server log files ({@link Source#positioned}) it is the log positions the
 * last pushed collection reached ({@link #positions()}; {@code start} and {@code end} are null):
 * everything after them is read once, whatever its timestamps. Immutable.
 */
public record QueryLogWindow(Instant start, Instant end, LogPositions positions) {
    public QueryLogWindow {
        if (positions == null) {
            requireNonNull(start, "start is null");
            requireNonNull(end, "end is null");
        } else if (start != null || end != null) {
            throw new IllegalArgumentException("a window of log positions has no start or end time");
        }
    }

    /** A time window. */
    public QueryLogWindow(Instant start, Instant end) {
        this(start, end, null);
    }

    /**
     * The window of a log-file source: everything after {@code previous} (the positions committed
     * after the last complete push; {@link LogPositions#NONE} or null on the first run).
     */
    public static QueryLogWindow after(LogPositions previous) {
        return new QueryLogWindow(null, null, previous == null ? LogPositions.NONE : previous);
    }

    /** True for a window of log positions rather than time. */
    public boolean isPositioned() {
        return positions != null;
    }

    /**
     * The window to collect now: {@code [watermark, now - lag)}, or on the first run (no
     * watermark) {@code [now - lag - lookback, now - lag)}. Times are truncated to microseconds,
     * the precision of the wire and the state file. The window is empty when the watermark is
     * already at or past {@code now - lag}.
     */
    public static QueryLogWindow next(Instant watermark, Duration lag, Duration lookback, Instant now) {
        requireNonNull(lag, "lag is null");
        requireNonNull(lookback, "lookback is null");
        requireNonNull(now, "now is null");
        if (lag.isNegative() || lookback.isNegative() || lookback.isZero()) {
            throw new IllegalArgumentException("lag must not be negative and lookback must be positive");
        }
        Instant end = now.minus(lag).truncatedTo(ChronoUnit.MICROS);
        Instant start = watermark != null ? watermark.truncatedTo(ChronoUnit.MICROS) : end.minus(lookback);
        return new QueryLogWindow(start, start.isAfter(end) ? start : end);
    }

    /** True when there is nothing to collect; a window of log positions never is (the files may have grown). */
    public boolean isEmpty() {
        return positions == null && !start.isBefore(end);
    }

    /** True when a query that started at {@code t} belongs in the window; always, for log positions. */
    public boolean contains(Instant t) {
        return positions != null || !t.isBefore(start) && t.isBefore(end);
    }

    /** The start on the wire, or null for log positions. */
    public String startText() {
        return start == null ? null : Timestamps.toWire(start);
    }

    /** The end on the wire, or null for log positions. */
    public String endText() {
        return end == null ? null : Timestamps.toWire(end);
    }

    @Override
    public String toString() {
        if (positions != null) {
            return positions.files().isEmpty() ? "everything in the log files (first read)"
                    : "what follows the checkpoint in " + positions;
        }
        return "[" + startText() + ", " + endText() + ")";
    }
}
