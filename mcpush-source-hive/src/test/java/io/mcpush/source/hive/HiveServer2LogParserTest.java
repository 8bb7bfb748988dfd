package io.mcpush.source.hive;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpush.sdk.model.QueryLogEntry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The HiveServer2 log parser against hand-written logs in the real log4j2 layout of HiveServer2
 * ({@code %d{ISO8601} %5p [%t] %c{2}: %m%n}, and the layout with location used by some
 * distributions), with the messages Hive's Driver/Executor and SessionState write. Lines are fed
 * with their byte offsets, as the shared log reader feeds them.
 */
class HiveServer2LogParserTest {
    private static final String Q_USE = "hive_20261125101501_1b2c3d4e-5f60-4718-9a0b-1c2d3e4f5a6b";
    private static final String Q_INSERT = "hive_20261125101502_aaaa0001-0000-4000-8000-000000000001";
    private static final String Q_JOIN = "hive_20261125101503_bbbb0002-0000-4000-8000-000000000002";
    private static final String Q_BAD = "hive_20261125101505_cccc0003-0000-4000-8000-000000000003";
    private static final String Q_RUNNING = "hive_20261125101510_dddd0004-0000-4000-8000-000000000004";
    private static final String Q_AFTER = "hive_20261125101511_eeee0005-0000-4000-8000-000000000005";

    /** What one pass over a text produced: the entries and the offset to resume from. */
    record Pass(List<HiveQuery> entries, long resumeAt) {
        List<String> ids() {
            return entries.stream().map(HiveQuery::queryId).collect(Collectors.toList());
        }

        HiveQuery get(String id) {
            return entries.stream().filter(e -> e.queryId().equals(id)).findFirst().orElseThrow();
        }
    }

    /** Feeds {@code bytes} from {@code from} on, line by line with byte offsets; a last line without newline is left. */
    static Pass parse(HiveServer2LogParser parser, byte[] bytes, long from) {
        List<HiveQuery> out = new ArrayList<>();
        parser.reset();
        int start = (int) from;
        int i = start;
        while (i < bytes.length) {
            if (bytes[i] == '\n') {
                int end = i > start && bytes[i - 1] == '\r' ? i - 1 : i;
                parser.accept(new String(bytes, start, end - start, StandardCharsets.UTF_8), start, out::add);
                start = i + 1;
            }
            i++;
        }
        long resume = parser.finish(start, out::add);
        return new Pass(out, resume);
    }

    static byte[] resource() throws IOException {
        try (InputStream in = HiveServer2LogParserTest.class.getResourceAsStream("/hiveserver2/hive.log")) {
            return in.readAllBytes();
        }
    }

    private static Instant utc(String t) {
        return Instant.parse(t);
    }

    @Test
    void pairsExecutingWithCompletedByQueryIdAcrossInterleavedThreads() throws IOException {
        Pass p = parse(new HiveServer2LogParser(), resource(), 0);

        assertThat(p.ids()).containsExactly(Q_USE, Q_INSERT, Q_JOIN, Q_BAD);
        HiveQuery join = p.get(Q_JOIN);
        assertThat(join.start()).isEqualTo(utc("2026-11-25T10:15:03.500Z"));
        assertThat(join.end()).isEqualTo(utc("2026-11-25T10:15:04.750Z"));
        assertThat(join.sql()).isEqualTo("SELECT c.name, o.amount FROM customers c JOIN orders o ON o.customer_id = c.id");
        assertThat(join.failed()).isFalse();
    }

    @Test
    void keepsMultiLineStatementsWholeAndEndsThemAtTheirOwnCompletion() throws IOException {
        HiveQuery insert = parse(new HiveServer2LogParser(), resource(), 0).get(Q_INSERT);

        assertThat(insert.sql()).isEqualTo("""
                INSERT OVERWRITE TABLE mart.daily_revenue PARTITION (ds='2026-11-24')
                SELECT o.customer_id,
                       SUM(o.amount) AS revenue
                FROM sales.orders o
                WHERE o.ds = '2026-11-24'
                GROUP BY o.customer_id""");
        assertThat(insert.start()).isEqualTo(utc("2026-11-25T10:15:02.123Z"));
        // the completion line, not the next line of the log (which belongs to another query)
        assertThat(insert.end()).isEqualTo(utc("2026-11-25T10:15:09.910Z"));
    }

    @Test
    void readsExecutionFailuresWithHiveReturnCode() throws IOException {
        HiveQuery insert = parse(new HiveServer2LogParser(), resource(), 0).get(Q_INSERT);

        assertThat(insert.errorCode()).isEqualTo(2);
        assertThat(insert.errorText()).isEqualTo("Execution Error, return code 2 from org.apache.hadoop.hive.ql.exec.tez.TezTask");
    }

