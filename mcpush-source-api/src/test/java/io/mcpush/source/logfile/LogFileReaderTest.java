package io.mcpush.source.logfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcpush.source.SourceConfigException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFileReaderTest {
    @TempDir
    Path dir;

    /**
     * A tiny grammar for the tests: one entry per line, except that a line ending in a backslash
     * continues on the next one; the entry is "start-offset|text".
     */
    static final class ContinuedLines implements LogEntryParser<String> {
        private final StringBuilder pending = new StringBuilder();
        private long pendingStart = -1;

        @Override
        public void reset() {
            pending.setLength(0);
            pendingStart = -1;
        }

        @Override
        public void accept(String line, long start, Consumer<? super String> out) {
            if (pendingStart < 0) {
                pendingStart = start;
            }
            if (line.endsWith("\\")) {
                pending.append(line, 0, line.length() - 1).append('+');
                return;
            }
            pending.append(line);
            out.accept(pending.toString());
            reset();
        }

        @Override
        public long finish(long endOfFile, Consumer<? super String> out) {
            return pendingStart >= 0 ? pendingStart : endOfFile;
        }
    }

    private LogPositions positions = LogPositions.NONE;
    private final List<String> warnings = new ArrayList<>();

    /** One collection: the entries, and the positions kept as if the push succeeded (a JSON round trip). */
    private List<String> read(Path... files) throws IOException {
        List<String> out = new ArrayList<>();
        try (LogFileReader<String> r = new LogFileReader<>(List.of(files), positions, new ContinuedLines(), warnings::add)) {
            String e;
            while ((e = r.next()) != null) {
                out.add(e);
            }
            ObjectMapper json = new ObjectMapper();
            positions = LogPositions.fromJson(json.readTree(json.writeValueAsString(r.positions().toJson())));
        }
        return out;
    }

    private static void append(Path file, String text) throws IOException {
        Files.write(file, text.getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    void readsCompleteLinesOnceAndLeavesAnUnfinishedLastLineForLater() throws IOException {
        Path log = dir.resolve("server.log");
        append(log, "one\r\ntwo\nthr");
        assertThat(read(log)).containsExactly("one", "two");
        assertThat(positions.files()).singleElement().satisfies(p -> assertThat(p.offset()).isEqualTo(9));
        assertThat(read(log)).isEmpty();
        append(log, "ee\nfour\n");
        assertThat(read(log)).containsExactly("three", "four");
        assertThat(read(log)).isEmpty();
    }

    @Test
    void anEntrySpanningLinesIsReadWholeOnceTheServerFinishedIt() throws IOException {
        Path log = dir.resolve("server.log");
        append(log, "a\nb1\\\nb2\\\n");
        assertThat(read(log)).containsExactly("a");
        assertThat(positions.files().get(0).offset()).isEqualTo(2); // the start of b1, the unfinished entry
        append(log, "b3\nc\n");
        assertThat(read(log)).containsExactly("b1+b2+b3", "c");
    }

    @Test
    void malformedUtf8IsReplacedAndUnicodeKept() throws IOException {
        Path log = dir.resolve("server.log");
        byte[] bad = {'x', (byte) 0xC3, '\n'};
        Files.write(log, bad);
        append(log, "naïve — 日本\n");
        assertThat(read(log)).containsExactly("x\uFFFD", "naïve — 日本");
    }

    @Test
    void aMissingFileIsAWarningButAMissingDirectoryIsAMistakeInTheOption() {
        assertThat(LogFiles.expand(List.of(dir.resolve("absent.csv").toString(),
                dir.resolve("*.gone").toString()), warnings::add)).isEmpty();
        assertThat(warnings).containsExactly("log file " + dir.resolve("absent.csv") + " does not exist or is not a file",
                "--log-file " + dir.resolve("*.gone") + " matches no file");
        for (String bad : List.of(dir.resolve("nope/pg.csv").toString(), dir.resolve("nope/*.csv").toString())) {
            assertThatThrownBy(() -> LogFiles.expand(List.of(bad), warnings::add))
                    .isInstanceOf(SourceConfigException.class)
                    .hasMessage("--log-file " + bad + ": directory " + dir.resolve("nope") + " does not exist");
        }
    }

    @Test
    void renameRotationFollowsTheOldFileUnderItsNewNameAndReadsTheNewOneWhole() throws IOException {
        Path log = dir.resolve("server.log");
        append(log, "first line of the old file, long enough to matter\nsecond\n");
        assertThat(read(log)).hasSize(2);
        append(log, "written before the rotation\n");
        Path rotated = dir.resolve("server.log.1");
        Files.move(log, rotated);
        append(log, "first line of the new file\n");
        Files.setLastModifiedTime(rotated, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        List<Path> files = LogFiles.expand(List.of(dir.resolve("server.log*").toString()), warnings::add);
        assertThat(files).containsExactly(rotated, log); // oldest first
        assertThat(read(files.toArray(Path[]::new))).containsExactly("written before the rotation",
                "first line of the new file");
        assertThat(read(files.toArray(Path[]::new))).isEmpty();
    }

    @Test
    void copyTruncateRotationResumesTheCopyAndReadsTheTruncatedFileFromItsStart() throws IOException {
        Path log = dir.resolve("server.log");
        append(log, "2024-05-01 10:00:00 one\n2024-05-01 10:00:01 two\n");
        assertThat(read(log)).hasSize(2);
        append(log, "2024-05-01 10:00:02 three\n");
        Path copy = dir.resolve("server.log.1");
        Files.copy(log, copy, StandardCopyOption.COPY_ATTRIBUTES);
        Files.write(log, new byte[0], StandardOpenOption.TRUNCATE_EXISTING);
        append(log, "2024-05-01 10:00:03 four\n");
        assertThat(read(copy, log)).containsExactly("2024-05-01 10:00:02 three", "2024-05-01 10:00:03 four");
        append(log, "2024-05-01 10:00:04 five\n");
        assertThat(read(copy, log)).containsExactly("2024-05-01 10:00:04 five");
    }

    @Test
    void aNewFileThatStartsLikeADeletedOneIsReadFromItsStart() throws IOException {
        String banner = "=".repeat(300) + "\n";
        Path log = dir.resolve("server.log");
        append(log, banner + "old entry\n");
        assertThat(read(log)).hasSize(2);
        Files.delete(log);
        Path fresh = dir.resolve("server.log.new");
        append(fresh, banner + "new entry 1\nnew entry 2\n");
        assertThat(read(fresh)).containsExactly("=".repeat(300), "new entry 1", "new entry 2");
    }

    @Test
    void aTruncatedFileIsReadFromItsStart() throws IOException {
        Path log = dir.resolve("server.log");
        append(log, "aaaaaaaaaa\nbbbbbbbbbb\n");
        assertThat(read(log)).hasSize(2);
        Files.writeString(log, "cc\n"); // same file (same inode), shorter than the checkpoint
        assertThat(read(log)).containsExactly("cc");
    }

    @Test
    void aDifferentFileUnderAKnownNameIsReadFromItsStart() throws IOException {
        Path log = dir.resolve("server.log");
        append(log, "old 1\nold 2\n");
        assertThat(read(log)).hasSize(2);
        Path fresh = dir.resolve("fresh");
        Files.writeString(fresh, "new 1\nnew 2\nnew 3\n");
        Files.move(fresh, log, StandardCopyOption.REPLACE_EXISTING); // a new inode, longer than the old offset
        assertThat(read(log)).containsExactly("new 1", "new 2", "new 3");
    }

    @Test
    void aFileCompressedByRotationIsNotReadAgainOnlyItsUnreadRest() throws IOException {
        Path log = dir.resolve("server.log");
        append(log, "line one of the log file\nline two\n");
        assertThat(read(log)).hasSize(2);
        append(log, "line three, unread when rotated\n");
        Path gz = dir.resolve("server.log.1.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(log, out);
        }
        Files.delete(log);
        append(log, "line one of the new file\n");
        assertThat(read(gz, log)).containsExactly("line three, unread when rotated", "line one of the new file");
        assertThat(read(gz, log)).isEmpty();
    }

    @Test
    void aFileThatDisappearedIsAWarningAndTheOthersAreRead() throws IOException {
        Path log = dir.resolve("server.log");
        append(log, "kept\n");
        assertThat(read(dir.resolve("gone.log"), log)).containsExactly("kept");
        assertThat(warnings).singleElement().asString().contains("gone.log");
    }

    @Test
    void largeFilesAreStreamedAndTheirPositionIsTheirEnd() throws IOException {
        Path log = dir.resolve("big.log");
        StringBuilder chunk = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            chunk.append("entry ").append(i).append(" ").append("x".repeat(90)).append('\n');
        }
        for (int i = 0; i < 20; i++) {
            append(log, chunk.toString());
        }
        long n = 0;
        try (LogFileReader<String> r = new LogFileReader<>(List.of(log), LogPositions.NONE, new ContinuedLines(),
                warnings::add)) {
            while (r.next() != null) {
                n++;
            }
            assertThat(r.positions().files().get(0).offset()).isEqualTo(Files.size(log));
        }
        assertThat(n).isEqualTo(20_000);
    }
}
