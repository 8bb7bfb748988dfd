package io.mcpush.source.logfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpush.sdk.Flow;
import io.mcpush.sdk.manifest.ManifestException;
import io.mcpush.sdk.manifest.ManifestHeader;
import io.mcpush.sdk.manifest.ManifestReader;
import io.mcpush.sdk.manifest.ManifestWriter;
import io.mcpush.source.QueryLogWindow;
import io.mcpush.source.SourceIdentity;
import io.mcpush.source.WatermarkStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Log positions as they travel: manifest header, watermark file, window. */
class PositionCheckpointTest {
    private static final SourceIdentity PG = new SourceIdentity("postgres", "postgresql://db:5432/shop");
    private static final LogPositions POSITIONS = new LogPositions(List.of(
            new FilePosition("/var/log/postgresql/a.csv", "(dev=803,ino=42)", "ab12", 256, 1000, 900, false, "ef56"),
            new FilePosition("/var/log/postgresql/b.csv.gz", null, "cd34", 10, 50, 50, true, null)));

    @TempDir
    Path dir;

    @Test
    void positionsTravelInTheManifestHeaderAndTheStrictReaderAcceptsThem() throws Exception {
        Path m = dir.resolve("q.jsonl");
        try (ManifestWriter w = new ManifestWriter(m, new ManifestHeader(Flow.QUERY_LOGS, null, "postgres", null,
                "2024-05-01T10:00:00.000000Z", null, null, PG.toHeader(), POSITIONS.toJson()))) {
            // no events: the header is what matters
        }
        try (ManifestReader r = ManifestReader.open(m, true)) {
            assertThat(LogPositions.fromJson(r.header().positions())).isEqualTo(POSITIONS);
        }
        Files.writeString(m, "{\"mcpush_manifest\": 1, \"flow\": \"query_logs\", \"log_type\": \"snowflake\", "
                + "\"positions\": [1]}\n");
        assertThatThrownBy(() -> ManifestReader.open(m, true).close()).isInstanceOf(ManifestException.class)
                .hasMessageContaining("positions");
    }

    @Test
    void theWatermarkFileKeepsPositionsBesideTheTimeWatermarkAndRefusesOlderCollections() {
        WatermarkStore store = new WatermarkStore(dir);
        assertThat(store.readPositions(PG, Flow.QUERY_LOGS)).isNull();
        Instant t1 = Instant.parse("2024-05-01T10:00:00Z");
        assertThat(store.commitPositions(PG, Flow.QUERY_LOGS, POSITIONS, t1)).isTrue();
        assertThat(store.readPositions(PG, Flow.QUERY_LOGS)).isEqualTo(POSITIONS);
        assertThat(store.read(PG, Flow.QUERY_LOGS)).as("no time watermark").isNull();

        assertThat(store.advance(PG, Flow.QUERY_LOGS, t1)).isTrue();
        assertThat(store.readPositions(PG, Flow.QUERY_LOGS)).as("kept by advance").isEqualTo(POSITIONS);

        LogPositions older = new LogPositions(List.of(POSITIONS.files().get(0)));
        assertThat(store.commitPositions(PG, Flow.QUERY_LOGS, older, t1.minusSeconds(60))).isFalse();
        assertThat(store.readPositions(PG, Flow.QUERY_LOGS)).isEqualTo(POSITIONS);
        assertThat(store.commitPositions(PG, Flow.QUERY_LOGS, older, t1.plusSeconds(60))).isTrue();
        assertThat(store.readPositions(PG, Flow.QUERY_LOGS)).isEqualTo(older);
        assertThat(store.read(PG, Flow.QUERY_LOGS)).as("kept by commitPositions").isEqualTo(t1);
        assertThat(store.readPositions(PG, Flow.LINEAGE)).as("per flow").isNull();
    }

    @Test
    void aWindowOfPositionsHasNoTimesAndSkipsNothing() {
        QueryLogWindow w = QueryLogWindow.after(POSITIONS);
        assertThat(w.isPositioned()).isTrue();
        assertThat(w.isEmpty()).isFalse();
        assertThat(w.contains(Instant.EPOCH)).isTrue();
        assertThat(w.startText()).isNull();
        assertThat(QueryLogWindow.after(null).positions()).isEqualTo(LogPositions.NONE);
        assertThat(new QueryLogWindow(Instant.EPOCH, Instant.EPOCH.plusSeconds(1)).isPositioned()).isFalse();
    }

    @Test
    void damagedPositionsAreRefusedWithTheirField() {
        assertThatThrownBy(() -> LogPositions.fromJson(Map.of("files", List.of(Map.of("path", "a")))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positions.files[0].fingerprint");
        assertThatThrownBy(() -> LogPositions.fromJson(Map.of("files", "x")))
                .hasMessageContaining("positions.files must be a list");
    }
}