    @Test
    void reportsStatementsThatFailedToCompileAsFailedEntriesWithoutTheStackTrace() throws IOException {
        HiveQuery bad = parse(new HiveServer2LogParser(), resource(), 0).get(Q_BAD);

        assertThat(bad.sql()).isEqualTo("SELECT * FROM no_such_table");
        assertThat(bad.errorCode()).isEqualTo(10001);
        assertThat(bad.errorText()).isEqualTo("SemanticException [Error 10001]: Line 1:14 Table not found 'no_such_table'");
        assertThat(bad.start()).isEqualTo(utc("2026-11-25T10:15:05.000Z"));
        assertThat(bad.end()).isEqualTo(utc("2026-11-25T10:15:05.050Z"));
    }

    @Test
    void takesTheUserFromTheSessionScratchDirectoryAndTheDatabaseFromUse() throws IOException {
        Pass p = parse(new HiveServer2LogParser(), resource(), 0);

        assertThat(p.get(Q_USE).user()).isEqualTo("alice");
        assertThat(p.get(Q_USE).currentDatabase()).isNull(); // USE takes effect after itself
        assertThat(p.get(Q_JOIN).user()).isEqualTo("alice");
        assertThat(p.get(Q_JOIN).currentDatabase()).isEqualTo("sales");
        assertThat(p.get(Q_JOIN).sessionId()).isEqualTo("0f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a");
        assertThat(p.get(Q_INSERT).user()).isEqualTo("etl_svc");
        assertThat(p.get(Q_INSERT).currentDatabase()).isNull();

        QueryLogEntry wire = p.get(Q_JOIN).toEntry();
        assertThat(wire.user()).isEqualTo("alice");
        assertThat(wire.queryId()).isEqualTo(Q_JOIN);
        assertThat(wire.extra()).containsEntry("default_database", "sales");
    }

    @Test
    void resumesAtTheStillRunningCommandAndNeverEmitsAnEntryTwice() throws IOException {
        byte[] first = resource();
        HiveServer2LogParser parser = new HiveServer2LogParser();
        Pass one = parse(parser, first, 0);

        String text = new String(first, StandardCharsets.UTF_8);
        int running = text.indexOf("2026-11-25T10:15:10,100");
        assertThat(one.resumeAt()).isEqualTo(text.substring(0, running).getBytes(StandardCharsets.UTF_8).length);
        assertThat(one.ids()).doesNotContain(Q_RUNNING, Q_AFTER); // Q_AFTER completed, but after Q_RUNNING started

        byte[] grown = (text + "2026-11-25T10:15:20,000  INFO [HiveServer2-Background-Pool: Thread-126] ql.Driver: "
                + "Completed executing command(queryId=" + Q_RUNNING + "); Time taken: 9.9 seconds\n")
                .getBytes(StandardCharsets.UTF_8);
        Pass two = parse(parser, grown, one.resumeAt());

        assertThat(two.ids()).containsExactly(Q_RUNNING, Q_AFTER);
        assertThat(two.resumeAt()).isEqualTo(grown.length);
        assertThat(two.get(Q_RUNNING).end()).isEqualTo(utc("2026-11-25T10:15:20.000Z"));
        List<String> all = new ArrayList<>(one.ids());
        all.addAll(two.ids());
        assertThat(all).doesNotHaveDuplicates().hasSize(6);
    }

    @Test
    void leavesAStatementWhoseContinuationLinesAreStillBeingWrittenForTheNextRun() {
        String log = "2026-11-25T10:00:00,000  INFO [HiveServer2-Background-Pool: Thread-1] ql.Driver: "
                + "Executing command(queryId=q1): SELECT 1\n";
        byte[] bytes = log.getBytes(StandardCharsets.UTF_8);
        Pass p = parse(new HiveServer2LogParser(), bytes, 0);

        assertThat(p.entries()).isEmpty();
        assertThat(p.resumeAt()).isZero();
    }

    @Test
    void readsTheLayoutWithLocationAndNaiveTimestampsInTheServersZone() {
        String log = """
                2026-07-01T12:00:00,250 INFO  [HiveServer2-Background-Pool: Thread-133]: ql.Driver (Driver.java:execute(1712)) - Executing command(queryId=hive_1): select origin, count(*) from air.delays group by origin
                2026-07-01T12:00:03,000 INFO  [HiveServer2-Background-Pool: Thread-133]: ql.Driver (:()) - Completed executing command(queryId=hive_1); Time taken: 2.75 seconds
                """;
        Pass p = parse(new HiveServer2LogParser(ZoneId.of("Europe/Berlin"), Duration.ofHours(6)),
                log.getBytes(StandardCharsets.UTF_8), 0);

        assertThat(p.ids()).containsExactly("hive_1");
        assertThat(p.get("hive_1").start()).isEqualTo(utc("2026-07-01T10:00:00.250Z")); // CEST = UTC+2
        assertThat(p.get("hive_1").end()).isEqualTo(utc("2026-07-01T10:00:03Z"));
        assertThat(p.get("hive_1").sql()).isEqualTo("select origin, count(*) from air.delays group by origin");
    }

