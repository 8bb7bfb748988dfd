package io.mcpush.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpush.emulator.EmulatedWarehouse;
import io.mcpush.emulator.Emulator;
import io.mcpush.emulator.EmulatorConfig;
import io.mcpush.emulator.GraphqlKey;
import io.mcpush.emulator.IngestKey;
import io.mcpush.sdk.graphql.GraphqlClient;
import io.mcpush.sdk.graphql.MonteCarloApi;
import io.mcpush.sdk.push.Secret;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** {@code mcpush lineage node|edge} against the emulator's GraphQL API over HTTP. */
class LineageCommandIT {
    static final String WAREHOUSE_NAME = "prod snowflake";

    @TempDir
    Path dir;

    private final MovableClock clock = new MovableClock();
    private Emulator emulator;

    @BeforeEach
    void start() {
        emulator = startEmulator(clock);
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void nodeCreatePrintsTheMconAndTheNodeIsPermanentByDefault() {
        Cli.Run created = run(env(emulator), "lineage", "node", "create", "--object-type", "report", "--object-id",
                "weekly_kpis", "--resource-name", WAREHOUSE_NAME, "--name", "Weekly KPIs");

        assertThat(created.exitCode()).as(created.toString()).isZero();
        String mcon = created.out().strip();
        assertThat(mcon).startsWith("MCON++").endsWith("++report++weekly_kpis").doesNotContain("\n");
        assertThat(created.err()).contains("permanent (expireAt 9999-12-31");

        // the API's own default would expire the node after 7 days
        clock.advance(Duration.ofDays(400));
        Cli.Run deleted = run(env(emulator), "lineage", "node", "delete", "--mcon", mcon, "--yes");
        assertThat(deleted.exitCode()).as("the node is still there after 400 days: " + deleted).isZero();
    }

    @ParameterizedTest(name = "--expire-at {0}")
    @ValueSource(strings = {"2d", "DATE+2"})
    void aShorterExpiryIsSentWhenAskedForAndTheNodeThenExpires(String expireAt) {
        String value = expireAt.equals("DATE+2") ? LocalDate.now(ZoneOffset.UTC).plusDays(2).toString() : expireAt;
        Cli.Run created = run(env(emulator), "lineage", "node", "create", "--object-type", "job", "--object-id",
                "nightly_load", "--resource-id", Manifests.UUID, "--expire-at", value);

        assertThat(created.exitCode()).as(created.toString()).isZero();
        assertThat(created.err()).contains("expires at").doesNotContain("9999-12-31");
        String mcon = created.out().strip();

        clock.advance(Duration.ofDays(3));
        Cli.Run deleted = run(env(emulator), "lineage", "node", "delete", "--mcon", mcon, "--yes");
        assertThat(deleted.exitCode()).as(deleted.toString()).isEqualTo(1);
        assertThat(deleted.err()).contains("no lineage node");
    }

    @Test
    void anExpiryInThePastIsAUsageErrorAndNothingIsSent() {
        Cli.Run run = run(env(emulator), "lineage", "node", "create", "--object-type", "job", "--object-id", "x",
                "--resource-id", Manifests.UUID, "--expire-at", "2020-01-01");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--expire-at '2020-01-01' lies in the past");
        assertThat(emulator.receivedCount()).isZero();
    }

    @Test
    void edgeCreateLinksAPushedTableToACustomNodePermanently() {
        push(emulator, Manifests.example(dir, "metadata.jsonl"));
        String report = run(env(emulator), "lineage", "node", "create", "--object-type", "report", "--object-id",
                "weekly_kpis").out().strip();

        Cli.Run edge = run(env(emulator), "lineage", "edge", "create", "--source", "table:SHOP:RAW.ORDERS",
                "--destination", "report:weekly_kpis", "--destination-resource-name", WAREHOUSE_NAME);

        assertThat(edge.exitCode()).as(edge.toString()).isZero();
        String tableMcon = api(emulator).getTable("SHOP:RAW.ORDERS", Manifests.UUID).mcon();
        assertThat(edge.out().strip()).isEqualTo(tableMcon + " -> " + report);
        assertThat(edge.err()).contains("permanent (expireAt 9999-12-31");
        clock.advance(Duration.ofDays(400));
        assertThat(api(emulator).getTableLineage(report, "upstream", 1).connectedMcons()).contains(tableMcon);
    }

    @Test
    void anEdgeWithAShorterExpiryDisappearsAfterIt() {
        push(emulator, Manifests.example(dir, "metadata.jsonl"));
        String report = run(env(emulator), "lineage", "node", "create", "--object-type", "report", "--object-id",
                "weekly_kpis").out().strip();
        Cli.Run edge = run(env(emulator), "lineage", "edge", "create", "--source", "table:SHOP:RAW.ORDERS",
                "--destination", "report:weekly_kpis", "--expire-at", "1d");
        assertThat(edge.exitCode()).as(edge.toString()).isZero();
        String tableMcon = api(emulator).getTable("SHOP:RAW.ORDERS", Manifests.UUID).mcon();
        assertThat(api(emulator).getTableLineage(report, "upstream", 1).connectedMcons()).contains(tableMcon);

        clock.advance(Duration.ofDays(2));

        assertThat(api(emulator).getTableLineage(report, "upstream", 1).connectedMcons()).doesNotContain(tableMcon);
    }

    @Test
    void nodeDeleteWithoutYesIsADryRunAndWithYesDeletes() {
        String mcon = run(env(emulator), "lineage", "node", "create", "--object-type", "model", "--object-id",
                "dbt.orders").out().strip();

        Cli.Run dry = run(env(emulator), "lineage", "node", "delete", "--mcon", mcon);
        assertThat(dry.exitCode()).as(dry.toString()).isZero();
        assertThat(dry.out()).contains("would delete lineage node " + mcon).contains("dry run")
                .contains("nothing was deleted").contains("--yes");

        Cli.Run real = run(env(emulator), "lineage", "node", "delete", "--mcon", mcon, "--yes");
        assertThat(real.exitCode()).as("the dry run left the node in place: " + real).isZero();
        assertThat(real.out()).contains("deleted lineage node " + mcon);

        Cli.Run again = run(env(emulator), "lineage", "node", "delete", "--mcon", mcon, "--yes");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("no lineage node with MCON " + mcon);
    }

    @Test
    void aJsonBulkFileCreatesEveryNodeAndEdgeAndDeletesThemAgain() throws IOException {
        push(emulator, Manifests.example(dir, "metadata.jsonl"));
        Path file = dir.resolve("lineage.json");
        Files.writeString(file, """
                {"nodes": [
                   {"object_type": "report", "object_id": "weekly_kpis", "name": "Weekly KPIs"},
                   {"objectType": "dashboard", "objectId": "sales", "resourceName": "prod snowflake"},
                   {"object_type": "job", "object_id": "short_lived", "expire_at": "1d"}],
                 "edges": [
                   {"source": "table:SHOP:RAW.ORDERS", "destination": "report:weekly_kpis"},
                   {"source": {"object_type": "report", "object_id": "weekly_kpis"},
                    "destination": {"object_type": "dashboard", "object_id": "sales", "resource_name": "prod snowflake"}}]}
                """);

        Cli.Run nodes = run(env(emulator), "lineage", "node", "create", "--file", file.toString());
        assertThat(nodes.exitCode()).as(nodes.toString()).isZero();
        List<String> mcons = nodes.out().lines().toList();
        assertThat(mcons).hasSize(3).allSatisfy(m -> assertThat(m).startsWith("MCON++"));
        assertThat(nodes.err()).contains("created or updated 3 lineage nodes");
        assertThat(nodes.err().lines().filter(l -> l.contains("permanent")).count()).isEqualTo(2);

        Cli.Run edges = run(env(emulator), "lineage", "edge", "create", "--file", file.toString());
        assertThat(edges.exitCode()).as(edges.toString()).isZero();
        assertThat(edges.out().lines()).hasSize(2);
        assertThat(api(emulator).getTableLineage(mcons.get(1), "upstream", 2).connectedMcons())
                .contains(mcons.get(0), api(emulator).getTable("SHOP:RAW.ORDERS", Manifests.UUID).mcon());

        Path toDelete = dir.resolve("delete.json");
        Files.writeString(toDelete, "[\"" + mcons.get(0) + "\", {\"mcon\": \"" + mcons.get(1) + "\"}]");
        Cli.Run dry = run(env(emulator), "lineage", "node", "delete", "--file", toDelete.toString());
        assertThat(dry.exitCode()).isZero();
        assertThat(dry.out()).contains("dry run: 2 lineage nodes would be deleted; nothing was deleted");
        Cli.Run real = run(env(emulator), "lineage", "node", "delete", "--file", toDelete.toString(), "--yes");
        assertThat(real.exitCode()).as(real.toString()).isZero();
        assertThat(real.out()).contains("deleted 2 lineage nodes and 2 edges");
    }

    @Test
    void aBadBulkFileNamesTheEntryAndSendsNothing() throws IOException {
        Path file = dir.resolve("nodes.json");
        Files.writeString(file, "[{\"object_type\": \"report\", \"object_id\": \"a\"}, {\"object_type\": \"report\", "
                + "\"objectid\": \"b\"}]");

        Cli.Run run = run(env(emulator), "lineage", "node", "create", "--file", file.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("error: " + file + "[1]: unknown field 'objectid' (expected object_type, "
                + "object_id, resource_id, resource_name, name, expire_at)");
        assertThat(emulator.receivedCount()).isZero();
    }

    @Test
    void aYamlBulkFileCreatesItsNodesLikeJson() throws IOException {
        Path file = dir.resolve("nodes.yaml");
        Files.writeString(file, "nodes:\n  - object_type: report\n    object_id: a\n  - object_type: report\n"
                + "    object_id: b\n    name: B report\n");

        Cli.Run run = run(env(emulator), "lineage", "node", "create", "--file", file.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out().lines().toList()).hasSize(2).allSatisfy(m -> assertThat(m).startsWith("MCON++"));
    }

    @Test
    void aBrokenYamlBulkFileIsAUsageErrorAndSendsNothing() throws IOException {
        Path file = dir.resolve("nodes.yml");
        Files.writeString(file, "nodes:\n  - object_type: report\n   object_id: [a\n");

        Cli.Run run = run(env(emulator), "lineage", "node", "create", "--file", file.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(file.toString()).contains("not valid YAML");
        assertThat(emulator.receivedCount()).isZero();
    }

    @Test
    void aSourceThatIsNotTypeColonIdIsAUsageError() {
        Cli.Run run = run(env(emulator), "lineage", "edge", "create", "--source", "orders", "--destination",
                "report:x");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--source 'orders' is not TYPE:ID");
        assertThat(emulator.receivedCount()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node create --object-type report --object-id a --resource-name x",
            "node delete --mcon MCON++a++b --yes", "edge create --source report:a --destination report:b"})
    void missingGraphqlKeyIsAUsageErrorOnOneLineAndNothingIsSent(String args) {
        Map<String, String> env = env(emulator);
        env.remove("MCD_TOKEN");

        Cli.Run run = run(env, ("lineage " + args).split(" "));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).contains("MCD_ID and MCD_TOKEN").doesNotContain("\n");
        assertThat(emulator.receivedCount()).isZero();
    }

    @Test
    void aWrongGraphqlKeyFailsAndNoSecretIsEverPrinted() {
        Map<String, String> env = env(emulator);
        env.put("MCD_TOKEN", "wrong-SECRET-0000");

        Cli.Run run = run(env, "lineage", "node", "create", "--object-type", "report", "--object-id", "a", "--debug");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("HTTP 401");
        assertThat(run.all()).doesNotContain("wrong-SECRET-0000").doesNotContain(ValidateCommandIT.API_TOKEN)
                .doesNotContain(TestGateway.TOKEN);
        Cli.Run good = run(env(emulator), "lineage", "node", "create", "--object-type", "report", "--object-id", "a",
                "--debug");
        assertThat(good.all()).doesNotContain(ValidateCommandIT.API_TOKEN).doesNotContain(TestGateway.TOKEN);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"lineage", "lineage node", "lineage node create", "lineage node delete", "lineage edge",
            "lineage edge create"})
    void everyLineageCommandHasHelpWithAnExample(String command) {
        Cli.Run run = run(Map.of(), (command + " --help").split(" "));

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: mcpush " + command).contains("Example:");
    }

    @Test
    void lineageWithoutASubcommandIsAUsageError() {
        Cli.Run run = run(Map.of(), "lineage", "node");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("missing subcommand");
    }

    // ---- shared by the GraphQL command tests ---------------------------------------------------

    /** An emulator with the test keys and one warehouse, {@link Manifests#UUID} ("prod snowflake", snowflake). */
    static Emulator startEmulator(Clock clock) {
        return Emulator.start(EmulatorConfig.builder().port(0)
                .key(new IngestKey(TestGateway.KEY_ID, TestGateway.TOKEN))
                .graphqlKey(new GraphqlKey(ValidateCommandIT.API_ID, ValidateCommandIT.API_TOKEN))
                .warehouse(new EmulatedWarehouse(Manifests.UUID, WAREHOUSE_NAME, "snowflake"))
                .clock(clock)
                .build());
    }

    /** Both keys, both endpoints and the resource UUID of {@code emulator}; mutable. */
    static Map<String, String> env(Emulator emulator) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("MCD_INGEST_ID", TestGateway.KEY_ID);
        env.put("MCD_INGEST_TOKEN", TestGateway.TOKEN);
        env.put("MCD_INGEST_ENDPOINT", emulator.baseUrl().toString());
        env.put("MCD_ID", ValidateCommandIT.API_ID);
        env.put("MCD_TOKEN", ValidateCommandIT.API_TOKEN);
        env.put("MCD_API_ENDPOINT", emulator.graphqlUrl().toString());
        env.put("MCD_RESOURCE_UUID", Manifests.UUID);
        return env;
    }

