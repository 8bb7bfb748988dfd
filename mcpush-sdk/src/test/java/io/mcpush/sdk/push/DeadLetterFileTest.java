package io.mcpush.sdk.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpush.sdk.Flow;
import io.mcpush.sdk.manifest.ManifestHeader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeadLetterFileTest {
    private static final String HEADER = "{\"mcpush_manifest\": 1, \"flow\": \"query_logs\", \"log_type\": \"snowflake\"}";

    @TempDir
    Path dir;

    @Test
    void copiesTheHeaderAndTheDeadLinesOfAManifestByteForByte() throws IOException {
        Path manifest = dir.resolve("q.jsonl");
        // odd spacing and a last line without its newline: copied as they are
        Files.writeString(manifest, HEADER + "\n{ \"a\" : 1 }\n{\"b\": 2}\n\n{\"c\":  3}");
        Path target = dir.resolve("r.json.dead-letters.jsonl");

        try (DeadLetterFile dead = DeadLetterFile.forManifest(target, manifest)) {
            dead.add(2, new byte[0], "too big");
            dead.add(5, new byte[0], "refused");
            dead.add(5, new byte[0], "its twin, refused too");
            assertThat(dead.count()).isEqualTo(2);
        }

        assertThat(Files.readString(target)).isEqualTo(HEADER + "\n{ \"a\" : 1 }\n{\"c\":  3}\n");
    }

    @Test
    void readsAGzipManifest() throws IOException {
        Path manifest = dir.resolve("q.jsonl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(manifest))) {
            out.write((HEADER + "\n{\"a\": 1}\n{\"b\": 2}\n").getBytes(StandardCharsets.UTF_8));
        }
        Path target = dir.resolve("d.jsonl");

        try (DeadLetterFile dead = DeadLetterFile.forManifest(target, manifest)) {
            dead.add(3, new byte[0], "refused");
        }

        assertThat(Files.readString(target)).isEqualTo(HEADER + "\n{\"b\": 2}\n");
    }

    @Test
    void writesEventsThatExistInNoFileUnderTheGivenHeader() throws IOException {
        Path target = dir.resolve("d.jsonl");
        ManifestHeader header = ManifestHeader.of(Flow.QUERY_LOGS, "snowflake", null, "2026-11-25T10:00:00Z");

        try (DeadLetterFile dead = DeadLetterFile.forEvents(target, header)) {
            dead.add(7, "{\"x\": 1}".getBytes(StandardCharsets.UTF_8), "refused");
        }

        assertThat(Files.readAllLines(target)).hasSize(2).element(1).isEqualTo("{\"x\": 1}");
        assertThat(Files.readAllLines(target).get(0)).contains("\"flow\": \"query_logs\"");
    }

    @Test
    void noDeadLetterRemovesTheFileOfAnEarlierRun() throws IOException {
        Path target = dir.resolve("d.jsonl");
        Files.writeString(target, "old");

        DeadLetterFile.forManifest(target, dir.resolve("unused.jsonl")).close();

        assertThat(target).doesNotExist();
    }
}
