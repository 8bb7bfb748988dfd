package io.mcpush.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcpush.emulator.StoredRequest;
import io.mcpush.sdk.EventType;
import io.mcpush.sdk.push.IngestionClient;
import io.mcpush.sdk.push.IngestionException;
import io.mcpush.sdk.push.RetryPolicy;
import io.mcpush.sdk.push.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Retries against injected gateway faults, and what is not retried. */
class RetriesIT {
    @TempDir
    Path dir;

    private TestGateway gateway;

    @AfterEach
    void stopGateway() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private Cli.Run pushMetadata(int events, String... extra) {
        Path manifest = Manifests.metadata(dir.resolve("m.jsonl"), events);
        List<String> args = new java.util.ArrayList<>(List.of("push", "metadata", "--manifest", manifest.toString(),
                "--result", dir.resolve("r.json").toString()));
        args.addAll(List.of(extra));
        return Cli.run(Cli.env(gateway), args.toArray(String[]::new));
    }

    private JsonNode result() {
        return Manifests.readJson(dir.resolve("r.json"));
    }

    @Test
    void tooManyRequestsWithRetryAfterIsRetriedUntilAccepted() {
        gateway = TestGateway.start("429:count=2:retry-after=1");

        Cli.Run run = pushMetadata(3);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(gateway.received()).isEqualTo(3);
        assertThat(gateway.accepted()).hasSize(1);
        assertThat(gateway.metadataNames()).containsExactly("T0000", "T0001", "T0002");
        JsonNode batch = result().path("batches").get(0);
        assertThat(batch.path("attempts").asInt()).isEqualTo(3);
        assertThat(batch.path("possible_duplicate").asBoolean()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"500:count=2", "503:count=2", "reset:count=2"})
    void serverErrorsAndResetConnectionsAreRetried(String fault) {
        gateway = TestGateway.start(fault);

        Cli.Run run = pushMetadata(3);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(gateway.received()).isEqualTo(3);
        assertThat(gateway.accepted()).hasSize(1);
        assertThat(gateway.metadataNames()).containsExactly("T0000", "T0001", "T0002");
        assertThat(result().path("batches").get(0).path("attempts").asInt()).isEqualTo(3);
        assertThat(result().path("invocation_ids").get(0).asText()).isEqualTo(gateway.accepted().get(0).invocationId());
    }

    @Test
    void answerSlowerThanTheTimeoutIsRetriedAndFlaggedAsPossibleDuplicate() {
        // the first attempt is held for 10 minutes (dropped unstored when the gateway closes), so it
        // certainly times out; the retry must only be answered within the timeout, which 3 s leaves
        // room for on a loaded machine
        gateway = TestGateway.start("slow:ms=600000:count=1");

        Cli.Run run = pushMetadata(3, "--timeout", "3s");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(gateway.received()).isEqualTo(2);
        assertThat(gateway.accepted()).hasSize(1);
        JsonNode batch = result().path("batches").get(0);
        assertThat(batch.path("attempts").asInt()).isEqualTo(2);
        assertThat(batch.path("possible_duplicate").asBoolean()).isTrue();
        assertThat(gateway.accepted()).extracting(StoredRequest::invocationId)
                .contains(batch.path("invocation_id").asText());
    }

