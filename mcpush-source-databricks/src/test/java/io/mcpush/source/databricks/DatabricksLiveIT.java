package io.mcpush.source.databricks;

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
import io.mcpush.source.jdbc.JdbcConnector;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Against a real Databricks SQL warehouse when DATABRICKS_HOST, DATABRICKS_HTTP_PATH and
 * DATABRICKS_TOKEN are set (DATABRICKS_CATALOG optionally limits metadata to one catalog);
 * skipped, with the reason printed, otherwise. Reads only; bounded to the first assets and a
 * short window so that it stays cheap on a large workspace.
 */
class DatabricksLiveIT {
    private static final List<String> REQUIRED = List.of("DATABRICKS_HOST", "DATABRICKS_HTTP_PATH", "DATABRICKS_TOKEN");

    @BeforeAll
    static void credentials() {
        List<String> missing = REQUIRED.stream().filter(v -> System.getenv(v) == null || System.getenv(v).isBlank())
                .toList();
        if (!missing.isEmpty()) {
            String reason = "DatabricksLiveIT skipped: set " + String.join(", ", missing)
                    + " to run it against a real SQL warehouse";
            System.out.println(reason);
            Assumptions.assumeTrue(false, reason);
        }
    }

    private static Source open() {
        Map<String, String> options = new HashMap<>(Map.of("host", System.getenv("DATABRICKS_HOST"),
                "http-path", System.getenv("DATABRICKS_HTTP_PATH"), "token-env", "DATABRICKS_TOKEN"));
        String catalog = System.getenv("DATABRICKS_CATALOG");
        if (catalog != null && !catalog.isBlank()) {
            options.put("include-database", java.util.regex.Pattern.quote(catalog));
        }
        return SourceRegistry.load().get("databricks").create(SourceOptions.of("databricks", options));
    }

    @Test
    void metadataComesFromInformationSchemaWithPushableTypes() {
        CollectionReport report = new CollectionReport();
        try (Source source = open(); EventStream<RelationalAsset> assets = source.metadata(report)) {
            RelationalAsset a;
            RelationalAsset dated = null;
            int n = 0;
            while (n < 200 && (a = assets.next()) != null) {
                n++;
                assertThat(a.type()).isIn("TABLE", "VIEW");
                assertThat(a.metadata().database()).isNotBlank();
                if (a.metadata().createdOn() != null) {
                    assertThat(Instant.parse(a.metadata().createdOn())).isBefore(Instant.now());
                    dated = dated == null ? a : dated;
                }
            }
            if (dated != null) {
                // the driver's TIMESTAMP must come out as the same instant whatever the JVM's zone
                assertThat(Instant.parse(dated.metadata().createdOn())).isEqualTo(createdMicros(dated));
            }
            System.out.println("DatabricksLiveIT metadata: " + n + " assets, " + report.summary() + ", warnings "
                    + report.warnings());
        }
    }

    /** {@code created} of the asset read as microseconds since the epoch, which no time zone touches. */
    private static Instant createdMicros(RelationalAsset a) {
        DatabricksConfig config = DatabricksConfig.from(SourceOptions.of("databricks", Map.of("host",
                System.getenv("DATABRICKS_HOST"), "http-path", System.getenv("DATABRICKS_HTTP_PATH"), "token-env",
                "DATABRICKS_TOKEN")));
        String sql = "SELECT unix_micros(created) FROM " + DatabricksNames.qualified(a.metadata().database(),
                "information_schema", "tables") + " WHERE table_schema = ? AND table_name = ?";
        try (Connection c = JdbcConnector.connect(config.jdbc(), config.host(), "(SQL warehouse)");
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, a.metadata().schema());
            ps.setString(2, a.metadata().name());
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                long micros = rs.getLong(1);
                return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
            }
        } catch (SQLException e) {
            throw new AssertionError("cannot read created of " + a.identity() + ": " + e.getSQLState());
        }
    }

    @Test
    void lineageAndQueryLogsOfTheLastHoursRead() {
        Instant end = Instant.now().minus(DatabricksSourceFactory.DEFAULT_LAG);
        QueryLogWindow window = new QueryLogWindow(end.minus(Duration.ofHours(3)), end);
        try (Source source = open()) {
            CollectionReport report = new CollectionReport();
            int events = 0;
            try (EventStream<LineageEvent> lineage = source.lineage(window, report)) {
                while (events < 500 && lineage.next() != null) {
                    events++;
                }
            }
            int queries = 0;
            try (EventStream<QueryLogEntry> logs = source.queryLogs(window, report)) {
                QueryLogEntry q;
                while (queries < 500 && (q = logs.next()) != null) {
                    queries++;
                    assertThat(window.contains(q.startTime())).isTrue();
                    assertThat(q.endTime()).isAfterOrEqualTo(q.startTime());
                }
            }
            System.out.println("DatabricksLiveIT: " + events + " lineage events, " + queries + " queries, "
                    + report.summary());
        }
    }
}
