package io.mcpush.source.mysql;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Converts performance_schema timer values (picoseconds since the server started) to wall-clock
 * time and back. {@code zero} is the wall-clock instant of timer value 0, found by reading one
 * statement's {@code NOW(6)} (its start, in microseconds) and that same statement's
 * {@code TIMER_START}: both mark the statement's start, so the offset is exact to a few
 * microseconds. Without such a statement the server's {@code Uptime} (whole seconds) gives it to
 * about a second. Either way it assumes the server's wall clock ran at the timer's rate since it
 * started: a clock step (NTP, manual) since then shifts older statements by the size of the step.
 * Immutable.
 */
record ServerClock(Instant zero, boolean precise) {
    private static final BigInteger PICOS_PER_NANO = BigInteger.valueOf(1000);
    private static final BigInteger NANOS_PER_SECOND = BigInteger.valueOf(1_000_000_000L);

    ServerClock {
        requireNonNull(zero, "zero is null");
    }

    /** From a statement that started at wall-clock {@code now} and timer value {@code timerStart}. */
    static ServerClock anchored(Instant now, BigInteger timerStart) {
        return new ServerClock(minusPicos(now, timerStart), true);
    }

    /** From the server's {@code Uptime} in seconds read at wall-clock {@code now}: precise to about a second. */
    static ServerClock fromUptime(Instant now, long uptimeSeconds) {
        return new ServerClock(now.minusSeconds(uptimeSeconds), false);
    }

    /** The wall-clock time of a timer value, truncated to microseconds (the wire's precision). */
    Instant toInstant(BigInteger picos) {
        BigInteger nanos = picos.divide(PICOS_PER_NANO);
        BigInteger[] sn = nanos.divideAndRemainder(NANOS_PER_SECOND);
        return zero.plusSeconds(sn[0].longValueExact()).plusNanos(sn[1].longValue()).truncatedTo(ChronoUnit.MICROS);
    }

    /** The timer value of a wall-clock time; 0 for times before the server started. */
    BigDecimal toPicos(Instant t) {
        if (!t.isAfter(zero)) {
            return BigDecimal.ZERO;
        }
        Duration d = Duration.between(zero, t);
        BigInteger nanos = BigInteger.valueOf(d.getSeconds()).multiply(NANOS_PER_SECOND)
                .add(BigInteger.valueOf(d.getNano()));
        return new BigDecimal(nanos.multiply(PICOS_PER_NANO)).setScale(0, RoundingMode.UNNECESSARY);
    }

    private static Instant minusPicos(Instant t, BigInteger picos) {
        BigInteger nanos = picos.divide(PICOS_PER_NANO);
        BigInteger[] sn = nanos.divideAndRemainder(NANOS_PER_SECOND);
        return t.minusSeconds(sn[0].longValueExact()).minusNanos(sn[1].longValue());
    }
}
