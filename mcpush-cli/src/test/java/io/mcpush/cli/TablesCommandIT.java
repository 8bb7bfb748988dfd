package io.mcpush.cli;

import static io.mcpush.cli.LineageCommandIT.api;
import static io.mcpush.cli.LineageCommandIT.env;
import static io.mcpush.cli.LineageCommandIT.push;
import static io.mcpush.cli.LineageCommandIT.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.mcpush.emulator.Emulator;
import io.mcpush.sdk.graphql.MonteCarloApi;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code mcpush tables delete} against the emulator's GraphQL API over HTTP. */
class TablesCommandIT {
    @TempDir
    Path dir;

    private Emulator emulator;

    @BeforeEach
    void start() {
        emulator = LineageCommandIT.startEmulator(java.time.Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private boolean exists(String name) {
        return api(emulator).getTable(MonteCarloApi.fullTableId("SHOP", "RAW", name), Manifests.UUID) != null;
    }

    /** A metadata manifest of tables {@code prefix0..prefix(count-1)}. */
    private Path manifest(String file, String prefix, int count) {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(Manifests.table(prefix + i));
        }
        return Manifests.write(dir.resolve(file), Manifests.METADATA_HEADER, events);
    }

    @Test
    void withoutYesItListsTheTablesAndDeletesNothing() {
        Path manifest = manifest("a.jsonl", "A", 3);
        push(emulator, manifest);

        Cli.Run run = run(env(emulator), "tables", "delete", "--manifest", manifest.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("would delete 3 push-ingested tables:").contains("SHOP:RAW.A0  MCON++")
                .contains("dry run: 3 tables would be deleted in 1 mutation; nothing was deleted")
                .contains("--yes");
        assertThat(exists("A0")).isTrue();
        assertThat(exists("A2")).isTrue();
    }

    @Test
    void deletingAPushedManifestDeletesExactlyItsTables() {
        Path doomed = manifest("doomed.jsonl", "D", 4);
        Path kept = manifest("kept.jsonl", "K", 2);
        push(emulator, doomed);
        push(emulator, kept);

        Cli.Run run = run(env(emulator), "tables", "delete", "--manifest", doomed.toString(), "--yes");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("deleting 4 push-ingested tables:")
                .contains("deleted 4 push-ingested tables in 1 mutation");
        for (int i = 0; i < 4; i++) {
            assertThat(exists("D" + i)).as("D" + i).isFalse();
        }
        assertThat(exists("K0")).isTrue();
        assertThat(exists("K1")).isTrue();
    }

    @Test
    void moreThanAThousandTablesAreDeletedInSeveralMutations() {
        // the emulator refuses a mutation of more than 1,000 MCONs, so success means they were split
        Path manifest = manifest("big.jsonl", "B", 2_345);
        push(emulator, manifest);

        Cli.Run run = run(env(emulator), "tables", "delete", "--manifest", manifest.toString(), "--yes");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("deleted 2345 push-ingested tables in 3 mutations");
        assertThat(exists("B0")).isFalse();
        assertThat(exists("B1000")).isFalse();
        assertThat(exists("B2344")).isFalse();
    }

    @Test
    void tablesNamedByFullTableIdAndByMconAreResolvedAndDeleted() {
        push(emulator, manifest("t.jsonl", "T", 3));
        String mcon = api(emulator).getTable("SHOP:RAW.T1", Manifests.UUID).mcon();
        Map<String, String> env = env(emulator);
        env.remove("MCD_RESOURCE_UUID");

        Cli.Run run = run(env, "tables", "delete", "--full-table-id", "shop:raw.t0", "--mcon", mcon,
                "--resource-uuid", Manifests.UUID, "--yes");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("deleted 2 push-ingested tables in 1 mutation");
        assertThat(exists("T0")).isFalse();
        assertThat(exists("T1")).isFalse();
        assertThat(exists("T2")).isTrue();
    }

    @Test
    void aTableThatCannotBeResolvedIsReportedAndTheExitCodeIsOne() {
        push(emulator, manifest("t.jsonl", "T", 1));

        Cli.Run run = run(env(emulator), "tables", "delete", "--full-table-id", "SHOP:RAW.T0", "--full-table-id",
                "SHOP:RAW.NOPE");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("not found: SHOP:RAW.NOPE");
        assertThat(run.out()).contains("dry run: 1 table would be deleted");
        assertThat(exists("T0")).isTrue();
    }

    @Test
    void aFullTableIdWithoutResourceIsAUsageErrorAndNothingIsSent() {
        Map<String, String> env = env(emulator);
        env.remove("MCD_RESOURCE_UUID");

        Cli.Run bad = run(env, "tables", "delete", "--full-table-id", "SHOP:RAW.T0");
        Cli.Run malformed = run(env(emulator), "tables", "delete", "--full-table-id", "orders");

        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("no resource UUID");
        assertThat(malformed.exitCode()).isEqualTo(2);
        assertThat(malformed.err()).contains("is not database:schema.table");
        assertThat(emulator.receivedCount()).isZero();
    }

    @Test
    void missingGraphqlKeyIsAUsageErrorOnOneLineAndNothingIsSent() {
        Map<String, String> env = env(emulator);
        env.remove("MCD_ID");

        Cli.Run run = run(env, "tables", "delete", "--full-table-id", "SHOP:RAW.T0", "--yes");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).contains("MCD_ID and MCD_TOKEN").doesNotContain("\n");
        assertThat(emulator.receivedCount()).isZero();
    }

    @Test
    void noSecretIsEverPrinted() {
        Path manifest = manifest("a.jsonl", "A", 2);
        push(emulator, manifest);
        Map<String, String> wrong = env(emulator);
        wrong.put("MCD_TOKEN", "wrong-SECRET-1111");

        Cli.Run refused = run(wrong, "tables", "delete", "--manifest", manifest.toString(), "--debug");
        Cli.Run done = run(env(emulator), "tables", "delete", "--manifest", manifest.toString(), "--yes", "--debug");

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("HTTP 401");
        assertThat(done.exitCode()).isZero();
        assertThat(refused.all() + done.all()).doesNotContain("wrong-SECRET-1111")
                .doesNotContain(ValidateCommandIT.API_TOKEN).doesNotContain(TestGateway.TOKEN);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tables", "tables delete"})
    void everyTablesCommandHasHelpWithAnExample(String command) {
        Cli.Run run = run(Map.of(), (command + " --help").split(" "));

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: mcpush " + command).contains("Example:");
    }
}
