package io.mcpush.source.redshift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpush.source.SourceConfigException;
import io.mcpush.source.SourceOptions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedshiftConfigTest {
    private static final Map<String, String> ENV = Map.of("RS_PW", "s3cret-Value");

    private static SourceOptions options(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return new SourceOptions("redshift", m, ENV::get);
    }

    private static SourceConfigException refused(String... kv) {
        try {
            new RedshiftSourceFactory().create(options(kv)).close();
        } catch (SourceConfigException e) {
            return e;
        }
        throw new AssertionError("accepted");
    }

    @Test
    void aPasswordUrlNeedsUserAndPasswordFromTheEnvironmentOrAFile() {
        RedshiftConfig c = RedshiftConfig.from(options("jdbc-url", "jdbc:redshift://wg.123.eu-west-1.redshift-serverless"
                + ".amazonaws.com:5439/dev", "user", "mcpush", "password-env", "RS_PW"));
        assertThat(c.iam()).isFalse();
        assertThat(c.allDatabases()).isFalse();
        assertThat(c.jdbc().password().reveal()).isEqualTo("s3cret-Value");
        assertThat(c.jdbc().driverProperties()).containsEntry("enableFetchRingBuffer", "false")
                .containsEntry("ApplicationName", "mcpush");
        assertThat(c.toString()).doesNotContain("s3cret");
        assertThat(refused("jdbc-url", "jdbc:redshift://h:5439/dev", "user", "u").option()).isEqualTo("password-env");
        assertThat(refused("jdbc-url", "jdbc:redshift://h:5439/dev", "password-env", "RS_PW").option()).isEqualTo("user");
        assertThat(refused("jdbc-url", "jdbc:redshift://h:5439/dev", "user", "u", "password", "x").option())
                .isEqualTo("password");
    }

    @Test
    void anIamUrlTakesAProfileAndNoPassword() {
        RedshiftConfig c = RedshiftConfig.from(options("jdbc-url", "jdbc:redshift:iam://cluster.abc.us-east-1.redshift"
                + ".amazonaws.com:5439/dev?DbUser=mcpush", "aws-profile", "monitoring", "all-databases", "true"));
        assertThat(c.iam()).isTrue();
        assertThat(c.allDatabases()).isTrue();
        assertThat(c.jdbc().driverProperties()).containsEntry("Profile", "monitoring");
        assertThat(refused("jdbc-url", "jdbc:redshift:iam://h:5439/dev", "password-env", "RS_PW").getMessage())
                .contains("IAM");
        assertThat(refused("jdbc-url", "jdbc:redshift://h:5439/dev", "user", "u", "password-env", "RS_PW",
                "aws-profile", "p").option()).isEqualTo("aws-profile");
    }

    @Test
    void otherUrlsAndUnknownOptionsAreRefusedNamingTheOption() {
        SourceConfigException e = refused("jdbc-url", "jdbc:postgresql://h:5439/dev?password=leak", "user", "u",
                "password-env", "RS_PW");
        assertThat(e.option()).isEqualTo("jdbc-url");
        assertThat(e.getMessage()).doesNotContain("leak");
        assertThat(refused("jdbc-url", "jdbc:redshift://h/dev", "warehouse", "x").option()).isEqualTo("warehouse");
    }

    @Test
    void theFactoryDescribesItself() {
        RedshiftSourceFactory f = new RedshiftSourceFactory();
        assertThat(f.type()).isEqualTo("redshift");
        assertThat(f.resourceType()).isEqualTo("redshift");
        assertThat(f.defaultLag()).isEqualTo(java.time.Duration.ofMinutes(10));
        assertThat(f.options()).extracting(o -> o.name()).contains("jdbc-url", "user", "password-env", "password-file",
                "all-databases", "aws-profile", "include-schema", "fetch-size");
        assertThat(f.grants()).anySatisfy(g -> assertThat(g).contains("sys:monitor"));
        assertThat(f.capabilities()).hasSize(4);
    }
}
