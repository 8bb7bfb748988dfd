package io.mcpush.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcpush.emulator.Emulator;
import io.mcpush.emulator.EmulatorConfig;
import io.mcpush.emulator.FaultPlan;
import io.mcpush.emulator.IngestKey;
import io.mcpush.emulator.StoredRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A push killed mid-way (a child JVM, destroyed forcibly) and rerun: nothing acknowledged is
 * sent again, everything lands, and only requests whose answer may have died with the process
 * can be stored twice, and then they are flagged.
 */
class KillAndResumeIT {
    private static final int EVENTS = 400;

    @TempDir
    Path dir;

    @Test
    void killedPushResumesWithoutResendingAcknowledgedBatches() throws Exception {
        Path store = dir.resolve("store");
        Path manifest = Manifests.metadata(dir.resolve("m.jsonl"), EVENTS);
        Path result = dir.resolve("r.json");
        String[] args = {"push", "metadata", "--manifest", manifest.toString(), "--result", result.toString(),
                "--max-events", "10", "--concurrency", "2"};

        Set<String> idsBeforeRerun;
        // The first five requests are answered; every later one is held (10 minutes, longer than the
        // test) until the emulator closes, which drops it unstored. So the child is still pushing
        // when it is killed, however slowly this machine runs it: no race with the push finishing.
        try (Emulator stalling = start(store, "slow:ms=0:count=5", "slow:ms=600000")) {
            Process child = child(stalling, args);
            long giveUp = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (stalling.accepted().size() < 5 && child.isAlive() && System.nanoTime() < giveUp) {
                Thread.sleep(20);
            }
            assertThat(child.isAlive()).as("the child is still pushing: " + Files.readString(dir.resolve("child.err")))
                    .isTrue();
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(stalling.accepted()).hasSize(5);
        }

        try (Emulator healthy = start(store)) {
            idsBeforeRerun = healthy.accepted().stream().map(StoredRequest::invocationId).collect(Collectors.toSet());
            int storedBefore = healthy.accepted().size();
            Map<String, String> env = new HashMap<>();
            env.put("MCD_INGEST_ID", TestGateway.KEY_ID);
            env.put("MCD_INGEST_TOKEN", TestGateway.TOKEN);
            env.put("MCD_INGEST_ENDPOINT", healthy.baseUrl().toString());

            Cli.Run rerun = Cli.run(env, args);

            assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
            JsonNode r = Manifests.readJson(result);
            assertThat(r.path("status").asText()).isEqualTo("complete");
            JsonNode batches = r.path("batches");
            assertThat(batches.size()).isEqualTo(EVENTS / 10);
            int resumed = 0;
            int acknowledged = 0;
            Set<String> flaggedNames = new HashSet<>();
            for (JsonNode b : batches) {
                String status = b.path("status").asText();
                String id = b.path("invocation_id").asText();
                assertThat(status).isIn("resumed", "acknowledged");
                if (status.equals("resumed")) {
                    resumed++;
                    assertThat(idsBeforeRerun).as("a resumed batch carries the id the first run got").contains(id);
                } else {
                    acknowledged++;
                    assertThat(idsBeforeRerun).as("a batch sent now has a new id").doesNotContain(id);
                }
                if (b.path("possible_duplicate").asBoolean()) {
                    for (long line = b.path("first_line").asLong(); line <= b.path("last_line").asLong(); line++) {
                        flaggedNames.add(Manifests.name((int) line - 2));
                    }
                }
            }
            assertThat(resumed).isPositive();
            assertThat(acknowledged).isPositive();
            // resumed batches were not resent: the rerun sent exactly the others
            assertThat(healthy.receivedCount()).isEqualTo(acknowledged);
            assertThat(healthy.accepted().size()).isEqualTo(storedBefore + acknowledged);
            List<String> ids = Manifests.texts(r.path("invocation_ids"));
            assertThat(ids).hasSize(batches.size()).doesNotContainNull();

            Map<String, Integer> counts = new HashMap<>();
            for (StoredRequest s : healthy.accepted()) {
                TestGateway.assetNames(s).forEach(n -> counts.merge(n, 1, Integer::sum));
            }
            for (int i = 0; i < EVENTS; i++) {
                String name = Manifests.name(i);
                assertThat(counts.get(name)).as("%s stored", name).isNotNull();
                if (counts.get(name) > 1) {
                    assertThat(counts.get(name)).as("%s stored", name).isEqualTo(2);
                    assertThat(flaggedNames).as("%s was stored twice, so its batch is flagged", name).contains(name);
                }
            }
        }
    }

    private static Emulator start(Path store, String... faults) {
        return Emulator.start(EmulatorConfig.builder().port(0).key(new IngestKey(TestGateway.KEY_ID, TestGateway.TOKEN))
                .storeDir(store).faults(FaultPlan.parse(List.of(faults))).build());
    }

    private Process child(Emulator emulator, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.mcpush.cli.Main"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectOutput(dir.resolve("child.out").toFile())
                .redirectError(dir.resolve("child.err").toFile());
        pb.environment().put("MCD_INGEST_ID", TestGateway.KEY_ID);
        pb.environment().put("MCD_INGEST_TOKEN", TestGateway.TOKEN);
        pb.environment().put("MCD_INGEST_ENDPOINT", emulator.baseUrl().toString());
        pb.environment().remove("MCD_RESOURCE_UUID");
        return pb.start();
    }
}
