package io.mcpush.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpush.sdk.Flow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatermarkStoreTest {
    private static final SourceIdentity DB = new SourceIdentity("postgres", "jdbc:postgresql://db:5432/shop");

    @TempDir
    Path dir;

    @Test
    void aSourceNeverPushedHasNoWatermark() {
        assertThat(new WatermarkStore(dir).read(DB, Flow.QUERY_LOGS)).isNull();
    }

    @Test
    void advanceIsReadBackPerSourceAndFlowAndLeavesNoTemporaryFiles() throws Exception {
        WatermarkStore store = new WatermarkStore(dir);
        Instant t = Instant.parse("2026-11-25T11:00:00.5Z");

        assertThat(store.advance(DB, Flow.QUERY_LOGS, t)).isTrue();

        assertThat(new WatermarkStore(dir).read(DB, Flow.QUERY_LOGS)).isEqualTo(t);
        assertThat(store.read(DB, Flow.LINEAGE)).isNull();
        assertThat(store.read(new SourceIdentity("postgres", "jdbc:postgresql://other/shop"), Flow.QUERY_LOGS)).isNull();
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
                    .containsExactly("query_logs.json");
        }
        assertThat(Files.readString(store.fileFor(DB, Flow.QUERY_LOGS))).contains("\"watermark\" : \"2026-11-25T11:00:00.500000Z\"");
    }

    @Test
    void theWatermarkNeverMovesBackwards() {
        WatermarkStore store = new WatermarkStore(dir);
        Instant later = Instant.parse("2026-11-25T11:00:00Z");
        store.advance(DB, Flow.QUERY_LOGS, later);

        assertThat(store.advance(DB, Flow.QUERY_LOGS, later.minusSeconds(3600))).isFalse();

        assertThat(store.read(DB, Flow.QUERY_LOGS)).isEqualTo(later);
    }

    @Test
    void aDamagedFileIsAnErrorThatSaysHowToRecover() throws Exception {
        WatermarkStore store = new WatermarkStore(dir);
        Path file = store.fileFor(DB, Flow.QUERY_LOGS);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"watermark\": \"yesterday\"}");

        assertThatThrownBy(() -> store.read(DB, Flow.QUERY_LOGS)).isInstanceOf(SourceException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("delete it");
    }
}
