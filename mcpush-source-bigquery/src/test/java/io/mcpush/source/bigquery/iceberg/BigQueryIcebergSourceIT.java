package io.mcpush.source.bigquery.iceberg;

import static io.mcpush.source.bigquery.BigQueryFixture.PROJECT;
import static io.mcpush.source.bigquery.BigQueryFixture.t;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpush.sdk.model.AssetField;
import io.mcpush.sdk.model.QueryLogEntry;
import io.mcpush.sdk.model.RelationalAsset;
import io.mcpush.sdk.model.WireEvent;
import io.mcpush.source.CollectionReport;
import io.mcpush.source.EventStream;
import io.mcpush.source.QueryLogWindow;
import io.mcpush.source.bigquery.BigQueryFixture;
import io.mcpush.source.bigquery.BigQueryFixture.Job;
import io.mcpush.source.bigquery.BigQuerySource;
import io.mcpush.source.bigquery.BigQueryStandIn;
import io.mcpush.source.jdbc.NameFilter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Iceberg source through google-cloud-bigquery against {@link BigQueryStandIn}, a local HTTP
 * stand-in for the BigQuery REST API answering with the hand-written TABLE_STORAGE, column and
 * job rows of {@link IcebergFixture} (BigQuery cannot run here).
 */
class BigQueryIcebergSourceIT {
    private BigQueryStandIn standIn;
    private IcebergFixture fixture;

    @BeforeEach
    void start() throws Exception {
        standIn = new BigQueryStandIn();
        fixture = new IcebergFixture();
        fixture.lake(standIn);
    }

    @AfterEach
    void stop() {
        assertThat(standIn.unknown).as("requests the stand-in does not serve").isEmpty();
        standIn.close();
    }

    private BigQueryIcebergSource source(NameFilter filter, boolean onlyFreshness) {
        return new BigQueryIcebergSource(BigQueryFixture.config(standIn, List.of("region-us", "region-europe-west4"),
                filter, onlyFreshness));
    }

    private static <E extends WireEvent> List<E> drain(EventStream<E> stream) {
        List<E> out = new ArrayList<>();
        try (stream) {
            E e;
            while ((e = stream.next()) != null) {
                out.add(e);
            }
        }
        return out;
    }

    private static Map<String, RelationalAsset> byName(List<RelationalAsset> assets) {
        Map<String, RelationalAsset> m = new LinkedHashMap<>();
        for (RelationalAsset a : assets) {
            m.put(a.metadata().schema() + "." + a.metadata().name(), a);
        }
        return m;
    }

    @Test
    void icebergTablesComeFromTableStorageOfEveryRegionWithVolumeFreshnessAndNestedFields() {
        CollectionReport report = new CollectionReport();
        Map<String, RelationalAsset> m;
        try (BigQueryIcebergSource source = source(NameFilter.ALL, false)) {
            m = byName(drain(source.metadata(report)));
        }
        assertThat(m.keySet()).containsExactly("Lake_EU_copy.Ereignisse – Übersicht", "lake.clicks", "lake.events",
                "lake.sessions", "lake_eu.events_eu");
        RelationalAsset events = m.get("lake.events");
        assertThat(events.type()).isEqualTo("TABLE");
        assertThat(events.metadata().database()).isEqualTo(PROJECT);
        assertThat(events.volume().rowCount()).isEqualTo(1_500_000L);
        assertThat(events.volume().byteCount()).isEqualTo(734_003_200L);
        assertThat(events.freshness().lastUpdateTime()).isEqualTo("2026-11-25T08:45:12.345678Z");
        assertThat(events.fields()).extracting(AssetField::name).containsExactly("event_id", "payload", "payload.kind",
                "payload.props", "payload.props.k", "payload.props.v", "ts");
        assertThat(events.fields()).extracting(AssetField::type).containsExactly("VARCHAR", "STRUCT", "VARCHAR", "ARRAY",
                "VARCHAR", "VARCHAR", "TIMESTAMP");

        RelationalAsset sessions = m.get("lake.sessions");
        assertThat(sessions.freshness()).as("no storage change time: no freshness, never 'now'").isNull();
        assertThat(sessions.volume().byteCount()).as("physical bytes when no logical size").isEqualTo(9_437_184L);
        assertThat(sessions.fields()).extracting(AssetField::type).containsExactly("VARCHAR", "DECIMAL");
        assertThat(m.get("Lake_EU_copy.Ereignisse – Übersicht").fields()).extracting(AssetField::name)
                .containsExactly("Straße");
        assertThat(report.get("iceberg tables")).isEqualTo(5);
        assertThat(report.get("iceberg tables without a storage change time")).isEqualTo(1);

        List<BigQueryStandIn.Query> columnQueries = standIn.queries.stream()
                .filter(q -> q.sql().contains("COLUMN_FIELD_PATHS")).toList();
        assertThat(columnQueries).as("one columns query per dataset, not per table").hasSize(3);
        assertThat(columnQueries.stream().filter(q -> q.sql().contains("`lake`")).findFirst().orElseThrow()
                .strings("tables")).containsExactly("clicks", "events", "sessions");
        assertThat(standIn.requests.stream().filter(r -> r.endsWith("/data")).count())
                .as("the 4 us storage rows come in 2 pages").isGreaterThanOrEqualTo(1);
    }

