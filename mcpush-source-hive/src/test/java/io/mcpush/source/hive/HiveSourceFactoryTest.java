package io.mcpush.source.hive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpush.sdk.Flow;
import io.mcpush.source.Capability;
import io.mcpush.source.Source;
import io.mcpush.source.SourceConfigException;
import io.mcpush.source.SourceOption;
import io.mcpush.source.SourceOptions;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HiveSourceFactoryTest {
    private final HiveSourceFactory factory = new HiveSourceFactory();

    @Test
    void describesItselfForMcpushSources() {
        assertThat(factory.type()).isEqualTo("hive");
        assertThat(factory.resourceType()).isEqualTo("data-lake");
        assertThat(factory.capabilities()).contains(Capability.METADATA, Capability.QUERY_LOGS,
                Capability.TABLE_LINEAGE, Capability.COLUMN_LINEAGE);
        assertThat(factory.options()).extracting(SourceOption::name).contains("jdbc-url", "user", "password-env",
                "password-file", "log-file", "log-time-zone", "catalog", "include-database");
        assertThat(factory.grants()).anySatisfy(g -> assertThat(g).contains("SELECT").contains("TBLS"));
    }

    @Test
    void needsAMetastoreOrALogFileNamingTheOption() {
        assertThatThrownBy(() -> factory.create(SourceOptions.of("hive", Map.of())))
                .isInstanceOf(SourceConfigException.class).hasMessageContaining("--jdbc-url").hasMessageContaining("--log-file");
    }

    @Test
    void refusesABadTimeZoneAndUnknownOptions() {
        assertThatThrownBy(() -> factory.create(SourceOptions.of("hive", Map.of("log-file", "x.log",
                "log-time-zone", "Mars/Olympus")))).isInstanceOf(SourceConfigException.class)
                .extracting(e -> ((SourceConfigException) e).option()).isEqualTo("log-time-zone");
        assertThatThrownBy(() -> factory.create(SourceOptions.of("hive", Map.of("log-file", "x.log", "warehouse", "w"))))
                .isInstanceOf(SourceConfigException.class).hasMessageContaining("--warehouse");
    }

    @Test
    void logsOnlySourceIsIdentifiedByItsFilesAndPushesHiveS3() {
        try (Source s = factory.create(SourceOptions.of("hive", Map.of("log-file", "/var/log/hive/hive.log")))) {
            assertThat(s.identity().id()).isEqualTo("logs:" + Path.of("/var/log/hive/hive.log").toAbsolutePath());
            assertThat(s.logType()).isEqualTo("hive-s3");
            assertThat(s.windowed(Flow.QUERY_LOGS)).isTrue();
            assertThat(s.windowed(Flow.METADATA)).isFalse();
            assertThatThrownBy(() -> s.metadata(new io.mcpush.source.CollectionReport()))
                    .isInstanceOf(SourceConfigException.class).hasMessageContaining("--jdbc-url");
        }
    }

    @Test
    void keepsThePasswordOutOfTheIdentity() {
        try (Source s = factory.create(new SourceOptions("hive", Map.of("jdbc-url",
                "jdbc:postgresql://ms.example.com:5432/metastore?password=hunter2", "password-env", "PW"),
                Map.of("PW", "s3cret")::get))) {
            assertThat(s.identity().toString()).doesNotContain("hunter2").doesNotContain("s3cret")
                    .contains("ms.example.com");
        }
    }
}