    /** Pushes a manifest with the CLI; its flow comes from the file name. */
    static void push(Emulator emulator, Path manifest) {
        String name = manifest.getFileName().toString();
        String flow = name.startsWith("lineage") ? "lineage" : name.startsWith("query") ? "query-logs" : "metadata";
        Cli.Run run = run(env(emulator), "push", flow, "--manifest", manifest.toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
    }

    /** The SDK's view of the emulator, for checking what the CLI did. */
    static MonteCarloApi api(Emulator emulator) {
        return new MonteCarloApi(GraphqlClient.builder().endpoint(emulator.graphqlUrl())
                .key(ValidateCommandIT.API_ID, new Secret(ValidateCommandIT.API_TOKEN)).build());
    }

    /**
     * Runs the CLI like {@link Cli#run}, registering the GraphQL commands itself until
     * {@link McpushCommand} lists them (then this adds nothing).
     */
    static Cli.Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintWriter o = new PrintWriter(out, true);
        PrintWriter e = new PrintWriter(err, true);
        CommandLine cl = McpushCommand.createCommandLine(env, o, e);
        Map<String, Supplier<Object>> commands = new LinkedHashMap<>();
        commands.put("validate", ValidateCommand::new);
        commands.put("resources", ResourcesCommand::new);
        commands.put("lineage", LineageCommand::new);
        commands.put("tables", TablesCommand::new);
        commands.put("doctor", DoctorCommand::new);
        commands.forEach((name, command) -> {
            if (!cl.getSubcommands().containsKey(name)) {
                cl.addSubcommand(name, command.get());
            }
        });
        // subcommands added after createCommandLine do not inherit its writers
        cl.setOut(o);
        cl.setErr(e);
        int code = cl.execute(args);
        o.flush();
        e.flush();
        return new Cli.Run(code, out.toString(), err.toString());
    }

    /** The system clock, moved forward by tests. */
    static final class MovableClock extends Clock {
        private volatile Duration offset = Duration.ZERO;

        void advance(Duration by) {
            offset = offset.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }
    }
}
