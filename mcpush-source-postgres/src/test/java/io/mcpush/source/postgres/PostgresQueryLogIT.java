package io.mcpush.source.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpush.sdk.Flow;
import io.mcpush.sdk.model.LineageEvent;
import io.mcpush.sdk.model.QueryLogEntry;
import io.mcpush.source.CollectionReport;
import io.mcpush.source.EventStream;
import io.mcpush.source.QueryLogWindow;
import io.mcpush.source.Source;
import io.mcpush.source.logfile.LogPositions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Query logs from a real PostgreSQL's own csvlog files: the server runs with
 * logging_collector=on, log_destination=csvlog and log_statement=all, the test runs statements and
 * reads what the server wrote. (The zonky binaries are PostgreSQL 14, which has no jsonlog:
 * jsonlog is tested in ServerLogParserTest against lines in the format PostgreSQL 15+ writes.)
 */
class PostgresQueryLogIT {
    @TempDir
    static Path root;
    static EmbeddedServer server;
    static Path logs;

    @BeforeAll
    static void start() throws IOException {
        logs = Files.createDirectories(root.resolve("log"));
        Path data = Files.createDirectories(root.resolve("server"));
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("logging_collector", "on");
        settings.put("log_destination", "csvlog");
        settings.put("log_directory", logs.toString());
        settings.put("log_filename", "postgresql-%Y%m%d_%H%M%S.log");
        settings.put("log_statement", "all");
        settings.put("log_timezone", "UTC");
        server = EmbeddedServer.start(data, settings);
        server.execute("postgres", "CREATE DATABASE shop");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private PostgresSource source() {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("jdbc-url", server.url("shop"));
        o.put("user", "postgres");
        o.put("log-file", logs.resolve("*.csv").toString());
        o.put("state-dir", root.resolve("state").toString());
        return (PostgresSource) new PostgresSourceFactory().create(PostgresSourceIT.sourceOptions(o, System::getenv));
    }

    record Read(List<QueryLogEntry> entries, LogPositions positions, CollectionReport report) {
        List<String> texts() {
            return entries.stream().map(QueryLogEntry::queryText).toList();
        }

        QueryLogEntry withText(String text) {
            return entries.stream().filter(e -> e.queryText().equals(text)).findFirst()
                    .orElseThrow(() -> new AssertionError("no entry " + text + " in " + texts()));
        }
    }

    private Read read(LogPositions after) {
        CollectionReport report = new CollectionReport();
        List<QueryLogEntry> out = new ArrayList<>();
        try (Source s = source(); EventStream<QueryLogEntry> stream = s.queryLogs(QueryLogWindow.after(after), report)) {
            QueryLogEntry e;
            while ((e = stream.next()) != null) {
                out.add(e);
            }
        }
        return new Read(out, report.reachedPositions(), report);
    }

    /** Runs statements in one session, the last a marker, and waits until the log collector wrote the marker. */
    private static void run(String marker, String... statements) throws Exception {
        try (Connection c = server.connect("shop"); Statement s = c.createStatement()) {
            for (String sql : statements) {
                try {
                    s.execute(sql);
                } catch (SQLException expectedForFailingStatements) {
                    // the failing statement of the test: the server logs it as an ERROR
                }
            }
            s.execute("SELECT '" + marker + "'");
        }
        awaitLogged(marker);
    }

    private static void awaitLogged(String marker) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            try (Stream<Path> files = Files.list(logs)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".csv")).toList()) {
                    if (Files.readString(f).contains("SELECT '" + marker + "'")) {
                        return;
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the server did not log " + marker);
    }

    @Test
    void readsLoggedStatementsOnceFollowsRotationAndRereadsWhatWasNeverCommitted() throws Exception {
        String multiLine = "SELECT id,\n       note -- a comment\nFROM items\nWHERE note <> 'it''s'";
        run("marker-1",
                "CREATE TABLE items (id int, note text)",
                "INSERT INTO items VALUES (1, 'it''s \"quoted\", with a comma'), (2, 'naïve — 日本 ✓')",
                multiLine,
                "SELECT * FROM no_such_table",
                "CREATE TABLE items_copy AS SELECT id, note FROM items",
                "INSERT INTO items_copy (id, note) SELECT id, upper(note) FROM items");
        Read first = read(LogPositions.NONE);
        assertThat(first.texts()).contains("CREATE TABLE items (id int, note text)",
                "INSERT INTO items VALUES (1, 'it''s \"quoted\", with a comma'), (2, 'naïve — 日本 ✓')",
                multiLine, "SELECT 'marker-1'");
        QueryLogEntry failed = first.withText("SELECT * FROM no_such_table");
        assertThat(failed.errorCode()).isEqualTo("42P01");
        assertThat(failed.errorText()).contains("no_such_table").contains("does not exist");
        QueryLogEntry ok = first.withText(multiLine);
        assertThat(ok.errorCode()).isNull();
        assertThat(ok.user()).isEqualTo("postgres");
        assertThat(ok.extra()).containsEntry("default_database", "shop");
        assertThat(ok.queryId()).matches("[0-9a-f]+\\.[0-9a-f]+:\\d+");
        assertThat(ok.startTime()).isBetween(Instant.now().minusSeconds(120), Instant.now());
        assertThat(first.entries().stream().map(QueryLogEntry::queryId).distinct().count())
                .isEqualTo(first.entries().size());
        assertThat(first.positions().files()).isNotEmpty();
        assertThat(first.report().warnings()).isEmpty();

        // appended later: only the new statements come back
        run("marker-2", "UPDATE items SET note = 'second run' WHERE id = 1");
        Read second = read(first.positions());
        assertThat(second.texts()).contains("UPDATE items SET note = 'second run' WHERE id = 1", "SELECT 'marker-2'")
                .doesNotContain("SELECT 'marker-1'", multiLine);

        // rotation: what follows goes to a new file, and is read along with the rest of the old one
        run("marker-3a", "DELETE FROM items WHERE id = 99");
        Thread.sleep(1100); // log_filename has seconds: the next file gets a new name
        server.execute("postgres", "SELECT pg_rotate_logfile()");
        run("marker-3b", "SELECT count(*) FROM items_copy");
        try (Stream<Path> files = Files.list(logs)) {
            assertThat(files.filter(p -> p.toString().endsWith(".csv")).count()).isGreaterThanOrEqualTo(2);
        }
        Read third = read(second.positions());
        assertThat(third.texts()).contains("DELETE FROM items WHERE id = 99", "SELECT 'marker-3a'",
                "SELECT count(*) FROM items_copy", "SELECT 'marker-3b'").doesNotContain("SELECT 'marker-2'");
        assertThat(third.positions().files().size()).isGreaterThan(second.positions().files().size());

        // never committed (a killed run, a failed push): the next collection reads the same again
        Read again = read(second.positions());
        assertThat(again.entries()).isEqualTo(third.entries());
        assertThat(read(third.positions()).texts()).doesNotContain("SELECT 'marker-3b'");
    }

    @Test
    void lineageIncludesTheLoggedQueries() throws Exception {
        run("marker-lineage",
                "CREATE TABLE orders (id int, amount numeric)",
                "CREATE TABLE order_totals (id int, total numeric)",
                "INSERT INTO order_totals (id, total) SELECT id, sum(amount) FROM orders GROUP BY id");
        CollectionReport report = new CollectionReport();
        List<LineageEvent> events = new ArrayList<>();
        try (PostgresSource s = source()) {
            assertThat(s.windowed(Flow.LINEAGE)).isTrue();
            assertThat(s.positioned(Flow.LINEAGE)).isTrue();
            try (EventStream<LineageEvent> stream = s.lineage(QueryLogWindow.after(LogPositions.NONE), report)) {
                LineageEvent e;
                while ((e = stream.next()) != null) {
                    events.add(e);
                }
            }
        }
        assertThat(report.reachedPositions()).isNotNull();
        assertThat(events).anySatisfy(e -> {
            assertThat(e.destination().name()).isEqualTo("order_totals");
            assertThat(e.sources()).anySatisfy(src -> assertThat(src.name()).isEqualTo("orders"));
            assertThat(e.destination().schema()).isEqualTo("public");
            assertThat(e.destination().database()).isEqualTo("shop");
        });
    }

    @Test
    void aPreparedStatementIsLoggedAsExecuteAndReadWithItsPlaceholders() throws Exception {
        try (Connection c = server.connect("shop");
                PreparedStatement ps = c.prepareStatement("SELECT ?::text AS greeting /* prepared */")) {
            ps.setString(1, "hello");
            ps.executeQuery().close();
        }
        run("marker-prepared");
        assertThat(read(LogPositions.NONE).texts()).contains("SELECT $1::text AS greeting /* prepared */");
    }
}
