package io.mcpush.source.bigquery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mcpush.sdk.model.LineageEvent;
import io.mcpush.sdk.model.QueryLogEntry;
import io.mcpush.sdk.model.RelationalAsset;
import io.mcpush.source.CollectionReport;
import io.mcpush.source.EventStream;
import io.mcpush.source.QueryLogWindow;
import io.mcpush.source.SourceOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Against real BigQuery, when {@code GOOGLE_APPLICATION_CREDENTIALS} (a service-account key file)
 * and {@code BIGQUERY_PROJECT} are set; {@code BIGQUERY_REGION} (default us) and
 * {@code BIGQUERY_DATASET} (a dataset to restrict metadata to; default all) are optional.
 * Skipped, with the reason printed, otherwise. Reads only metadata and job history.
 */
class BigQueryLiveIT {
    static final String CREDENTIALS = System.getenv("GOOGLE_APPLICATION_CREDENTIALS");
    static final String PROJECT = System.getenv("BIGQUERY_PROJECT");

    @BeforeAll
    static void credentials() {
        String reason = "BigQuery live tests skipped: set GOOGLE_APPLICATION_CREDENTIALS (service-account key file) "
                + "and BIGQUERY_PROJECT to run them";
        if (CREDENTIALS == null || PROJECT == null) {
            System.out.println(reason);
        }
        assumeTrue(CREDENTIALS != null && PROJECT != null, reason);
    }

    static SourceOptions options() {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("project", PROJECT);
        o.put("credentials-file", CREDENTIALS);
        o.put("region", System.getenv().getOrDefault("BIGQUERY_REGION", "us"));
        String dataset = System.getenv("BIGQUERY_DATASET");
        if (dataset != null) {
            o.put("include-schema", java.util.regex.Pattern.quote(dataset));
        }
        return SourceOptions.of("bigquery", o);
    }

    @Test
    void metadataQueryLogsAndLineageOfTheLastHourComeBackWellFormed() {
        CollectionReport report = new CollectionReport();
        try (var source = new BigQuerySourceFactory().create(options())) {
            long n = 0;
            try (EventStream<RelationalAsset> s = source.metadata(report)) {
                RelationalAsset a;
                while ((a = s.next()) != null && n < 500) {
                    n++;
                    assertThat(a.metadata().database()).isEqualTo(PROJECT);
                    assertThat(a.type()).isIn("TABLE", "VIEW");
                }
            }
            System.out.println("live metadata: " + report.summary() + " warnings " + report.warnings());
            QueryLogWindow window = new QueryLogWindow(Instant.now().minus(Duration.ofHours(1)),
                    Instant.now().minus(BigQuerySourceFactory.DEFAULT_LAG));
            CollectionReport q = new CollectionReport();
            try (EventStream<QueryLogEntry> s = source.queryLogs(window, q)) {
                QueryLogEntry e;
                while ((e = s.next()) != null) {
                    assertThat(window.contains(e.startTime()) || e.startTime().isAfter(window.start())).isTrue();
                    assertThat(e.extra()).doesNotContainEntry("labels", "mcpush");
                }
            }
            System.out.println("live query logs: " + q.summary() + " warnings " + q.warnings());
            CollectionReport l = new CollectionReport();
            try (EventStream<LineageEvent> s = source.lineage(window, l)) {
                while (s.next() != null) {
                    // well-formed by construction (LineageEvent checks itself)
                }
            }
            System.out.println("live lineage: " + l.summary());
        }
    }
}
