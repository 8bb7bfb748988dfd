package io.mcpush.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcpush.emulator.Emulator;
import io.mcpush.emulator.EmulatorConfig;
import io.mcpush.emulator.GraphqlKey;
import io.mcpush.emulator.IngestKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code mcpush validate} end to end: push with the CLI, then validate against the emulator's GraphQL API. */
class ValidateCommandIT {
    static final String API_ID = "it-api-key";
    /** Distinctive, so that a leak is easy to spot in any output. */
    static final String API_TOKEN = "api-SECRET-4b3a2c";

    @TempDir
    Path dir;

    private Emulator emulator;
    /** The emulator's clock: the system's until a test moves it. */
    private final LineageCommandIT.MovableClock clock = new LineageCommandIT.MovableClock();

    @AfterEach
    void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }

    private void start(Duration queryLogDelay) {
        emulator = Emulator.start(EmulatorConfig.builder().port(0)
                .key(new IngestKey(TestGateway.KEY_ID, TestGateway.TOKEN))
                .graphqlKey(new GraphqlKey(API_ID, API_TOKEN))
                .queryLogDelay(queryLogDelay)
                .clock(clock)
                .build());
    }

    private Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("MCD_INGEST_ID", TestGateway.KEY_ID);
        env.put("MCD_INGEST_TOKEN", TestGateway.TOKEN);
        env.put("MCD_INGEST_ENDPOINT", emulator.baseUrl().toString());
        env.put("MCD_ID", API_ID);
        env.put("MCD_TOKEN", API_TOKEN);
        env.put("MCD_API_ENDPOINT", emulator.graphqlUrl().toString());
        return env;
    }

    private Path push(String flow, String sample) {
        Path manifest = Manifests.example(dir, sample);
        Cli.Run run = run(env(), "push", flow, "--manifest", manifest.toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        return manifest;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"metadata, metadata.jsonl", "lineage, lineage.jsonl", "query-logs, query-logs.jsonl"})
    void validateOfEachPushedSampleManifestPasses(String flow, String sample) {
        start(Duration.ZERO);
        push("metadata", "metadata.jsonl");
        Path manifest = flow.equals("metadata") ? dir.resolve("metadata.jsonl") : push(flow, sample);

        Cli.Run run = run(env(), "validate", flow, "--manifest", manifest.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("validation passed").doesNotContain("problem:");
    }

    @Test
    void validateFromTheResultFileFindsTheManifestAndPasses() {
        start(Duration.ZERO);
        Path manifest = push("metadata", "metadata.jsonl");

        Cli.Run run = run(env(), "validate", "metadata", "--result", manifest + ".push.json", "--json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode report = json(run.out());
        assertThat(report.path("ok").asBoolean()).isTrue();
        assertThat(report.path("items").asInt()).isEqualTo(report.path("visible").asInt()).isPositive();
        assertThat(report.path("problems")).isEmpty();
    }

    @Test
    void anEdgeThatWasNeverPushedIsReportedAndValidateExitsOne() throws IOException {
        start(Duration.ZERO);
        push("metadata", "metadata.jsonl");
        Path pushed = push("lineage", "lineage.jsonl");
        Path claimed = dir.resolve("claimed.jsonl");
        List<String> lines = new ArrayList<>(Files.readAllLines(pushed));
        lines.add("{\"destination\": {\"type\": \"TABLE\", \"name\": \"CUSTOMERS\", \"database\": \"SHOP\", "
                + "\"schema\": \"RAW\"}, \"sources\": [{\"type\": \"TABLE\", \"name\": \"ORDERS\", \"database\": \"SHOP\", "
                + "\"schema\": \"RAW\"}]}");
        Files.write(claimed, lines);

        Cli.Run run = run(env(), "validate", "lineage", "--manifest", claimed.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).contains("problem: table edge SHOP:RAW.ORDERS -> SHOP:RAW.CUSTOMERS not visible")
                .contains("validation FAILED: 1 problem");
        assertThat(run.out().lines().filter(l -> l.startsWith("problem:")).count()).isEqualTo(1);

        Cli.Run asJson = run(env(), "validate", "lineage", "--manifest", claimed.toString(), "--json");
        assertThat(asJson.exitCode()).isEqualTo(1);
        JsonNode report = json(asJson.out());
        assertThat(report.path("ok").asBoolean()).isFalse();
        assertThat(report.path("problems")).singleElement()
                .satisfies(p -> assertThat(p.path("check").asText()).isEqualTo("table_edge"));
    }

    @Test
    void aTableWhoseFieldsDifferIsReportedFieldByField() throws IOException {
        start(Duration.ZERO);
        Path pushed = push("metadata", "metadata.jsonl");
        Path claimed = dir.resolve("claimed.jsonl");
        String text = Files.readString(pushed).replace("\"TOTAL\", \"type\": \"NUMBER(12,2)\"",
                "\"TOTAL\", \"type\": \"FLOAT\"").replace("\"COUNTRY\", \"type\"", "\"REGION\", \"type\"");
        Files.writeString(claimed, text);

        Cli.Run run = run(env(), "validate", "metadata", "--manifest", claimed.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).contains("problem: SHOP:RAW.ORDERS: field TOTAL has type NUMBER(12,2), pushed FLOAT")
                .contains("problem: SHOP:RAW.CUSTOMERS: field REGION not found");
    }

    @Test
    void queryLogDelayFailsValidateWithoutWaitAndPassesWithWait() {
        // the delay passes only when the emulator's clock is moved, never while this machine is slow
        start(Duration.ofMinutes(15));
        push("metadata", "metadata.jsonl");
        push("lineage", "lineage.jsonl");
        Path manifest = push("query-logs", "query-logs.jsonl");

        Cli.Run now = run(env(), "validate", "query-logs", "--manifest", manifest.toString());
        assertThat(now.exitCode()).as(now.toString()).isEqualTo(1);
        assertThat(now.out()).contains("no aggregated write queries").contains("--wait");

        // the first "waiting:" line moves the clock past the delay: the next poll sees the query logs
        boolean[] moved = {false};
        Cli.Run waited = run(env(), errSoFar -> {
            if (!moved[0] && errSoFar.contains("waiting:")) {
                moved[0] = true;
                clock.advance(Duration.ofMinutes(15));
            }
        }, "validate", "query-logs", "--manifest", manifest.toString(), "--wait", "30s", "--poll-interval", "200ms");
        assertThat(waited.exitCode()).as(waited.toString()).isZero();
        assertThat(waited.err()).contains("waiting:");
        assertThat(waited.out()).contains("validation passed");
    }

    @Test
    void missingGraphqlKeyIsAUsageErrorOnOneLine() {
        start(Duration.ZERO);
        Path manifest = Manifests.example(dir, "metadata.jsonl");
        Map<String, String> env = env();
        env.remove("MCD_TOKEN");

        Cli.Run run = run(env, "validate", "metadata", "--manifest", manifest.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).contains("MCD_ID and MCD_TOKEN").doesNotContain("\n");
        assertThat(emulator.receivedCount()).isZero();
    }

    @Test
    void aWrongGraphqlKeyFailsWithAClearMessageAndTheTokenIsNeverPrinted() {
        start(Duration.ZERO);
        Path manifest = push("metadata", "metadata.jsonl");
        Map<String, String> env = env();
        env.put("MCD_ID", TestGateway.KEY_ID);
        env.put("MCD_TOKEN", TestGateway.TOKEN);

        Cli.Run run = run(env, "validate", "metadata", "--manifest", manifest.toString(), "--debug");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("HTTP 401").contains("MCD_ID/MCD_TOKEN").contains("ingestion key");
        assertThat(run.all()).doesNotContain(TestGateway.TOKEN).doesNotContain(API_TOKEN);

        Cli.Run good = run(env(), "validate", "metadata", "--manifest", manifest.toString(), "--json", "--debug");
        assertThat(good.all()).doesNotContain(TestGateway.TOKEN).doesNotContain(API_TOKEN);
    }

    /**
     * Runs the CLI like {@link Cli#run}, registering the GraphQL commands itself until
     * {@link McpushCommand} lists them (then this adds nothing).
     */
    static Cli.Run run(Map<String, String> env, String... args) {
        return run(env, errSoFar -> { }, args);
    }

    /** Like {@link #run(Map, String...)}; {@code onErr} sees all of stderr so far after each write to it. */
    static Cli.Run run(Map<String, String> env, java.util.function.Consumer<String> onErr, String... args) {
        java.io.StringWriter out = new java.io.StringWriter();
        StringBuilder err = new StringBuilder();
        java.io.PrintWriter o = new java.io.PrintWriter(out, true);
        java.io.PrintWriter e = new java.io.PrintWriter(new java.io.Writer() {
            @Override
            public void write(char[] chars, int offset, int length) {
                err.append(chars, offset, length);
                onErr.accept(err.toString());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        }, true);
        picocli.CommandLine cl = McpushCommand.createCommandLine(env, o, e);
        Map<String, Object> commands = new LinkedHashMap<>();
        commands.put("validate", new ValidateCommand());
        commands.put("resources", new ResourcesCommand());
        commands.forEach((name, command) -> {
            if (!cl.getSubcommands().containsKey(name)) {
                cl.addSubcommand(name, command);
            }
        });
        int code = cl.execute(args);
        o.flush();
        e.flush();
        return new Cli.Run(code, out.toString(), err.toString());
    }

    static JsonNode json(String text) {
        try {
            return Manifests.JSON.readTree(text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
