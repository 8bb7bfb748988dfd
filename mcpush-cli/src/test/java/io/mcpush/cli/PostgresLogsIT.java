package io.mcpush.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcpush.sdk.Flow;
import io.mcpush.sdk.manifest.ManifestHeader;
import io.mcpush.sdk.manifest.ManifestReader;
import io.mcpush.source.SourceIdentity;
import io.mcpush.source.WatermarkStore;
import io.mcpush.source.jdbc.JdbcUrls;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code collect}/{@code push}/{@code run query-logs --source postgres --log-file ...} against the
 * csvlog files of a real embedded PostgreSQL (logging_collector=on, log_statement=all) and the
 * in-process emulator: log positions are committed only by a complete push, and each committed
 * statement is collected once.
 */
class PostgresLogsIT {
    private static EmbeddedPostgres postgres;
    private static Path logs;

    @TempDir
    Path dir;

    private TestGateway gateway;

    @BeforeAll
    static void start(@TempDir Path root) throws Exception {
        logs = Files.createDirectories(root.resolve("log"));
        postgres = EmbeddedPostgres.builder()
                .setServerConfig("logging_collector", "on")
                .setServerConfig("log_destination", "csvlog")
                .setServerConfig("log_directory", logs.toString())
                .setServerConfig("log_statement", "all")
                .setServerConfig("log_timezone", "UTC")
                .start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @AfterEach
    void stopGateway() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private static String url() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
    }

    private Path state() {
        return dir.resolve("state");
    }

