package io.mcpush.cli;

import static io.mcpush.cli.LineageCommandIT.env;
import static io.mcpush.cli.LineageCommandIT.push;
import static io.mcpush.cli.LineageCommandIT.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.mcpush.emulator.Emulator;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mcpush doctor} against the emulator (gateway and GraphQL API) over HTTP. */
class DoctorCommandIT {
    @TempDir
    Path dir;

    private Emulator emulator;

    @BeforeEach
    void start() {
        emulator = LineageCommandIT.startEmulator(Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private static void assertNoSecret(Cli.Run run) {
        assertThat(run.all()).doesNotContain(TestGateway.TOKEN).doesNotContain(ValidateCommandIT.API_TOKEN)
                .doesNotContain("wrong-SECRET");
    }

    @Test
    void everyCheckpointPassesAgainstAHealthyEmulator() {
        Path metadata = Manifests.example(dir, "metadata.jsonl");
        Path queryLogs = Manifests.example(dir, "query-logs.jsonl");
        push(emulator, metadata);
        push(emulator, queryLogs);
        String invocationId = Manifests.readJson(dir.resolve("metadata.jsonl.push.json")).path("invocation_ids").get(0)
                .asText();

        Cli.Run run = run(env(emulator), "doctor", "--manifest", metadata.toString(), "--manifest", queryLogs.toString(),
                "--debug");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("[ok    ] 1. gateway reachable and ingestion key accepted")
                .contains("[ok    ] 2. GraphQL API key works")
                .contains("[ok    ] 3. resource UUID exists and its connection type matches the resource_type: found; "
                        + "resource_type snowflake matches")
                .contains("[ok    ] 4. log_type valid: snowflake")
                .contains("[ok    ] 5. invocation ids of the last results")
                .contains("invocation id " + invocationId)
                .contains("doctor: every checkpoint passed");
        assertNoSecret(run);
    }

    @Test
    void theGatewayProbeIngestsNothing() {
        Cli.Run run = run(env(emulator), "doctor");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("[ok    ] 1.").contains("nothing was ingested")
                .contains("[skip  ] 4. log_type valid").contains("[skip  ] 5.")
                .contains("doctor: every checkpoint passed (2 skipped)");
        assertThat(emulator.accepted()).isEmpty();
    }

    @Test
    void aWrongIngestionKeyFailsCheckpointOne() {
        Map<String, String> env = env(emulator);
        env.put("MCD_INGEST_TOKEN", "wrong-SECRET-2222");

        Cli.Run run = run(env, "doctor", "--debug");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("[FAILED] 1. gateway reachable and ingestion key accepted: the gateway refused "
                        + "the ingestion key " + TestGateway.KEY_ID + " (HTTP 401)")
                .contains("[ok    ] 2.")
                .contains("doctor: checkpoint 1 (gateway reachable and ingestion key accepted) fails");
        assertNoSecret(run);
    }

    @Test
    void anUnreachableGatewayFailsCheckpointOne() throws IOException {
        // not a port found free and closed again: another process on this machine may take that one
        // before the test connects; nothing listens on port 1
        Map<String, String> env = env(emulator);
        env.put("MCD_INGEST_ENDPOINT", "http://127.0.0.1:1");

        Cli.Run run = run(env, "doctor", "--timeout", "2s");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("[FAILED] 1.").contains("is not reachable")
                .contains("doctor: checkpoint 1 (gateway reachable and ingestion key accepted) fails");
    }

    @Test
    void aWrongGraphqlKeyFailsCheckpointTwo() {
        Map<String, String> env = env(emulator);
        env.put("MCD_TOKEN", "wrong-SECRET-3333");

        Cli.Run run = run(env, "doctor", "--debug");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("[ok    ] 1.").contains("[FAILED] 2. GraphQL API key works").contains("HTTP 401")
                .contains("[skip  ] 3.").contains("needs checkpoint 2")
                .contains("doctor: checkpoint 2 (GraphQL API key works) fails");
        assertNoSecret(run);
    }

    @Test
    void anUnknownResourceUuidFailsCheckpointThree() {
        Cli.Run run = run(env(emulator), "doctor", "--resource-uuid", "00000000-0000-4000-8000-000000000000");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("[FAILED] 3.")
                .contains("resource UUID 00000000-0000-4000-8000-000000000000 is not a warehouse of this account; "
                        + "it has: " + Manifests.UUID + " (prod snowflake, snowflake)")
                .contains("doctor: checkpoint 3 (resource UUID exists and its connection type matches the "
                        + "resource_type) fails");
    }

    @Test
    void aResourceTypeThatDiffersFromTheConnectionTypeFailsCheckpointThree() {
        Cli.Run run = run(env(emulator), "doctor", "--resource-type", "bigquery");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("[FAILED] 3.").contains("resource_type 'bigquery' does not match the "
                + "connection type 'snowflake' of resource " + Manifests.UUID).contains("doctor: checkpoint 3");
    }

    @Test
    void anUnsupportedLogTypeFailsCheckpointFour() {
        Cli.Run run = run(env(emulator), "doctor", "--log-type", "hive");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("[FAILED] 4. log_type valid: log_type 'hive' is not one Monte Carlo accepts")
                .contains("hive-s3").contains("doctor: checkpoint 4 (log_type valid) fails");
    }

    @Test
    void missingGraphqlKeyIsAUsageErrorOnOneLineAndNothingIsSent() {
        Map<String, String> env = env(emulator);
        env.remove("MCD_ID");

        Cli.Run run = run(env, "doctor");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).contains("MCD_ID and MCD_TOKEN").doesNotContain("\n");
        assertThat(emulator.receivedCount()).isZero();
    }

    @Test
    void doctorHasHelpWithAnExample() {
        Cli.Run run = run(Map.of(), "doctor", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: mcpush doctor").contains("Example:");
    }
}
