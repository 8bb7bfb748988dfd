package io.mcpush.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcpush.sdk.Flow;
import io.mcpush.source.SourceIdentity;
import io.mcpush.source.WatermarkStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hardening contracts through the real CLI and real HTTP against the emulator: a 2xx without
 * an invocation id is a rejection, events that can never be sent become dead letters while the
 * rest is delivered, plain http goes only to this machine, TLS failures are neither retried nor
 * possible duplicates, and manifest timestamps go out in UTC.
 */
class HardeningIT {
    @TempDir
    Path dir;

    private final List<TestGateway> gateways = new ArrayList<>();

    @AfterEach
    void stop() {
        gateways.forEach(TestGateway::close);
    }

    private TestGateway gateway(String... faults) {
        TestGateway g = TestGateway.start(faults);
        gateways.add(g);
        return g;
    }

    private static Cli.Run push(TestGateway gateway, String flow, Path manifest, String... extra) {
        List<String> args = new ArrayList<>(List.of("push", flow, "--manifest", manifest.toString(),
                "--retry-deadline", "2s"));
        args.addAll(List.of(extra));
        return Cli.run(Cli.env(gateway), args.toArray(String[]::new));
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- 2xx without an invocation id ---------------------------------------------------------

    @Test
    void aSuccessWithoutInvocationIdIsARejectionAndARerunDeliversEverything() {
        Path manifest = Manifests.metadata(dir.resolve("m.jsonl"), 120);
        TestGateway refusing = gateway("no-id");

        Cli.Run first = push(refusing, "metadata", manifest);

        assertThat(first.exitCode()).as(first.toString()).isEqualTo(1);
        assertThat(first.all()).contains("without an invocation_id");
        JsonNode result = Manifests.readJson(dir.resolve("m.jsonl.push.json"));
        assertThat(result.path("status").asText()).isEqualTo("failed");
        for (JsonNode b : result.path("batches")) {
            assertThat(b.path("status").asText()).isNotIn("acknowledged", "resumed");
        }
        assertThat(result.path("invocation_ids")).isEmpty();
        assertThat(refusing.accepted()).isEmpty();

        TestGateway healthy = gateway();
        Cli.Run rerun = push(healthy, "metadata", manifest);

        assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
        assertThat(healthy.metadataNames()).hasSize(120).doesNotHaveDuplicates();
    }

    @Test
    void runDoesNotAdvanceTheWatermarkAfterASuccessWithoutInvocationId() {
        TestGateway refusing = gateway("no-id");
        Path state = dir.resolve("state");
        Map<String, String> env = new LinkedHashMap<>(Cli.env(refusing));
        env.put("MCD_RESOURCE_UUID", Manifests.UUID);

        Cli.Run run = SourceCli.run(env, "run", "query-logs", "--source", "fake-history", "--lookback", "1h",
                "--state-dir", state.toString(), "--result", dir.resolve("r.json").toString(), "--retry-deadline", "1s");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(new WatermarkStore(state).read(new SourceIdentity(FakeHistorySourceFactory.TYPE, "fake://default"),
                Flow.QUERY_LOGS)).isNull();
    }

    // ---- dead letters -------------------------------------------------------------------------

    /** SQL that gzip cannot shrink: {@code bytes} random hex characters in a comment. */
    private static String incompressibleSql(int bytes) {
        byte[] b = new byte[bytes / 2];
        new Random(11).nextBytes(b);
        return "SELECT 1 /* " + HexFormat.of().formatHex(b) + " */";
    }

    private static String queryLine(int i, String text) {
        return "{\"start_time\": \"2026-11-25T08:00:0" + (i % 10) + "Z\", \"end_time\": \"2026-11-25T08:01:00Z\", "
                + "\"query_text\": \"" + text + "\", \"query_id\": \"q" + i + "\"}";
    }

    @Test
    void anEventTooBigEvenAloneGoesVerbatimToTheDeadLettersAndTheRestIsDelivered() {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            events.add(queryLine(i, i == 3 ? incompressibleSql(3_000_000) : "SELECT " + i + " FROM t"));
        }
        Path manifest = Manifests.write(dir.resolve("q.jsonl"), Manifests.QUERY_LOG_HEADER, events);
        TestGateway gateway = gateway();

        Cli.Run run = push(gateway, "query-logs", manifest);

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        Path deadLetters = dir.resolve("q.jsonl.push.json.dead-letters.jsonl");
        assertThat(run.all()).contains("dead-letters").contains(deadLetters.toString());
        assertThat(lines(deadLetters)).containsExactly(Manifests.QUERY_LOG_HEADER, events.get(3));
        assertThat(gateway.events("QUERY_LOG")).hasSize(5);
        JsonNode result = Manifests.readJson(dir.resolve("q.jsonl.push.json"));
        assertThat(result.path("status").asText()).isEqualTo("dead_letters");
        assertThat(result.path("dead_letters").asLong()).isEqualTo(1);
        assertThat(result.path("dead_letters_file").asText()).isEqualTo(deadLetters.toString());
    }