    private Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>(Cli.env(gateway));
        env.put("MCD_RESOURCE_UUID", Manifests.UUID);
        return env;
    }

    private static void statements(String... sql) throws Exception {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            for (String q : sql) {
                try {
                    s.execute(q);
                } catch (SQLException expectedForTheFailingOne) {
                    // logged by the server as an ERROR with the statement
                }
            }
        }
        String last = sql[sql.length - 1];
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            try (Stream<Path> files = Files.list(logs)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".csv")).toList()) {
                    if (Files.readString(f).contains(last)) {
                        return;
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the server did not log " + last);
    }

    private String[] collect(Path out) {
        return new String[] {"collect", "query-logs", "--source", "postgres", "--jdbc-url", url(), "--user", "postgres",
            "--log-file", logs.resolve("*.csv").toString(), "--state-dir", state().toString(), "--out", out.toString()};
    }

    /** The query texts of a manifest's events. */
    private static List<String> unchecked(Path manifest) {
        try {
            List<String> out = new java.util.ArrayList<>();
            for (String l : Files.readAllLines(manifest).subList(1, Files.readAllLines(manifest).size())) {
                out.add(Manifests.JSON.readTree(l).path("query_text").asText());
            }
            return out;
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void collectThenPushCommitsPositionsAndTheNextCollectionHasOnlyNewStatements() throws Exception {
        statements("CREATE TABLE logged_a (id int)", "INSERT INTO logged_a VALUES (1)", "SELECT * FROM missing_a",
                "SELECT 'first batch done'");
        Path m1 = dir.resolve("m1.jsonl");
        Cli.Run c1 = SourceCli.run(Map.of(), collect(m1));
        assertThat(c1.exitCode()).as(c1.toString()).isZero();
        ManifestHeader header;
        try (ManifestReader reader = ManifestReader.open(m1, true)) {
            header = reader.header();
        }
        assertThat(header.logType()).isEqualTo("postgres");
        assertThat(header.windowStart()).isNull();
        assertThat(header.positions()).containsKey("files");
        assertThat(unchecked(m1)).contains("CREATE TABLE logged_a (id int)", "SELECT * FROM missing_a",
                "SELECT 'first batch done'");
        String failedLine = Files.readAllLines(m1).stream().filter(l -> l.contains("missing_a")).findFirst().orElseThrow();
        assertThat(failedLine).contains("\"error_code\": \"42P01\"");

        // not pushed yet: collecting again reads the same statements again (nothing lost)
        Path again = dir.resolve("again.jsonl");
        assertThat(SourceCli.run(Map.of(), collect(again)).exitCode()).isZero();
        assertThat(unchecked(again)).containsAll(unchecked(m1).stream().filter(t -> t.contains("logged_a")).toList());

        // a failed push commits nothing
        gateway = TestGateway.start("503");
        Cli.Run failed = Cli.run(env(), "push", "query-logs", "--manifest", m1.toString(), "--log-type", "snowflake",
                "--state-dir", state().toString(), "--retry-deadline", "1s");
        gateway.close();
        assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
        SourceIdentity identity = new SourceIdentity("postgres", JdbcUrls.identity(url()));
        assertThat(new WatermarkStore(state()).readPositions(identity, Flow.QUERY_LOGS)).isNull();

        gateway = TestGateway.start();
        Cli.Run pushed = Cli.run(env(), "push", "query-logs", "--manifest", m1.toString(), "--log-type", "snowflake",
                "--state-dir", state().toString());
        assertThat(pushed.exitCode()).as(pushed.toString()).isZero();
        assertThat(pushed.out()).contains("log positions of postgres").contains("committed");
        assertThat(new WatermarkStore(state()).readPositions(identity, Flow.QUERY_LOGS)).isNotNull();
        assertThat(gateway.events(null)).anySatisfy(e ->
                assertThat(e.path("query_text").asText()).isEqualTo("CREATE TABLE logged_a (id int)"));

        statements("INSERT INTO logged_a VALUES (2)", "SELECT 'second batch done'");
        Path m2 = dir.resolve("m2.jsonl");
        assertThat(SourceCli.run(Map.of(), collect(m2)).exitCode()).isZero();
        assertThat(unchecked(m2)).contains("INSERT INTO logged_a VALUES (2)", "SELECT 'second batch done'")
                .doesNotContain("CREATE TABLE logged_a (id int)", "SELECT 'first batch done'", "SELECT * FROM missing_a");
    }

    @Test
    void runPushesWhatWasLoggedSinceTheLastRunAndNeedsAnExplicitLogType() throws Exception {
        gateway = TestGateway.start();
        String[] run = {"run", "query-logs", "--source", "postgres", "--jdbc-url", url(), "--user", "postgres",
            "--log-file", logs.resolve("*.csv").toString(), "--state-dir", state().toString(),
            "--result", dir.resolve("r.json").toString()};
        Cli.Run refused = SourceCli.run(env(), run);
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
        assertThat(refused.err()).contains("--log-type");

        statements("CREATE TABLE run_b (id int)", "SELECT 'run one'");
        String[] withType = Stream.concat(Stream.of(run), Stream.of("--log-type", "snowflake")).toArray(String[]::new);
        Cli.Run first = SourceCli.run(env(), withType);
        assertThat(first.exitCode()).as(first.toString()).isZero();
        List<String> firstTexts = gateway.events(null).stream().map(e -> e.path("query_text").asText()).toList();
        assertThat(firstTexts).contains("CREATE TABLE run_b (id int)", "SELECT 'run one'");
        JsonNode result = Manifests.readJson(dir.resolve("r.json"));
        assertThat(result.path("positions").path("files").isArray()).isTrue();

        statements("DROP TABLE run_b", "SELECT 'run two'");
        int before = gateway.events(null).size();
        Cli.Run second = SourceCli.run(env(), withType);
        assertThat(second.exitCode()).as(second.toString()).isZero();
        List<String> secondTexts = gateway.events(null).stream().skip(before).map(e -> e.path("query_text").asText())
                .toList();
        assertThat(secondTexts).contains("DROP TABLE run_b", "SELECT 'run two'")
                .doesNotContain("CREATE TABLE run_b (id int)", "SELECT 'run one'");
    }

    @Test
    void logFileIsRepeatableAndAFileNamedTwiceIsReadOnce() throws Exception {
        statements("SELECT 'named twice'");
        Path one;
        try (Stream<Path> files = Files.list(logs)) {
            one = files.filter(p -> p.toString().endsWith(".csv")).findFirst().orElseThrow();
        }
        Path out = dir.resolve("twice.jsonl");
        Cli.Run r = SourceCli.run(Map.of(), "collect", "query-logs", "--source", "postgres", "--jdbc-url", url(),
                "--log-file", one.toString(), "--log-file", logs.resolve("*.csv").toString(),
                "--log-file", logs.resolve("absent.csv").toString(),
                "--state-dir", state().toString(), "--out", out.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(unchecked(out).stream().filter(t -> t.equals("SELECT 'named twice'")).count()).isEqualTo(1);
        assertThat(r.out()).contains("warning: log file " + logs.resolve("absent.csv") + " does not exist");
    }

    @Test
    void queryLogsWithoutLogFilesIsAUsageError() {
        Cli.Run r = SourceCli.run(Map.of(), "collect", "query-logs", "--source", "postgres", "--jdbc-url", url(),
                "--out", dir.resolve("x.jsonl").toString(), "--state-dir", state().toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("--log-file");
    }
}
