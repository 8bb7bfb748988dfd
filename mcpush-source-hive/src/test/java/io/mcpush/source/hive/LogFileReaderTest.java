package io.mcpush.source.hive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpush.source.SourceConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The interim whole-file reader over real files (CRLF endings, a last line still being written, several files). */
class LogFileReaderTest {
    private static final String DONE = "2026-11-25T10:00:00,000  INFO [HiveServer2-Background-Pool: Thread-1] ql.Driver: "
            + "Executing command(queryId=q1): SELECT 1\r\n"
            + "2026-11-25T10:00:01,000  INFO [HiveServer2-Background-Pool: Thread-1] ql.Driver: "
            + "Completed executing command(queryId=q1); Time taken: 1.0 seconds\r\n";

    private static List<String> read(List<Path> files) {
        List<String> ids = new ArrayList<>();
        try (LogFileReader<HiveQuery> r = new LogFileReader<>(files, new HiveServer2LogParser())) {
            while (r.hasNext()) {
                HiveQuery q = r.next();
                ids.add(q.queryId() + "=" + q.sql());
            }
        }
        return ids;
    }

    @Test
    void readsEveryFileInTurnWithCrLfEndings(@TempDir Path dir) throws IOException {
        Path a = Files.writeString(dir.resolve("hive.log.1"), DONE, StandardCharsets.UTF_8);
        Path b = Files.writeString(dir.resolve("hive.log"), DONE.replace("q1", "q2"), StandardCharsets.UTF_8);

        assertThat(read(List.of(a, b))).containsExactly("q1=SELECT 1", "q2=SELECT 1");
    }

    @Test
    void leavesALastLineWithoutNewlineUnread(@TempDir Path dir) throws IOException {
        String partial = DONE.substring(0, DONE.length() - 2); // the completion line is still being written
        Path a = Files.writeString(dir.resolve("hive.log"), partial, StandardCharsets.UTF_8);

        assertThat(read(List.of(a))).isEmpty();
    }

    @Test
    void namesTheOptionForAMissingFile(@TempDir Path dir) {
        assertThatThrownBy(() -> read(List.of(dir.resolve("nope.log")))).isInstanceOf(SourceConfigException.class)
                .hasMessageContaining("--log-file").hasMessageContaining("nope.log");
    }
}
