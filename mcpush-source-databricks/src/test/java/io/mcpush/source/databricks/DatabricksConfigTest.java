package io.mcpush.source.databricks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpush.source.SourceConfigException;
import io.mcpush.source.SourceOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabricksConfigTest {
    private static final String TOKEN = "dapi0123456789abcdef0123456789abcdef";
    private static final Map<String, String> ENV = Map.of("DATABRICKS_TOKEN", TOKEN);

    @TempDir
    Path dir;

    private static DatabricksConfig config(Map<String, String> values) {
        return DatabricksConfig.from(new SourceOptions("databricks", values, ENV::get));
    }

    private static Map<String, String> minimal() {
        return new HashMap<>(Map.of("host", "https://adb-1234567890123456.7.azuredatabricks.net/",
                "http-path", "/sql/1.0/warehouses/abc123", "token-env", "DATABRICKS_TOKEN"));
    }

    @Test
    void hostAndHttpPathBecomeAUrlWithoutTheTokenWhichTravelsAsAProperty() {
        DatabricksConfig c = config(minimal());
        assertThat(c.jdbc().url()).isEqualTo("jdbc:databricks://adb-1234567890123456.7.azuredatabricks.net:443/default;"
                + "transportMode=http;ssl=1;httpPath=/sql/1.0/warehouses/abc123");
        assertThat(c.host()).isEqualTo("adb-1234567890123456.7.azuredatabricks.net");
        assertThat(c.jdbc().password().reveal()).isEqualTo(TOKEN);
        assertThat(c.jdbc().user()).isEqualTo("token");
        assertThat(c.jdbc().driverProperties()).containsEntry("AuthMech", "3").doesNotContainValue(TOKEN);
        assertThat(c.toString()).doesNotContain(TOKEN);
        assertThat(c.systemCatalog()).isEqualTo("system");
        assertThat(c.informationSchema()).isEqualTo("information_schema");
        assertThat(c.columnLineage()).isTrue();
        assertThat(c.tableDetails()).isFalse();
        assertThat(c.pageSize()).isEqualTo(10_000);
    }

    @Test
    void theTokenComesFromAFileOrThePasswordOptionsButNeverFromAValue() throws Exception {
        Path file = Files.writeString(dir.resolve("token"), TOKEN + "\nignored\n");
        Map<String, String> v = minimal();
        v.remove("token-env");
        v.put("token-file", file.toString());
        assertThat(config(v).jdbc().password().reveal()).isEqualTo(TOKEN);
        v.remove("token-file");
        v.put("password-env", "DATABRICKS_TOKEN");
        assertThat(config(v).jdbc().password().reveal()).isEqualTo(TOKEN);
        v.put("token-env", "DATABRICKS_TOKEN");
        assertThatThrownBy(() -> config(v)).isInstanceOf(SourceConfigException.class).hasMessageContaining("once");

        Map<String, String> literal = minimal();
        literal.put("token", TOKEN);
        assertThatThrownBy(() -> config(literal)).isInstanceOf(SourceConfigException.class)
                .hasMessageNotContaining(TOKEN).extracting(e -> ((SourceConfigException) e).option()).isEqualTo("token");

        Map<String, String> unset = minimal();
        unset.put("token-env", "NOT_SET");
        assertThatThrownBy(() -> config(unset)).hasMessage("environment variable NOT_SET named by --token-env is not set");
        Map<String, String> both = minimal();
        both.put("token-file", "/nonexistent");
        assertThatThrownBy(() -> config(both)).hasMessage("give --token-env or --token-file, not both");
        Map<String, String> missing = minimal();
        missing.remove("token-env");
        missing.put("token-file", "/nonexistent/token");
        assertThatThrownBy(() -> config(missing)).hasMessage("token file /nonexistent/token does not exist");
        Map<String, String> none = minimal();
        none.remove("token-env");
        assertThatThrownBy(() -> config(none)).isInstanceOf(SourceConfigException.class)
                .extracting(e -> ((SourceConfigException) e).option()).isEqualTo("token-env");
    }

    @Test
    void badConnectionOptionsAreNamed() {
        Map<String, String> noPath = minimal();
        noPath.remove("http-path");
        assertThatThrownBy(() -> config(noPath)).extracting(e -> ((SourceConfigException) e).option())
                .isEqualTo("http-path");
        Map<String, String> noHost = minimal();
        noHost.remove("host");
        assertThatThrownBy(() -> config(noHost)).extracting(e -> ((SourceConfigException) e).option()).isEqualTo("host");
        Map<String, String> both = minimal();
        both.put("jdbc-url", "jdbc:databricks://h:443/default;httpPath=/x");
        assertThatThrownBy(() -> config(both)).extracting(e -> ((SourceConfigException) e).option()).isEqualTo("jdbc-url");
        Map<String, String> plain = minimal();
        plain.put("host", "http://adb-1.azuredatabricks.net");
        assertThatThrownBy(() -> config(plain)).hasMessageContaining("HTTPS");
        Map<String, String> injected = minimal();
        injected.put("http-path", "/sql/1.0/warehouses/abc;PWD=x");
        assertThatThrownBy(() -> config(injected)).extracting(e -> ((SourceConfigException) e).option())
                .isEqualTo("http-path");
        Map<String, String> concurrency = minimal();
        concurrency.put("table-details-concurrency", "64");
        assertThatThrownBy(() -> config(concurrency)).hasMessageContaining("at most 16");
    }

    @Test
    void aFullUrlIsTakenButNotWithACredentialInIt() {
        Map<String, String> v = new HashMap<>(Map.of("jdbc-url",
                "jdbc:databricks://adb-9.azuredatabricks.net:443/default;transportMode=http;ssl=1;httpPath=/sql/1.0/warehouses/x",
                "token-env", "DATABRICKS_TOKEN"));
        assertThat(config(v).host()).isEqualTo("adb-9.azuredatabricks.net");
        v.put("jdbc-url", v.get("jdbc-url") + ";AuthMech=3;UID=token;PWD=" + TOKEN);
        assertThatThrownBy(() -> config(v)).isInstanceOf(SourceConfigException.class).hasMessageNotContaining(TOKEN)
                .hasMessageContaining("--token-env");
        v.put("jdbc-url", "jdbc:postgresql://h/db");
        assertThatThrownBy(() -> config(v)).hasMessageContaining("jdbc:databricks:");
    }
}
