package io.mcpush.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpush.emulator.Emulator;
import io.mcpush.sdk.graphql.MonteCarloApi;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mcpush tables prune} and {@code run metadata --prune} against the emulator's gateway and
 * GraphQL API over HTTP: exactly the tables that disappeared, never more than --max-delete.
 */
class TablesPruneIT {
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
        return LineageCommandIT.api(emulator).getTable(MonteCarloApi.fullTableId("SHOP", "RAW", name), Manifests.UUID)
                != null;
    }

    /** A metadata manifest of tables T0000.. except those in {@code without}. */
    private Path manifest(String file, int count, int... without) {
        List<String> events = new ArrayList<>();
        outer:
        for (int i = 0; i < count; i++) {
            for (int w : without) {
                if (w == i) {
                    continue outer;
                }
            }
            events.add(Manifests.table(Manifests.name(i)));
        }
        return Manifests.write(dir.resolve(file), Manifests.METADATA_HEADER, events);
    }

    private Cli.Run prune(Path previous, Path current, String... extra) {
        List<String> args = new ArrayList<>(List.of("tables", "prune", "--previous", previous.toString(), "--current",
                current.toString()));
        args.addAll(List.of(extra));
        return LineageCommandIT.run(LineageCommandIT.env(emulator), args.toArray(String[]::new));
    }

    @Test
    void withoutYesItNamesEachTableThatDisappearedAndDeletesNothing() {
        Path previous = manifest("previous.jsonl", 20);
        LineageCommandIT.push(emulator, previous);
        Path current = manifest("current.jsonl", 20, 3, 11);

        Cli.Run run = prune(previous, current);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("2 tables of").contains("SHOP:RAW.T0003").contains("SHOP:RAW.T0011")
                .contains("would delete 2 push-ingested tables").contains("nothing was deleted");
        assertThat(run.out()).doesNotContain("SHOP:RAW.T0004");
        assertThat(exists("T0003")).isTrue();
        assertThat(exists("T0011")).isTrue();
    }

    @Test
    void withYesItDeletesExactlyTheTablesThatDisappeared() {
        Path previous = manifest("previous.jsonl", 20);
        LineageCommandIT.push(emulator, previous);
        Path current = manifest("current.jsonl", 20, 3, 11);

        Cli.Run run = prune(previous, current, "--yes");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("deleted 2 push-ingested tables");
        assertThat(exists("T0003")).isFalse();
        assertThat(exists("T0011")).isFalse();
        for (int i = 0; i < 20; i++) {
            if (i != 3 && i != 11) {
                assertThat(exists(Manifests.name(i))).as(Manifests.name(i)).isTrue();
            }
        }
    }

    @Test
    void aDiffOverTheThresholdIsRefusedAndDeletesNothing() {
        Path previous = manifest("previous.jsonl", 20);
        LineageCommandIT.push(emulator, previous);
        Path current = manifest("current.jsonl", 20, 1, 2, 3); // 15 % of the tables

        Cli.Run run = prune(previous, current, "--yes");
        Cli.Run raised = prune(previous, current, "--yes", "--max-delete", "20");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("--max-delete").contains("3 of the 20").contains("nothing was deleted");
        assertThat(raised.exitCode()).as(raised.toString()).isZero();
        assertThat(exists("T0001")).isFalse();
    }

    @Test
    void runMetadataPruneDeletesTheTablesDroppedSinceThePreviousPush() throws Exception {
        Path warehouse = dir.resolve("w.duckdb");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + warehouse);
                Statement s = c.createStatement()) {
            for (int i = 0; i < 12; i++) {
                s.execute("CREATE TABLE t" + i + " (id INTEGER)");
            }
        }
        String state = dir.resolve("state").toString();
        Cli.Run first = SourceCli.run(LineageCommandIT.env(emulator), "run", "metadata", "--source", "duckdb",
                "--database-file", warehouse.toString(), "--state-dir", state, "--prune");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        MonteCarloApi api = LineageCommandIT.api(emulator);
        String db = "w"; // the DuckDB source names the database after the file
        assertThat(api.getTable(MonteCarloApi.fullTableId(db, "main", "t5"), Manifests.UUID)).isNotNull();

        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + warehouse);
                Statement s = c.createStatement()) {
            s.execute("DROP TABLE t5");
        }
        Cli.Run second = SourceCli.run(LineageCommandIT.env(emulator), "run", "metadata", "--source", "duckdb",
                "--database-file", warehouse.toString(), "--state-dir", state, "--prune", "--force");

        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.out()).contains("deleted 1 push-ingested table");
        assertThat(api.getTable(MonteCarloApi.fullTableId(db, "main", "t5"), Manifests.UUID)).isNull();
        assertThat(api.getTable(MonteCarloApi.fullTableId(db, "main", "t6"), Manifests.UUID)).isNotNull();
    }
}