    @Test
    void badRequestFailsAtOnceWithStatusAndBodyExcerpt() {
        gateway = TestGateway.start();
        IngestionClient client = IngestionClient.builder()
                .endpoint(gateway.emulator().baseUrl())
                .key(TestGateway.KEY_ID, new Secret(TestGateway.TOKEN))
                .retryPolicy(new RetryPolicy(Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(1),
                        Duration.ofSeconds(5), 5))
                .build();

        assertThatThrownBy(() -> client.sendRaw(EventType.METADATA,
                "{\"event_type\": \"METADATA\", \"resource\": {\"uuid\": \"" + Manifests.UUID
                        + "\", \"resource_type\": \"snowflake\"}, \"events\": [{\"relational_asset\": {\"type\": \"BASE TABLE\"}}]}"))
                .isInstanceOfSatisfying(IngestionException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.attempts()).isEqualTo(1);
                    assertThat(e.bodyExcerpt()).isNotBlank();
                    assertThat(e.getMessage()).contains("HTTP 400").contains("Response: ").contains(e.bodyExcerpt());
                });
        assertThat(gateway.received()).isEqualTo(1);
        assertThat(gateway.accepted()).isEmpty();
    }

    @Test
    void wrongTokenFailsWithExitOneAfterOneRequest() {
        gateway = TestGateway.start();
        Path manifest = Manifests.metadata(dir.resolve("m.jsonl"), 3);
        Map<String, String> env = new HashMap<>(Cli.env(gateway));
        env.put("MCD_INGEST_TOKEN", "not-the-token");

        Cli.Run run = Cli.run(env, "push", "metadata", "--manifest", manifest.toString(), "--concurrency", "1");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(gateway.received()).isEqualTo(1);
        assertThat(gateway.accepted()).isEmpty();
        assertThat(run.err()).contains("401").contains("MCD_INGEST_TOKEN").containsIgnoringCase("key");
    }

    @Test
    void retryDeadlineStopsRetriesAndTheLedgerKeepsWhatWasAcknowledged() throws Exception {
        // a seed whose first two draws let requests through and whose next thirty all fail: the
        // first two batches are acknowledged, the third meets 503 until the deadline
        double rate = 0.9;
        long seed = seedPassingThenFailing(rate, 2, 30);
        gateway = TestGateway.start("503:rate=" + rate + ":seed=" + seed);

        Cli.Run run = pushMetadata(30, "--max-events", "10", "--concurrency", "1", "--retry-deadline", "2s");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(gateway.accepted()).hasSize(2);
        int failedAttempts = gateway.received() - 2;
        assertThat(failedAttempts).isGreaterThan(1);
        assertThat(run.err()).contains("503").contains("deadline");
        JsonNode r = result();
        assertThat(r.path("status").asText()).isEqualTo("failed");
        JsonNode batches = r.path("batches");
        assertThat(batches.size()).isEqualTo(3);
        assertThat(batches.get(0).path("status").asText()).isEqualTo("acknowledged");
        assertThat(batches.get(1).path("status").asText()).isEqualTo("acknowledged");
        assertThat(batches.get(2).path("status").asText()).isEqualTo("failed");
        assertThat(batches.get(2).path("attempts").asInt()).isEqualTo(failedAttempts);
        assertThat(Manifests.texts(r.path("invocation_ids")))
                .containsExactlyElementsOf(gateway.accepted().stream().map(StoredRequest::invocationId).toList());
        Path ledger = dir.resolve("r.json.ledger");
        List<String> acks = Files.readAllLines(ledger).stream().filter(l -> l.contains("\"ack\"")).toList();
        assertThat(acks).hasSize(2);

        // the rerun against a healthy gateway sends only the batch that failed
        gateway.close();
        gateway = TestGateway.start();
        Cli.Run rerun = pushMetadata(30, "--max-events", "10", "--concurrency", "1", "--retry-deadline", "2s");

        assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
        assertThat(gateway.received()).isEqualTo(1);
        assertThat(gateway.metadataNames()).containsExactlyElementsOf(
                IntStream.range(20, 30).mapToObj(Manifests::name).toList());
        JsonNode after = result();
        assertThat(after.path("status").asText()).isEqualTo("complete");
        assertThat(after.path("batches")).extracting(b -> b.path("status").asText())
                .containsExactly("resumed", "resumed", "acknowledged");
        assertThat(Manifests.texts(after.path("invocation_ids"))).hasSize(3);
    }

    @Test
    void lostAnswerIsResentAndOnlyThatBatchIsMarkedPossibleDuplicate() {
        gateway = TestGateway.start("lost:nth=2");

        Cli.Run run = pushMetadata(30, "--max-events", "10", "--concurrency", "1");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(gateway.accepted()).hasSize(4);
        Map<String, Integer> counts = gateway.metadataNameCounts();
        for (int i = 0; i < 30; i++) {
            assertThat(counts.get(Manifests.name(i))).as(Manifests.name(i)).isEqualTo(i >= 10 && i < 20 ? 2 : 1);
        }
        JsonNode r = result();
        JsonNode batches = r.path("batches");
        assertThat(batches.size()).isEqualTo(3);
        assertThat(batches.get(1).path("possible_duplicate").asBoolean()).isTrue();
        assertThat(batches.get(0).has("possible_duplicate")).isFalse();
        assertThat(batches.get(2).has("possible_duplicate")).isFalse();
        assertThat(r.path("possible_duplicates").asInt()).isEqualTo(1);
        // the id of the retry is the one reported; the lost answer's id was never seen by the client
        assertThat(batches.get(1).path("invocation_id").asText()).isEqualTo(gateway.accepted().get(2).invocationId());
        assertThat(run.out()).contains("possible duplicate");
    }

    /** A seed for which {@code pass} draws are at or above {@code rate}, then {@code fail} draws below it. */
    private static long seedPassingThenFailing(double rate, int pass, int fail) {
        for (long seed = 0; ; seed++) {
            Random random = new Random(seed);
            boolean ok = true;
            for (int i = 0; i < pass + fail && ok; i++) {
                double d = random.nextDouble();
                ok = i < pass ? d >= rate : d < rate;
            }
            if (ok) {
                return seed;
            }
        }
    }
}
