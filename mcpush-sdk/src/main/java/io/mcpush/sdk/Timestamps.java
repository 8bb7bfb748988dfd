package io.mcpush.sdk;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** UTC timestamp helpers shared by the wire model and every collector. Stateless, thread-safe. */
public final class Timestamps {
    private Timestamps() {
    }

    /**
     * Formats like Python's {@code datetime.isoformat()} on a UTC datetime with {@code +00:00}
     * replaced by {@code Z}: seconds always, a six-digit fraction only when the microseconds
     * are not zero (sub-microsecond digits are truncated).
     */
    public static String toWire(Instant instant) {
        Instant t = instant.truncatedTo(ChronoUnit.MICROS);
        LocalDateTime d = LocalDateTime.ofEpochSecond(t.getEpochSecond(), 0, ZoneOffset.UTC);
        StringBuilder sb = new StringBuilder(27);
        pad(sb, d.getYear(), 4).append('-');
        pad(sb, d.getMonthValue(), 2).append('-');
        pad(sb, d.getDayOfMonth(), 2).append('T');
        pad(sb, d.getHour(), 2).append(':');
        pad(sb, d.getMinute(), 2).append(':');
        pad(sb, d.getSecond(), 2);
        int micros = t.getNano() / 1000;
        if (micros != 0) {
            sb.append('.');
            pad(sb, micros, 6);
        }
        return sb.append('Z').toString();
    }

    private static StringBuilder pad(StringBuilder sb, int value, int width) {
        String s = Integer.toString(value);
        for (int i = s.length(); i < width; i++) {
            sb.append('0');
        }
        return sb.append(s);
    }

    /**
     * Parses an ISO-8601 timestamp that carries {@code Z} or an offset. A timestamp without a
     * zone is refused: guessing the host's zone is the pitfall the Python SDK has.
     *
     * @throws IllegalArgumentException naming the problem (the caller adds the location)
     */
    public static Instant parseZoned(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                LocalDateTime.parse(text);
                throw new IllegalArgumentException("'" + text + "' has no time zone; add Z or an offset such as +00:00");
            } catch (DateTimeParseException notLocal) {
                throw new IllegalArgumentException("'" + text + "' is not an ISO-8601 timestamp such as 2026-11-25T08:00:00Z");
            }
        }
    }

    /** Normalises a zoned ISO-8601 string to the wire form ({@link #toWire}). */
    public static String normalise(String text) {
        return toWire(parseZoned(text));
    }
}