    @Test
    void theBigQuerySourceSeesTheIcebergTableWithoutVolumeBecauseTablesDoesNotListIt() {
        CollectionReport report = new CollectionReport();
        NameFilter lakeOnly = new NameFilter(null, null, Pattern.compile("lake"), null, null, null);
        List<RelationalAsset> plain;
        try (BigQuerySource source = new BigQuerySource(BigQueryFixture.config(standIn, List.of("region-us"), lakeOnly,
                false))) {
            plain = drain(source.metadata(report));
        }
        assertThat(plain).singleElement().satisfies(a -> assertThat(a.volume()).isNull());
        List<RelationalAsset> iceberg;
        try (BigQueryIcebergSource source = source(lakeOnly, false)) {
            iceberg = drain(source.metadata(new CollectionReport()));
        }
        assertThat(byName(iceberg).get("lake.events").volume().rowCount()).isEqualTo(1_500_000L);
    }

    @Test
    void onlyFreshnessAndVolumeRunsNoColumnQueriesAndFiltersApply() {
        NameFilter filter = new NameFilter(null, null, null, Pattern.compile("lake_eu"), null, Pattern.compile("clicks"));
        List<RelationalAsset> assets;
        try (BigQueryIcebergSource source = source(filter, true)) {
            assets = drain(source.metadata(new CollectionReport()));
        }
        assertThat(byName(assets).keySet()).containsExactly("Lake_EU_copy.Ereignisse – Übersicht", "lake.events",
                "lake.sessions");
        assertThat(assets).allSatisfy(a -> assertThat(a.fields()).isEmpty());
        assertThat(standIn.queries).noneMatch(q -> q.sql().contains("COLUMN_FIELD_PATHS"));
    }

    @Test
    void queryLogsAreTheJobsThatTouchedIcebergTables() {
        Instant c = t("2026-11-25T09:05:00Z");
        fixture.jobs.add(new Job("region-us", "reads_iceberg", c, c, c.plusSeconds(3), "ana@acme.com", "SELECT",
                "SELECT * FROM `acme-analytics.lake.events`", "DONE", 1L, 10_485_760L, 5L, false, null, null, null,
                List.of(List.of(PROJECT, "lake", "events")), List.of()));
        fixture.jobs.add(new Job("region-us", "writes_iceberg", c.plusSeconds(60), c.plusSeconds(60), c.plusSeconds(70),
                "etl@acme.com", "INSERT", "INSERT INTO lake.clicks SELECT url FROM sales.ext_clicks", "DONE", 1L, 1L, 5L,
                false, null, null, List.of(PROJECT, "lake", "clicks"), List.of(List.of(PROJECT, "sales", "ext_clicks")),
                List.of()));
        fixture.jobs.add(new Job("region-us", "native_only", c.plusSeconds(120), c.plusSeconds(120), c.plusSeconds(121),
                "ana@acme.com", "SELECT", "SELECT * FROM sales.orders", "DONE", 1L, 1L, 5L, false, null, null, null,
                List.of(List.of(PROJECT, "sales", "orders")), List.of()));
        fixture.jobs.add(new Job("region-europe-west4", "eu_iceberg_failed", c, c, c.plusSeconds(1), "ana@acme.com",
                "SELECT", "SELECT nope FROM lake_eu.events_eu", "DONE", 0L, 0L, 0L, false, "invalidQuery",
                "Unrecognized name: nope at [1:8]", null, List.of(List.of(PROJECT, "lake_eu", "events_eu")), List.of()));
        QueryLogWindow window = new QueryLogWindow(t("2026-11-25T09:00:00Z"), t("2026-11-25T10:00:00Z"));
        CollectionReport report = new CollectionReport();
        List<QueryLogEntry> entries;
        try (BigQueryIcebergSource source = source(NameFilter.ALL, false)) {
            assertThat(source.logType()).isEqualTo("bigquery");
            entries = drain(source.queryLogs(window, report));
        }
        assertThat(entries).extracting(QueryLogEntry::queryId).containsExactly("reads_iceberg", "writes_iceberg",
                "eu_iceberg_failed");
        assertThat(entries.get(2).errorCode()).isEqualTo("invalidQuery");
        assertThat(standIn.queries).allSatisfy(q -> {
            assertThat(q.sql()).contains("TABLE_STORAGE").contains("@iceberg_project");
            assertThat(q.string("iceberg_project")).isEqualTo(PROJECT);
            assertThat(q.timestamp("window_start")).isEqualTo(window.start());
        });
    }

    @Test
    void thereIsNoIcebergLineage() {
        try (BigQueryIcebergSource source = source(NameFilter.ALL, false)) {
            assertThat(source.capabilities()).doesNotContain(io.mcpush.source.Capability.TABLE_LINEAGE);
            assertThatThrownBy(() -> source.lineage(null, new CollectionReport()))
                    .isInstanceOf(UnsupportedOperationException.class);
        }
    }
}
