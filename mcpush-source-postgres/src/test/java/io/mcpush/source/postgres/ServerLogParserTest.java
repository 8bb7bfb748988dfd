package io.mcpush.source.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpush.sdk.model.QueryLogEntry;
import io.mcpush.source.CollectionReport;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The csvlog/jsonlog grammar on hand-written lines in the exact formats PostgreSQL writes (jsonlog
 * exists only from PostgreSQL 15; the embedded server of PostgresQueryLogIT is 14, so jsonlog is
 * tested here against lines in the format of src/backend/utils/error/jsonlog.c).
 */
class ServerLogParserTest {
    private final CollectionReport report = new CollectionReport();
    private final ServerLogParser parser = new ServerLogParser(report);
    private final List<QueryLogEntry> out = new ArrayList<>();
    private long offset;

    private long feed(String... lines) {
        parser.reset();
        parser.beginFile(Path.of("postgresql.log"));
        offset = 0;
        for (String l : lines) {
            parser.accept(l, offset, out::add);
            offset += l.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1;
        }
        return parser.finish(offset, out::add);
    }

    @Test
    void jsonlogStatementsErrorsAndDurationsBecomeQueries() {
        long checkpoint = feed(
                "{\"timestamp\":\"2024-05-01 10:00:00.100 UTC\",\"user\":\"app\",\"dbname\":\"shop\",\"pid\":4242,"
                        + "\"remote_host\":\"127.0.0.1\",\"remote_port\":50000,\"session_id\":\"66320f10.1092\","
                        + "\"line_num\":1,\"ps\":\"idle\",\"session_start\":\"2024-05-01 09:59:59 UTC\",\"vxid\":\"3/7\","
                        + "\"txid\":0,\"error_severity\":\"LOG\",\"message\":\"statement: SELECT 1,\\n  'naïve'\","
                        + "\"application_name\":\"psql\",\"backend_type\":\"client backend\",\"query_id\":0}",
                "{\"timestamp\":\"2024-05-01 10:00:00.350 UTC\",\"user\":\"app\",\"dbname\":\"shop\",\"pid\":4242,"
                        + "\"session_id\":\"66320f10.1092\",\"line_num\":2,\"ps\":\"SELECT\",\"error_severity\":\"LOG\","
                        + "\"message\":\"duration: 250.000 ms\",\"backend_type\":\"client backend\",\"query_id\":0}",
                "{\"timestamp\":\"2024-05-01 10:00:01.000 UTC\",\"user\":\"app\",\"dbname\":\"shop\",\"pid\":4242,"
                        + "\"session_id\":\"66320f10.1092\",\"line_num\":3,\"ps\":\"idle\",\"error_severity\":\"LOG\","
                        + "\"message\":\"statement: SELECT * FROM nope;\",\"backend_type\":\"client backend\"}",
                "{\"timestamp\":\"2024-05-01 10:00:01.002 UTC\",\"user\":\"app\",\"dbname\":\"shop\",\"pid\":4242,"
                        + "\"session_id\":\"66320f10.1092\",\"line_num\":4,\"ps\":\"SELECT\",\"vxid\":\"3/8\",\"txid\":0,"
                        + "\"error_severity\":\"ERROR\",\"state_code\":\"42P01\",\"message\":\"relation \\\"nope\\\" does "
                        + "not exist\",\"statement\":\"SELECT * FROM nope;\",\"cursor_position\":15,"
                        + "\"application_name\":\"psql\",\"backend_type\":\"client backend\",\"query_id\":0}",
                "{\"timestamp\":\"2024-05-01 10:00:03.500 UTC\",\"user\":\"etl\",\"dbname\":\"shop\",\"pid\":77,"
                        + "\"session_id\":\"66320f11.4d\",\"line_num\":9,\"ps\":\"INSERT\",\"error_severity\":\"LOG\","
                        + "\"message\":\"duration: 1500.5 ms  execute S_1: INSERT INTO t SELECT * FROM s WHERE a = $1\","
                        + "\"detail\":\"parameters: $1 = '5'\",\"backend_type\":\"client backend\"}",
                "{\"timestamp\":\"2024-05-01 10:00:03.600 UTC\",\"user\":\"etl\",\"dbname\":\"shop\",\"pid\":77,"
                        + "\"session_id\":\"66320f11.4d\",\"line_num\":10,\"error_severity\":\"LOG\","
                        + "\"message\":\"duration: 0.1 ms  parse <unnamed>: SELECT 2\"}");
        assertThat(checkpoint).isEqualTo(offset);
        assertThat(out).hasSize(3);
        QueryLogEntry timed = out.get(0);
        assertThat(timed.queryText()).isEqualTo("SELECT 1,\n  'naïve'");
        assertThat(timed.queryId()).isEqualTo("66320f10.1092:1");
        assertThat(timed.user()).isEqualTo("app");
        assertThat(timed.startTime()).isEqualTo(Instant.parse("2024-05-01T10:00:00.100Z"));
        assertThat(timed.endTime()).isEqualTo(Instant.parse("2024-05-01T10:00:00.350Z"));
        assertThat(timed.extra()).containsEntry("default_database", "shop").containsEntry("application_name", "psql");
        QueryLogEntry failed = out.get(1);
        assertThat(failed.queryText()).isEqualTo("SELECT * FROM nope;");
        assertThat(failed.errorCode()).isEqualTo("42P01");
        assertThat(failed.errorText()).isEqualTo("relation \"nope\" does not exist");
        assertThat(failed.endTime()).isEqualTo(Instant.parse("2024-05-01T10:00:01.002Z"));
        QueryLogEntry executed = out.get(2);
        assertThat(executed.queryText()).isEqualTo("INSERT INTO t SELECT * FROM s WHERE a = $1");
        assertThat(executed.startTime()).isEqualTo(Instant.parse("2024-05-01T10:00:02.000Z").minusNanos(500_000));
        assertThat(executed.endTime()).isEqualTo(Instant.parse("2024-05-01T10:00:03.500Z"));
        assertThat(report.warnings()).isEmpty();
    }

