package io.mcpush.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpush.emulator.IngestKey;
import io.mcpush.sdk.EventType;
import io.mcpush.sdk.push.IngestionClient;
import io.mcpush.sdk.push.IngestionException;
import io.mcpush.sdk.push.RetryPolicy;
import io.mcpush.sdk.push.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ingestion token never shows: not in output, messages, stack traces, result or ledger files. */
class SecretRedactionIT {
    private static final String TOKEN = TestGateway.TOKEN;

    @TempDir
    Path dir;

    private TestGateway gateway;

    @BeforeEach
    void startGateway() {
        gateway = TestGateway.start();
    }

    @AfterEach
    void stopGateway() {
        gateway.close();
    }

    private void assertNoTokenInFilesUnder(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1))
                        .as(f.toString()).doesNotContain(TOKEN);
            }
        }
    }

    @Test
    void wrongKeyIdFailureNeverShowsTheToken() throws IOException {
        Path manifest = Manifests.metadata(dir.resolve("m.jsonl"), 3);
        Map<String, String> env = new HashMap<>(Cli.env(gateway));
        env.put("MCD_INGEST_ID", "nobody");

        Cli.Run run = Cli.run(env, "--debug", "push", "metadata", "--manifest", manifest.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.all()).contains("401").doesNotContain(TOKEN);
        assertNoTokenInFilesUnder(dir);
    }

    @Test
    void unreachableEndpointFailureNeverShowsTheToken() throws IOException {
        Path manifest = Manifests.metadata(dir.resolve("m.jsonl"), 3);
        Map<String, String> env = new HashMap<>(Cli.env(gateway));
        env.put("MCD_INGEST_ENDPOINT", "http://127.0.0.1:1");

        Cli.Run run = Cli.run(env, "--debug", "push", "metadata", "--manifest", manifest.toString(),
                "--retry-deadline", "1s");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.all()).contains("cannot connect").doesNotContain(TOKEN);
        assertNoTokenInFilesUnder(dir);
    }

    @Test
    void successfulPushNeverShowsTheToken() throws IOException {
        Path manifest = Manifests.example(dir, "metadata.jsonl");

        Cli.Run run = Cli.run(Cli.env(gateway), "--debug", "push", "metadata", "--manifest", manifest.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.all()).doesNotContain(TOKEN);
        assertNoTokenInFilesUnder(dir);
    }

    @Test
    void gatewayEchoingTheTokenInARejectionIsRedacted() {
        IngestionClient client = IngestionClient.builder()
                .endpoint(gateway.emulator().baseUrl())
                .key(TestGateway.KEY_ID, new Secret(TOKEN))
                .retryPolicy(new RetryPolicy(Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(1),
                        Duration.ofSeconds(5), 3))
                .build();

        // the emulator names the bad value in its 400 answer
        assertThatThrownBy(() -> client.sendRaw(EventType.METADATA, "{\"event_type\": \"METADATA\", \"resource\": "
                + "{\"uuid\": \"" + Manifests.UUID + "\", \"resource_type\": \"snowflake\"}, \"events\": "
                + "[{\"relational_asset\": {\"type\": \"" + TOKEN + "\", \"metadata\": {\"name\": \"A\", "
                + "\"database\": \"D\", \"schema\": \"S\"}}}]}"))
                .isInstanceOfSatisfying(IngestionException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).doesNotContain(TOKEN);
                    assertThat(e.bodyExcerpt()).doesNotContain(TOKEN).contains("****");
                });
    }

    @Test
    void secretAndKeysPrintWithoutTheToken() {
        assertThat(new Secret(TOKEN).toString()).doesNotContain(TOKEN);
        assertThat(String.valueOf(new Secret(TOKEN))).isEqualTo("****");
        assertThat(new IngestKey("id", TOKEN).toString()).doesNotContain(TOKEN).contains("id");
        assertThat(new Environment.IngestKey("id", new Secret(TOKEN)).toString()).doesNotContain(TOKEN);
        assertThat(new Secret(TOKEN).redact("a " + TOKEN + " b")).isEqualTo("a **** b");
    }

    @Test
    void childProcessWithDebugLoggingNeverPrintsTheToken() throws Exception {
        Path manifest = Manifests.metadata(dir.resolve("m.jsonl"), 3);
        for (String id : List.of(TestGateway.KEY_ID, "nobody")) {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "io.mcpush.cli.Main",
                    "--debug", "push", "metadata", "--manifest", manifest.toString(), "--again"));
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().put("MCD_INGEST_ID", id);
            pb.environment().put("MCD_INGEST_TOKEN", TOKEN);
            pb.environment().put("MCD_INGEST_ENDPOINT", gateway.emulator().baseUrl().toString());
            Process p = pb.start();
            String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(output).isEqualTo(id.equals("nobody") ? 1 : 0);
            assertThat(output).doesNotContain(TOKEN);
        }
        assertNoTokenInFilesUnder(dir);
    }
}
