package io.mcpush.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpush.source.jdbc.JdbcOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceOptionsTest {
    private static final String SECRET = "pw-SECRET-4242";

    @TempDir
    Path dir;

    private static SourceOptions options(Map<String, String> values) {
        return new SourceOptions("postgres", values, name -> name.equals("DB_PASSWORD") ? SECRET : null);
    }

    @Test
    void passwordComesFromTheNamedEnvironmentVariableAndNeverPrints() {
        var password = options(Map.of("password-env", "DB_PASSWORD")).password();

        assertThat(password.reveal()).isEqualTo(SECRET);
        assertThat(password.toString()).doesNotContain(SECRET);
    }

    @Test
    void passwordComesFromTheFirstLineOfAFile() throws Exception {
        Path file = Files.writeString(dir.resolve("pw"), SECRET + "\nignored\n");

        assertThat(options(Map.of("password-file", file.toString())).password().reveal()).isEqualTo(SECRET);
    }

    @Test
    void aPasswordValueBothSourcesOrAMissingVariableAreConfigErrorsWithoutTheSecret() {
        assertThatThrownBy(() -> options(Map.of("password", SECRET)).password())
                .isInstanceOf(SourceConfigException.class).hasMessageContaining("--password-env")
                .hasMessageNotContaining(SECRET);
        assertThatThrownBy(() -> options(Map.of("password-env", "DB_PASSWORD", "password-file", "x")).password())
                .isInstanceOf(SourceConfigException.class).hasMessageContaining("not both");
        assertThatThrownBy(() -> options(Map.of("password-env", "NOPE")).password())
                .isInstanceOf(SourceConfigException.class).hasMessageContaining("NOPE").hasMessageContaining("not set");
        assertThatThrownBy(() -> options(Map.of("password-file", dir.resolve("none").toString())).password())
                .isInstanceOf(SourceConfigException.class).hasMessageContaining("does not exist");
        assertThat(options(Map.of()).password()).isNull();
    }

    @Test
    void unknownKeysRequiredKeysAndBadValuesNameTheOption() {
        assertThatThrownBy(() -> options(Map.of("colour", "red")).checkKnown(JdbcOptions.connection()))
                .isInstanceOf(SourceConfigException.class).hasMessage("--colour is not an option of source postgres "
                        + "(see: mcpush sources)");
        assertThatThrownBy(() -> options(Map.of()).required("jdbc-url"))
                .hasMessage("source postgres needs --jdbc-url");
        assertThatThrownBy(() -> options(Map.of("include-schema", "(")).pattern("include-schema"))
                .hasMessageContaining("--include-schema is not a valid regular expression");
        assertThatThrownBy(() -> options(Map.of("fetch-size", "0")).positiveInt("fetch-size", 10))
                .hasMessageContaining("--fetch-size must be a positive whole number");
        assertThat(options(Map.of("only-freshness-and-volume", "true")).flag("only-freshness-and-volume")).isTrue();
        assertThat(options(Map.of()).flag("only-freshness-and-volume")).isFalse();
        options(Map.of("user", "u")).checkKnown(List.copyOf(JdbcOptions.connection()));
    }
}