    private static String csv(String time, String session, int line, String severity, String state, String message,
            String query, int columns) {
        String[] f = new String[columns];
        f[0] = time;
        f[1] = "app";
        f[2] = "shop";
        f[3] = "4242";
        f[4] = "127.0.0.1:50000";
        f[5] = session;
        f[6] = Integer.toString(line);
        f[7] = "SELECT";
        f[8] = "2024-05-01 09:59:59 UTC";
        f[9] = "3/7";
        f[10] = "0";
        f[11] = severity;
        f[12] = state;
        f[13] = message;
        f[19] = query;
        f[22] = "psql";
        if (columns > 23) {
            f[23] = "client backend";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < columns; i++) {
            if (i > 0) {
                sb.append(',');
            }
            if (f[i] != null) {
                boolean quote = i != 0 && i != 3 && i != 6 && i != 10;
                sb.append(quote ? "\"" + f[i].replace("\"", "\"\"") + "\"" : f[i]);
            }
        }
        return sb.toString();
    }

    @Test
    void csvlogOfEveryColumnCountWithMultiLineQuotedFields() {
        String multi = csv("2024-05-01 10:00:00.000 UTC", "a.1", 1, "LOG", "00000",
                "statement: SELECT \"x\",\n  'y'\nFROM t", null, 26);
        String[] lines = multi.split("\n", -1);
        String[] all = new String[lines.length + 2];
        System.arraycopy(lines, 0, all, 0, lines.length);
        all[lines.length] = csv("2024-05-01 10:00:01.000 UTC", "b.2", 5, "LOG", "00000",
                "duration: 2.000 ms  statement: SELECT 13", null, 24);
        all[lines.length + 1] = csv("2024-05-01 10:00:02.000 UTC", "c.3", 7, "ERROR", "22012", "division by zero",
                "SELECT 1/0", 23);
        assertThat(feed(all)).isEqualTo(offset);
        assertThat(out).extracting(QueryLogEntry::queryText)
                .containsExactlyInAnyOrder("SELECT \"x\",\n  'y'\nFROM t", "SELECT 13", "SELECT 1/0");
        assertThat(out).filteredOn(e -> e.queryText().equals("SELECT 1/0")).singleElement()
                .satisfies(e -> assertThat(e.errorCode()).isEqualTo("22012"));
    }

    @Test
    void anUnfinishedCsvRecordIsLeftForTheNextRead() {
        String done = csv("2024-05-01 10:00:00.000 UTC", "a.1", 1, "LOG", "00000", "statement: SELECT 1", null, 26);
        String open = "2024-05-01 10:00:01.000 UTC,\"app\",\"shop\",4242,,\"a.1\",2,,,,,\"LOG\",\"00000\",\"statement: SELECT";
        long checkpoint = feed(done, open);
        assertThat(checkpoint).isEqualTo(done.length() + 1);
        assertThat(out).extracting(QueryLogEntry::queryText).containsExactly("SELECT 1");
    }

    @Test
    void linesThatAreNotServerLogRecordsAreOneWarning() {
        feed("2024-05-01 10:00:00 UTC [123] LOG:  statement: SELECT 1", "plain stderr text");
        assertThat(out).isEmpty();
        assertThat(report.warnings()).singleElement().asString().contains("postgresql.log").contains("2 record(s)");
    }

    @Test
    void logTimesInTheZonesPostgresqlWrites() {
        assertThat(ServerLogParser.time("2024-05-01 10:00:00.123 UTC")).isEqualTo(Instant.parse("2024-05-01T10:00:00.123Z"));
        assertThat(ServerLogParser.time("2024-05-01 12:00:00 CEST")).isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
        assertThat(ServerLogParser.time("2024-01-01 11:00:00.5 CET")).isEqualTo(Instant.parse("2024-01-01T10:00:00.5Z"));
        assertThat(ServerLogParser.time("2024-05-01 15:30:00.000 +0530")).isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
        assertThat(ServerLogParser.time("2024-05-01 07:00:00.000 -03")).isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
        assertThat(ServerLogParser.time("yesterday")).isNull();
    }
}
