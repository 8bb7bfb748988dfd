package io.mcpush.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcpush.emulator.StoredRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a push is cut into requests, proved from what the gateway stored. */
class BatchingIT {
    @TempDir
    Path dir;

    private TestGateway gateway;

    @AfterEach
    void stopGateway() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private static List<String> names(int count) {
        return IntStream.range(0, count).mapToObj(Manifests::name).toList();
    }

    @Test
    void countCapCutsFiftyEventsIntoEightRequestsKeepingOrder() {
        gateway = TestGateway.start();
        Path manifest = Manifests.metadata(dir.resolve("m.jsonl"), 50);
        Path result = dir.resolve("r.json");

        Cli.Run run = Cli.run(Cli.env(gateway), "push", "metadata", "--manifest", manifest.toString(),
                "--result", result.toString(), "--max-events", "7", "--concurrency", "1");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(gateway.accepted()).hasSize(8);
        assertThat(gateway.accepted()).extracting(StoredRequest::eventCount).containsExactly(7, 7, 7, 7, 7, 7, 7, 1);
        assertThat(gateway.metadataNames()).containsExactlyElementsOf(names(50));
        JsonNode batches = Manifests.readJson(result).path("batches");
        assertThat(batches.size()).isEqualTo(8);
        for (int i = 0; i < 8; i++) {
            // line 1 is the header: event k sits on line k + 2
            assertThat(batches.get(i).path("first_line").asLong()).isEqualTo(2 + 7L * i);
        }
    }

    @Test
    void countCapHoldsUnderConcurrencyToo() {
        gateway = TestGateway.start();
        Path manifest = Manifests.metadata(dir.resolve("m.jsonl"), 50);

        Cli.Run run = Cli.run(Cli.env(gateway), "push", "metadata", "--manifest", manifest.toString(),
                "--max-events", "7", "--concurrency", "4");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(gateway.accepted()).hasSize(8).allSatisfy(r -> assertThat(r.eventCount()).isLessThanOrEqualTo(7));
        assertThat(gateway.metadataNames()).containsExactlyInAnyOrderElementsOf(names(50));
        for (StoredRequest r : gateway.accepted()) {
            List<String> inRequest = TestGateway.assetNames(r);
            assertThat(inRequest).isSorted();
        }
    }

    @Test
    void sizeCapForcesSeveralRequestsEachWithinTheCap() {
        long cap = 20_000;
        // the gateway refuses anything over the cap too: a single 413 would show as received > accepted
        gateway = TestGateway.start(cap);
        Path manifest = Manifests.metadata(dir.resolve("m.jsonl"), 100, 1500);
        Path result = dir.resolve("r.json");

        Cli.Run run = Cli.run(Cli.env(gateway), "push", "metadata", "--manifest", manifest.toString(),
                "--result", result.toString(), "--max-events", "1000", "--max-compressed-bytes", String.valueOf(cap),
                "--concurrency", "1");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<StoredRequest> accepted = gateway.accepted();
        assertThat(accepted.size()).isGreaterThanOrEqualTo(3);
        assertThat(gateway.received()).isEqualTo(accepted.size());
        List<Long> sizes = new ArrayList<>();
        for (StoredRequest r : accepted) {
            sizes.add(TestGateway.gzipSize(TestGateway.wireBytes(r)));
        }
        assertThat(sizes).allSatisfy(s -> assertThat(s).isLessThanOrEqualTo(cap));
        // requests are filled, not cut needlessly small (all but the last)
        assertThat(sizes.subList(0, sizes.size() - 1)).allSatisfy(s -> assertThat(s).isGreaterThan(cap * 8 / 10));
        assertThat(gateway.metadataNames()).containsExactlyElementsOf(names(100));
        JsonNode batches = Manifests.readJson(result).path("batches");
        for (int i = 0; i < batches.size(); i++) {
            StoredRequest r = gateway.byInvocationId(batches.get(i).path("invocation_id").asText());
            // the batcher measures with an incrementally flushed deflater, so its figure is a
            // gzip size of the body, not necessarily the one a one-shot compressor produces
            long real = TestGateway.gzipSize(TestGateway.wireBytes(r));
            assertThat(batches.get(i).path("compressed_bytes").asLong())
                    .as("the result's compressed_bytes is the request's gzip size")
                    .isBetween(real * 98 / 100, real * 102 / 100)
                    .isLessThanOrEqualTo(cap);
        }
    }

    @Test
    void eventAloneOverTheCapIsADeadLetterNamingItsLineAndTheRestIsDelivered() throws Exception {
        gateway = TestGateway.start();
        Path manifest = Manifests.metadata(dir.resolve("m.jsonl"), 10, 40);
        List<String> lines = new ArrayList<>(Files.readAllLines(manifest));
        lines.set(4, Manifests.table("HUGE", randomHex(20_000)));
        Files.write(manifest, lines);

        Cli.Run run = Cli.run(Cli.env(gateway), "push", "metadata", "--manifest", manifest.toString(),
                "--max-compressed-bytes", "4000");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).contains("line 5").contains("HUGE").contains("4000").contains("dead-letters");
        assertThat(gateway.metadataNames()).hasSize(9).doesNotContain("HUGE");
        assertThat(Files.readAllLines(dir.resolve("m.jsonl.push.json.dead-letters.jsonl")))
                .containsExactly(lines.get(0), lines.get(4));
    }

    @Test
    void gateway413SplitsTheBatchAndEveryEventLandsOnce() {
        // the gateway takes less than the client thinks: the client learns it from the 413
        gateway = TestGateway.start(3_000);
        Path manifest = Manifests.metadata(dir.resolve("m.jsonl"), 40, 400);
        Path result = dir.resolve("r.json");

        Cli.Run run = Cli.run(Cli.env(gateway), "push", "metadata", "--manifest", manifest.toString(),
                "--result", result.toString(), "--max-events", "40", "--concurrency", "1");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).contains("413");
        assertThat(gateway.received()).isGreaterThan(gateway.accepted().size());
        assertThat(gateway.accepted().size()).isGreaterThan(1);
        assertThat(gateway.metadataNames()).containsExactlyElementsOf(names(40));
        JsonNode r = Manifests.readJson(result);
        assertThat(r.path("events").asInt()).isEqualTo(40);
        int events = 0;
        for (JsonNode b : r.path("batches")) {
            assertThat(b.path("status").asText()).isEqualTo("acknowledged");
            events += b.path("events").asInt();
        }
        assertThat(events).isEqualTo(40);
        assertThat(Manifests.texts(r.path("invocation_ids")))
                .containsExactlyElementsOf(gateway.accepted().stream().map(StoredRequest::invocationId).toList());
    }

    private static String randomHex(int chars) {
        byte[] b = new byte[chars / 2];
        new java.util.Random(3).nextBytes(b);
        return java.util.HexFormat.of().formatHex(b);
    }
}
