package io.mcpush.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpush.sdk.manifest.ManifestEvent;
import io.mcpush.sdk.manifest.ManifestReader;
import io.mcpush.sdk.model.RelationalAsset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code collect --config FILE}: named sources, {@code ${VAR}} from the environment, flags over the file. */
class ConfigFileIT {
    @TempDir
    Path dir;

    private Path warehouse;
    private Path config;

    @BeforeEach
    void setUp() throws IOException {
        warehouse = ShopWarehouse.create(dir.resolve("shop.duckdb"));
        config = dir.resolve("mcpush.yaml");
        Files.writeString(config, """
                sources:
                  shop:
                    type: duckdb
                    database-file: ${SHOP_DB}
                    include-schema: staging
                """);
    }

    private static List<String> tables(Path manifest) {
        List<String> out = new ArrayList<>();
        try (ManifestReader reader = ManifestReader.open(manifest)) {
            ManifestEvent e;
            while ((e = reader.next()) != null) {
                RelationalAsset a = (RelationalAsset) e.event();
                out.add(a.metadata().schema() + "." + a.metadata().name());
            }
        }
        return out;
    }

    @Test
    void aNamedSourceTakesItsOptionsFromTheFileAndFlagsWin() {
        Path out = dir.resolve("m.jsonl");
        Cli.Run r = SourceCli.run(Map.of("SHOP_DB", warehouse.toString()), "collect", "metadata", "--config",
                config.toString(), "--source", "shop", "--out", out.toString(), "--state-dir", dir.resolve("s").toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(tables(out)).isNotEmpty().allMatch(t -> t.startsWith("staging."));

        Path main = dir.resolve("main.jsonl");
        Cli.Run flags = SourceCli.run(Map.of("SHOP_DB", warehouse.toString()), "collect", "metadata", "--config",
                config.toString(), "--source", "shop", "--include-schema", "main", "--out", main.toString(),
                "--state-dir", dir.resolve("s").toString());
        assertThat(flags.exitCode()).as(flags.toString()).isZero();
        assertThat(tables(main)).isNotEmpty().allMatch(t -> t.startsWith("main."));
    }

    @Test
    void mistakesAreUsageErrorsNamingTheFileAndNothingIsCollected() throws IOException {
        Path out = dir.resolve("m.jsonl");
        Cli.Run unset = SourceCli.run(Map.of(), "collect", "metadata", "--config", config.toString(), "--source", "shop",
                "--out", out.toString());
        assertThat(unset.exitCode()).as(unset.toString()).isEqualTo(2);
        assertThat(unset.err()).contains(config + ":4: sources.shop.database-file: environment variable SHOP_DB is not set");

        Cli.Run unknown = SourceCli.run(Map.of("SHOP_DB", warehouse.toString()), "collect", "metadata", "--config",
                config.toString(), "--source", "warehouse", "--out", out.toString());
        assertThat(unknown.exitCode()).as(unknown.toString()).isEqualTo(2);
        assertThat(unknown.err()).contains("--source warehouse: neither a source of " + config + " (it names: shop)");

        Files.writeString(config, """
                sources:
                  shop:
                    type: duckdb
                    database-file: ${SHOP_DB}
                    password: not-from-the-environment
                """);
        Cli.Run literal = SourceCli.run(Map.of("SHOP_DB", warehouse.toString()), "collect", "metadata", "--config",
                config.toString(), "--source", "shop", "--out", out.toString());
        assertThat(literal.exitCode()).as(literal.toString()).isEqualTo(2);
        assertThat(literal.err()).contains(":5: sources.shop.password: a secret is never written in the config file");
        assertThat(literal.all()).doesNotContain("not-from-the-environment");
        assertThat(out).doesNotExist();
    }
}
