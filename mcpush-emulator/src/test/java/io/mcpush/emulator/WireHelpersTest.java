package io.mcpush.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class WireHelpersTest {
    @Test
    void gzipSizeEqualsWhatGzipOutputStreamWrites() throws Exception {
        Random random = new Random(3);
        for (int size : new int[] {0, 1, 100, 70_000, 300_000}) {
            StringBuilder sb = new StringBuilder();
            while (sb.length() < size) {
                sb.append(random.nextInt(1000)).append(random.nextBoolean() ? " select " : "\"x\": ");
            }
            byte[] data = sb.substring(0, size).getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
                gzip.write(data);
            }

            assertThat(Emulator.gzipSize(data)).as("size %d", size).isEqualTo(out.size());
        }
    }

    @Test
    void acceptsUtf8AndRejectsEverythingElse() {
        assertThat(Utf8.problem("{\"a\": \"é€😀\"}".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(Utf8.problem(new byte[] {'{', (byte) 0xc3})).isEqualTo("truncated UTF-8 sequence at offset 1");
        assertThat(Utf8.problem(new byte[] {(byte) 0xc0, (byte) 0xaf})).startsWith("invalid UTF-8 byte 0xc0");
        assertThat(Utf8.problem(new byte[] {(byte) 0xe0, (byte) 0x80, (byte) 0xaf})).startsWith("invalid UTF-8 sequence");
        assertThat(Utf8.problem(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80})).startsWith("invalid UTF-8 sequence");
        assertThat(Utf8.problem(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf, '{', '}'})).contains("byte-order mark");
        assertThat(Utf8.problem(new byte[] {'{', 0, '}', 0})).startsWith("NUL byte at offset 1");
    }

    @Test
    void keyToStringHidesTheToken() {
        IngestKey key = new IngestKey("id-1", "very-secret", Set.of("r1"));

        assertThat(key.toString()).contains("id-1").doesNotContain("very-secret");
        assertThat(key.allows("r1")).isTrue();
        assertThat(key.allows("r2")).isFalse();
        assertThat(new IngestKey("id-2", "t").allows("anything")).isTrue();
    }

    @Test
    void configRejectsNonsense() {
        assertThatThrownBy(() -> EmulatorConfig.builder().port(70_000).build())
                .hasMessage("port must be 0..65535, got 70000");
        assertThatThrownBy(() -> EmulatorConfig.builder().maxCompressedBytes(0).build())
                .hasMessage("maxCompressedBytes must be positive, got 0");
        assertThatThrownBy(() -> EmulatorConfig.builder().key(new IngestKey("a", "x")).key(new IngestKey("a", "y")).build())
                .hasMessage("two keys share one id");
        EmulatorConfig defaults = EmulatorConfig.builder().build();
        assertThat(defaults.maxCompressedBytes()).isEqualTo(1_048_576);
        assertThat(defaults.retainBodies()).isTrue();
        assertThat(defaults.workerThreads()).isEqualTo(8);
        assertThat(defaults.faults()).isEqualTo(FaultPlan.none());
        assertThat(defaults.storeDir()).isNull();
    }
}