    @Test
    void endsInterruptedCommandsAsFailures() {
        String log = """
                2026-11-25T10:00:00,000  INFO [HiveServer2-Background-Pool: Thread-7] ql.Driver: Executing command(queryId=q9): INSERT INTO t SELECT * FROM s
                2026-11-25T10:00:30,000  INFO [HiveServer2-Background-Pool: Thread-7] ql.Driver: Executing command(queryId=q9) has been interrupted after 30.0 seconds
                """;
        Pass p = parse(new HiveServer2LogParser(), log.getBytes(StandardCharsets.UTF_8), 0);

        assertThat(p.ids()).containsExactly("q9");
        assertThat(p.get("q9").errorText()).isEqualTo("interrupted after 30.0 seconds");
        assertThat(p.get("q9").end()).isEqualTo(utc("2026-11-25T10:00:30Z"));
    }

    @Test
    void givesUpACommandWhoseCompletionNeverCameSoThePositionMovesOn() {
        String log = """
                2026-11-25T01:00:00,000  INFO [HiveServer2-Background-Pool: Thread-1] ql.Driver: Executing command(queryId=lost): INSERT INTO t SELECT * FROM s
                2026-11-25T02:00:00,000  INFO [main] server.HiveServer2: Starting HiveServer2
                2026-11-25T08:00:00,000  INFO [HiveServer2-Background-Pool: Thread-2] ql.Driver: Executing command(queryId=q2): SELECT 2
                2026-11-25T08:00:01,000  INFO [HiveServer2-Background-Pool: Thread-2] ql.Driver: Completed executing command(queryId=q2); Time taken: 1.0 seconds
                """;
        HiveServer2LogParser parser = new HiveServer2LogParser(ZoneOffset.UTC, Duration.ofHours(6));
        byte[] bytes = log.getBytes(StandardCharsets.UTF_8);
        Pass p = parse(parser, bytes, 0);

        assertThat(p.ids()).containsExactly("q2");
        assertThat(parser.abandoned()).isEqualTo(1);
        assertThat(p.resumeAt()).isEqualTo(bytes.length);
    }

    @Test
    void doesNotTakeADateLikeLineInsideAStatementForALogLine() {
        String log = """
                2026-11-25T10:00:00,000  INFO [HiveServer2-Background-Pool: Thread-1] ql.Driver: Executing command(queryId=q1): SELECT *
                FROM events WHERE ts >
                2026-11-24 00:00:00 literal continues
                2026-11-25T10:00:01,000  INFO [HiveServer2-Background-Pool: Thread-1] ql.Driver: Completed executing command(queryId=q1); Time taken: 1.0 seconds
                """;
        Pass p = parse(new HiveServer2LogParser(), log.getBytes(StandardCharsets.UTF_8), 0);

        assertThat(p.get("q1").sql()).isEqualTo("SELECT *\nFROM events WHERE ts >\n2026-11-24 00:00:00 literal continues");
    }

    @Test
    void ignoresCompletionsOfCommandsItNeverSawStart() {
        String log = """
                2026-11-25T10:00:01,000  INFO [HiveServer2-Background-Pool: Thread-1] ql.Driver: Completed executing command(queryId=q0); Time taken: 1.0 seconds
                2026-11-25T10:00:02,000 ERROR [HiveServer2-Background-Pool: Thread-1] ql.Driver: FAILED: Execution Error, return code 1 from x
                """;
        Pass p = parse(new HiveServer2LogParser(), log.getBytes(StandardCharsets.UTF_8), 0);

        assertThat(p.entries()).isEmpty();
        assertThat(p.resumeAt()).isEqualTo(log.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void readsUnicodeStatementsWithByteOffsets() {
        String log = "2026-11-25T10:00:00,000  INFO [HiveServer2-Background-Pool: Thread-1] ql.Driver: "
                + "Executing command(queryId=q1): SELECT `prénom` FROM `données`.`clients_ü`\n"
                + "2026-11-25T10:00:00,500  INFO [HiveServer2-Background-Pool: Thread-2] ql.Driver: "
                + "Executing command(queryId=q2): SELECT 2\n";
        byte[] bytes = log.getBytes(StandardCharsets.UTF_8);
        Pass p = parse(new HiveServer2LogParser(), bytes, 0);

        assertThat(p.resumeAt()).isZero();
        String second = log.substring(log.indexOf("\n") + 1);
        Pass q = parse(new HiveServer2LogParser(), (log + "2026-11-25T10:00:01,000  INFO [HiveServer2-Background-Pool: "
                + "Thread-1] ql.Driver: Completed executing command(queryId=q1); Time taken: 1.0 seconds\n")
                .getBytes(StandardCharsets.UTF_8), 0);
        assertThat(q.get("q1").sql()).isEqualTo("SELECT `prénom` FROM `données`.`clients_ü`");
        assertThat(q.resumeAt()).isEqualTo(bytes.length - second.getBytes(StandardCharsets.UTF_8).length);
    }
}
