package io.mcpush.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Usage errors exit 2 with a one-line message and send nothing; --help exits 0. */
class UsageErrorsIT {
    @TempDir
    Path dir;

    private TestGateway gateway;
    private Path manifest;

    @BeforeEach
    void setUp() {
        gateway = TestGateway.start();
        manifest = Manifests.example(dir, "metadata.jsonl");
    }

    @AfterEach
    void stopGateway() {
        gateway.close();
    }

    private void assertUsageError(Cli.Run run, String expected) {
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        List<String> errors = run.err().lines().filter(l -> l.startsWith("error: ")).toList();
        assertThat(errors).as(run.toString()).hasSize(1);
        assertThat(errors.get(0)).contains(expected);
        assertThat(run.all()).doesNotContain("\tat ");
        assertThat(gateway.received()).isZero();
    }

    @Test
    void anUnknownOptionsValueIsNeverEchoed() {
        Cli.Run run = Cli.run(Cli.env(gateway), "push", "metadata", "--manifest", manifest.toString(),
                "--token", "dapi-SECRET-1234", "--api-secret=hunter2-SECRET");
        assertUsageError(run, "unknown options --token, --api-secret (values not shown)");
        assertThat(run.all()).doesNotContain("SECRET");
    }

    @Test
    void missingTokenIsAUsageError() {
        Map<String, String> env = new HashMap<>(Cli.env(gateway));
        env.remove("MCD_INGEST_TOKEN");

        assertUsageError(Cli.run(env, "push", "metadata", "--manifest", manifest.toString()), "MCD_INGEST_TOKEN");
    }

    @Test
    void unknownFlowIsAUsageError() {
        assertUsageError(Cli.run(Cli.env(gateway), "push", "tables", "--manifest", manifest.toString()), "tables");
    }

    @Test
    void missingManifestOptionIsAUsageError() {
        assertUsageError(Cli.run(Cli.env(gateway), "push", "metadata"), "--manifest");
    }

    @Test
    void manifestThatDoesNotExistIsAUsageError() {
        Path missing = dir.resolve("nope.jsonl");
        assertUsageError(Cli.run(Cli.env(gateway), "push", "metadata", "--manifest", missing.toString()),
                missing.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.com", "localhost:8080", "http:///nohost"})
    void endpointThatIsNotAnHttpUrlIsAUsageError(String endpoint) {
        assertUsageError(Cli.run(Cli.env(gateway), "push", "metadata", "--manifest", manifest.toString(),
                "--endpoint", endpoint), "endpoint");
    }

    @Test
    void noResourceUuidAnywhereIsAUsageError() {
        Path noUuid = Manifests.write(dir.resolve("no-uuid.jsonl"),
                "{\"mcpush_manifest\": 1, \"flow\": \"metadata\", \"resource_type\": \"snowflake\"}",
                List.of(Manifests.table("ORDERS")));

        assertUsageError(Cli.run(Cli.env(gateway), "push", "metadata", "--manifest", noUuid.toString()),
                "resource UUID");
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertUsageError(Cli.run(Cli.env(gateway), "push", "metadata", "--manifest", manifest.toString(),
                "--max-event", "3"), "--max-event");
    }

    @ParameterizedTest
    @ValueSource(strings = {"push", "emulator", "demo", "bench"})
    void helpExitsZero(String command) {
        Cli.Run run = Cli.run(Map.of(), command, "--help");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("Usage:").contains(command);
    }
}
