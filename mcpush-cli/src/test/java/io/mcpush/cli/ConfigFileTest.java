package io.mcpush.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {
    private static final Map<String, String> ENV = Map.of("PGHOST", "db.internal", "PG_PASSWORD", "s3cr3t-value",
            "EMPTY", "");

    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        Path f = dir.resolve("mcpush.yaml");
        Files.writeString(f, yaml, StandardCharsets.UTF_8);
        return f;
    }

    private ConfigFile read(String yaml) throws IOException {
        return ConfigFile.read(write(yaml), ENV::get);
    }

    @Test
    void namedSourcesWithVariablesListsAndSecretsFromTheEnvironment() throws IOException {
        ConfigFile c = read("""
                sources:
                  analytics:
                    type: postgres
                    jdbc-url: jdbc:postgresql://${PGHOST}:5432/analytics
                    user: monte_carlo
                    password: ${PG_PASSWORD}
                    include-schema: "mart_.*"
                    fetch-size: 500
                    only-freshness-and-volume: true
                    log-file: [/var/log/a.csv, "/var/log/b c.csv"]
                    comment: "costs $${HOME} and ${UNSET:-a default} and ${EMPTY:-fallback}"
                  duckdb:
                    path: /tmp/x.duckdb
                """);
        ConfigFile.SourceEntry a = c.source("analytics");
        assertThat(a.type()).isEqualTo("postgres");
        assertThat(a.options()).containsEntry("jdbc-url", "jdbc:postgresql://db.internal:5432/analytics")
                .containsEntry("password-env", "PG_PASSWORD")
                .doesNotContainKey("password")
                .containsEntry("fetch-size", "500")
                .containsEntry("only-freshness-and-volume", "true")
                .containsEntry("log-file", "/var/log/a.csv\n/var/log/b c.csv")
                .containsEntry("comment", "costs ${HOME} and a default and fallback");
        assertThat(a.options().values()).noneMatch(v -> v.contains("s3cr3t"));
        assertThat(c.source("duckdb").type()).isEqualTo("duckdb");
        assertThat(c.source("nope")).isNull();
    }

    @Test
    void literalSecretIsRefusedWithoutEchoingIt() throws IOException {
        assertThatThrownBy(() -> read("""
                sources:
                  pg:
                    type: postgres
                    password: hunter2-literal
                """)).isInstanceOf(UsageException.class)
                .hasMessageContaining("mcpush.yaml:4: sources.pg.password: a secret is never written")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> read("""
                sources:
                  dbx:
                    token: "prefix-${PG_PASSWORD}"
                """)).hasMessageContaining(":3: sources.dbx.token:").hasMessageNotContaining("s3cr3t");
    }

    @Test
    void unsetVariableNamesTheLineAndKeyWhenItsSourceIsChosen() throws IOException {
        ConfigFile c = read("""
                sources:
                  pg:
                    jdbc-url: jdbc:postgresql://${NO_SUCH_HOST}/db
                  secret:
                    password: ${NO_SUCH_SECRET}
                  fine:
                    type: duckdb
                    database-file: /tmp/${PGHOST}.duckdb
                """);
        assertThatThrownBy(() -> c.source("pg")).isInstanceOf(UsageException.class)
                .hasMessageContaining("mcpush.yaml:3: sources.pg.jdbc-url: environment variable NO_SUCH_HOST is not set");
        assertThatThrownBy(() -> c.source("secret"))
                .hasMessageContaining(":5: sources.secret.password: environment variable NO_SUCH_SECRET is not set");
        assertThat(c.source("fine").options()).containsEntry("database-file", "/tmp/db.internal.duckdb");
    }

    @Test
    void structuralMistakesAreUsageErrors() throws IOException {
        assertThatThrownBy(() -> read("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> read("source:\n  pg: {}\n")).hasMessageContaining(":1: source: unknown key");
        assertThatThrownBy(() -> read("sources:\n  pg:\n    --jdbc-url: x\n"))
                .hasMessageContaining("sources.pg.--jdbc-url: option keys are written like the flags");
        assertThatThrownBy(() -> read("sources:\n  pg:\n    user:\n")).hasMessageContaining("sources.pg.user: has no value");
        assertThatThrownBy(() -> read("sources:\n  pg:\n    user: {a: 1}\n"))
                .hasMessageContaining("sources.pg.user: expected a single value");
        assertThatThrownBy(() -> read("sources:\n  pg:\n    user: a\n  pg:\n    user: b\n"))
                .hasMessageContaining("sources.pg: defined twice");
        assertThatThrownBy(() -> read("sources: [1, 2\n")).hasMessageContaining("sources");
        assertThatThrownBy(() -> ConfigFile.read(dir.resolve("missing.yaml"), ENV::get))
                .hasMessageContaining("does not exist");
        Path latin1 = dir.resolve("latin1.yaml");
        Files.write(latin1, new byte[] {'s', 'o', 'u', 'r', 'c', 'e', 's', ':', ' ', (byte) 0xE9, '\n'});
        assertThatThrownBy(() -> ConfigFile.read(latin1, ENV::get)).hasMessageContaining("not valid UTF-8");
    }

    @Test
    void secretKeys() {
        assertThat(ConfigFile.isSecretKey("password")).isTrue();
        assertThat(ConfigFile.isSecretKey("private-key-passphrase")).isTrue();
        assertThat(ConfigFile.isSecretKey("token")).isTrue();
        assertThat(ConfigFile.isSecretKey("client-secret")).isTrue();
        assertThat(ConfigFile.isSecretKey("password-env")).isFalse();
        assertThat(ConfigFile.isSecretKey("token-file")).isFalse();
        assertThat(ConfigFile.isSecretKey("user")).isFalse();
    }
}
