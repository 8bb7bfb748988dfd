package io.mcpush.source.snowflake;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpush.sdk.model.LineageEvent;
import io.mcpush.sdk.model.QueryLogEntry;
import io.mcpush.sdk.model.RelationalAsset;
import io.mcpush.source.CollectionReport;
import io.mcpush.source.EventStream;
import io.mcpush.source.QueryLogWindow;
import io.mcpush.source.Source;
import io.mcpush.source.SourceOptions;
import io.mcpush.source.SourceRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every flow against a real Snowflake account. Runs only when {@code SNOWFLAKE_ACCOUNT},
 * {@code SNOWFLAKE_USER} and {@code SNOWFLAKE_PRIVATE_KEY_FILE} (optionally
 * {@code SNOWFLAKE_PRIVATE_KEY_PASSPHRASE}) or {@code SNOWFLAKE_PASSWORD} are set; optional
 * {@code SNOWFLAKE_WAREHOUSE}, {@code SNOWFLAKE_ROLE} and {@code SNOWFLAKE_DATABASE} (a database
 * regex, to keep the run short). Skipped, with the reason printed, otherwise. Reads only: it
 * creates nothing in the account.
 */
class SnowflakeLiveIT {
    private static Map<String, String> options;

    @BeforeAll
    static void credentials() {
        Map<String, String> env = System.getenv();
        boolean have = env.get("SNOWFLAKE_ACCOUNT") != null && env.get("SNOWFLAKE_USER") != null
                && (env.get("SNOWFLAKE_PRIVATE_KEY_FILE") != null || env.get("SNOWFLAKE_PASSWORD") != null);
        String reason = "SnowflakeLiveIT skipped: set SNOWFLAKE_ACCOUNT, SNOWFLAKE_USER and SNOWFLAKE_PRIVATE_KEY_FILE "
                + "or SNOWFLAKE_PASSWORD to run it against a real account";
        if (!have) {
            System.out.println(reason);
        }
        Assumptions.assumeTrue(have, reason);
        options = new HashMap<>();
        options.put("account", env.get("SNOWFLAKE_ACCOUNT"));
        options.put("user", env.get("SNOWFLAKE_USER"));
        if (env.get("SNOWFLAKE_PRIVATE_KEY_FILE") != null) {
            options.put("private-key-file", env.get("SNOWFLAKE_PRIVATE_KEY_FILE"));
            if (env.get("SNOWFLAKE_PRIVATE_KEY_PASSPHRASE") != null) {
                options.put("private-key-passphrase-env", "SNOWFLAKE_PRIVATE_KEY_PASSPHRASE");
            }
        } else {
            options.put("password-env", "SNOWFLAKE_PASSWORD");
        }
        if (env.get("SNOWFLAKE_WAREHOUSE") != null) {
            options.put("warehouse", env.get("SNOWFLAKE_WAREHOUSE"));
        }
        if (env.get("SNOWFLAKE_ROLE") != null) {
            options.put("role", env.get("SNOWFLAKE_ROLE"));
        }
        if (env.get("SNOWFLAKE_DATABASE") != null) {
            options.put("include-database", env.get("SNOWFLAKE_DATABASE"));
        }
    }

    private static Source open() {
        return SourceRegistry.load().get("snowflake").create(SourceOptions.of("snowflake", options));
    }

    private static QueryLogWindow lastHourBeforeLag() {
        Instant end = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MICROS);
        return new QueryLogWindow(end.minus(Duration.ofHours(1)), end);
    }

    @Test
    void metadataStreamsTablesWithUtcFreshness() {
        CollectionReport report = new CollectionReport();
        long n = 0;
        try (Source s = open(); EventStream<RelationalAsset> assets = s.metadata(report)) {
            RelationalAsset a;
            while ((a = assets.next()) != null && n < 10_000) {
                n++;
                assertThat(a.type()).isIn("TABLE", "VIEW");
                if (a.freshness() != null) {
                    assertThat(a.freshness().lastUpdateTime()).endsWith("Z");
                    // LAST_ALTERED is never in the future: a time-zone slip would show as hours ahead
                    assertThat(Instant.parse(a.freshness().lastUpdateTime())).isBefore(Instant.now().plusSeconds(60));
                }
            }
        }
        System.out.println("SnowflakeLiveIT metadata: " + report.summary() + "; warnings " + report.warnings());
        assertThat(report.get("databases")).isPositive();
    }

    @Test
    void queryLogsOfAnHourAreInTheirWindow() {
        QueryLogWindow w = lastHourBeforeLag();
        CollectionReport report = new CollectionReport();
        try (Source s = open(); EventStream<QueryLogEntry> logs = s.queryLogs(w, report)) {
            QueryLogEntry q;
            while ((q = logs.next()) != null) {
                assertThat(w.contains(q.startTime())).as("start %s in %s", q.startTime(), w).isTrue();
                assertThat(q.endTime()).isAfterOrEqualTo(q.startTime());
            }
        }
        System.out.println("SnowflakeLiveIT query logs " + w + ": " + report.summary());
    }

    @Test
    void lineageOfAnHourIsBuilt() {
        CollectionReport report = new CollectionReport();
        long n = 0;
        try (Source s = open(); EventStream<LineageEvent> events = s.lineage(lastHourBeforeLag(), report)) {
            while (events.next() != null) {
                n++;
            }
        }
        System.out.println("SnowflakeLiveIT lineage: " + n + " events; " + report.summary() + "; warnings "
                + report.warnings());
        assertThat(n).isEqualTo(report.get("lineage events"));
    }
}
