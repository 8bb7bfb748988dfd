package io.mcpush.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run metadata --source postgres} against a real embedded PostgreSQL and the in-process emulator. */
class PostgresRunIT {
    private static final String PASSWORD = "pg-SECRET-71a0b9";
    private static EmbeddedPostgres postgres;

    @TempDir
    Path dir;

    private TestGateway gateway;

    @BeforeAll
    static void start(@TempDir Path serverDir) throws Exception {
        Path hba = serverDir.resolve("pg_hba.conf");
        // the superuser sets up without a password; the collector must give its SCRAM password
        Files.writeString(hba, "local all all trust\nhost all postgres 127.0.0.1/32 trust\nhost all postgres ::1/128 trust\n"
                + "host all all 127.0.0.1/32 scram-sha-256\nhost all all ::1/128 scram-sha-256\n");
        postgres = EmbeddedPostgres.builder().setServerConfig("hba_file", hba.toString())
                .setServerConfig("password_encryption", "scram-sha-256").start();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE collector LOGIN PASSWORD '" + PASSWORD + "'");
            s.execute("CREATE SCHEMA \"Sales \"\"EU\"\"\"");
            s.execute("CREATE TABLE \"Sales \"\"EU\"\"\".\"order.lines\" (id int, \"select\" text)");
            s.execute("CREATE TABLE public.customers (id int PRIMARY KEY, name text)");
            s.execute("CREATE VIEW public.\"Customer names\" AS SELECT name FROM public.customers");
        }
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

    private String url() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
    }

    /**
     * Every collection names its state directory: a postgres metadata collection keeps its
     * modification counters there, and the default (~/.mcpush/state) is shared with every other
     * test, run and user of this machine.
     */
    private Path state() {
        return dir.resolve("state");
    }

    private Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>(gateway == null ? Map.of() : Cli.env(gateway));
        env.put("MCD_RESOURCE_UUID", Manifests.UUID);
        env.put("PG_PASSWORD", PASSWORD);
        env.put("PG_WRONG", "not-" + PASSWORD);
        return env;
    }

    @Test
    void runMetadataPushesEveryRelationWithHostileNamesIntact() {
        gateway = TestGateway.start();
        Path result = dir.resolve("pg.push.json");

        Cli.Run r = SourceCli.run(env(), "run", "metadata", "--source", "postgres", "--jdbc-url", url(),
                "--user", "collector", "--password-env", "PG_PASSWORD", "--result", result.toString(),
                "--state-dir", state().toString());

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(gateway.metadataNames()).containsExactlyInAnyOrder("order.lines", "customers", "Customer names");
        assertThat(gateway.accepted()).allSatisfy(req -> assertThat(req.resourceValue()).isEqualTo("postgres"));
        JsonNode json = Manifests.readJson(result);
        assertThat(json.path("events").asLong()).isEqualTo(3);
        assertThat(json.path("source").path("type").asText()).isEqualTo("postgres");
        assertThat(r.all()).doesNotContain(PASSWORD);
        assertThat(Manifests.readJson(result).toString()).doesNotContain(PASSWORD);
    }

    @Test
    void collectWritesAManifestWithTheSchemaAsNamed() throws Exception {
        Path out = dir.resolve("pg.jsonl");

        Cli.Run r = SourceCli.run(Map.of("PG_PASSWORD", PASSWORD), "collect", "metadata", "--source", "postgres",
                "--jdbc-url", url(), "--user", "collector", "--password-env", "PG_PASSWORD", "--out", out.toString(),
                "--state-dir", state().toString());

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(Files.readString(out)).contains("\"schema\": \"Sales \\\"EU\\\"\"").doesNotContain(PASSWORD);
    }

    @Test
    void anUnreachableServerExitsOneWithOneLineNamingHostAndDatabase() {
        Cli.Run r = SourceCli.run(Map.of(), "collect", "metadata", "--source", "postgres", "--jdbc-url",
                "jdbc:postgresql://127.0.0.1:1/warehouse?connectTimeout=2", "--out", dir.resolve("x.jsonl").toString(),
                "--state-dir", state().toString());

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err().lines().filter(l -> l.startsWith("error:")).toList()).singleElement().asString()
                .startsWith("error: cannot connect to database warehouse on 127.0.0.1:1: ");
        assertThat(r.err()).doesNotContain("\tat ");
    }

    @Test
    void aWrongPasswordExitsOneAndNoPasswordIsEverPrinted() {
        Cli.Run wrong = SourceCli.run(env(), "collect", "metadata", "--source", "postgres", "--jdbc-url", url(),
                "--user", "collector", "--password-env", "PG_WRONG", "--out", dir.resolve("x.jsonl").toString(),
                "--state-dir", state().toString());
        Cli.Run asFlag = SourceCli.run(env(), "collect", "metadata", "--source", "postgres", "--jdbc-url", url(),
                "--user", "collector", "--password", PASSWORD, "--out", dir.resolve("y.jsonl").toString(),
                "--state-dir", state().toString());

        assertThat(wrong.exitCode()).as(wrong.toString()).isEqualTo(1);
        assertThat(wrong.err()).contains("password authentication failed").contains("postgres");
        assertThat(asFlag.exitCode()).as(asFlag.toString()).isEqualTo(2);
        assertThat(wrong.all() + asFlag.all()).doesNotContain(PASSWORD);
    }
}
