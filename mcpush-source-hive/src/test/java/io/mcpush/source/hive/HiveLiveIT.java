package io.mcpush.source.hive;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpush.sdk.model.QueryLogEntry;
import io.mcpush.sdk.model.RelationalAsset;
import io.mcpush.source.CollectionReport;
import io.mcpush.source.EventStream;
import io.mcpush.source.QueryLogWindow;
import io.mcpush.source.Source;
import io.mcpush.source.SourceOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Against a real Hive deployment, when its coordinates are in the environment (see README.md):
 * {@code HIVE_METASTORE_JDBC_URL} (the metastore's backing database), {@code HIVE_METASTORE_USER},
 * {@code HIVE_METASTORE_PASSWORD} (read through {@code --password-env}, never a flag value), and
 * {@code HIVE_LOG_FILE} (a HiveServer2 log). Each test is skipped, with the reason printed, when
 * what it needs is not set.
 */
class HiveLiveIT {
    private static String env(String name) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? null : v;
    }

    private static void require(String var) {
        if (env(var) == null) {
            System.out.println("HiveLiveIT skipped: " + var + " is not set");
        }
        Assumptions.assumeTrue(env(var) != null, var + " is not set");
    }

    @Test
    void collectsTheLiveMetastore() {
        require("HIVE_METASTORE_JDBC_URL");
        Map<String, String> o = new HashMap<>();
        o.put("jdbc-url", env("HIVE_METASTORE_JDBC_URL"));
        if (env("HIVE_METASTORE_USER") != null) {
            o.put("user", env("HIVE_METASTORE_USER"));
        }
        if (env("HIVE_METASTORE_PASSWORD") != null) {
            o.put("password-env", "HIVE_METASTORE_PASSWORD");
        }
        CollectionReport report = new CollectionReport();
        long n = 0;
        try (Source s = new HiveSourceFactory().create(SourceOptions.of("hive", o));
                EventStream<RelationalAsset> assets = s.metadata(report)) {
            RelationalAsset a;
            while ((a = assets.next()) != null) {
                n++;
                assertThat(a.metadata().database()).isEqualTo(a.metadata().schema());
                assertThat(a.type()).isIn("TABLE", "VIEW");
                assertThat(a.fields()).allSatisfy(f -> assertThat(f.type()).isNotBlank());
            }
        }
        System.out.println("HiveLiveIT: " + n + " assets; " + report.summary());
        assertThat(report.warnings()).isEmpty();
    }

    @Test
    void readsTheLiveHiveServer2Log() {
        require("HIVE_LOG_FILE");
        CollectionReport report = new CollectionReport();
        long n = 0;
        QueryLogWindow all = new QueryLogWindow(Instant.now().minus(Duration.ofDays(3650)), Instant.now());
        try (Source s = new HiveSourceFactory().create(SourceOptions.of("hive", Map.of("log-file", env("HIVE_LOG_FILE"))));
                EventStream<QueryLogEntry> logs = s.queryLogs(all, report)) {
            QueryLogEntry e;
            while ((e = logs.next()) != null) {
                n++;
                assertThat(e.endTime()).isAfterOrEqualTo(e.startTime());
                assertThat(e.queryId()).isNotBlank();
            }
        }
        System.out.println("HiveLiveIT: " + n + " query-log entries; " + report.summary());
    }
}