    @Test
    void aBatchRefusedWithBadRequestIsBisectedDownToTheEventThatFailsAlone() {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            events.add(Manifests.table(Manifests.name(i), i == 17 ? "POISON-7c1" : null));
        }
        Path manifest = Manifests.write(dir.resolve("m.jsonl"), Manifests.METADATA_HEADER, events);
        TestGateway gateway = gateway("400:match=POISON-7c1");

        Cli.Run run = push(gateway, "metadata", manifest);

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        Path deadLetters = dir.resolve("m.jsonl.push.json.dead-letters.jsonl");
        assertThat(lines(deadLetters)).containsExactly(Manifests.METADATA_HEADER, events.get(17));
        assertThat(gateway.metadataNames()).hasSize(39).doesNotContain(Manifests.name(17)).doesNotHaveDuplicates();

        // the dead letters are a manifest: once the gateway takes them, they replay as they are
        TestGateway healthy = gateway();
        Cli.Run replay = push(healthy, "metadata", deadLetters);
        assertThat(replay.exitCode()).as(replay.toString()).isZero();
        assertThat(healthy.metadataNames()).containsExactly(Manifests.name(17));
    }

    @Test
    void runAdvancesTheWatermarkPastABadQueryOnceItIsInTheDeadLetters() {
        TestGateway gateway = gateway("400:match=BAD-QUERY-x9");
        Path state = dir.resolve("state");
        Map<String, String> env = new LinkedHashMap<>(Cli.env(gateway));
        env.put("MCD_RESOURCE_UUID", Manifests.UUID);
        Path result = dir.resolve("r.json");

        Cli.Run run = SourceCli.run(env, "run", "query-logs", "--source", "fake-history", "--poison", "BAD-QUERY-x9",
                "--lookback", "1h", "--state-dir", state.toString(), "--result", result.toString(),
                "--retry-deadline", "1s");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        Path deadLetters = dir.resolve("r.json.dead-letters.jsonl");
        List<String> dead = lines(deadLetters);
        assertThat(dead).hasSize(2);
        assertThat(dead.get(0)).contains("\"flow\": \"query_logs\"").contains("fake-history");
        assertThat(dead.get(1)).contains("BAD-QUERY-x9");
        long events = Manifests.readJson(result).path("events").asLong();
        assertThat(gateway.events("QUERY_LOG")).hasSize((int) events - 1);
        assertThat(new WatermarkStore(state).read(new SourceIdentity(FakeHistorySourceFactory.TYPE, "fake://default"),
                Flow.QUERY_LOGS)).isNotNull();
    }

    // ---- secure defaults ----------------------------------------------------------------------

    @Test
    void plainHttpToAnotherMachineIsRefusedBeforeAnythingIsSent() {
        Path manifest = Manifests.metadata(dir.resolve("m.jsonl"), 3);
        TestGateway gateway = gateway();
        Map<String, String> env = new LinkedHashMap<>(Cli.env(gateway));
        env.put("MCD_RESOURCE_UUID", Manifests.UUID);

        Cli.Run flag = Cli.run(env, "push", "metadata", "--manifest", manifest.toString(), "--endpoint",
                "http://ingest.example.com");
        env.put("MCD_INGEST_ENDPOINT", "http://10.1.2.3:8080");
        Cli.Run fromEnv = Cli.run(env, "push", "metadata", "--manifest", manifest.toString());

        assertThat(flag.exitCode()).as(flag.toString()).isEqualTo(2);
        assertThat(flag.err()).contains("--endpoint").contains("https://");
        assertThat(fromEnv.exitCode()).as(fromEnv.toString()).isEqualTo(2);
        assertThat(fromEnv.err()).contains("MCD_INGEST_ENDPOINT");
        assertThat(gateway.received()).isZero();
    }

    @Test
    void graphqlCommandsRefusePlainHttpToAnotherMachine() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("MCD_ID", "id");
        env.put("MCD_TOKEN", "token-SECRET-1");
        env.put("MCD_API_ENDPOINT", "http://api.example.com/graphql");

        Cli.Run resources = Cli.run(env, "resources");
        Path result = dir.resolve("r.json");
        Cli.Run validate = Cli.run(env, "validate", "metadata", "--result", result.toString());

        assertThat(resources.exitCode()).as(resources.toString()).isEqualTo(2);
        assertThat(resources.err()).contains("MCD_API_ENDPOINT").contains("https://");
        assertThat(validate.exitCode()).as(validate.toString()).isEqualTo(2);
        assertThat(resources.all() + validate.all()).doesNotContain("token-SECRET-1");
    }

    @Test
    void aTlsHandshakeFailureIsNeitherRetriedNorAPossibleDuplicate() throws Exception {
        Path manifest = Manifests.metadata(dir.resolve("m.jsonl"), 3);
        // a plain-text server on loopback: every TLS handshake with it meets an HTTP answer
        try (java.net.ServerSocket plain = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();
            Thread server = new Thread(() -> {
                while (!plain.isClosed()) {
                    try (java.net.Socket s = plain.accept()) {
                        connections.incrementAndGet();
                        s.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
                                .getBytes(StandardCharsets.US_ASCII));
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            server.setDaemon(true);
            server.start();
            Map<String, String> env = new LinkedHashMap<>();
            env.put("MCD_INGEST_ID", TestGateway.KEY_ID);
            env.put("MCD_INGEST_TOKEN", TestGateway.TOKEN);
            env.put("MCD_INGEST_ENDPOINT", "https://127.0.0.1:" + plain.getLocalPort());

            Cli.Run run = Cli.run(env, "push", "metadata", "--manifest", manifest.toString(), "--retry-deadline", "1m");

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
            assertThat(run.err()).contains("TLS handshake").doesNotContain("retrying");
            JsonNode batch = Manifests.readJson(dir.resolve("m.jsonl.push.json")).path("batches").get(0);
            assertThat(batch.path("attempts").asInt()).isEqualTo(1);
            assertThat(batch.has("possible_duplicate")).isFalse();
            assertThat(connections.get()).isEqualTo(1);
        }
    }

    @Test
    void aRefusedConnectionIsRetriedAndNeverAPossibleDuplicate() throws IOException {
        Path manifest = Manifests.metadata(dir.resolve("m.jsonl"), 3);
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("MCD_INGEST_ID", TestGateway.KEY_ID);
        env.put("MCD_INGEST_TOKEN", TestGateway.TOKEN);
        env.put("MCD_INGEST_ENDPOINT", "http://127.0.0.1:" + closedPort);

        Cli.Run run = Cli.run(env, "push", "metadata", "--manifest", manifest.toString(), "--retry-deadline", "2s");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).contains("retrying:").contains("cannot connect to 127.0.0.1:" + closedPort);
        JsonNode batch = Manifests.readJson(dir.resolve("m.jsonl.push.json")).path("batches").get(0);
        assertThat(batch.path("attempts").asInt()).isGreaterThan(1);
        assertThat(batch.has("possible_duplicate")).isFalse();
    }

    // ---- timestamps ---------------------------------------------------------------------------

    @Test
    void timestampsWithOffsetsAreSentInUtc() {
        String line = "{\"type\": \"TABLE\", \"metadata\": {\"name\": \"T\", \"database\": \"SHOP\", \"schema\": \"RAW\", "
                + "\"created_on\": \"2026-11-25T10:00:00+02:00\"}, \"freshness\": {\"last_update_time\": "
                + "\"2026-11-25T09:30:00.250000-05:00\"}}";
        Path manifest = Manifests.write(dir.resolve("m.jsonl"), Manifests.METADATA_HEADER, List.of(line));
        String query = "{\"start_time\": \"2026-11-25T10:00:00+02:00\", \"end_time\": \"2026-11-25T10:00:01+02:00\", "
                + "\"query_text\": \"SELECT 1\"}";
        Path queries = Manifests.write(dir.resolve("q.jsonl"), Manifests.QUERY_LOG_HEADER, List.of(query));
        TestGateway gateway = gateway();

        assertThat(push(gateway, "metadata", manifest).exitCode()).isZero();
        assertThat(push(gateway, "query-logs", queries).exitCode()).isZero();

        JsonNode asset = gateway.events("METADATA").get(0).get("relational_asset");
        assertThat(asset.path("metadata").path("created_on").asText()).isEqualTo("2026-11-25T08:00:00Z");
        assertThat(asset.path("freshness").path("last_update_time").asText()).isEqualTo("2026-11-25T14:30:00.250000Z");
        JsonNode q = gateway.events("QUERY_LOG").get(0);
        assertThat(q.path("start_time").asText()).isEqualTo("2026-11-25T08:00:00Z");
    }
}
