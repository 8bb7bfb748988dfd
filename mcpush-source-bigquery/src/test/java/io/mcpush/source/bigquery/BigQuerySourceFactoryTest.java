package io.mcpush.source.bigquery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpush.source.SourceConfigException;
import io.mcpush.source.SourceFactory;
import io.mcpush.source.SourceOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BigQuerySourceFactoryTest {
    @TempDir
    Path dir;

    private static SourceOptions options(Map<String, String> values) {
        return new SourceOptions("bigquery", values, name -> null);
    }

    /** A service-account key file as the Cloud console writes it, with a freshly generated key. */
    private Path keyFile(String project) throws Exception {
        var kp = KeyPairGenerator.getInstance("RSA");
        kp.initialize(2048);
        String pem = "-----BEGIN PRIVATE KEY-----\\n"
                + Base64.getEncoder().encodeToString(kp.generateKeyPair().getPrivate().getEncoded())
                + "\\n-----END PRIVATE KEY-----\\n";
        String json = "{\"type\": \"service_account\", \"project_id\": \"" + project + "\", "
                + "\"private_key_id\": \"0123456789abcdef\", \"private_key\": \"" + pem + "\", "
                + "\"client_email\": \"mcpush@" + project + ".iam.gserviceaccount.com\", \"client_id\": \"1234567890\", "
                + "\"token_uri\": \"https://oauth2.googleapis.com/token\"}";
        Path f = dir.resolve("key.json");
        Files.writeString(f, json, StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void theFactoryIsFoundByServiceLoaderAndDescribesItself() {
        SourceFactory f = ServiceLoader.load(SourceFactory.class).stream().map(ServiceLoader.Provider::get)
                .filter(x -> x.type().equals("bigquery")).findFirst().orElseThrow();
        assertThat(f.resourceType()).isEqualTo("bigquery");
        assertThat(f.grants()).anyMatch(g -> g.contains("roles/bigquery.metadataViewer"))
                .anyMatch(g -> g.contains("roles/bigquery.resourceViewer")).anyMatch(g -> g.contains("roles/bigquery.jobUser"));
        assertThat(f.options()).extracting(o -> o.name()).contains("project", "projects", "region", "credentials-file",
                "include-schema", "only-freshness-and-volume").doesNotContain("password", "jdbc-url");
        assertThat(f.defaultLag()).isPositive().isLessThanOrEqualTo(java.time.Duration.ofMinutes(30));
    }

    @Test
    void aKeyFileGivesCredentialsAndTheDefaultProject() throws Exception {
        Path key = keyFile("acme-analytics");
        BigQueryConfig c = BigQueryConfig.from(options(Map.of("credentials-file", key.toString(),
                "region", "us, europe-west4", "projects", "acme-analytics,acme-raw")));
        assertThat(c.billingProject()).isEqualTo("acme-analytics");
        assertThat(c.projects()).containsExactly("acme-analytics", "acme-raw");
        assertThat(c.regions()).containsExactly("region-us", "region-europe-west4");
        assertThat(c.toString()).doesNotContain("PRIVATE KEY").contains("key.json");
        try (var source = new BigQuerySourceFactory().create(options(Map.of("credentials-file", key.toString())))) {
            assertThat(source.identity().id()).isEqualTo("acme-analytics region-us");
        }
    }

    @Test
    void badOptionsNameTheOptionAndNeverEchoTheKey() throws Exception {
        Path notAKey = dir.resolve("not-a-key.json");
        Files.writeString(notAKey, "{\"type\": \"service_account\", \"private_key\": \"SECRET-MATERIAL\"}");
        assertThatThrownBy(() -> BigQueryConfig.from(options(Map.of("credentials-file", notAKey.toString()))))
                .isInstanceOf(SourceConfigException.class).hasMessageContaining("credentials-file")
                .hasMessageNotContaining("SECRET-MATERIAL");
        assertThatThrownBy(() -> BigQueryConfig.from(options(Map.of("credentials-file", dir.resolve("none").toString()))))
                .isInstanceOf(SourceConfigException.class).hasMessageContaining("does not exist");
        Path key = keyFile("acme-analytics");
        assertThatThrownBy(() -> BigQueryConfig.from(options(Map.of("credentials-file", key.toString(), "region", "us;x"))))
                .isInstanceOf(SourceConfigException.class).extracting(e -> ((SourceConfigException) e).option())
                .isEqualTo("region");
        assertThatThrownBy(() -> new BigQuerySourceFactory().create(options(Map.of("credentials-file", key.toString(),
                "jdbc-url", "x")))).isInstanceOf(SourceConfigException.class).hasMessageContaining("--jdbc-url");
        assertThatThrownBy(() -> BigQueryConfig.from(options(Map.of("credentials-file", key.toString(),
                "bigquery-endpoint", "ftp://x")))).isInstanceOf(SourceConfigException.class);
    }
}
