package io.mcpush.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpush.sdk.manifest.ManifestEvent;
import io.mcpush.sdk.manifest.ManifestException;
import io.mcpush.sdk.manifest.ManifestReader;
import io.mcpush.sdk.model.RelationalAsset;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Line splitting and decoding of the manifest reader. */
class ManifestReaderTest {
    @TempDir
    Path dir;

    private static List<ManifestEvent> readAll(Path file) {
        List<ManifestEvent> out = new ArrayList<>();
        try (ManifestReader r = ManifestReader.open(file)) {
            ManifestEvent e;
            while ((e = r.next()) != null) {
                out.add(e);
            }
        }
        return out;
    }

    private static String name(ManifestEvent e) {
        return ((RelationalAsset) e.event()).metadata().name();
    }

    @Test
    void readsCrlfLinesBlankLinesAndALastLineWithoutNewline() throws Exception {
        Path file = dir.resolve("m.jsonl");
        Files.writeString(file, Manifests.METADATA_HEADER + "\r\n" + Manifests.table("A") + "\r\n\r\n"
                + Manifests.table("B") + "\n" + Manifests.table("C"));

        List<ManifestEvent> events = readAll(file);

        assertThat(events).extracting(ManifestReaderTest::name).containsExactly("A", "B", "C");
        assertThat(events).extracting(ManifestEvent::line).containsExactly(2L, 4L, 5L);
    }

    @Test
    void readsLinesLongerThanTheReadBufferAndNonAsciiText() throws Exception {
        Path file = dir.resolve("m.jsonl");
        String longDescription = "é漢🙂".repeat(30_000); // ~270 KB of UTF-8 in one line
        Files.writeString(file, Manifests.METADATA_HEADER + "\n" + Manifests.table("LONG", longDescription) + "\n"
                + Manifests.table("NEXT") + "\n", StandardCharsets.UTF_8);

        List<ManifestEvent> events = readAll(file);

        assertThat(events).extracting(ManifestReaderTest::name).containsExactly("LONG", "NEXT");
        assertThat(((RelationalAsset) events.get(0).event()).metadata().description()).isEqualTo(longDescription);
    }

    @Test
    void invalidUtf8IsReportedOnItsOwnLineAfterEarlierLinesWereRead() throws Exception {
        Path file = dir.resolve("m.jsonl");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes((Manifests.METADATA_HEADER + "\n" + Manifests.table("A") + "\n").getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(Manifests.table("B\u00e9").getBytes(StandardCharsets.ISO_8859_1)); // Latin-1, not UTF-8
        bytes.writeBytes("\n".getBytes(StandardCharsets.US_ASCII));
        Files.write(file, bytes.toByteArray());

        try (ManifestReader r = ManifestReader.open(file)) {
            assertThat(name(r.next())).isEqualTo("A");
            assertThatThrownBy(r::next).isInstanceOfSatisfying(ManifestException.class, e -> {
                assertThat(e.line()).isEqualTo(3);
                assertThat(e.getMessage()).isEqualTo(file + ":3: not valid UTF-8 text");
            });
        }
    }
}
