package io.mcpush.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpush.emulator.Emulator;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code push --validate} and {@code run --validate}: reconciliation through GraphQL after the push. */
class ValidateAfterPushIT {
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

    @Test
    void pushValidateChecksThatEverythingPushedIsVisible() {
        Path manifest = Manifests.metadata(dir.resolve("m.jsonl"), 5);

        Cli.Run run = LineageCommandIT.run(LineageCommandIT.env(emulator), "push", "metadata", "--manifest",
                manifest.toString(), "--state-dir", dir.resolve("state").toString(), "--validate=1m");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("invocation_id").contains("5 of 5 items visible").contains("validation passed");
    }

    @Test
    void runValidateKeepsTheManifestBesideTheResultAndValidatesIt() {
        Path warehouse = ShopWarehouse.create(dir.resolve("shop.duckdb"));
        Path result = dir.resolve("r.push.json");

        Cli.Run run = SourceCli.run(LineageCommandIT.env(emulator), "run", "metadata", "--source", "duckdb",
                "--database-file", warehouse.toString(), "--state-dir", dir.resolve("state").toString(),
                "--result", result.toString(), "--validate");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("validation passed");
        assertThat(dir.resolve("r.manifest.jsonl.gz")).exists();
    }

    @Test
    void validateWithoutAGraphqlKeyIsAUsageErrorAndNothingIsSent() {
        Path manifest = Manifests.metadata(dir.resolve("m.jsonl"), 5);
        Map<String, String> env = new java.util.LinkedHashMap<>(LineageCommandIT.env(emulator));
        env.remove("MCD_ID");
        env.remove("MCD_TOKEN");

        Cli.Run run = LineageCommandIT.run(env, "push", "metadata", "--manifest", manifest.toString(), "--validate");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("MCD_ID");
        assertThat(emulator.accepted()).isEmpty();
    }
}
