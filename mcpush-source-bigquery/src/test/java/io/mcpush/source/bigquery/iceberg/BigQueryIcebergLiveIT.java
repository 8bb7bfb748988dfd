package io.mcpush.source.bigquery.iceberg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
 * Against real BigQuery, when {@code GOOGLE_APPLICATION_CREDENTIALS} and {@code BIGQUERY_PROJECT}
 * are set ({@code BIGQUERY_REGION} optional, default us); skipped with the reason printed otherwise.
 */
class BigQueryIcebergLiveIT {
    static final String CREDENTIALS = System.getenv("GOOGLE_APPLICATION_CREDENTIALS");
    static final String PROJECT = System.getenv("BIGQUERY_PROJECT");

    @BeforeAll
    static void credentials() {
        String reason = "BigQuery Iceberg live tests skipped: set GOOGLE_APPLICATION_CREDENTIALS (service-account "
                + "key file) and BIGQUERY_PROJECT to run them";
        if (CREDENTIALS == null || PROJECT == null) {
            System.out.println(reason);
        }
        assumeTrue(CREDENTIALS != null && PROJECT != null, reason);
    }

    @Test
    void icebergTablesAndTheirJobsComeBackWellFormed() {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("project", PROJECT);
        o.put("credentials-file", CREDENTIALS);
        o.put("region", System.getenv().getOrDefault("BIGQUERY_REGION", "us"));
        CollectionReport report = new CollectionReport();
        try (var source = new BigQueryIcebergSourceFactory().create(SourceOptions.of("bigquery-iceberg", o))) {
            try (EventStream<RelationalAsset> s = source.metadata(report)) {
                RelationalAsset a;
                while ((a = s.next()) != null) {
                    assertThat(a.type()).isEqualTo("TABLE");
                    assertThat(a.metadata().database()).isEqualTo(PROJECT);
                }
            }
            System.out.println("live iceberg metadata: " + report.summary() + " warnings " + report.warnings());
            QueryLogWindow window = new QueryLogWindow(Instant.now().minus(Duration.ofHours(1)),
                    Instant.now().minus(Duration.ofMinutes(10)));
            CollectionReport q = new CollectionReport();
            try (EventStream<QueryLogEntry> s = source.queryLogs(window, q)) {
                while (s.next() != null) {
                    // entries are checked by construction
                }
            }
            System.out.println("live iceberg query logs: " + q.summary());
        }
    }
}
