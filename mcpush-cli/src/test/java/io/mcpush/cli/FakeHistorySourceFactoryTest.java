package io.mcpush.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpush.sdk.model.QueryLogEntry;
import io.mcpush.source.CollectionReport;
import io.mcpush.source.EventStream;
import io.mcpush.source.QueryLogWindow;
import io.mcpush.source.Source;
import io.mcpush.source.SourceOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The test double behind WatermarkIT and CollectAndRunIT: its count must not depend on where in
 * the minute the window (which starts at the wall clock minus the lookback) happens to begin.
 */
class FakeHistorySourceFactoryTest {
    private static List<Instant> starts(QueryLogWindow window) {
        List<Instant> out = new ArrayList<>();
        try (Source source = new FakeHistorySourceFactory().create(SourceOptions.of(FakeHistorySourceFactory.TYPE, Map.of()));
                EventStream<QueryLogEntry> stream = source.queryLogs(window, new CollectionReport())) {
            QueryLogEntry e;
            while ((e = stream.next()) != null) {
                out.add(e.startTime());
            }
        }
        return out;
    }

    private static QueryLogWindow twoHoursFrom(String start) {
        Instant s = Instant.parse(start);
        return new QueryLogWindow(s, s.plus(Duration.ofHours(2)));
    }

    @Test
    void aWindowStartingWithinTheFirstSecondOfAMinuteHasOneQueryPerWholeMinute() {
        List<Instant> starts = starts(twoHoursFrom("2024-05-01T10:00:00.500Z"));

        assertThat(starts).hasSize(120);
        assertThat(starts.get(0)).isEqualTo("2024-05-01T10:01:00Z");
        assertThat(starts.get(119)).isEqualTo("2024-05-01T12:00:00Z");
    }

    @Test
    void aWindowStartingOneMicrosecondAfterAMinuteHasOneQueryPerWholeMinute() {
        assertThat(starts(twoHoursFrom("2024-05-01T10:00:00.000001Z"))).hasSize(120)
                .first().isEqualTo(Instant.parse("2024-05-01T10:01:00Z"));
    }

    @Test
    void aWindowStartingOnAWholeMinuteIncludesThatMinute() {
        assertThat(starts(twoHoursFrom("2024-05-01T10:00:00Z"))).hasSize(120)
                .first().isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
    }

    @Test
    void aWindowStartingMidMinuteBeginsAtTheNextWholeMinute() {
        assertThat(starts(twoHoursFrom("2024-05-01T10:00:31.250Z"))).hasSize(120)
                .first().isEqualTo(Instant.parse("2024-05-01T10:01:00Z"));
    }
}
