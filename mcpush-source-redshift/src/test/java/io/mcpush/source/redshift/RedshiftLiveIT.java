package io.mcpush.source.redshift;

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
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Against a real Redshift cluster or Serverless workgroup when {@code REDSHIFT_JDBC_URL}
 * ({@code jdbc:redshift://HOST:5439/DB}), {@code REDSHIFT_USER} and {@code REDSHIFT_PASSWORD} are
 * set; skipped, with the reason printed, when they are not. Reads only.
 */
class RedshiftLiveIT {
    private static final String[] VARS = {"REDSHIFT_JDBC_URL", "REDSHIFT_USER", "REDSHIFT_PASSWORD"};

    @BeforeAll
    static void credentials() {
        for (String v : VARS) {
            String value = System.getenv(v);
            if (value == null || value.isBlank()) {
                String reason = "RedshiftLiveIT skipped: " + v + " is not set (needs REDSHIFT_JDBC_URL, REDSHIFT_USER, "
                        + "REDSHIFT_PASSWORD)";
                System.out.println(reason);
                Assumptions.abort(reason);
            }
        }
    }

    private static Source source(String... extra) {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("jdbc-url", System.getenv("REDSHIFT_JDBC_URL"));
        o.put("user", System.getenv("REDSHIFT_USER"));
        o.put("password-env", "REDSHIFT_PASSWORD");
        for (int i = 0; i < extra.length; i += 2) {
            o.put(extra[i], extra[i + 1]);
        }
        return new RedshiftSourceFactory().create(SourceOptions.of("redshift", o));
    }

    @Test
    void metadataOfTheConnectedDatabaseIsReadWithoutErrors() {
        CollectionReport report = new CollectionReport();
        long n = 0;
        try (Source s = source(); EventStream<RelationalAsset> stream = s.metadata(report)) {
            RelationalAsset a;
            while ((a = stream.next()) != null) {
                assertThat(a.type()).isIn("TABLE", "VIEW");
                assertThat(a.metadata().database()).isNotBlank();
                n++;
            }
        }
        System.out.println("RedshiftLiveIT metadata: " + report.summary() + "; warnings: " + report.warnings());
        assertThat(report.get("schemas")).isPositive();
        assertThat(n).isEqualTo(report.get("tables") + report.get("views"));
    }

    @Test
    void theLastHoursQueriesComeWithTheirWholeText() {
        CollectionReport report = new CollectionReport();
        Instant end = Instant.now().minus(RedshiftSourceFactory.DEFAULT_LAG);
        long n = 0;
        try (Source s = source(); EventStream<QueryLogEntry> stream = s.queryLogs(
                new QueryLogWindow(end.minus(Duration.ofHours(1)), end), report)) {
            QueryLogEntry q;
            while ((q = stream.next()) != null) {
                assertThat(q.queryText()).isNotBlank();
                assertThat(q.endTime()).isAfterOrEqualTo(q.startTime());
                n++;
            }
        }
        System.out.println("RedshiftLiveIT query logs: " + n + " queries; " + report.summary() + "; warnings: "
                + report.warnings());
        assertThat(n).isEqualTo(report.get("queries"));
    }
}
