package io.mcpush.source;

import static java.util.Objects.requireNonNull;

import io.mcpush.sdk.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The half-open time range {@code [start, end)} of a query-log (or query-derived lineage)
 * collection. Successive windows touch: the next one starts where the last pushed one ended,
 * so hourly runs neither duplicate nor miss queries. Immutable.
 */
public record QueryLogWindow(Instant start, Instant end) {
    public QueryLogWindow {
        requireNonNull(start, "start is null");
        requireNonNull(end, "end is null");
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

    public boolean isEmpty() {
        return !start.isBefore(end);
    }

    public boolean contains(Instant t) {
        return !t.isBefore(start) && t.isBefore(end);
    }

    public String startText() {
        return Timestamps.toWire(start);
    }

    public String endText() {
        return Timestamps.toWire(end);
    }

    @Override
    public String toString() {
        return "[" + startText() + ", " + endText() + ")";
    }
}
