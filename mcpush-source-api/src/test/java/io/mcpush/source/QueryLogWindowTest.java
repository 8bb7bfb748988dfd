package io.mcpush.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class QueryLogWindowTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00.123456789Z");

    @Test
    void firstRunReachesBackByTheLookbackAndEndsTheLagBeforeNow() {
        QueryLogWindow w = QueryLogWindow.next(null, Duration.ofHours(1), Duration.ofHours(24), NOW);

        assertThat(w.end()).isEqualTo(Instant.parse("2026-11-25T11:00:00.123456Z"));
        assertThat(w.start()).isEqualTo(Instant.parse("2026-11-24T11:00:00.123456Z"));
        assertThat(w.toString()).isEqualTo("[2026-11-24T11:00:00.123456Z, 2026-11-25T11:00:00.123456Z)");
    }

    @Test
    void laterRunsStartExactlyAtTheWatermarkSoWindowsNeitherOverlapNorLeaveGaps() {
        QueryLogWindow first = QueryLogWindow.next(null, Duration.ofHours(1), Duration.ofHours(24), NOW);
        QueryLogWindow second = QueryLogWindow.next(first.end(), Duration.ofHours(1), Duration.ofHours(24),
                NOW.plus(Duration.ofHours(1)));

        assertThat(second.start()).isEqualTo(first.end());
        assertThat(second.end()).isEqualTo(first.end().plus(Duration.ofHours(1)));
        assertThat(first.contains(first.end())).isFalse();
        assertThat(second.contains(first.end())).isTrue();
    }

    @Test
    void aWatermarkAtOrPastTheEndGivesAnEmptyWindow() {
        Instant mark = NOW.plusSeconds(10);

        QueryLogWindow w = QueryLogWindow.next(mark, Duration.ZERO, Duration.ofHours(1), NOW);

        assertThat(w.isEmpty()).isTrue();
        assertThat(w.contains(mark)).isFalse();
    }
}
