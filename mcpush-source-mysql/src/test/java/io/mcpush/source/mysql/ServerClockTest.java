package io.mcpush.source.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ServerClockTest {
    private static final BigInteger PICOS_PER_SECOND = BigInteger.TEN.pow(12);

    @Test
    void anAnchoredClockPlacesTimerValuesOnTheWallClockToTheMicrosecond() {
        // the clock statement started at 12:00:00.250000 with TIMER_START = 3600.25 s in picoseconds
        Instant now = Instant.parse("2026-03-01T12:00:00.250000Z");
        ServerClock clock = ServerClock.anchored(now, new BigInteger("3600250000000000"));
        assertThat(clock.precise()).isTrue();
        assertThat(clock.zero()).isEqualTo(Instant.parse("2026-03-01T11:00:00Z"));
        assertThat(clock.toInstant(new BigInteger("1234567891234"))).isEqualTo(Instant.parse("2026-03-01T11:00:01.234567Z"));
        assertThat(clock.toPicos(Instant.parse("2026-03-01T11:00:01.234567Z"))).isEqualTo(new BigDecimal("1234567000000"));
    }

    @Test
    void timersBeyondALongOfPicosecondsConvertExactly() {
        // 200 days of uptime is 1.7e19 ps: more than a signed 64-bit integer holds
        BigInteger uptime = BigInteger.valueOf(200L * 86_400).multiply(PICOS_PER_SECOND);
        assertThat(uptime.bitLength()).isGreaterThan(63);
        Instant now = Instant.parse("2026-11-25T00:00:00Z");
        ServerClock clock = ServerClock.anchored(now, uptime);
        assertThat(clock.zero()).isEqualTo(Instant.parse("2026-05-09T00:00:00Z"));
        assertThat(clock.toInstant(uptime.add(BigInteger.valueOf(5_000_000)))).isEqualTo(Instant.parse("2026-11-25T00:00:00.000005Z"));
        assertThat(clock.toPicos(now)).isEqualTo(new BigDecimal(uptime));
    }

    @Test
    void timesBeforeTheServerStartedAreTimerZeroAndUptimeClocksAreMarkedImprecise() {
        ServerClock clock = ServerClock.fromUptime(Instant.parse("2026-01-01T10:00:00.5Z"), 60);
        assertThat(clock.precise()).isFalse();
        assertThat(clock.zero()).isEqualTo(Instant.parse("2026-01-01T09:59:00.5Z"));
        assertThat(clock.toPicos(Instant.parse("2026-01-01T09:00:00Z"))).isEqualTo(BigDecimal.ZERO);
    }
}
