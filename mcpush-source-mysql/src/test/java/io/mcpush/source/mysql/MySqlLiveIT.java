package io.mcpush.source.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mcpush.sdk.model.QueryLogEntry;
import io.mcpush.sdk.model.RelationalAsset;
import io.mcpush.source.CollectionReport;
import io.mcpush.source.EventStream;
import io.mcpush.source.QueryLogWindow;
import io.mcpush.source.Source;
import io.mcpush.source.SourceOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Against a MySQL or MariaDB server of yours: runs when {@code MCPUSH_MYSQL_URL} (jdbc:mysql://... or
 * jdbc:mariadb://...), {@code MCPUSH_MYSQL_USER} and {@code MCPUSH_MYSQL_PASSWORD} are set; optional
 * {@code MCPUSH_MYSQL_SCHEMA} (a regular expression) limits the databases read. Skipped otherwise.
 */
class MySqlLiveIT {
    private static Map<String, String> options() {
        String url = System.getenv("MCPUSH_MYSQL_URL");
        String user = System.getenv("MCPUSH_MYSQL_USER");
        boolean ready = url != null && user != null && System.getenv("MCPUSH_MYSQL_PASSWORD") != null;
        if (!ready) {
            System.out.println("MySqlLiveIT skipped: set MCPUSH_MYSQL_URL, MCPUSH_MYSQL_USER and MCPUSH_MYSQL_PASSWORD");
        }
        assumeTrue(ready, "set MCPUSH_MYSQL_URL, MCPUSH_MYSQL_USER and MCPUSH_MYSQL_PASSWORD to run against a live server");
        Map<String, String> o = new LinkedHashMap<>();
        o.put("jdbc-url", url);
        o.put("user", user);
        o.put("password-env", "MCPUSH_MYSQL_PASSWORD");
        if (System.getenv("MCPUSH_MYSQL_SCHEMA") != null) {
            o.put("include-schema", System.getenv("MCPUSH_MYSQL_SCHEMA"));
        }
        return o;
    }

    @Test
    void collectsMetadataAndTheLastHoursQueries() {
        Map<String, String> o = options();
        CollectionReport report = new CollectionReport();
        long assets = 0;
        long queries = 0;
        try (Source s = new MySqlSourceFactory().create(SourceOptions.of("mysql", o))) {
            try (EventStream<RelationalAsset> stream = s.metadata(report)) {
                RelationalAsset a;
                while ((a = stream.next()) != null) {
                    assertThat(a.metadata().database()).isEqualTo("def");
                    assets++;
                }
            }
            Instant now = Instant.now();
            try (EventStream<QueryLogEntry> stream = s.queryLogs(new QueryLogWindow(now.minus(Duration.ofHours(1)),
                    now), report)) {
                QueryLogEntry q;
                while ((q = stream.next()) != null) {
                    assertThat(q.startTime()).isBefore(now);
                    queries++;
                }
            }
        }
        System.out.println("MySqlLiveIT: " + assets + " tables and views, " + queries + " queries; "
                + report.summary() + "; warnings: " + report.warnings());
    }
}
