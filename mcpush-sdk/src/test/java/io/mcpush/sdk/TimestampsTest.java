package io.mcpush.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimestampsTest {

    @Test
    void toWireTruncatesNanosecondsToMicroseconds() {
        assertThat(Timestamps.toWire(Instant.parse("2026-03-02T12:00:05.123456789Z")))
                .isEqualTo("2026-03-02T12:00:05.123456Z");
    }

    @Test
    void toWireAlwaysWritesSixFractionDigitsWhenMicrosecondsAreNotZero() {
        assertThat(Timestamps.toWire(Instant.parse("2026-03-02T12:00:05.25Z"))).isEqualTo("2026-03-02T12:00:05.250000Z");
        assertThat(Timestamps.toWire(Instant.parse("2026-03-02T12:00:05.000001Z"))).isEqualTo("2026-03-02T12:00:05.000001Z");
    }

    @Test
    void toWireOmitsTheFractionWhenMicrosecondsAreZero() {
        assertThat(Timestamps.toWire(Instant.parse("2026-03-02T12:00:05Z"))).isEqualTo("2026-03-02T12:00:05Z");
        assertThat(Timestamps.toWire(Instant.parse("2026-03-02T12:00:05.000000999Z"))).isEqualTo("2026-03-02T12:00:05Z");
        assertThat(Timestamps.toWire(Instant.EPOCH)).isEqualTo("1970-01-01T00:00:00Z");
    }

    @Test
    void toWireHandlesInstantsBeforeTheEpoch() {
        assertThat(Timestamps.toWire(Instant.parse("1969-12-31T23:59:59.5Z"))).isEqualTo("1969-12-31T23:59:59.500000Z");
    }

    @Test
    void parseZonedAcceptsZAndOffsets() {
        assertThat(Timestamps.parseZoned("2026-03-02T12:00:05Z")).isEqualTo(Instant.parse("2026-03-02T12:00:05Z"));
        assertThat(Timestamps.parseZoned("2026-03-02T14:00:05.5+02:00")).isEqualTo(Instant.parse("2026-03-02T12:00:05.5Z"));
        assertThat(Timestamps.parseZoned("2026-03-01T23:30:00-05:30")).isEqualTo(Instant.parse("2026-03-02T05:00:00Z"));
    }

    @Test
    void parseZonedRefusesATimestampWithoutZone() {
        assertThatThrownBy(() -> Timestamps.parseZoned("2026-03-02T12:00:05"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'2026-03-02T12:00:05' has no time zone; add Z or an offset such as +00:00");
    }

    @Test
    void parseZonedRefusesTextThatIsNoTimestamp() {
        assertThatThrownBy(() -> Timestamps.parseZoned("yesterday"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'yesterday' is not an ISO-8601 timestamp such as 2026-11-25T08:00:00Z");
    }

    @Test
    void normaliseConvertsAnOffsetTimestampToUtcWireForm() {
        assertThat(Timestamps.normalise("2026-03-02T14:00:05.123456789+02:00")).isEqualTo("2026-03-02T12:00:05.123456Z");
        assertThat(Timestamps.normalise("2026-03-02T12:00:05+00:00")).isEqualTo("2026-03-02T12:00:05Z");
    }
}
