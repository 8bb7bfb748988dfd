package io.mcpush.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcpush.sdk.Flow;
import io.mcpush.sdk.Timestamps;
import io.mcpush.sdk.manifest.ManifestHeader;
import io.mcpush.sdk.manifest.ManifestReader;
import io.mcpush.source.SourceIdentity;
import io.mcpush.source.WatermarkStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Query-log windows and watermarks through {@code collect}, {@code push} and {@code run}, with a
 * hand-written history source and the emulator: the watermark moves only after a complete push.
 */
class WatermarkIT {
    private static final SourceIdentity FAKE = new SourceIdentity(FakeHistorySourceFactory.TYPE, "fake://default");

    @TempDir
    Path dir;

    private TestGateway gateway;

    @AfterEach
    void stopGateway() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private Path state() {
        return dir.resolve("state");
    }

    private Instant watermark() {
        return new WatermarkStore(state()).read(FAKE, Flow.QUERY_LOGS);
    }

    private Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>(Cli.env(gateway));
        env.put("MCD_RESOURCE_UUID", Manifests.UUID);
        return env;
    }

    private Cli.Run runQueryLogs(String... extra) {
        List<String> args = new ArrayList<>(List.of("run", "query-logs", "--source", "fake-history", "--lookback", "2h",
                "--state-dir", state().toString(), "--result", dir.resolve("r.json").toString(),
                "--retry-deadline", "1s"));
        args.addAll(List.of(extra));
        return SourceCli.run(env(), args.toArray(String[]::new));
    }

    @Test
    void runAdvancesTheWatermarkToTheWindowEndAfterACompletePush() {
        gateway = TestGateway.start();
        Instant before = Instant.now();

        Cli.Run first = runQueryLogs();

        assertThat(first.exitCode()).as(first.toString()).isZero();
        JsonNode result = Manifests.readJson(dir.resolve("r.json"));
        Instant start = Timestamps.parseZoned(result.path("window_start").asText());
        Instant end = Timestamps.parseZoned(result.path("window_end").asText());
        assertThat(Duration.between(start, end)).isEqualTo(Duration.ofHours(2));
        assertThat(end).isBetween(before.minusSeconds(1), Instant.now());
        assertThat(watermark()).isEqualTo(end);
        // [end - 2h, end) holds exactly 120 whole minutes, wherever in the minute the clock stood
        assertThat(result.path("events").asLong()).as(first.toString()).isEqualTo(120L);
        assertThat(gateway.events("QUERY_LOG")).hasSize((int) result.path("events").asLong());

        Cli.Run second = runQueryLogs();

        assertThat(second.exitCode()).as(second.toString()).isZero();
        JsonNode next = Manifests.readJson(dir.resolve("r.json"));
        assertThat(next.path("window_start").asText()).isEqualTo(Timestamps.toWire(end));
        assertThat(watermark()).isEqualTo(Timestamps.parseZoned(next.path("window_end").asText()));
    }

    @Test
    void aFailedPushLeavesTheWatermarkWhereItWas() {
        gateway = TestGateway.start("503");

        Cli.Run r = runQueryLogs();

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(watermark()).isNull();
        assertThat(Manifests.readJson(dir.resolve("r.json")).path("status").asText()).isEqualTo("failed");
    }

    @Test
    void collectRecordsTheWindowAndPushAdvancesTheWatermarkOnlyWhenComplete() {
        Path manifest = dir.resolve("q.jsonl");
        Cli.Run collect = SourceCli.run(Map.of(), "collect", "query-logs", "--source", "fake-history", "--lookback", "1h",
                "--state-dir", state().toString(), "--out", manifest.toString());
        assertThat(collect.exitCode()).as(collect.toString()).isZero();
        ManifestHeader header;
        try (ManifestReader reader = ManifestReader.open(manifest)) {
            header = reader.header();
        }
        assertThat(header.windowStart()).isNotNull();
        assertThat(header.windowEnd()).isNotNull();
        assertThat(header.source()).containsEntry("type", "fake-history").containsEntry("id", "fake://default");
        assertThat(watermark()).as("collect alone moves nothing").isNull();

        gateway = TestGateway.start("503");
        Cli.Run failed = Cli.run(env(), "push", "query-logs", "--manifest", manifest.toString(),
                "--state-dir", state().toString(), "--retry-deadline", "1s");
        gateway.close();
        assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
        assertThat(watermark()).isNull();

        gateway = TestGateway.start();
        Cli.Run pushed = Cli.run(env(), "push", "query-logs", "--manifest", manifest.toString(),
                "--state-dir", state().toString());
        assertThat(pushed.exitCode()).as(pushed.toString()).isZero();
        assertThat(watermark()).isEqualTo(Timestamps.parseZoned(header.windowEnd()));
        assertThat(pushed.out()).contains("watermark of fake-history fake://default query_logs advanced to "
                + header.windowEnd());

        Cli.Run next = SourceCli.run(Map.of(), "collect", "query-logs", "--source", "fake-history",
                "--state-dir", state().toString(), "--out", dir.resolve("q2.jsonl").toString());
        assertThat(next.exitCode()).as(next.toString()).isZero();
        try (ManifestReader reader = ManifestReader.open(dir.resolve("q2.jsonl"))) {
            assertThat(reader.header().windowStart()).isEqualTo(header.windowEnd());
        }
    }

    @Test
    void queryLogsMonteCarloDoesNotTakeNeedAnExplicitLogType() {
        gateway = TestGateway.start();

        Cli.Run refused = runQueryLogs("--native-log-type", "postgres");
        Cli.Run named = runQueryLogs("--native-log-type", "postgres", "--log-type", "snowflake");

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
        assertThat(refused.err()).contains("takes no postgres query logs").contains("--log-type");
        assertThat(named.exitCode()).as(named.toString()).isZero();
        assertThat(gateway.accepted()).allSatisfy(r -> assertThat(r.resourceValue()).isEqualTo("snowflake"));
    }

    @Test
    void warningsAreReportedInTheManifestAndTheResultAndStrictFailsOnThem() {
        gateway = TestGateway.start();
        Path manifest = dir.resolve("q.jsonl");

        Cli.Run collect = SourceCli.run(Map.of(), "collect", "query-logs", "--source", "fake-history",
                "--warning", "schema x: permission denied", "--state-dir", state().toString(),
                "--out", manifest.toString());
        Cli.Run strict = SourceCli.run(Map.of(), "collect", "query-logs", "--source", "fake-history",
                "--warning", "schema x: permission denied", "--state-dir", state().toString(),
                "--out", dir.resolve("strict.jsonl").toString(), "--strict");
        Cli.Run run = runQueryLogs("--warning", "schema x: permission denied");

        assertThat(collect.exitCode()).as(collect.toString()).isZero();
        assertThat(collect.out()).contains("warning: schema x: permission denied").contains("1 warning");
        try (ManifestReader reader = ManifestReader.open(manifest)) {
            assertThat(reader.header().source()).containsEntry("warnings", List.of("schema x: permission denied"));
            assertThat(reader.next()).isNotNull();
        }
        assertThat(strict.exitCode()).as(strict.toString()).isEqualTo(1);
        assertThat(strict.err()).contains("--strict");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(Manifests.texts(Manifests.readJson(dir.resolve("r.json")).path("warnings")))
                .containsExactly("schema x: permission denied");
    }
}
